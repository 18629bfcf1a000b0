"""Venue use cases: staff keep the list of places surgeries are held."""

from __future__ import annotations

import uuid

from peel.common.errors import NotFound
from peel.scheduling.clock import Clock, utc_now
from peel.scheduling.venues.domain.venues import Venue, VenueDetails
from peel.scheduling.venues.service_layer.ports import VenueUnitOfWork


async def create_venue(tenant: str, details: VenueDetails, uow: VenueUnitOfWork, clock: Clock = utc_now) -> Venue:
    async with uow:
        venue = Venue.create(tenant, details, clock())
        await uow.venues.add(venue)
        await uow.commit()
    return venue


async def list_venues(tenant: str, uow: VenueUnitOfWork) -> list[Venue]:
    async with uow:
        return await uow.venues.of_tenant(tenant)


async def get_venue(tenant: str, venue_id: uuid.UUID, uow: VenueUnitOfWork) -> Venue:
    async with uow:
        return await tenants_venue(uow, tenant, venue_id)


async def update_venue(tenant: str, venue_id: uuid.UUID, details: VenueDetails, uow: VenueUnitOfWork,
                       clock: Clock = utc_now) -> Venue:
    async with uow:
        venue = (await tenants_venue(uow, tenant, venue_id)).update(details, clock())
        await uow.venues.save(venue)
        await uow.commit()
    return venue


async def delete_venue(tenant: str, venue_id: uuid.UUID, uow: VenueUnitOfWork) -> None:
    async with uow:
        if not await uow.venues.remove(tenant, venue_id):
            raise NotFound(f"no venue {venue_id}")
        await uow.commit()


async def tenants_venue(uow: VenueUnitOfWork, tenant: str, venue_id: uuid.UUID) -> Venue:
    venue = await uow.venues.get(tenant, venue_id)
    if venue is None:
        raise NotFound(f"no venue {venue_id}")
    return venue
