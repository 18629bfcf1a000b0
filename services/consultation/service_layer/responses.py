"""Residents' responses: check the answers so far, submit (once per Idempotency-Key), withdraw, erase on request,
moderate."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from peel.common.contracts.consultation import UNKNOWN_AREA, FreeTextModerated, ResponseErased
from peel.common.errors import InvalidInput, NotFound
from peel.consultation.domain.areas import postcode_district
from peel.consultation.domain.commands import EraseResponse, ModerateFreeText, SubmitResponse, WithdrawResponse
from peel.consultation.domain.model import Consultation, Respondent
from peel.consultation.domain.moderation import publishable_text
from peel.consultation.domain.receipts import Receipt, StoredResponse, Submission
from peel.consultation.domain.responding import responses_refused
from peel.consultation.domain.routing import AnswersSoFar, check_answers_so_far
from peel.consultation.domain.withdrawal import new_withdrawal_token, token_digest, token_matches
from peel.consultation.service_layer.handlers import Clock, get_open_consultation, tenants_consultation, utc_now
from peel.consultation.service_layer.unit_of_work import AreaLookup, ResponseIntake, UnitOfWork


async def submit_response(command: SubmitResponse, uow: UnitOfWork, clock: Clock = utc_now, *,
                          intake: ResponseIntake | None = None) -> Receipt:
    """Straight in when the consultation is known to be open; otherwise checked in a transaction of its own."""
    receipt = await _submit_at_once(command, intake, clock) if intake else None
    return receipt or await _submit_checked(command, uow, clock, intake)


async def submit_keyed_in(command: SubmitResponse, uow: UnitOfWork, clock: Clock = utc_now) -> Receipt:
    """Staff key in a resident's paper, telephone or event response: the checked path, in their own office only."""
    return await _submit_checked(command, uow, clock, intake=None)


async def _submit_at_once(command: SubmitResponse, intake: ResponseIntake, clock: Clock) -> Receipt | None:
    """``None`` when the checked path must answer: the consultation changed, or the answers or key need it."""
    consultation = intake.known_open(command.consultation_id)
    if consultation is None or not consultation.accepts_responses(clock()):
        return None
    try:
        submission = await _submission(command, consultation, intake, clock)
    except InvalidInput:
        return None  # reported against the definition as it stands now
    if await intake.add_if_open(submission, consultation.version):
        return submission.receipt
    intake.forget(consultation.id)
    return None


async def _submit_checked(command: SubmitResponse, uow: UnitOfWork, clock: Clock,
                          intake: ResponseIntake | None) -> Receipt:
    async with uow:
        consultation = await uow.consultations.get_for_response(command.consultation_id)
        if consultation is None or command.tenant not in (None, consultation.tenant):
            raise NotFound(f"no consultation {command.consultation_id}")
        submission = await _submission(command, consultation, uow.areas, clock)
        if command.idempotency_key:
            first = await uow.responses.claim_key(submission)
            if first is not None:
                return first
        await uow.responses.add(submission)
        uow.emit(submission.response.submitted(), consultation.tenant)
        await uow.commit()
    if intake:
        intake.remember(consultation)
    return submission.receipt


async def _submission(command: SubmitResponse, consultation: Consultation, areas: AreaLookup,
                      clock: Clock) -> Submission:
    district = postcode_district(command.postcode)
    area = await areas.area_for(consultation.tenant, district) or UNKNOWN_AREA
    respondent = Respondent(area=area, publishable=command.publishable, equality=command.equality)
    response = consultation.respond(command.answers, clock(), respondent, command.keyed_in)
    token = None if command.keyed_in else new_withdrawal_token()
    return Submission(
        response, Receipt(response.id, consultation.id, response.submitted_at, token), district,
        token and token_digest(token), command.email, command.idempotency_key, command.request_fingerprint,
    )


async def check_answers(consultation_id: uuid.UUID, answers: Mapping[str, object], uow: UnitOfWork,
                        clock: Clock = utc_now) -> AnswersSoFar:
    """For journeys of one question a page: what is wrong with the answers given and what to ask next.

    Nothing is stored; only a consultation taking responses answers.
    """
    consultation = await get_open_consultation(consultation_id, uow)
    if not consultation.accepts_responses(clock()):
        raise responses_refused(consultation)
    return check_answers_so_far(consultation.questions, answers)


async def withdraw_response(command: WithdrawResponse, uow: UnitOfWork, clock: Clock = utc_now) -> None:
    """The respondent withdraws with the token they were given; every copy is erased."""
    async with uow:
        response = await _response(uow, command.consultation_id, command.response_id)
        if response is None:
            return  # already gone: withdrawing twice is not an error
        if not token_matches(command.withdrawal_token, response.withdrawal_token_hash):
            raise NotFound(f"no response {command.response_id} with that withdrawal token")
        await _erase(uow, response, "withdrawn", clock)


async def erase_response(command: EraseResponse, uow: UnitOfWork, clock: Clock = utc_now) -> None:
    """Staff erase a response on the respondent's request; reporting's copies follow the event."""
    async with uow:
        await tenants_consultation(uow, command.tenant, command.consultation_id)
        response = await _response(uow, command.consultation_id, command.response_id)
        if response is not None:
            await _erase(uow, response, "erasure_request", clock)


async def moderate_free_text(command: ModerateFreeText, uow: UnitOfWork, clock: Clock = utc_now) -> None:
    async with uow:
        await tenants_consultation(uow, command.tenant, command.consultation_id)
        response = await _response(uow, command.consultation_id, command.response_id)
        if response is None:
            raise NotFound(f"no response {command.response_id}")
        publishable_text(response.id, response.answers, command.question)
        now = clock()
        await uow.responses.record_moderation(response, command.question, command.decision, command.reason,
                                              command.moderator, now)
        uow.emit(FreeTextModerated(response_id=response.id, consultation_id=response.consultation_id,
                                   question=command.question, decision=command.decision, moderated_at=now),
                 response.tenant)
        await uow.commit()


async def _response(uow: UnitOfWork, consultation_id: uuid.UUID, response_id: uuid.UUID) -> StoredResponse | None:
    response = await uow.responses.get(consultation_id, response_id)
    if response is None and not await uow.responses.was_erased(response_id):
        raise NotFound(f"no response {response_id}")
    return response


async def _erase(uow: UnitOfWork, response: StoredResponse, reason: str, clock: Clock) -> None:
    now = clock()
    await uow.responses.erase(response, reason, now)
    uow.emit(ResponseErased(response_id=response.id, consultation_id=response.consultation_id, erased_at=now,
                            reason=reason), response.tenant)
    await uow.commit()
