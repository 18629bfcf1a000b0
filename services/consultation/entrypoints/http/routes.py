"""Consultations for staff: build, publish, correct, extend, close, publish results and the outcome; the public form."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, status

from peel.common.events.envelope import TENANT_PATTERN
from peel.consultation.domain.commands import (
    CloseConsultation,
    ExtendClosing,
    PublishConsultation,
    PublishOutcome,
    PublishResults,
)
from peel.consultation.domain.precept_settings import ENGLAND
from peel.consultation.entrypoints.http.correction_schemas import ClosingExtension, CorrectionView
from peel.consultation.entrypoints.http.dependencies import Editor, PublicRateLimit, Reader, UnitOfWorkDep
from peel.consultation.entrypoints.http.listing_schemas import OfficeConsultations
from peel.consultation.entrypoints.http.schemas import (
    ConsultationCreate,
    ConsultationPublic,
    ConsultationStaffView,
    ConsultationUpdate,
    OutcomeBody,
)
from peel.consultation.service_layer import handlers
from peel.consultation.service_layer.precept_settings import get_precept_settings

NOT_FOUND = {404: {"description": "No such consultation for your tenant"}}
CONFLICT = {409: {"description": "The consultation's state refuses this"}}

staff = APIRouter(prefix="/v1/consultations", tags=["consultations (staff)"])
public = APIRouter(tags=["consultations (public)"], dependencies=[PublicRateLimit])
Office = Annotated[str, Path(pattern=TENANT_PATTERN, description="The Commissioner's office, e.g. cheshire")]


@staff.post("", status_code=status.HTTP_201_CREATED, summary="Create a draft consultation")
async def create_consultation(body: ConsultationCreate, principal: Editor, uow: UnitOfWorkDep) -> ConsultationStaffView:
    settings = await get_precept_settings(principal.tenant, uow) if body.precept else ENGLAND
    consultation = await handlers.create_consultation(body.to_command(principal.tenant, settings), uow)
    return ConsultationStaffView.of(consultation)


@staff.get("", summary="Your tenant's consultations, newest first")
async def list_consultations(principal: Reader, uow: UnitOfWorkDep) -> list[ConsultationStaffView]:
    return [ConsultationStaffView.of(c) for c in await handlers.list_consultations(principal.tenant, uow)]


@staff.get("/{consultation_id}", summary="A consultation of your tenant", responses=NOT_FOUND)
async def get_consultation(consultation_id: uuid.UUID, principal: Reader, uow: UnitOfWorkDep) -> ConsultationStaffView:
    consultation = await handlers.get_consultation(principal.tenant, consultation_id, uow)
    return ConsultationStaffView.of(consultation)


@staff.patch("/{consultation_id}", summary="Edit any part of a draft, or correct the text of a published one",
             responses=NOT_FOUND | CONFLICT)
async def edit_consultation(
    consultation_id: uuid.UUID, body: ConsultationUpdate, principal: Editor, uow: UnitOfWorkDep
) -> ConsultationStaffView:
    settings = await get_precept_settings(principal.tenant, uow) if body.precept else ENGLAND
    command = body.to_command(principal.tenant, consultation_id, principal.subject, settings)
    return ConsultationStaffView.of(await handlers.edit_consultation(command, uow))


@staff.get("/{consultation_id}/corrections", summary="The history of its corrected texts, oldest version first",
           responses=NOT_FOUND)
async def list_corrections(consultation_id: uuid.UUID, principal: Reader, uow: UnitOfWorkDep) -> list[CorrectionView]:
    return [CorrectionView.of(c) for c in await handlers.corrections(principal.tenant, consultation_id, uow)]


@staff.post("/{consultation_id}/closing/extend", summary="Give an open consultation a later closing date",
            responses=NOT_FOUND | CONFLICT)
async def extend_closing(consultation_id: uuid.UUID, body: ClosingExtension, principal: Editor,
                         uow: UnitOfWorkDep) -> ConsultationStaffView:
    command = ExtendClosing(tenant=principal.tenant, consultation_id=consultation_id, closes_at=body.closes_at)
    return ConsultationStaffView.of(await handlers.extend_closing(command, uow))


@staff.post("/{consultation_id}/publish", summary="Open a draft now, or schedule it for opens_at",
            responses=NOT_FOUND | CONFLICT)
async def publish_consultation(consultation_id: uuid.UUID, principal: Editor,
                               uow: UnitOfWorkDep) -> ConsultationStaffView:
    command = PublishConsultation(tenant=principal.tenant, consultation_id=consultation_id)
    return ConsultationStaffView.of(await handlers.publish_consultation(command, uow))


@staff.post("/{consultation_id}/close", summary="Close now (it also closes by itself at closes_at)",
            responses=NOT_FOUND | CONFLICT)
async def close_consultation(consultation_id: uuid.UUID, principal: Editor,
                             uow: UnitOfWorkDep) -> ConsultationStaffView:
    command = CloseConsultation(tenant=principal.tenant, consultation_id=consultation_id)
    return ConsultationStaffView.of(await handlers.close_consultation(command, uow))


@staff.post("/{consultation_id}/results/publish", summary="Publish the results of a closed consultation",
            responses=NOT_FOUND | CONFLICT)
async def publish_results(consultation_id: uuid.UUID, principal: Editor, uow: UnitOfWorkDep) -> ConsultationStaffView:
    command = PublishResults(tenant=principal.tenant, consultation_id=consultation_id)
    return ConsultationStaffView.of(await handlers.publish_results(command, uow))


@staff.post("/{consultation_id}/outcome", summary='Publish "we asked, you said, we did"',
            responses=NOT_FOUND | CONFLICT)
async def publish_outcome(
    consultation_id: uuid.UUID, body: OutcomeBody, principal: Editor, uow: UnitOfWorkDep
) -> ConsultationStaffView:
    command = PublishOutcome(tenant=principal.tenant, consultation_id=consultation_id, outcome=body.outcome.to_domain())
    return ConsultationStaffView.of(await handlers.publish_outcome(command, uow))


@public.get("/v1/public/consultations/{consultation_id}", summary="A published consultation's questions",
            responses=NOT_FOUND)
async def get_public_consultation(consultation_id: uuid.UUID, uow: UnitOfWorkDep) -> ConsultationPublic:
    return ConsultationPublic.of(await handlers.get_open_consultation(consultation_id, uow))


@public.get("/v1/public/offices/{office}/consultations/{consultation_id}",
            summary="A published consultation of this office (another office's answers 404)", responses=NOT_FOUND)
async def get_office_consultation(office: str, consultation_id: uuid.UUID, uow: UnitOfWorkDep) -> ConsultationPublic:
    return ConsultationPublic.of(await handlers.get_open_consultation(consultation_id, uow, office))


@public.get("/v1/public/offices/{office}/consultations",
            summary="The office's open, upcoming and most recently closed consultations, for its home page and feed")
async def list_office_consultations(office: Office, uow: UnitOfWorkDep) -> OfficeConsultations:
    return OfficeConsultations.of(office, await handlers.office_consultations(office, uow))
