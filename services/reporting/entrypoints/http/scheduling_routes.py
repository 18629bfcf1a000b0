"""Read models of the scheduling service's events: surgeries per area and quarter, assembly composition."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response

from peel.reporting.adapters.reader import reading
from peel.reporting.adapters.scheduling_reader import SchedulingReader
from peel.reporting.domain.assembly_composition import Composition
from peel.reporting.domain.scheduling_export import (
    COMPOSITION_COLUMNS,
    SURGERY_COLUMNS,
    composition_table,
    surgery_table,
)
from peel.reporting.domain.surgeries import SurgeryReport
from peel.reporting.entrypoints.http.routes import Analyst, csv_response
from peel.reporting.entrypoints.http.scheduling_schemas import CompositionPublic, SurgeryReportPublic
from peel.reporting.service_layer.scheduling_reports import assembly_composition, surgeries_by_area


def reporting_now() -> datetime:
    """The moment sessions are held by (those ended before it)."""
    return datetime.now(UTC)


Now = Annotated[datetime, Depends(reporting_now)]
From = Annotated[date | None, Query(alias="from", description="sessions starting on or after this day")]
To = Annotated[date | None, Query(alias="to", description="sessions starting on or before this day")]


def period(starts_on: From = None, ends_on: To = None) -> tuple[date | None, date | None]:
    """The days asked for, either open; 422 when they are the wrong way round."""
    if starts_on and ends_on and ends_on < starts_on:
        raise RequestValidationError([{"loc": ("query", "to"), "msg": "must not be before from",
                                       "type": "before_from"}])
    return starts_on, ends_on


Period = Annotated[tuple[date | None, date | None], Depends(period)]
router = APIRouter(prefix="/v1", tags=["scheduling"])
CSV = {200: {"content": {"text/csv": {}}, "description": "One row per area and quarter, then per quarter"}}
NO_ASSEMBLY = {404: {"description": "No such assembly for your tenant"}}
CSV_COMPOSITION = {200: {"content": {"text/csv": {}}, "description": "One row per figure"}, **NO_ASSEMBLY}


async def _surgeries(request: Request, tenant: str, starts_on: date | None, ends_on: date | None,
                     now: datetime) -> SurgeryReport:
    async with reading(request.app.state.runtime.pool, SchedulingReader) as reader:
        return await surgeries_by_area(reader, tenant, starts_on, ends_on, now)


async def _composition(request: Request, tenant: str, assembly_id: uuid.UUID) -> Composition:
    async with reading(request.app.state.runtime.pool, SchedulingReader) as reader:
        return await assembly_composition(reader, tenant, assembly_id)


@router.get("/scheduling/surgeries/by-area", summary="Surgeries, slots, bookings and attendance per area and quarter")
async def get_surgeries_by_area(principal: Analyst, request: Request, now: Now, days: Period) -> SurgeryReportPublic:
    found = await _surgeries(request, principal.tenant, *days, now)
    return SurgeryReportPublic.model_validate(asdict(found))


@router.get("/scheduling/surgeries/by-area.csv", response_class=Response, responses=CSV,
            summary="Surgery figures per area and quarter as CSV")
async def get_surgeries_by_area_csv(principal: Analyst, request: Request, now: Now, days: Period) -> Response:
    found = await _surgeries(request, principal.tenant, *days, now)
    return csv_response(SURGERY_COLUMNS, surgery_table(found), "surgeries-by-area.csv")


@router.get("/assemblies/{assembly_id}/composition", responses=NO_ASSEMBLY,
            summary="An assembly's pool and panel per quota value, beside its quotas and the population")
async def get_assembly_composition(assembly_id: uuid.UUID, principal: Analyst, request: Request) -> CompositionPublic:
    found = await _composition(request, principal.tenant, assembly_id)
    return CompositionPublic.model_validate(asdict(found))


@router.get("/assemblies/{assembly_id}/composition.csv", response_class=Response, responses=CSV_COMPOSITION,
            summary="An assembly's composition as CSV")
async def get_assembly_composition_csv(assembly_id: uuid.UUID, principal: Analyst, request: Request) -> Response:
    found = await _composition(request, principal.tenant, assembly_id)
    return csv_response(COMPOSITION_COLUMNS, composition_table(found), f"assembly-{assembly_id}-composition.csv")
