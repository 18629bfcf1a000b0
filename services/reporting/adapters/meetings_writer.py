"""Changes to the read models of neighbourhood meetings and their quarterly plans, and of assemblies'
recommendations and meetings: each fills its own columns, safe twice and in any order."""

from __future__ import annotations

from collections.abc import Sequence

from peel.reporting.adapters.scheduling_writer import SchedulingWriter

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
PLANS = """
INSERT INTO {schema}.meeting_plans AS plan (tenant, quarter, version, confirmed_at, assignments, uncovered)
SELECT p.tenant, p.quarter, p.version, p.confirmed_at, p.assignments::jsonb, p.uncovered::jsonb
FROM unnest($1::text[], $2::text[], $3::integer[], $4::timestamptz[], $5::text[], $6::text[])
     AS p(tenant, quarter, version, confirmed_at, assignments, uncovered)
ON CONFLICT (tenant, quarter) DO UPDATE SET
    version = EXCLUDED.version, confirmed_at = EXCLUDED.confirmed_at, assignments = EXCLUDED.assignments,
    uncovered = EXCLUDED.uncovered
WHERE (plan.version, plan.confirmed_at) < (EXCLUDED.version, EXCLUDED.confirmed_at)
"""
RECOMMENDATIONS_MADE = """
INSERT INTO {schema}.assembly_recommendations (recommendation_id, assembly_id, tenant, number, text, support_share,
                                               made_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::integer[], $5::text[], $6::float8[], $7::timestamptz[])
ON CONFLICT (recommendation_id) DO UPDATE SET
    number = EXCLUDED.number, text = EXCLUDED.text, support_share = EXCLUDED.support_share, made_at = EXCLUDED.made_at
"""
RESPONSES = """
INSERT INTO {schema}.assembly_recommendations (recommendation_id, assembly_id, tenant, number, decision, due,
                                               responded_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::integer[], $5::text[], $6::date[], $7::timestamptz[])
ON CONFLICT (recommendation_id) DO UPDATE SET
    decision = EXCLUDED.decision, due = EXCLUDED.due, responded_at = EXCLUDED.responded_at
"""
PROGRESS = """
INSERT INTO {schema}.assembly_recommendation_progress (recommendation_id, at, tenant, done)
SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::boolean[])
ON CONFLICT (recommendation_id, at) DO NOTHING
"""
ASSEMBLY_MEETINGS = """
INSERT INTO {schema}.assembly_meetings (meeting_id, assembly_id, tenant, format, members, attended, held_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::integer[], $6::integer[], $7::timestamptz[])
ON CONFLICT (meeting_id) DO NOTHING
"""


class MeetingsWriter(SchedulingWriter):
    """The scheduling writer, with neighbourhood meetings and assemblies' recommendations and meetings."""

    async def meeting_facts(self, rows: Sequence[tuple]) -> None:
        await self._rows(MEETING_FACTS, rows)

    async def meetings_cancelled(self, rows: Sequence[tuple]) -> None:
        await self._rows(MEETINGS_CANCELLED, rows)

    async def meeting_outcomes(self, rows: Sequence[tuple]) -> None:
        await self._rows(MEETING_OUTCOMES, rows)

    async def plans(self, rows: Sequence[tuple]) -> None:
        await self._rows(PLANS, rows)

    async def recommendations_made(self, rows: Sequence[tuple]) -> None:
        await self._rows(RECOMMENDATIONS_MADE, rows)

    async def responses(self, rows: Sequence[tuple]) -> None:
        await self._rows(RESPONSES, rows)

    async def progress(self, rows: Sequence[tuple]) -> None:
        await self._rows(PROGRESS, rows)

    async def assembly_meetings(self, rows: Sequence[tuple]) -> None:
        await self._rows(ASSEMBLY_MEETINGS, rows)
