"""Consultation use cases."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from peel.common.errors import NotFound
from peel.consultation.domain.commands import CreateConsultation, PublishConsultation, SubmitResponse
from peel.consultation.domain.model import Consultation, Response
from peel.consultation.service_layer.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


async def create_consultation(command: CreateConsultation, uow: UnitOfWork, clock: Clock = utc_now) -> Consultation:
    consultation = Consultation(
        id=uuid.uuid4(), tenant=command.tenant, title=command.title, kind=command.kind,
        closes_at=command.closes_at, questions=command.questions, created_at=clock(),
    )
    async with uow:
        await uow.consultations.add(consultation)
        await uow.commit()
    return consultation


async def publish_consultation(command: PublishConsultation, uow: UnitOfWork, clock: Clock = utc_now) -> Consultation:
    async with uow:
        consultation = await _tenants_consultation(uow, command.tenant, command.consultation_id)
        uow.emit(consultation.publish(clock()), consultation.tenant)
        await uow.consultations.save(consultation)
        await uow.commit()
    return consultation


async def submit_response(command: SubmitResponse, uow: UnitOfWork, clock: Clock = utc_now) -> Response:
    async with uow:
        consultation = await uow.consultations.get_public(command.consultation_id)
        if consultation is None:
            raise NotFound(f"no consultation {command.consultation_id}")
        response = consultation.respond(command.answers, clock())
        await uow.responses.add(response)
        uow.emit(response.submitted(), consultation.tenant)
        await uow.commit()
    return response


async def get_consultation(tenant: str, consultation_id: uuid.UUID, uow: UnitOfWork) -> Consultation:
    async with uow:
        return await _tenants_consultation(uow, tenant, consultation_id)


async def _tenants_consultation(uow: UnitOfWork, tenant: str, consultation_id: uuid.UUID) -> Consultation:
    consultation = await uow.consultations.get(tenant, consultation_id)
    if consultation is None:
        raise NotFound(f"no consultation {consultation_id}")
    return consultation


async def get_open_consultation(consultation_id: uuid.UUID, uow: UnitOfWork) -> Consultation:
    """A consultation residents may see: published ones only; drafts are not found."""
    async with uow:
        consultation = await uow.consultations.get_public(consultation_id)
    if consultation is None or consultation.opens_at is None:
        raise NotFound(f"no consultation {consultation_id}")
    return consultation
