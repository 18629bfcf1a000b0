"""Acknowledgement records on PostgreSQL, and the councils found among stakeholder bulletins' messages.

A council is included when a stakeholder bulletin's message (not suppressed or cancelled) names it in its
personalisation (``organisation_id``, set by bulletins for role holders) or, once that is forgotten after
delivery, when the message's contact holds a role in a council.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

import asyncpg

from peel.notifications.cascade.domain.acknowledgements import Acknowledgement, AckState
from peel.notifications.cascade.service_layer.ports import Counts, Inclusion

COLUMNS = ("id, tenant, bulletin_id, organisation_id, area, sender, topic, included_at, state, agenda_date, note, "
           "acknowledged_at, chasers_sent, last_chased_at")
COUNCIL_KINDS = "('parish_council', 'town_council', 'community_council')"
NAMED = "m.personalisation->>'organisation_id' ~ '^[0-9a-fA-F-]{36}$'"
INCLUSIONS = f"""
SELECT DISTINCT ON (m.bulletin_id, o.id) m.tenant, m.bulletin_id, o.id AS organisation_id, o.area, m.sender,
       coalesce(m.topic, 'cascade') AS topic, m.created_at AS at
FROM messages m
JOIN organisations o ON o.tenant = m.tenant AND (
    (CASE WHEN {NAMED} THEN (m.personalisation->>'organisation_id')::uuid END) = o.id
    OR (NOT coalesce({NAMED}, false) AND o.kind IN {COUNCIL_KINDS} AND o.id IN (
        SELECT r.organisation_id FROM organisation_roles r WHERE r.contact_id = m.contact_id)))
WHERE m.source = 'bulletin' AND m.category = 'stakeholder' AND m.created_at >= $1 AND m.bulletin_id IS NOT NULL
  AND ($2::uuid IS NULL OR m.bulletin_id = $2) AND m.status NOT IN ('suppressed', 'cancelled')
  AND NOT EXISTS (SELECT 1 FROM acknowledgements a WHERE a.bulletin_id = m.bulletin_id AND a.organisation_id = o.id)
ORDER BY m.bulletin_id, o.id, m.created_at
"""
ADD = f"""
INSERT INTO acknowledgements ({COLUMNS})
SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                     $8::timestamptz[], $9::text[], $10::date[], $11::text[], $12::timestamptz[], $13::integer[],
                     $14::timestamptz[])
ON CONFLICT (bulletin_id, organisation_id) DO NOTHING
RETURNING id
"""
SAVE = """
UPDATE acknowledgements SET state = $2, agenda_date = $3, note = $4, acknowledged_at = $5, chasers_sent = $6,
       last_chased_at = $7
WHERE id = $1
"""
# Only councils with a clerk or generic inbox to write to, lest those without fill every batch.
TO_CHASE = f"""
SELECT {COLUMNS} FROM acknowledgements a
WHERE state IS NULL AND chasers_sent < $2 AND coalesce(last_chased_at, included_at) <= $1
  AND EXISTS (SELECT 1 FROM organisation_roles r JOIN contacts c ON c.id = r.contact_id
              WHERE r.organisation_id = a.organisation_id AND r.role IN ('clerk', 'generic_inbox')
                AND c.erased_at IS NULL AND c.email IS NOT NULL)
ORDER BY included_at LIMIT $3
FOR UPDATE OF a SKIP LOCKED
"""
OF_BULLETIN = f"""
SELECT {COLUMNS} FROM acknowledgements
WHERE tenant = $1 AND bulletin_id = $2
  AND ($3::text IS NULL OR ($3 = 'none' AND state IS NULL) OR state = $3)
ORDER BY area, organisation_id
"""
COUNTS = """
SELECT count(*) AS councils, count(state) AS acknowledged,
       count(*) FILTER (WHERE state = 'received') AS received, count(*) FILTER (WHERE state = 'shared') AS shared,
       count(*) FILTER (WHERE state = 'on_agenda') AS on_agenda, count(*) FILTER (WHERE chasers_sent > 0) AS chased
FROM acknowledgements WHERE tenant = $1 AND bulletin_id = $2
"""


def _record(row: asyncpg.Record) -> Acknowledgement:
    values = dict(row)
    values["state"] = AckState(values["state"]) if values["state"] else None
    return Acknowledgement(**values)


def _row(record: Acknowledgement) -> tuple:
    return (record.id, record.tenant, record.bulletin_id, record.organisation_id, record.area, record.sender,
            record.topic, record.included_at, record.state, record.agenda_date, record.note, record.acknowledged_at,
            record.chasers_sent, record.last_chased_at)


class PostgresAcknowledgements:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def inclusions(self, since: datetime, bulletin_id: uuid.UUID | None = None) -> list[Inclusion]:
        return [Inclusion(**dict(row)) for row in await self._connection.fetch(INCLUSIONS, since, bulletin_id)]

    async def add(self, records: Sequence[Acknowledgement]) -> list[Acknowledgement]:
        if not records:
            return []
        columns = [list(column) for column in zip(*map(_row, records), strict=True)]
        stored = {row["id"] for row in await self._connection.fetch(ADD, *columns)}
        return [record for record in records if record.id in stored]

    async def get(self, tenant: str, bulletin_id: uuid.UUID, organisation_id: uuid.UUID,
                  for_update: bool = False) -> Acknowledgement | None:
        sql = (f"SELECT {COLUMNS} FROM acknowledgements WHERE tenant = $1 AND bulletin_id = $2 "
               f"AND organisation_id = $3{' FOR UPDATE' if for_update else ''}")
        row = await self._connection.fetchrow(sql, tenant, bulletin_id, organisation_id)
        return _record(row) if row else None

    async def save(self, record: Acknowledgement) -> None:
        await self._connection.execute(SAVE, record.id, record.state, record.agenda_date, record.note,
                                       record.acknowledged_at, record.chasers_sent, record.last_chased_at)

    async def to_chase(self, waited_since: datetime, most_chasers: int, limit: int) -> list[Acknowledgement]:
        return [_record(row) for row in await self._connection.fetch(TO_CHASE, waited_since, most_chasers, limit)]

    async def of_bulletin(self, tenant: str, bulletin_id: uuid.UUID, state: str | None) -> list[Acknowledgement]:
        return [_record(row) for row in await self._connection.fetch(OF_BULLETIN, tenant, bulletin_id, state)]

    async def counts(self, tenant: str, bulletin_id: uuid.UUID) -> Counts:
        return Counts(**dict(await self._connection.fetchrow(COUNTS, tenant, bulletin_id)))
