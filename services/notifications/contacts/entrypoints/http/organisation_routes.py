"""Organisations (staff): parish, town and community councils and partners, and who holds each role."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.notifications.contacts.domain.organisations import Kind
from peel.notifications.contacts.entrypoints.http.dependencies import UnitOfWorkDep
from peel.notifications.contacts.entrypoints.http.organisation_schemas import (
    Area,
    OrganisationBody,
    OrganisationPublic,
)
from peel.notifications.contacts.service_layer import organisations

Staff = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER))]
router = APIRouter(prefix="/v1/organisations", tags=["organisations"])
NOT_FOUND = {404: {"description": "No such organisation in your tenant"}}


@router.post("", status_code=status.HTTP_201_CREATED, summary="Record a council or partner and its role holders")
async def create_organisation(body: OrganisationBody, principal: Staff, uow: UnitOfWorkDep) -> OrganisationPublic:
    created = await organisations.create_organisation(uow, principal.tenant, body.details(), principal.subject)
    return OrganisationPublic.of(created)


@router.get("", summary="The office's organisations, by kind and area")
async def list_organisations(principal: Staff, uow: UnitOfWorkDep, kind: Kind | None = None,
                             area: Annotated[Area | None, Query()] = None) -> list[OrganisationPublic]:
    found = await organisations.list_organisations(uow, principal.tenant, kind and kind.value, area)
    return [OrganisationPublic.of(organisation) for organisation in found]


@router.get("/{organisation_id}", summary="An organisation and its role holders", responses=NOT_FOUND)
async def get_organisation(organisation_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> OrganisationPublic:
    return OrganisationPublic.of(await organisations.get_organisation(uow, principal.tenant, organisation_id))


@router.put("/{organisation_id}", summary="Change an organisation; its roles are replaced", responses=NOT_FOUND)
async def update_organisation(organisation_id: uuid.UUID, body: OrganisationBody, principal: Staff,
                              uow: UnitOfWorkDep) -> OrganisationPublic:
    changed = await organisations.update_organisation(uow, principal.tenant, organisation_id, body.details())
    return OrganisationPublic.of(changed)
