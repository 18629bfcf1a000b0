"""Composes digest messages: the items of every bulletin a digest took (its entries' ``digest_id`` is the
message's id), merged each item once, in the contact's language, with unsubscribe and preferences links.

Reads the bulletins' own table (``bulletins.items``: title and body per language, with ``kind`` and
``source_id`` for gathered items). A message whose entries or bulletins are gone is left out, and delivery
cancels it.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol

import asyncpg

from peel.notifications.contacts.domain.links import Links
from peel.notifications.digests.domain.digests import DigestFrequency, DigestItem, item_key, merge
from peel.notifications.digests.domain.rendering import DigestFacts, render_digest
from peel.notifications.messages.domain.outgoing import Content

TAKEN = """
SELECT e.digest_id, e.bulletin_id, b.items, r.frequency
FROM digest_entries e JOIN bulletins b ON b.id = e.bulletin_id AND b.tenant = e.tenant
JOIN digest_runs r ON r.id = $2
WHERE e.digest_id = ANY($1::uuid[])
ORDER BY e.created_at, e.bulletin_id
"""


class DigestMessage(Protocol):
    id: uuid.UUID
    tenant: str
    contact_id: uuid.UUID | None
    source_id: uuid.UUID | None
    sender: str
    topic: str | None
    channel: str
    language: str


class LinkSettings(Protocol):
    def links(self) -> Links: ...


def items_of(items: object) -> list[DigestItem]:
    if not isinstance(items, list):
        return []
    return [DigestItem(item_key(item), dict(item.get("title") or {}), dict(item.get("body") or {}))
            for item in items if isinstance(item, dict)]


class DigestComposer:
    def __init__(self, pool: asyncpg.Pool, settings: LinkSettings) -> None:
        self._pool = pool
        self._links = settings.links()

    async def compose(self, messages: Sequence[DigestMessage]) -> dict[uuid.UUID, Content]:
        by_run: dict[uuid.UUID, list[DigestMessage]] = defaultdict(list)
        for message in messages:
            if message.source_id is not None and message.contact_id is not None:
                by_run[message.source_id].append(message)
        composed: dict[uuid.UUID, Content] = {}
        async with self._pool.acquire() as connection:
            for run_id, of_run in by_run.items():
                composed |= await self._compose_run(connection, run_id, of_run)
        return composed

    async def _compose_run(self, connection: asyncpg.Connection, run_id: uuid.UUID,
                           messages: Sequence[DigestMessage]) -> dict[uuid.UUID, Content]:
        rows = await connection.fetch(TAKEN, [message.id for message in messages], run_id)
        bulletins: dict[uuid.UUID, list[list[DigestItem]]] = defaultdict(list)
        frequency = DigestFrequency.DAILY
        for row in rows:
            bulletins[row["digest_id"]].append(items_of(row["items"]))
            frequency = DigestFrequency(row["frequency"])
        return {message.id: render_digest(self._facts(message, merge(bulletins[message.id]), frequency))
                for message in messages if bulletins.get(message.id)}

    def _facts(self, message: DigestMessage, items: list[DigestItem], frequency: DigestFrequency) -> DigestFacts:
        assert message.contact_id is not None
        unsubscribe = {language: self._links.unsubscribe(message.tenant, message.contact_id, message.sender,
                                                         message.topic or "", str(message.channel), message.id,
                                                         language) for language in ("en", "cy")}
        preferences = {language: self._links.preferences(message.tenant, message.contact_id, language)
                       for language in ("en", "cy")}
        return DigestFacts(frequency, message.language, items, unsubscribe, preferences)
