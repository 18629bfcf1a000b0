"""Contacts and their consent: recorded by staff, erased on request; each change and its event commit together."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from peel.common.contracts.notifications import ConsentChanged, ContactCreated, ContactErased
from peel.common.errors import Conflict, FieldError, InvalidInput, NotFound
from peel.notifications.clock import Clock, utc_now
from peel.notifications.contacts.domain.consents import (
    NO_ADDRESS,
    Channel,
    Consent,
    ConsentChange,
    Decision,
    MessageKind,
    address_hash,
    in_force,
    may_send,
)
from peel.notifications.contacts.domain.contacts import Contact, ContactDetails, new_contact
from peel.notifications.contacts.service_layer.ports import ContactsUnitOfWork


async def create_contact(uow: ContactsUnitOfWork, tenant: str, details: ContactDetails, staff: str,
                         clock: Clock = utc_now) -> Contact:
    if not details.reachable():
        raise InvalidInput([FieldError(("email",), "give an email address, a mobile or a postal address")])
    contact = new_contact(tenant, details, staff, clock())
    async with uow:
        if not await uow.contacts.add(contact):
            raise Conflict("another contact has this email address")
        uow.emit(_created(contact), tenant)
        await uow.commit()
    return contact


def _created(contact: Contact) -> ContactCreated:
    details = contact.details
    channels = [name for name, value in (("email", details.email), ("sms", details.mobile),
                                         ("letter", details.postal_address)) if value]
    return ContactCreated(contact_id=contact.id, channels=channels, language=details.language.language.value,
                          created_at=contact.created_at)


async def get_contact(uow: ContactsUnitOfWork, tenant: str, contact_id: uuid.UUID) -> Contact:
    async with uow:
        return await live_contact(uow, tenant, contact_id)


async def live_contact(uow: ContactsUnitOfWork, tenant: str, contact_id: uuid.UUID,
                       for_update: bool = False) -> Contact:
    contact = await uow.contacts.get(tenant, contact_id, for_update)
    if contact is None or contact.erased:
        raise NotFound(f"no contact {contact_id}")
    return contact


async def erase_contact(uow: ContactsUnitOfWork, tenant: str, contact_id: uuid.UUID, clock: Clock = utc_now) -> None:
    """Blank the contact's personal fields, its messages' addresses and personalisation (cancelling those not yet
    sent), and drop its preferences and roles; its consent records and unsubscriptions stay as anonymous evidence."""
    async with uow:
        erased = (await live_contact(uow, tenant, contact_id, for_update=True)).erase(clock())
        await uow.contacts.save_erased(erased)
        await _erase_traces(uow, tenant, contact_id, erased.erased_at or clock())
        uow.emit(ContactErased(contact_id=contact_id, erased_at=erased.erased_at), tenant)
        await uow.commit()


async def _erase_traces(uow: ContactsUnitOfWork, tenant: str, contact_id: uuid.UUID, now: datetime) -> None:
    await uow.messages.erase(tenant, contact_id, now)
    await uow.preferences.replace_subscriptions(contact_id, [], now)
    await uow.preferences.replace_quiet_hours(contact_id, [])
    await uow.organisations.remove_roles_of(contact_id)


async def set_consents(uow: ContactsUnitOfWork, tenant: str, contact_id: uuid.UUID, changes: Sequence[ConsentChange],
                       staff: str, clock: Clock = utc_now) -> list[Consent]:
    """Record every entry as evidence; an event for each that changes what is in force. The consents in force."""
    _check_distinct(changes)
    now = clock()
    async with uow:
        await live_contact(uow, tenant, contact_id, for_update=True)
        current = in_force(await uow.consents.history(contact_id))
        records = [Consent(uuid.uuid4(), contact_id, change, now, staff) for change in changes]
        await uow.consents.add(records)
        for record in records:
            if _changes(current.get(record.key), record):
                uow.emit(consent_changed(record), tenant)
        await uow.commit()
    return list({**current, **in_force(records)}.values())


def _check_distinct(changes: Sequence[ConsentChange]) -> None:
    seen: set[tuple] = set()
    for index, change in enumerate(changes):
        if change.key in seen:
            raise InvalidInput([FieldError((index,), "this sender, topic and channel is listed twice")])
        seen.add(change.key)


def _changes(before: Consent | None, after: Consent) -> bool:
    return after.change.given if before is None else before.change.given != after.change.given


def consent_changed(record: Consent) -> ConsentChanged:
    change = record.change
    return ConsentChanged(contact_id=record.contact_id, sender=change.sender, topic=change.topic,
                          channel=change.channel.value, given=change.given, source=change.source,
                          wording_version=change.wording_version, changed_at=record.at)


async def consents_of(uow: ContactsUnitOfWork, tenant: str, contact_id: uuid.UUID) -> list[Consent]:
    """Every consent record of the contact, oldest first."""
    async with uow:
        await live_contact(uow, tenant, contact_id)
        return await uow.consents.history(contact_id)


async def may_send_to(uow: ContactsUnitOfWork, tenant: str, contact_id: uuid.UUID, message: MessageKind) -> Decision:
    """Whether a message of this category, sender, topic and channel may go to the contact, or why not."""
    async with uow:
        contact = await live_contact(uow, tenant, contact_id)
        address = contact.details.address_for(message.channel)
        if address is None:
            return Decision(False, NO_ADDRESS)
        history = await uow.consents.history(contact_id)
        hashed = address_hash(message.channel, address) if message.channel is not Channel.LETTER else None
        found = await uow.suppressions.active(tenant, message.channel, None, hashed) if hashed else []
    return may_send(message.category, history, found, message.sender, message.topic, message.channel)
