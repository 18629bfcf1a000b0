"""Neighbourhood meetings per area and quarter, every area's last and next meeting, and the quarterly
attendance plans beside the meetings attended, for staff of the tenant."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request

from peel.reporting.domain.meeting_plans import CoverageReport, coverage_report
from peel.reporting.domain.meetings import (
    LastAndNext,
    LastAndNextReport,
    MeetingReport,
    every_area_last_and_next,
    meeting_report,
)
from peel.reporting.domain.meetings_export import (
    COVERAGE_COLUMNS,
    LAST_AND_NEXT_COLUMNS,
    coverage_table,
    last_and_next_table,
    meeting_columns,
    meeting_table,
)
from peel.reporting.read_models._http import PER_AREA_AND_QUARTER, Analyst, Period, Today, fixed, report
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.meetings.store import MeetingStore

router = APIRouter(prefix="/v1", tags=["scheduling"])


async def meetings_by_area(store: MeetingStore, tenant: str, starts_on: date | None,
                           ends_on: date | None) -> MeetingReport:
    """Meetings starting from ``starts_on`` to ``ends_on`` (both included, either open) per area and quarter."""
    return meeting_report(await store.meetings(tenant, starts_on, ends_on), starts_on, ends_on)


async def plan_coverage(store: MeetingStore, tenant: str, starts_on: date | None,
                        ends_on: date | None) -> CoverageReport:
    """The confirmed plans of quarters meeting the period beside the meetings attended, per area and quarter."""
    return coverage_report(await store.plans(tenant), await store.meetings(tenant, None, None), starts_on, ends_on)


async def meetings_last_and_next(store: MeetingStore, tenant: str, today: date) -> tuple[LastAndNext, ...]:
    return every_area_last_and_next(await store.meetings(tenant, None, None), today)


@report(router, "/scheduling/meetings/by-area",
        summary="Neighbourhood meetings known and attended, and the topics raised, per area and quarter",
        csv_summary="Neighbourhood meeting figures per area and quarter as CSV", csv_rows=PER_AREA_AND_QUARTER,
        columns=meeting_columns, rows=meeting_table, filename="meetings-by-area.csv")
async def get_meetings_by_area(principal: Analyst, request: Request, days: Period) -> MeetingReport:
    async with reading(request.app.state.runtime.pool, MeetingStore) as store:
        return await meetings_by_area(store, principal.tenant, *days)


@report(router, "/scheduling/meetings/plan-coverage",
        summary="The quarterly attendance plans beside the meetings attended, per area and quarter",
        csv_summary="Attendance plans beside the meetings attended, per area and quarter, as CSV",
        csv_rows=PER_AREA_AND_QUARTER, columns=fixed(COVERAGE_COLUMNS), rows=coverage_table,
        filename="meetings-plan-coverage.csv")
async def get_plan_coverage(principal: Analyst, request: Request, days: Period) -> CoverageReport:
    async with reading(request.app.state.runtime.pool, MeetingStore) as store:
        return await plan_coverage(store, principal.tenant, *days)


@report(router, "/scheduling/meetings/last-and-next",
        summary="Every area's last and next neighbourhood meeting",
        csv_summary="Every area's last and next neighbourhood meeting as CSV", csv_rows="One row per area",
        columns=fixed(LAST_AND_NEXT_COLUMNS), rows=lambda found: last_and_next_table(found.areas),
        filename="meetings-last-and-next.csv")
async def get_last_and_next(principal: Analyst, request: Request, today: Today) -> LastAndNextReport:
    async with reading(request.app.state.runtime.pool, MeetingStore) as store:
        return LastAndNextReport(today, await meetings_last_and_next(store, principal.tenant, today))
