"""The council acknowledgements read model's store: one row per stakeholder bulletin and council.

Inclusion fills when and where the council was sent the bulletin; an acknowledgement its furthest state
(the latest of equal ones), so both are safe twice and in any order.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from peel.reporting.read_models._store import Store

INCLUDED = """
INSERT INTO {schema}.council_acknowledgements (bulletin_id, organisation_id, tenant, area, sent_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[])
ON CONFLICT (bulletin_id, organisation_id) DO UPDATE SET
    area = EXCLUDED.area, sent_at = least(council_acknowledgements.sent_at, EXCLUDED.sent_at)
"""
ACKNOWLEDGED = """
INSERT INTO {schema}.council_acknowledgements AS ack
    (bulletin_id, organisation_id, tenant, area, rank, acknowledged_at, agenda_date)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::smallint[], $6::timestamptz[],
                     $7::date[])
ON CONFLICT (bulletin_id, organisation_id) DO UPDATE SET
    rank = EXCLUDED.rank, agenda_date = EXCLUDED.agenda_date, acknowledged_at = EXCLUDED.acknowledged_at
WHERE (ack.rank, coalesce(ack.acknowledged_at, '-infinity')) < (EXCLUDED.rank, EXCLUDED.acknowledged_at)
"""
BY_AREA = """
SELECT area, count(DISTINCT organisation_id)::integer AS councils, count(*)::integer AS sent,
       count(*) FILTER (WHERE rank >= 1)::integer AS acknowledged,
       count(*) FILTER (WHERE rank >= 2)::integer AS shared,
       count(*) FILTER (WHERE rank = 3)::integer AS on_agenda
FROM {schema}.council_acknowledgements
WHERE tenant = $1 AND ($2::uuid IS NULL OR bulletin_id = $2)
  AND ($3::date IS NULL OR (coalesce(sent_at, acknowledged_at) AT TIME ZONE 'Europe/London')::date >= $3)
  AND ($4::date IS NULL OR (coalesce(sent_at, acknowledged_at) AT TIME ZONE 'Europe/London')::date <= $4)
GROUP BY area ORDER BY area
"""
COUNCILS = """
SELECT count(DISTINCT organisation_id)::integer FROM {schema}.council_acknowledgements
WHERE tenant = $1 AND ($2::uuid IS NULL OR bulletin_id = $2)
  AND ($3::date IS NULL OR (coalesce(sent_at, acknowledged_at) AT TIME ZONE 'Europe/London')::date >= $3)
  AND ($4::date IS NULL OR (coalesce(sent_at, acknowledged_at) AT TIME ZONE 'Europe/London')::date <= $4)
"""


class CouncilAcknowledgementStore(Store):
    async def included(self, rows: Sequence[tuple]) -> None:
        await self._rows(INCLUDED, rows)

    async def acknowledged(self, rows: Sequence[tuple]) -> None:
        await self._rows(ACKNOWLEDGED, rows)

    async def by_area(self, tenant: str, bulletin_id: uuid.UUID | None, starts_on: date | None,
                      ends_on: date | None) -> list[dict]:
        return [dict(row) for row in await self._fetch(BY_AREA, tenant, bulletin_id, starts_on, ends_on)]

    async def councils(self, tenant: str, bulletin_id: uuid.UUID | None, starts_on: date | None,
                       ends_on: date | None) -> int:
        return await self._fetchval(COUNCILS, tenant, bulletin_id, starts_on, ends_on)
