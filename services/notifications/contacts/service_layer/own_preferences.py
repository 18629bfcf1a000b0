"""A contact's own preferences page (from the link in a message): following a topic on a channel there is
consent given by the contact, leaving it a withdrawal; following again lifts the contact's own unsubscription."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from peel.common.errors import FieldError, InvalidInput
from peel.notifications.clock import Clock, utc_now
from peel.notifications.contacts.domain.consents import (
    Channel,
    Consent,
    ConsentChange,
    Scope,
    SuppressionReason,
    address_hash,
    in_force,
)
from peel.notifications.contacts.domain.contacts import Contact
from peel.notifications.contacts.domain.preferences import Preferences, Subscription
from peel.notifications.contacts.service_layer.contacts import consent_changed, live_contact
from peel.notifications.contacts.service_layer.ports import ContactsUnitOfWork
from peel.notifications.contacts.service_layer.preferences import Change, apply_change, check_change

SOURCE = "preferences_page"
WORDING = "preferences-page"
BY = "contact"


@dataclass(frozen=True, slots=True)
class Followed:
    """A topic the contact follows, and the channels it has consented to hear of it on."""

    subscription: Subscription
    channels: tuple[Channel, ...]


@dataclass(frozen=True, slots=True)
class OwnPreferences:
    language: str
    followed: tuple[Followed, ...]
    preferences: Preferences


async def own_preferences(uow: ContactsUnitOfWork, tenant: str, contact_id: uuid.UUID) -> OwnPreferences:
    async with uow:
        contact = await live_contact(uow, tenant, contact_id)
        return await _own(uow, contact)


async def _own(uow: ContactsUnitOfWork, contact: Contact) -> OwnPreferences:
    preferences = await uow.preferences.get(contact.id)
    given = _given(await uow.consents.history(contact.id))
    keys = list(dict.fromkeys([s.key for s in preferences.subscriptions] + [key[:2] for key in given]))
    followed = tuple(Followed(preferences.subscription(*key) or Subscription(*key),
                              tuple(channel for (*pair, channel) in given if tuple(pair) == key)) for key in keys)
    return OwnPreferences(contact.details.language.language.value, followed, preferences)


def _given(history: Sequence[Consent]) -> list[tuple[str, str, Channel]]:
    return sorted(key for key, consent in in_force(history).items() if consent.change.given)


async def change_own_preferences(uow: ContactsUnitOfWork, tenant: str, contact_id: uuid.UUID,
                                 followed: Sequence[Followed] | None, change: Change,
                                 clock: Clock = utc_now) -> OwnPreferences:
    """The contact's own change; ``followed`` (if given) replaces what it follows and on which channels."""
    now = clock()
    if followed is not None:
        change = replace(change, subscriptions=[entry.subscription for entry in followed])
    check_change(change)
    async with uow:
        contact = await live_contact(uow, tenant, contact_id, for_update=True)
        if followed is not None:
            _check_channels(contact, followed)
            await _consent_to(uow, contact, followed, now)
        await apply_change(uow, tenant, contact_id, change, now)
        result = await _own(uow, contact)
        await uow.commit()
    return result


def _check_channels(contact: Contact, followed: Sequence[Followed]) -> None:
    for index, entry in enumerate(followed):
        for channel in entry.channels:
            if contact.details.address_for(channel) is None:
                raise InvalidInput([FieldError(("subscriptions", index, "channels"), f"no {channel.value} address")])


async def _consent_to(uow: ContactsUnitOfWork, contact: Contact, followed: Sequence[Followed], now: datetime) -> None:
    current = in_force(await uow.consents.history(contact.id))
    wanted = {(entry.subscription.sender, entry.subscription.topic, channel)
              for entry in followed for channel in entry.channels}
    given = {key for key, consent in current.items() if consent.change.given}
    records = [Consent(uuid.uuid4(), contact.id, ConsentChange(*key, key in wanted, SOURCE, WORDING), now, BY)
               for key in sorted(wanted ^ given)]
    await uow.consents.add(records)
    for record in records:
        uow.emit(consent_changed(record), contact.tenant)
        if record.change.given:
            await _lift_unsubscription(uow, contact, record, now)


async def _lift_unsubscription(uow: ContactsUnitOfWork, contact: Contact, record: Consent, now: datetime) -> None:
    channel = record.change.channel
    address = contact.details.address_for(channel)
    if address is None or channel is Channel.LETTER:
        return
    found = await uow.suppressions.active(contact.tenant, channel, SuppressionReason.UNSUBSCRIBE,
                                          address_hash(channel, address))
    for suppression in found:
        if suppression.scope is Scope.TOPIC and suppression.scope_value == record.change.topic:
            await uow.suppressions.save_removed(replace(suppression, removed_at=now, removed_by=BY,
                                                        removal_reason="followed again on the preferences page"))
