"""Residents' responses: submit (once per Idempotency-Key), withdraw, erase on request, moderate."""

from __future__ import annotations

from peel.common.contracts.consultation import UNKNOWN_AREA, FreeTextModerated, ResponseErased
from peel.common.errors import Conflict, NotFound
from peel.consultation.domain.receipts import Receipt, StoredResponse
from peel.consultation.domain.areas import postcode_district
from peel.consultation.domain.commands import EraseResponse, ModerateFreeText, SubmitResponse, WithdrawResponse
from peel.consultation.domain.model import Respondent
from peel.consultation.domain.withdrawal import new_withdrawal_token, token_digest, token_matches
from peel.consultation.service_layer.handlers import Clock, tenants_consultation, utc_now
from peel.consultation.service_layer.unit_of_work import UnitOfWork


async def submit_response(command: SubmitResponse, uow: UnitOfWork, clock: Clock = utc_now) -> Receipt:
    async with uow:
        consultation = await uow.consultations.get_public(command.consultation_id)
        if consultation is None:
            raise NotFound(f"no consultation {command.consultation_id}")
        district = postcode_district(command.postcode)
        area = await uow.areas.area_for(consultation.tenant, district) or UNKNOWN_AREA
        respondent = Respondent(area=area, publishable=command.publishable, equality=command.equality)
        response = consultation.respond(command.answers, clock(), respondent)
        receipt = Receipt(response.id, consultation.id, response.submitted_at, new_withdrawal_token())
        if command.idempotency_key:
            first = await uow.responses.claim_key(command.idempotency_key, command.request_fingerprint, receipt)
            if first is not None:
                return first
        await uow.responses.add(response, district=district, token_hash=token_digest(receipt.withdrawal_token),
                                email=command.email)
        uow.emit(response.submitted(), consultation.tenant)
        await uow.commit()
    return receipt


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
        _check_moderatable(response, command.question)
        now = clock()
        await uow.responses.record_moderation(response, command.question, command.decision, command.reason,
                                              command.moderator, now)
        uow.emit(FreeTextModerated(response_id=response.id, consultation_id=response.consultation_id,
                                   question=command.question, decision=command.decision, moderated_at=now),
                 response.tenant)
        await uow.commit()


def _check_moderatable(response: StoredResponse, question: str) -> None:
    answer = next((a for a in response.answers if a["question"] == question), None)
    if answer is None or answer["type"] != "free_text":
        raise NotFound(f"response {response.id} has no free-text answer to {question!r}")
    if not answer.get("publishable"):
        raise Conflict("the respondent did not consent to publishing this answer; there is nothing to moderate")


async def _response(uow: UnitOfWork, consultation_id, response_id) -> StoredResponse | None:  # noqa: ANN001
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
