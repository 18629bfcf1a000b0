"""Read models of neighbourhood meetings and of assemblies' recommendations, for staff of the tenant."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response

from peel.reporting.adapters.meetings_reader import MeetingsReader
from peel.reporting.adapters.reader import reading
from peel.reporting.domain.meeting_plans import CoverageReport
from peel.reporting.domain.meetings import LastAndNext, MeetingReport
from peel.reporting.domain.meetings_export import (
    COVERAGE_COLUMNS,
    LAST_AND_NEXT_COLUMNS,
    RECOMMENDATION_COLUMNS,
    coverage_table,
    last_and_next_table,
    meeting_columns,
    meeting_table,
    recommendation_table,
)
from peel.reporting.domain.recommendations import Recommendations
from peel.reporting.entrypoints.http.meetings_schemas import (
    CoverageReportPublic,
    LastAndNextReportPublic,
    MeetingReportPublic,
    RecommendationsPublic,
)
from peel.reporting.entrypoints.http.panel_routes import Today
from peel.reporting.entrypoints.http.routes import Analyst, csv_response
from peel.reporting.entrypoints.http.scheduling_routes import CSV, NO_ASSEMBLY, Period
from peel.reporting.service_layer.meetings_reports import (
    assembly_recommendations,
    meetings_by_area,
    meetings_last_and_next,
    plan_coverage,
)

router = APIRouter(prefix="/v1", tags=["scheduling"])
CSV_AREAS = {200: {"content": {"text/csv": {}}, "description": "One row per area"}}
CSV_RECOMMENDATIONS = {200: {"content": {"text/csv": {}}, "description": "One row per recommendation"}, **NO_ASSEMBLY}


async def _meetings(request: Request, tenant: str, starts_on: date | None, ends_on: date | None) -> MeetingReport:
    async with reading(request.app.state.runtime.pool, MeetingsReader) as reader:
        return await meetings_by_area(reader, tenant, starts_on, ends_on)


async def _coverage(request: Request, tenant: str, starts_on: date | None, ends_on: date | None) -> CoverageReport:
    async with reading(request.app.state.runtime.pool, MeetingsReader) as reader:
        return await plan_coverage(reader, tenant, starts_on, ends_on)


async def _last_and_next(request: Request, tenant: str, today: date) -> tuple[LastAndNext, ...]:
    async with reading(request.app.state.runtime.pool, MeetingsReader) as reader:
        return await meetings_last_and_next(reader, tenant, today)


async def _recommendations(request: Request, tenant: str, assembly_id: uuid.UUID, today: date) -> Recommendations:
    async with reading(request.app.state.runtime.pool, MeetingsReader) as reader:
        return await assembly_recommendations(reader, tenant, assembly_id, today)


@router.get("/scheduling/meetings/by-area", summary="Neighbourhood meetings known and attended, and the topics "
                                                    "raised, per area and quarter")
async def get_meetings_by_area(principal: Analyst, request: Request, days: Period) -> MeetingReportPublic:
    return MeetingReportPublic.model_validate(asdict(await _meetings(request, principal.tenant, *days)))


@router.get("/scheduling/meetings/by-area.csv", response_class=Response, responses=CSV,
            summary="Neighbourhood meeting figures per area and quarter as CSV")
async def get_meetings_by_area_csv(principal: Analyst, request: Request, days: Period) -> Response:
    found = await _meetings(request, principal.tenant, *days)
    return csv_response(meeting_columns(found), meeting_table(found), "meetings-by-area.csv")


@router.get("/scheduling/meetings/plan-coverage", summary="The quarterly attendance plans beside the meetings "
                                                          "attended, per area and quarter")
async def get_plan_coverage(principal: Analyst, request: Request, days: Period) -> CoverageReportPublic:
    return CoverageReportPublic.model_validate(asdict(await _coverage(request, principal.tenant, *days)))


@router.get("/scheduling/meetings/plan-coverage.csv", response_class=Response, responses=CSV,
            summary="Attendance plans beside the meetings attended, per area and quarter, as CSV")
async def get_plan_coverage_csv(principal: Analyst, request: Request, days: Period) -> Response:
    found = await _coverage(request, principal.tenant, *days)
    return csv_response(COVERAGE_COLUMNS, coverage_table(found), "meetings-plan-coverage.csv")


@router.get("/scheduling/meetings/last-and-next", summary="Every area's last and next neighbourhood meeting")
async def get_last_and_next(principal: Analyst, request: Request, today: Today) -> LastAndNextReportPublic:
    found = await _last_and_next(request, principal.tenant, today)
    return LastAndNextReportPublic(today=today, areas=[asdict(area) for area in found])


@router.get("/scheduling/meetings/last-and-next.csv", response_class=Response, responses=CSV_AREAS,
            summary="Every area's last and next neighbourhood meeting as CSV")
async def get_last_and_next_csv(principal: Analyst, request: Request, today: Today) -> Response:
    found = await _last_and_next(request, principal.tenant, today)
    return csv_response(LAST_AND_NEXT_COLUMNS, last_and_next_table(found), "meetings-last-and-next.csv")


@router.get("/assemblies/{assembly_id}/recommendations", responses=NO_ASSEMBLY,
            summary="An assembly's recommendations, the response to each and its progress, and its meetings held")
async def get_recommendations(assembly_id: uuid.UUID, principal: Analyst, request: Request,
                              today: Today) -> RecommendationsPublic:
    found = await _recommendations(request, principal.tenant, assembly_id, today)
    return RecommendationsPublic.model_validate(asdict(found))


@router.get("/assemblies/{assembly_id}/recommendations.csv", response_class=Response, responses=CSV_RECOMMENDATIONS,
            summary="An assembly's recommendations as CSV")
async def get_recommendations_csv(assembly_id: uuid.UUID, principal: Analyst, request: Request,
                                  today: Today) -> Response:
    found = await _recommendations(request, principal.tenant, assembly_id, today)
    return csv_response(RECOMMENDATION_COLUMNS, recommendation_table(found),
                        f"assembly-{assembly_id}-recommendations.csv")
