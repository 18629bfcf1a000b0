"""Organisations (staff): councils and partners and who holds each role; and the council details page, where a
clerk confirms the details are still correct or corrects their own."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from peel.common.contracts.notifications.contacts import OrganisationConfirmed
from peel.common.errors import Conflict, FieldError, InvalidInput, NotFound
from peel.notifications.clock import Clock, utc_now
from peel.notifications.contacts.domain.contacts import Contact
from peel.notifications.contacts.domain.organisations import (
    Correction,
    Organisation,
    OrganisationDetails,
    new_organisation,
    updated,
)
from peel.notifications.contacts.service_layer.ports import ContactsUnitOfWork


async def create_organisation(uow: ContactsUnitOfWork, tenant: str, details: OrganisationDetails, staff: str,
                              clock: Clock = utc_now) -> Organisation:
    organisation = new_organisation(tenant, details, staff, clock())
    async with uow:
        await _check_holders(uow, organisation)
        await uow.organisations.add(organisation)
        await uow.commit()
    return organisation


async def _check_holders(uow: ContactsUnitOfWork, organisation: Organisation) -> None:
    unknown = set(await uow.organisations.unknown_contacts(organisation.tenant,
                                                           [holder.contact_id for holder in organisation.roles]))
    for index, holder in enumerate(organisation.roles):
        if holder.contact_id in unknown:
            raise InvalidInput([FieldError(("roles", index, "contact_id"), "no such contact")])


async def get_organisation(uow: ContactsUnitOfWork, tenant: str, organisation_id: uuid.UUID) -> Organisation:
    async with uow:
        return await _found(uow, tenant, organisation_id)


async def _found(uow: ContactsUnitOfWork, tenant: str, organisation_id: uuid.UUID,
                 for_update: bool = False) -> Organisation:
    organisation = await uow.organisations.get(tenant, organisation_id, for_update)
    if organisation is None:
        raise NotFound(f"no organisation {organisation_id}")
    return organisation


async def list_organisations(uow: ContactsUnitOfWork, tenant: str, kind: str | None = None,
                             area: str | None = None) -> list[Organisation]:
    async with uow:
        return await uow.organisations.list(tenant, kind, area)


async def update_organisation(uow: ContactsUnitOfWork, tenant: str, organisation_id: uuid.UUID,
                              details: OrganisationDetails) -> Organisation:
    """Rename, move or re-kind it, and replace who holds its roles."""
    async with uow:
        organisation = updated(await _found(uow, tenant, organisation_id, for_update=True), details)
        await _check_holders(uow, organisation)
        await uow.organisations.save(organisation)
        await uow.commit()
    return organisation


@dataclass(frozen=True, slots=True)
class CouncilDetails:
    organisation: Organisation
    contact: Contact | None
    role: str | None


async def council_details(uow: ContactsUnitOfWork, tenant: str, organisation_id: uuid.UUID,
                          contact_id: uuid.UUID | None) -> CouncilDetails:
    async with uow:
        return await _details(uow, tenant, organisation_id, contact_id)


async def _details(uow: ContactsUnitOfWork, tenant: str, organisation_id: uuid.UUID, contact_id: uuid.UUID | None,
                   for_update: bool = False) -> CouncilDetails:
    organisation = await _found(uow, tenant, organisation_id, for_update)
    holder = next((h for h in organisation.roles if h.contact_id == contact_id), None)
    contact = await uow.contacts.get(tenant, contact_id, for_update) if holder else None
    if contact is None or contact.erased:
        return CouncilDetails(organisation, None, None)
    return CouncilDetails(organisation, contact, holder.role.value if holder else None)


async def confirm_council_details(uow: ContactsUnitOfWork, tenant: str, organisation_id: uuid.UUID,
                                  contact_id: uuid.UUID | None, correction: Correction | None,
                                  clock: Clock = utc_now) -> CouncilDetails:
    """The council confirms (``correction`` None) or corrects the details of the person the link was sent to;
    either way they count as confirmed now, and who changed what and when is kept."""
    now = clock()
    async with uow:
        found = await _details(uow, tenant, organisation_id, contact_id, for_update=True)
        fields = await _correct(uow, found, correction) if correction else []
        confirmed = found.organisation.confirmed(now)
        await uow.organisations.save(confirmed)
        by = f"contact:{found.contact.id}" if found.contact else "council"
        await uow.organisations.record_update(confirmed, found.contact and found.contact.id,
                                              "corrected" if fields else "confirmed", fields, now, by)
        uow.emit(OrganisationConfirmed(organisation_id=organisation_id, fields=fields, confirmed_at=now), tenant)
        result = await _details(uow, tenant, organisation_id, contact_id)
        await uow.commit()
    return result


async def _correct(uow: ContactsUnitOfWork, found: CouncilDetails, correction: Correction) -> list[str]:
    if found.contact is None:
        raise InvalidInput([FieldError(("email",), "this link names no one whose details could be corrected")])
    details = found.contact.details
    changed = replace(details, name=_or(correction.name, details.name), email=_or(correction.email, details.email),
                      mobile=_or(correction.mobile, details.mobile))
    fields = [name for name in correction.fields() if getattr(changed, name) != getattr(details, name)]
    if fields and not await uow.contacts.save_details(replace(found.contact, details=changed)):
        raise Conflict("another contact has this email address")
    return fields


def _or(new: str | None, old: str | None) -> str | None:
    return old if new is None else new
