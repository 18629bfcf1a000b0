"""Venues: staff create, change and delete them; every staff role may read them."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, status

from peel.scheduling.http.dependencies import Now, Reader, Staff
from peel.scheduling.venues.entrypoints.http.venue_schemas import VenueCreate, VenueUpdate, VenueView
from peel.scheduling.venues.service_layer import venues
from peel.scheduling.venues.service_layer.ports import VenueUnitOfWork


async def venue_unit_of_work(request: Request) -> VenueUnitOfWork:
    return request.app.state.adapters.venues()


UnitOfWorkDep = Annotated[VenueUnitOfWork, Depends(venue_unit_of_work)]

NOT_FOUND = {404: {"description": "No such venue for your tenant"}}

router = APIRouter(prefix="/v1/scheduling/venues", tags=["Venues (staff)"])


@router.post("", status_code=status.HTTP_201_CREATED, summary="Add a venue")
async def create_venue(body: VenueCreate, principal: Staff, uow: UnitOfWorkDep, clock: Now) -> VenueView:
    return VenueView.of(await venues.create_venue(principal.tenant, body.to_domain(), uow, clock))


@router.get("", summary="Your tenant's venues, by name")
async def list_venues(principal: Reader, uow: UnitOfWorkDep) -> list[VenueView]:
    return [VenueView.of(venue) for venue in await venues.list_venues(principal.tenant, uow)]


@router.get("/{venue_id}", summary="A venue", responses=NOT_FOUND)
async def get_venue(venue_id: uuid.UUID, principal: Reader, uow: UnitOfWorkDep) -> VenueView:
    return VenueView.of(await venues.get_venue(principal.tenant, venue_id, uow))


@router.put("/{venue_id}", summary="Replace a venue's details", responses=NOT_FOUND)
async def update_venue(venue_id: uuid.UUID, body: VenueUpdate, principal: Staff, uow: UnitOfWorkDep,
                       clock: Now) -> VenueView:
    return VenueView.of(await venues.update_venue(principal.tenant, venue_id, body.to_domain(), uow, clock))


@router.delete("/{venue_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a venue no session uses",
               responses=NOT_FOUND | {409: {"description": "Surgery sessions are held there"}})
async def delete_venue(venue_id: uuid.UUID, principal: Staff, uow: UnitOfWorkDep) -> None:
    await venues.delete_venue(principal.tenant, venue_id, uow)
