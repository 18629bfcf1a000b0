"""Moderation for staff: the free text awaiting a decision, and the log of decisions with their reasons."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.exceptions import RequestValidationError

from peel.consultation.domain.moderation import AwaitingModeration, ModerationDecision, Place
from peel.consultation.entrypoints.http.dependencies import Editor, UnitOfWorkDep
from peel.consultation.entrypoints.http.response_schemas import Page, parse_place
from peel.consultation.service_layer import moderation

NOT_FOUND = {404: {"description": "No such consultation for your tenant"}}
Limit = Annotated[int, Query(ge=1, le=200, description="Most items on a page")]


async def _after(after: Annotated[str | None, Query(max_length=200, description="The previous page's next_after")]
                 = None) -> Place | None:
    """Where the previous page ended; a 422 naming ``after`` when it is not a next_after."""
    try:
        return parse_place(after)
    except ValueError as error:
        raise RequestValidationError([{"loc": ("query", "after"), "msg": str(error), "type": "value_error",
                                       "input": after}]) from None


After = Annotated[Place | None, Depends(_after)]

router = APIRouter(prefix="/v1/consultations/{consultation_id}/moderation", tags=["moderation (staff)"])


@router.get("", summary="Free text awaiting moderation (the respondent agreed to publish it), oldest first",
            responses=NOT_FOUND)
async def awaiting_moderation(consultation_id: uuid.UUID, principal: Editor, uow: UnitOfWorkDep,
                              after: After, limit: Limit = 50) -> Page[AwaitingModeration]:
    items = await moderation.awaiting_moderation(principal.tenant, consultation_id, uow, after=after, limit=limit)
    return Page[AwaitingModeration].of(items, limit)


@router.get("/log", summary="Moderation decisions with who took them, when and why, oldest first",
            responses=NOT_FOUND)
async def moderation_log(consultation_id: uuid.UUID, principal: Editor, uow: UnitOfWorkDep,
                         after: After, limit: Limit = 50) -> Page[ModerationDecision]:
    items = await moderation.moderation_log(principal.tenant, consultation_id, uow, after=after, limit=limit)
    return Page[ModerationDecision].of(items, limit)

