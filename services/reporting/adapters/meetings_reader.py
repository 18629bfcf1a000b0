"""Neighbourhood meetings, and assemblies' recommendations and meetings held, as the read models hold them."""

from __future__ import annotations

import uuid
from datetime import date

from peel.reporting.adapters.scheduling_reader import SchedulingReader
from peel.reporting.domain.meeting_plans import PlanFacts, plan_facts
from peel.reporting.domain.meetings import MeetingFacts
from peel.reporting.domain.recommendations import AssemblyMeetingFacts, RecommendationFacts

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
RECOMMENDATIONS = """
SELECT r.recommendation_id, r.number, r.text, r.support_share, r.made_at, r.decision, r.due, r.responded_at,
       count(p.at) AS progress_updates,
       coalesce((array_agg(p.done ORDER BY p.at DESC))[1], false) AS done
FROM {schema}.assembly_recommendations r
LEFT JOIN {schema}.assembly_recommendation_progress p
       ON p.recommendation_id = r.recommendation_id AND p.tenant = r.tenant
WHERE r.assembly_id = $1 AND r.tenant = $2
GROUP BY r.recommendation_id
"""
ASSEMBLY_MEETINGS = """
SELECT meeting_id, format, members, attended, held_at
FROM {schema}.assembly_meetings WHERE assembly_id = $1 AND tenant = $2
"""


class MeetingsReader(SchedulingReader):
    async def meetings(self, tenant: str, starts_on: date | None, ends_on: date | None) -> list[MeetingFacts]:
        """The tenant's meetings starting between the days given (in England and Wales), cancelled ones too."""
        rows = await self._connection.fetch(self._sql(MEETINGS), tenant, starts_on, ends_on)
        return [MeetingFacts(**{**dict(row), "topics": tuple(row["topics"])}) for row in rows]

    async def plans(self, tenant: str) -> list[PlanFacts]:
        """The tenant's confirmed attendance plans, the latest of each quarter."""
        return [plan_facts(**dict(row)) for row in await self._connection.fetch(self._sql(PLANS), tenant)]

    async def recommendations(self, tenant: str, assembly_id: uuid.UUID) -> list[RecommendationFacts]:
        rows = await self._connection.fetch(self._sql(RECOMMENDATIONS), assembly_id, tenant)
        return [RecommendationFacts(**dict(row)) for row in rows]

    async def assembly_meetings(self, tenant: str, assembly_id: uuid.UUID) -> list[AssemblyMeetingFacts]:
        rows = await self._connection.fetch(self._sql(ASSEMBLY_MEETINGS), assembly_id, tenant)
        return [AssemblyMeetingFacts(**dict(row)) for row in rows]
