"""Responses: residents check their answers so far, submit and withdraw them; staff erase on request and moderate
free text."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Response, status

from peel.consultation.domain.commands import EraseResponse, ModerateFreeText, WithdrawResponse
from peel.consultation.entrypoints.http.assisted_schemas import AssistedResponseCreate, AssistedResponseCreated
from peel.consultation.entrypoints.http.dependencies import (
    Administrator,
    Editor,
    PublicRateLimit,
    ResponseDeskDep,
    UnitOfWorkDep,
)
from peel.consultation.entrypoints.http.response_schemas import AnswersCheck, AnswersChecked
from peel.consultation.entrypoints.http.schemas import Moderation, ResponseCreate, ResponseCreated, Withdrawal
from peel.consultation.service_layer import responses

NOT_FOUND = {404: {"description": "No such consultation or response"}}
CONFLICT = {409: {"description": "Not open, or the Idempotency-Key was used for another submission"}}
NOT_OPEN = {409: {"description": "The consultation takes no responses now: the reply says its state and when it does"}}
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200,
                                              description="Retrying with the same key returns the first response")]

# Public: each route is rate limited; submitting through ResponseDeskDep, which limits too.
public = APIRouter(prefix="/v1/consultations/{consultation_id}/responses", tags=["responses (public)"])
staff = APIRouter(prefix="/v1/consultations/{consultation_id}/responses", tags=["responses (staff)"])
answers = APIRouter(tags=["responses (public)"], dependencies=[PublicRateLimit])


@answers.post("/v1/public/consultations/{consultation_id}/check-answers", response_model=AnswersChecked,
              summary="Check the answers given so far and find the next question to ask (nothing is stored)",
              responses=NOT_FOUND | NOT_OPEN)
async def check_answers(consultation_id: uuid.UUID, body: AnswersCheck, uow: UnitOfWorkDep) -> AnswersChecked:
    return AnswersChecked.of(await responses.check_answers(consultation_id, body.answers, uow))


@public.post("", status_code=status.HTTP_201_CREATED, summary="Respond to an open consultation (no sign-in)",
             response_model=ResponseCreated,
             responses=NOT_FOUND | CONFLICT | {429: {"description": "Too many requests from your address"}})
async def submit_response(
    consultation_id: uuid.UUID, body: ResponseCreate, desk: ResponseDeskDep, idempotency_key: IdempotencyKey = None
) -> Response:
    command = body.to_command(consultation_id, idempotency_key)
    receipt = await responses.submit_response(command, desk.uow, intake=desk.intake)
    return ResponseCreated.of(receipt).sent(status.HTTP_201_CREATED)


@staff.post("/assisted", status_code=status.HTTP_201_CREATED, responses=NOT_FOUND | NOT_OPEN,
            summary="Key in a resident's paper, telephone or event response on their behalf")
async def key_in_response(consultation_id: uuid.UUID, body: AssistedResponseCreate, principal: Editor,
                          uow: UnitOfWorkDep) -> AssistedResponseCreated:
    """Checked and routed exactly as a resident's answers, recorded with its channel, who keyed it in (the token's
    subject) and the day it was received. No rate limit, no receipt email and no withdrawal token: the office
    erases it if the resident asks. Another office's consultation is not found; one not open answers 409."""
    command = body.to_command(consultation_id, principal.tenant, principal.subject)
    return AssistedResponseCreated.of(await responses.submit_keyed_in(command, uow), body.channel)


@public.post("/{response_id}/withdraw", summary="Withdraw your response with its withdrawal token",
             responses=NOT_FOUND, dependencies=[PublicRateLimit])
async def withdraw_response(
    consultation_id: uuid.UUID, response_id: uuid.UUID, body: Withdrawal, uow: UnitOfWorkDep
) -> dict[str, str]:
    await responses.withdraw_response(WithdrawResponse(consultation_id, response_id, body.withdrawal_token), uow)
    return {"status": "withdrawn"}


@staff.post("/{response_id}/erase", summary="Erase a response at the respondent's request", responses=NOT_FOUND)
async def erase_response(
    consultation_id: uuid.UUID, response_id: uuid.UUID, principal: Administrator, uow: UnitOfWorkDep
) -> dict[str, str]:
    await responses.erase_response(EraseResponse(principal.tenant, consultation_id, response_id), uow)
    return {"status": "erased"}


@staff.post("/{response_id}/moderation", summary="Approve or redact a free-text answer meant for publishing",
            responses=NOT_FOUND | {409: {"description": "The respondent did not consent to publishing that answer"}})
async def moderate(
    consultation_id: uuid.UUID, response_id: uuid.UUID, body: Moderation, principal: Editor, uow: UnitOfWorkDep
) -> dict[str, str]:
    command = ModerateFreeText(principal.tenant, consultation_id, response_id, body.question, body.decision,
                               body.reason, principal.subject)
    await responses.moderate_free_text(command, uow)
    return {"status": body.decision}
