"""Results, breakdowns, weighted results and the Panel summary of a consultation, and the population
figures results are weighted to, for PCC office staff and analysts; and published results for the public."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.common.http.ratelimit import public_rate_limit
from peel.reporting.domain.breakdown import Breakdown, Dimension
from peel.reporting.domain.consultation_results import ConsultationResults
from peel.reporting.domain.export import BREAKDOWN_COLUMNS, RESULT_COLUMNS, breakdown_table, results_table
from peel.reporting.domain.panel_export import SUMMARY_COLUMNS, summary_table
from peel.reporting.domain.panel_summary import PanelSummary
from peel.reporting.domain.populations import COLUMNS, DIMENSIONS
from peel.reporting.domain.weighted_results import WeightedResults
from peel.reporting.domain.weighting import Trimming
from peel.reporting.read_models._http import ERRORS, Analyst, fixed, report
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.consultation_results import reports
from peel.reporting.read_models.consultation_results.cache import ResultsCache
from peel.reporting.read_models.consultation_results.store import ConsultationStore

By = Annotated[Dimension, Query(description="group respondents by their area or an equality-monitoring band")]
OneChannel = Annotated[
    Literal["online", "paper", "telephone", "event"] | None,
    Query(description="only the responses of this channel (online, or keyed in by staff from paper, a telephone "
                      "call or an event); every channel's together if left out"),
]
Uploader = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ANALYST, scopes=("reporting:write",)))]
Band = StrEnum("Band", {name: name for name in DIMENSIONS})
results = APIRouter(prefix="/v1", tags=["results"])
weighting = APIRouter(prefix="/v1", tags=["weighting"])
panel = APIRouter(prefix="/v1", tags=["panel"])
public = APIRouter(prefix="/v1/public", tags=["results (public)"], dependencies=[Depends(public_rate_limit)])
UNPUBLISHED = {404: {"description": "No such consultation, or its results are not published (or are embargoed)"}}
SUMMARY_ERRORS = {404: ERRORS[404], 409: {"description": "Embargoed, or not a precept or draft_plan consultation"}}
MOST_BYTES = 5 * 1024 * 1024
CSV_BODY = {"requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}, "example": (
    "area,dimension,category,count\nhalton,sex,female,66000\nhalton,sex,male,63000\n")}}}}


def results_cache(request: Request) -> ResultsCache:
    """The service's one cache of computed results, made when first needed."""
    state = request.app.state
    if getattr(state, "consultation_results_cache", None) is None:
        state.consultation_results_cache = ResultsCache()
    return state.consultation_results_cache


@report(results, "/consultations/{consultation_id}/results", responses=ERRORS,
        summary="A consultation's results, question by question, with responses by channel; or one channel's",
        csv_summary="A consultation's results as CSV",
        columns=fixed(RESULT_COLUMNS), rows=results_table, filename="consultation-{consultation_id}-results.csv")
async def get_consultation_results(consultation_id: uuid.UUID, principal: Analyst, request: Request,
                                   channel: OneChannel = None) -> ConsultationResults:
    async with reading(request.app.state.runtime.pool, ConsultationStore) as store:
        return await reports.consultation_results(store, principal.tenant, consultation_id, channel,
                                                  results_cache(request))


@report(public, "/consultations/{consultation_id}/results", responses=UNPUBLISHED,
        summary="A consultation's published results for the public (no token), small counts withheld",
        csv_summary="The published results as CSV", columns=fixed(RESULT_COLUMNS), rows=results_table,
        filename="consultation-{consultation_id}-published-results.csv")
async def get_published_results(consultation_id: uuid.UUID, request: Request) -> ConsultationResults:
    async with reading(request.app.state.runtime.pool, ConsultationStore) as store:
        return await reports.published_results(store, consultation_id, results_cache(request))


@report(results, "/consultations/{consultation_id}/results/breakdown", responses=ERRORS,
        summary="Choice and rating counts by area or equality band; groups under 10 responses suppressed",
        csv_summary="The breakdown as CSV", columns=fixed(BREAKDOWN_COLUMNS), rows=breakdown_table,
        filename="consultation-{consultation_id}-results-by-{by.value}.csv")
async def get_results_breakdown(consultation_id: uuid.UUID, by: By, principal: Analyst, request: Request,
                                channel: OneChannel = None) -> Breakdown:
    async with reading(request.app.state.runtime.pool, ConsultationStore) as store:
        return await reports.results_breakdown(store, principal.tenant, consultation_id, by, channel)


@report(panel, "/consultations/{consultation_id}/panel-summary", responses=SUMMARY_ERRORS,
        summary="A precept or draft Plan consultation summarised for the Police and Crime Panel",
        csv_summary="The Panel summary as CSV", columns=fixed(SUMMARY_COLUMNS), rows=summary_table,
        filename="consultation-{consultation_id}-panel-summary.csv")
async def get_panel_summary(consultation_id: uuid.UUID, principal: Analyst, request: Request) -> PanelSummary:
    async with reading(request.app.state.runtime.pool, ConsultationStore) as store:
        return await reports.consultation_panel_summary(store, principal.tenant, consultation_id)


@weighting.put("/populations", response_model=reports.PopulationUploaded, openapi_extra=CSV_BODY,
               summary="Replace your office's population figures (CSV: area,dimension,category,count)",
               responses={413: {"description": "Larger than 5 MB"}})
async def put_population(principal: Uploader, request: Request) -> reports.PopulationUploaded:
    body = await request.body()
    if len(body) > MOST_BYTES:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, "population figures are limited to 5 MB")
    async with request.app.state.runtime.pool.acquire() as connection:
        return await reports.upload_population(connection, principal.tenant, body.decode("utf-8-sig", errors="replace"))


@weighting.get("/populations", summary="Your office's population figures")
async def get_population(principal: Analyst, request: Request) -> list[dict[str, str | int]]:
    async with reading(request.app.state.runtime.pool, ConsultationStore) as store:
        found = await store.population(principal.tenant)
    return [dict(zip(COLUMNS, (*key, people), strict=True)) for key, people in sorted(found.items())]


@weighting.get("/consultations/{consultation_id}/results/weighted", response_model=WeightedResults, responses=ERRORS,
               summary="Choice and rating results weighted to the population by raking, with margins of error")
async def get_weighted_results(
    consultation_id: uuid.UUID, principal: Analyst, request: Request,
    rake: Annotated[list[Band], Query(description="bands to rake on (default: every band with figures)")] = [],  # noqa: B006
    cap: Annotated[float, Query(gt=1, le=100, description="largest weight, times the mean weight")] = 5.0,
    floor: Annotated[float, Query(ge=0, lt=1, description="smallest weight, times the mean weight")] = 0.2,
) -> WeightedResults:
    async with reading(request.app.state.runtime.pool, ConsultationStore) as store:
        return await reports.weighted_results(store, principal.tenant, consultation_id, [band.value for band in rake],
                                              Trimming(cap=cap, floor=floor))
