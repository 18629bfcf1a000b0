"""Read-model queries for PCC office staff and analysts."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.reporting.adapters.consultation_results import ConsultationResultsStore
from peel.reporting.service_layer.consultation_results import consultation_results

Analyst = Annotated[
    Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER, Role.ANALYST, scopes=("reporting:read",)))
]
router = APIRouter(prefix="/v1", tags=["results"])


class OptionResult(BaseModel):
    key: str
    text: dict[str, str]
    count: int
    share: float


class QuestionResult(BaseModel):
    key: str
    type: str
    text: dict[str, str]
    answered: int
    options: list[OptionResult]


class ConsultationResultsPublic(BaseModel):
    consultation_id: uuid.UUID
    title: dict[str, str]
    kind: str
    responses: int
    questions: list[QuestionResult]


@router.get("/consultations/{consultation_id}/results", summary="Counts per option for a consultation",
            responses={404: {"description": "No such consultation for your tenant (or not yet published)"}})
async def get_consultation_results(
    consultation_id: uuid.UUID, principal: Analyst, request: Request
) -> ConsultationResultsPublic:
    async with request.app.state.runtime.pool.acquire() as connection:
        found = await consultation_results(ConsultationResultsStore(connection), principal.tenant, consultation_id)
    return ConsultationResultsPublic.model_validate(asdict(found))
