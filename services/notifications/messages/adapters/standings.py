"""What stands now for a batch about to be sent, in one statement: the consents in force of its contacts, the
suppressions in force of its addresses, and which contacts want plain-text email."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

import asyncpg

from peel.notifications.contacts.domain.consents import (
    Channel,
    Consent,
    ConsentChange,
    Scope,
    Suppression,
    SuppressionReason,
)
from peel.notifications.messages.domain.messages import Message, Standing

STANDING = """
WITH wanted AS (SELECT DISTINCT tenant, contact_id FROM unnest($1::text[], $2::uuid[]) AS w(tenant, contact_id)),
     addresses AS (SELECT DISTINCT tenant, address_hash FROM unnest($3::text[], $4::text[]) AS a(tenant, address_hash)),
     known AS (SELECT k.id, k.accessibility FROM contacts k
               JOIN wanted w ON w.tenant = k.tenant AND w.contact_id = k.id)
SELECT
    (SELECT coalesce(jsonb_agg(to_jsonb(c)), '[]'::jsonb) FROM (
        SELECT DISTINCT ON (c.contact_id, c.sender, c.topic, c.channel)
               c.id, c.contact_id, c.sender, c.topic, c.channel, c.given, c.source, c.wording_version, c.recorded_at,
               c.recorded_by
        FROM consents c JOIN known ON known.id = c.contact_id
        ORDER BY c.contact_id, c.sender, c.topic, c.channel, c.recorded_at DESC, c.position DESC) c) AS consents,
    (SELECT coalesce(jsonb_agg(to_jsonb(s)), '[]'::jsonb) FROM (
        SELECT s.id, s.tenant, s.address_hash, s.channel, s.reason, s.scope, s.scope_value, s.created_at,
               s.created_by
        FROM suppressions s JOIN addresses a ON a.tenant = s.tenant AND a.address_hash = s.address_hash
        WHERE s.removed_at IS NULL) s) AS suppressions,
    (SELECT coalesce(array_agg(known.id), '{}') FROM known WHERE 'plain_text' = ANY(known.accessibility)) AS plain_text
"""


class PostgresStandings:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def of(self, messages: Sequence[Message]) -> Standing:
        contacts = [(m.tenant, m.contact_id) for m in messages if m.contact_id is not None]
        hashes = [(m.tenant, hashed) for m in messages if (hashed := m.hashed_address) is not None]
        row = await self._connection.fetchrow(STANDING, *_columns(contacts, 2), *_columns(hashes, 2))
        return Standing(_consents(row["consents"]), _suppressions(row["suppressions"]), frozenset(row["plain_text"]))


def _columns(pairs: Sequence[tuple], width: int) -> list[list]:
    return [list(column) for column in zip(*pairs, strict=True)] if pairs else [[] for _ in range(width)]


def _consents(rows: list[dict]) -> dict[uuid.UUID, tuple[Consent, ...]]:
    found: dict[uuid.UUID, list[Consent]] = defaultdict(list)
    for row in rows:
        contact_id = uuid.UUID(row["contact_id"])
        change = ConsentChange(row["sender"], row["topic"], Channel(row["channel"]), row["given"], row["source"],
                               row["wording_version"])
        found[contact_id].append(Consent(uuid.UUID(row["id"]), contact_id, change,
                                         datetime.fromisoformat(row["recorded_at"]), row["recorded_by"]))
    return {contact_id: tuple(records) for contact_id, records in found.items()}


def _suppressions(rows: list[dict]) -> dict[tuple[str, str], tuple[Suppression, ...]]:
    found: dict[tuple[str, str], list[Suppression]] = defaultdict(list)
    for row in rows:
        found[(row["tenant"], row["address_hash"])].append(Suppression(
            uuid.UUID(row["id"]), row["tenant"], row["address_hash"], Channel(row["channel"]),
            SuppressionReason(row["reason"]), Scope(row["scope"]), row["scope_value"],
            datetime.fromisoformat(row["created_at"]), row["created_by"]))
    return {key: tuple(suppressions) for key, suppressions in found.items()}
