"""Neighbourhood meeting figures, attendance plans and assemblies' recommendations, for staff of the tenant."""

from __future__ import annotations

import uuid
from datetime import date

from peel.common.errors import NotFound
from peel.reporting.adapters.meetings_reader import MeetingsReader
from peel.reporting.domain.meeting_plans import CoverageReport, coverage_report
from peel.reporting.domain.meetings import LastAndNext, MeetingReport, every_area_last_and_next, meeting_report
from peel.reporting.domain.recommendations import Recommendations, recommendations


async def meetings_by_area(reader: MeetingsReader, tenant: str, starts_on: date | None,
                           ends_on: date | None) -> MeetingReport:
    """Meetings starting from ``starts_on`` to ``ends_on`` (both included, either open) per area and quarter."""
    return meeting_report(await reader.meetings(tenant, starts_on, ends_on), starts_on, ends_on)


async def plan_coverage(reader: MeetingsReader, tenant: str, starts_on: date | None,
                        ends_on: date | None) -> CoverageReport:
    """The confirmed plans of quarters meeting the period beside the meetings attended, per area and quarter."""
    return coverage_report(await reader.plans(tenant), await reader.meetings(tenant, None, None), starts_on, ends_on)


async def meetings_last_and_next(reader: MeetingsReader, tenant: str, today: date) -> tuple[LastAndNext, ...]:
    return every_area_last_and_next(await reader.meetings(tenant, None, None), today)


async def assembly_recommendations(reader: MeetingsReader, tenant: str, assembly_id: uuid.UUID,
                                   today: date) -> Recommendations:
    """Not found unless the tenant created the assembly."""
    assembly = await reader.assembly(tenant, assembly_id)
    if assembly is None:
        raise NotFound(f"no assembly {assembly_id}")
    return recommendations(assembly_id, assembly.title, await reader.recommendations(tenant, assembly_id),
                           await reader.assembly_meetings(tenant, assembly_id), today)
