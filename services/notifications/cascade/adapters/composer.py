"""Composes chaser messages: the bulletin's title, the council's name and its acknowledgement links, read for
the messages' acknowledgement records (their ``source_id``). A message whose record or council is gone is left
out, and delivery cancels it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Protocol

import asyncpg

from peel.notifications.cascade.adapters.chasers import bulletin_title
from peel.notifications.cascade.domain.chasers import ChaserFacts, render_chaser
from peel.notifications.contacts.domain.links import Links
from peel.notifications.messages.domain.outgoing import Content

RECORDS = """
SELECT a.id, a.tenant, a.bulletin_id, a.organisation_id, o.name
FROM acknowledgements a JOIN organisations o ON o.id = a.organisation_id
WHERE a.id = ANY($1::uuid[])
"""


class ChaserMessage(Protocol):
    id: uuid.UUID
    tenant: str
    reference: str
    source_id: uuid.UUID | None
    language: str


class LinkSettings(Protocol):
    def links(self) -> Links: ...


def _number(reference: str) -> int:
    tail = reference.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 1


class ChaserComposer:
    def __init__(self, pool: asyncpg.Pool, settings: LinkSettings) -> None:
        self._pool = pool
        self._links = settings.links()

    async def compose(self, messages: Sequence[ChaserMessage]) -> dict[uuid.UUID, Content]:
        ids = [message.source_id for message in messages if message.source_id is not None]
        async with self._pool.acquire() as connection:
            records = {row["id"]: row for row in await connection.fetch(RECORDS, ids)}
            titles = {key: await bulletin_title(connection, *key)
                      for key in {(row["tenant"], row["bulletin_id"]) for row in records.values()}}
        composed: dict[uuid.UUID, Content] = {}
        for message in messages:
            record = records.get(message.source_id)
            if record is not None and record["tenant"] == message.tenant:
                composed[message.id] = render_chaser(self._facts(message, record, titles))
        return composed

    def _facts(self, message: ChaserMessage, record: asyncpg.Record, titles: dict) -> ChaserFacts:
        links = {language: self._links.acknowledge(record["tenant"], record["bulletin_id"],
                                                   record["organisation_id"], language) for language in ("en", "cy")}
        return ChaserFacts(title=titles[(record["tenant"], record["bulletin_id"])], council=record["name"],
                           links=links, language=message.language, number=_number(message.reference))
