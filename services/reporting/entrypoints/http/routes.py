"""Read-model queries for PCC office staff and analysts: results, breakdowns and their CSV."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.reporting.adapters.reader import reading
from peel.reporting.domain.breakdown import Breakdown, Dimension
from peel.reporting.domain.consultation_results import ConsultationResults
from peel.reporting.domain.export import BREAKDOWN_COLUMNS, RESULT_COLUMNS, breakdown_table, results_table
from peel.reporting.entrypoints.http.schemas import BreakdownPublic, ConsultationResultsPublic
from peel.reporting.service_layer.consultation_results import consultation_results, results_breakdown

Analyst = Annotated[
    Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER, Role.ANALYST, scopes=("reporting:read",)))
]
By = Annotated[Dimension, Query(description="group respondents by their area or an equality-monitoring band")]
router = APIRouter(prefix="/v1", tags=["results"])
NOT_FOUND = {"description": "No such consultation for your tenant (or not yet published)"}
EMBARGOED = {"description": "The results are embargoed until the consultation closes"}
ERRORS = {404: NOT_FOUND, 409: EMBARGOED}
CSV = {200: {"content": {"text/csv": {}}, "description": "One row per figure"}, **ERRORS}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


async def _results(request: Request, tenant: str, consultation_id: uuid.UUID) -> ConsultationResults:
    async with reading(request.app.state.runtime.pool) as reader:
        return await consultation_results(reader, tenant, consultation_id)


async def _breakdown(request: Request, tenant: str, consultation_id: uuid.UUID, by: Dimension) -> Breakdown:
    async with reading(request.app.state.runtime.pool) as reader:
        return await results_breakdown(reader, tenant, consultation_id, by)


@router.get("/consultations/{consultation_id}/results", summary="A consultation's results, question by question",
            responses=ERRORS)
async def get_consultation_results(
    consultation_id: uuid.UUID, principal: Analyst, request: Request
) -> ConsultationResultsPublic:
    found = await _results(request, principal.tenant, consultation_id)
    return ConsultationResultsPublic.model_validate(asdict(found))


@router.get("/consultations/{consultation_id}/results/breakdown", responses=ERRORS,
            summary="Choice and rating counts by area or equality band; groups under 10 responses suppressed")
async def get_results_breakdown(
    consultation_id: uuid.UUID, by: By, principal: Analyst, request: Request
) -> BreakdownPublic:
    found = await _breakdown(request, principal.tenant, consultation_id, by)
    return BreakdownPublic.model_validate(asdict(found))


@router.get("/consultations/{consultation_id}/results.csv", response_class=Response, responses=CSV,
            summary="A consultation's results as CSV")
async def get_consultation_results_csv(consultation_id: uuid.UUID, principal: Analyst, request: Request) -> Response:
    found = await _results(request, principal.tenant, consultation_id)
    return csv_response(RESULT_COLUMNS, results_table(found), f"consultation-{consultation_id}-results.csv")


@router.get("/consultations/{consultation_id}/results/breakdown.csv", response_class=Response, responses=CSV,
            summary="The breakdown as CSV")
async def get_results_breakdown_csv(
    consultation_id: uuid.UUID, by: By, principal: Analyst, request: Request
) -> Response:
    found = await _breakdown(request, principal.tenant, consultation_id, by)
    return csv_response(BREAKDOWN_COLUMNS, breakdown_table(found),
                        f"consultation-{consultation_id}-results-by-{by.value}.csv")


def csv_response(columns: Iterable[str], rows: Iterable[tuple], filename: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(tuple(_cell(value) for value in row) for row in rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _cell(value: object) -> object:
    """Text a spreadsheet would take for a formula is quoted with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
