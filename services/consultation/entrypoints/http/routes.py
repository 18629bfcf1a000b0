"""Thin routes: parse, call the service layer, shape the answer."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from peel.consultation.domain.commands import PublishConsultation, SubmitResponse
from peel.consultation.entrypoints.http.dependencies import Editor, PublicRateLimit, Reader, UnitOfWorkDep
from peel.consultation.entrypoints.http.schemas import (
    ConsultationCreate,
    ConsultationPublic,
    ConsultationStaffView,
    ResponseCreate,
    ResponseCreated,
)
from peel.consultation.service_layer import handlers

NOT_FOUND = {404: {"description": "No such consultation for your tenant"}}
CONFLICT = {409: {"description": "The consultation's state refuses this"}}

staff = APIRouter(prefix="/v1/consultations", tags=["consultations (staff)"])
public = APIRouter(tags=["consultations (public)"], dependencies=[PublicRateLimit])


@staff.post("", status_code=status.HTTP_201_CREATED, summary="Create a draft consultation")
async def create_consultation(body: ConsultationCreate, principal: Editor, uow: UnitOfWorkDep) -> ConsultationStaffView:
    consultation = await handlers.create_consultation(body.to_command(principal.tenant), uow)
    return ConsultationStaffView.of(consultation)


@staff.get("/{consultation_id}", summary="A consultation of your tenant", responses=NOT_FOUND)
async def get_consultation(consultation_id: uuid.UUID, principal: Reader, uow: UnitOfWorkDep) -> ConsultationStaffView:
    consultation = await handlers.get_consultation(principal.tenant, consultation_id, uow)
    return ConsultationStaffView.of(consultation)


@staff.post("/{consultation_id}/publish", summary="Open a draft to responses", responses=NOT_FOUND | CONFLICT)
async def publish_consultation(consultation_id: uuid.UUID, principal: Editor, uow: UnitOfWorkDep) -> ConsultationStaffView:
    command = PublishConsultation(tenant=principal.tenant, consultation_id=consultation_id)
    return ConsultationStaffView.of(await handlers.publish_consultation(command, uow))


@public.get("/v1/public/consultations/{consultation_id}", summary="An open consultation's questions",
            responses=NOT_FOUND)
async def get_public_consultation(consultation_id: uuid.UUID, uow: UnitOfWorkDep) -> ConsultationPublic:
    return ConsultationPublic.of(await handlers.get_open_consultation(consultation_id, uow))


@public.post(
    "/v1/consultations/{consultation_id}/responses",
    status_code=status.HTTP_201_CREATED,
    summary="Respond to an open consultation (no sign-in)",
    responses=NOT_FOUND | CONFLICT | {429: {"description": "Too many requests from your address"}},
)
async def submit_response(consultation_id: uuid.UUID, body: ResponseCreate, uow: UnitOfWorkDep) -> ResponseCreated:
    command = SubmitResponse(consultation_id=consultation_id, answers=body.answers)
    return ResponseCreated.of(await handlers.submit_response(command, uow))
