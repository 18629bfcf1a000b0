"""The neighbourhood meetings read model's store: the meetings, each with its outcome (attended, with the
topics raised, or nobody went), and the quarterly attendance plans staff confirmed.

Each change fills its own columns, safe twice and in any order; rows are tuples in each
statement's column order, at most one per key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from peel.reporting.domain.meeting_plans import PlanFacts, plan_facts
from peel.reporting.domain.meetings import MeetingFacts
from peel.reporting.read_models._store import Store

# The facts of the greatest version win (scheduled is version 1).
MEETING_FACTS = """
INSERT INTO {schema}.neighbourhood_meetings AS meeting (meeting_id, tenant, meeting_type, area, starts_at, ends_at,
                                                       public, version)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[],
                     $7::boolean[], $8::integer[])
ON CONFLICT (meeting_id) DO UPDATE SET
    meeting_type = EXCLUDED.meeting_type, area = EXCLUDED.area, starts_at = EXCLUDED.starts_at,
    ends_at = EXCLUDED.ends_at, public = EXCLUDED.public, version = EXCLUDED.version
WHERE meeting.version IS NULL OR meeting.version < EXCLUDED.version
"""
MEETINGS_CANCELLED = """
INSERT INTO {schema}.neighbourhood_meetings (meeting_id, tenant, cancelled_at)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[])
ON CONFLICT (meeting_id) DO UPDATE SET cancelled_at = EXCLUDED.cancelled_at
"""
# An outcome: the office attended (with the topic keys raised, as JSON arrays in text, since an array
# of arrays would need them all the same length) or nobody went (no topics). The latest record wins;
# of two at the same moment, the attendance, then the greater topics (so the order never matters).
MEETING_OUTCOMES = """
INSERT INTO {schema}.neighbourhood_meetings AS meeting (meeting_id, tenant, recorded_at, attended, topics,
                                                       other_topic_count)
SELECT m.id, m.tenant, m.recorded_at, m.attended, ARRAY(SELECT jsonb_array_elements_text(m.topics::jsonb)), m.other
FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::boolean[], $5::text[], $6::integer[])
     AS m(id, tenant, recorded_at, attended, topics, other)
ON CONFLICT (meeting_id) DO UPDATE SET
    recorded_at = EXCLUDED.recorded_at, attended = EXCLUDED.attended, topics = EXCLUDED.topics,
    other_topic_count = EXCLUDED.other_topic_count
WHERE meeting.recorded_at IS NULL
   OR (meeting.recorded_at, meeting.attended, meeting.topics, meeting.other_topic_count)
      < (EXCLUDED.recorded_at, EXCLUDED.attended, EXCLUDED.topics, EXCLUDED.other_topic_count)
"""
# A quarter's plan (its lists as JSON text): the greatest version confirmed wins.
SAVE_PLANS = """
INSERT INTO {schema}.meeting_plans AS plan (tenant, quarter, version, confirmed_at, assignments, uncovered)
SELECT p.tenant, p.quarter, p.version, p.confirmed_at, p.assignments::jsonb, p.uncovered::jsonb
FROM unnest($1::text[], $2::text[], $3::integer[], $4::timestamptz[], $5::text[], $6::text[])
     AS p(tenant, quarter, version, confirmed_at, assignments, uncovered)
ON CONFLICT (tenant, quarter) DO UPDATE SET
    version = EXCLUDED.version, confirmed_at = EXCLUDED.confirmed_at, assignments = EXCLUDED.assignments,
    uncovered = EXCLUDED.uncovered
WHERE (plan.version, plan.confirmed_at) < (EXCLUDED.version, EXCLUDED.confirmed_at)
"""
MEETINGS = """
SELECT meeting_id, meeting_type, area, starts_at, public, cancelled_at IS NOT NULL AS cancelled,
       coalesce(attended, false) AS attended,
       CASE WHEN attended THEN coalesce(topics, '{{}}') ELSE '{{}}' END AS topics,
       CASE WHEN attended THEN coalesce(other_topic_count, 0) ELSE 0 END AS other_topics
FROM {schema}.neighbourhood_meetings
WHERE tenant = $1 AND starts_at IS NOT NULL
  AND ($2::date IS NULL OR (starts_at AT TIME ZONE 'Europe/London')::date >= $2)
  AND ($3::date IS NULL OR (starts_at AT TIME ZONE 'Europe/London')::date <= $3)
ORDER BY starts_at, meeting_id
"""
PLANS = """
SELECT quarter, version, confirmed_at, assignments, uncovered FROM {schema}.meeting_plans WHERE tenant = $1
"""


class MeetingStore(Store):
    async def meeting_facts(self, rows: Sequence[tuple]) -> None:
        await self._rows(MEETING_FACTS, rows)

    async def meetings_cancelled(self, rows: Sequence[tuple]) -> None:
        await self._rows(MEETINGS_CANCELLED, rows)

    async def meeting_outcomes(self, rows: Sequence[tuple]) -> None:
        await self._rows(MEETING_OUTCOMES, rows)

    async def save_plans(self, rows: Sequence[tuple]) -> None:
        await self._rows(SAVE_PLANS, rows)

    async def meetings(self, tenant: str, starts_on: date | None, ends_on: date | None) -> list[MeetingFacts]:
        """The tenant's meetings starting between the days given (in England and Wales), cancelled ones too."""
        rows = await self._fetch(MEETINGS, tenant, starts_on, ends_on)
        return [MeetingFacts(**{**dict(row), "topics": tuple(row["topics"])}) for row in rows]

    async def plans(self, tenant: str) -> list[PlanFacts]:
        """The tenant's confirmed attendance plans, the latest of each quarter."""
        return [plan_facts(**dict(row)) for row in await self._fetch(PLANS, tenant)]
