"""Population figures per area, and results weighted to them by raking."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel, Field

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.reporting.adapters.reader import reading
from peel.reporting.adapters.weighting import WeightingReader
from peel.reporting.domain.populations import COLUMNS, DIMENSIONS
from peel.reporting.domain.weighting import Trimming
from peel.reporting.entrypoints.http.routes import ERRORS, Analyst
from peel.reporting.entrypoints.http.schemas import Text
from peel.reporting.service_layer.weighting import upload_population, weighted_results

Uploader = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ANALYST, scopes=("reporting:write",)))]
Band = StrEnum("Band", {name: name for name in DIMENSIONS})
router = APIRouter(prefix="/v1", tags=["weighting"])
MOST_BYTES = 5 * 1024 * 1024
CSV_BODY = {"requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}, "example": (
    "area,dimension,category,count\nhalton,sex,female,66000\nhalton,sex,male,63000\n")}}}}


class PopulationUploadedPublic(BaseModel):
    figures: int
    areas: int
    dimensions: list[str]


class WeightedOption(BaseModel):
    key: str
    text: Text
    count: float = Field(description="weighted respondents")
    share: float
    margin_of_error: float | None = Field(description="half-width of the 95% confidence interval of the share")


class WeightedPoint(BaseModel):
    value: float
    label: Text | None
    count: float
    share: float


class WeightedRating(BaseModel):
    kind: str
    mean: float | None
    median: float | None
    distribution: list[WeightedPoint]


class WeightedQuestion(BaseModel):
    key: str
    type: str
    text: Text
    answered: float
    effective_sample_size: float
    options: list[WeightedOption]
    summary: WeightedRating | None


class TrimmingPublic(BaseModel):
    cap: float = Field(description="the largest weight allowed, as a multiple of the mean weight")
    floor: float = Field(description="the smallest weight allowed, as a multiple of the mean weight")
    applied: bool = Field(description="some weight was beyond the cap or floor, so trimming and raking alternated")
    weights_trimmed: int = Field(description="respondents whose weight was capped or raised to the floor")
    largest_weight: float
    margins_met: bool = Field(description="the trimmed weights still meet every population target")


class WeightedResultsPublic(BaseModel):
    consultation_id: uuid.UUID
    raked_on: list[str] = Field(description="the bands raked on, within each area")
    respondents: int
    weighted_respondents: int
    left_out: int = Field(description="respondents without an area with figures or a band the figures know")
    effective_sample_size: float = Field(description="Kish: (sum of weights)^2 / sum of squared weights")
    design_effect: float | None
    margin_of_error: float | None = Field(description="95%, for a share of one half, on the effective sample size")
    converged: bool
    iterations: int
    trimming: TrimmingPublic
    without_respondents: list[str] = Field(description="'area dimension category' with people but no respondents")
    questions: list[WeightedQuestion]


@router.put("/populations", summary="Replace your office's population figures (CSV: area,dimension,category,count)",
            openapi_extra=CSV_BODY, responses={413: {"description": "Larger than 5 MB"}})
async def put_population(principal: Uploader, request: Request) -> PopulationUploadedPublic:
    body = await request.body()
    if len(body) > MOST_BYTES:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, "population figures are limited to 5 MB")
    async with request.app.state.runtime.pool.acquire() as connection:
        uploaded = await upload_population(connection, principal.tenant, body.decode("utf-8-sig", errors="replace"))
    return PopulationUploadedPublic.model_validate(asdict(uploaded))


@router.get("/populations", summary="Your office's population figures")
async def get_population(principal: Analyst, request: Request) -> list[dict[str, str | int]]:
    async with reading(request.app.state.runtime.pool, WeightingReader) as reader:
        found = await reader.population(principal.tenant)
    return [dict(zip(COLUMNS, (*key, people), strict=True)) for key, people in sorted(found.items())]


@router.get("/consultations/{consultation_id}/results/weighted", responses=ERRORS,
            summary="Choice and rating results weighted to the population by raking, with margins of error")
async def get_weighted_results(
    consultation_id: uuid.UUID, principal: Analyst, request: Request,
    rake: Annotated[list[Band], Query(description="bands to rake on (default: every band with figures)")] = [],  # noqa: B006
    cap: Annotated[float, Query(gt=1, le=100, description="largest weight, times the mean weight")] = 5.0,
    floor: Annotated[float, Query(ge=0, lt=1, description="smallest weight, times the mean weight")] = 0.2,
) -> WeightedResultsPublic:
    async with reading(request.app.state.runtime.pool, WeightingReader) as reader:
        found = await weighted_results(reader, principal.tenant, consultation_id, [band.value for band in rake],
                                       Trimming(cap=cap, floor=floor))
    return WeightedResultsPublic.model_validate(asdict(found))
