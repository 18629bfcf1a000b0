"""A contact's preferences, set by staff (who record consent separately) or by the contact from the link in a
message (where following a topic on a channel is consent, and leaving it a withdrawal). Each change and its
event commit together; events name ids, senders, topics and frequencies, never a person."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from peel.common.contracts.notifications.contacts import ContactSubscribed, PreferencesChanged
from peel.notifications.clock import Clock, utc_now
from peel.notifications.contacts.domain.preferences import (
    Preferences,
    QuietTime,
    Subscription,
    checked_quiet_hours,
    checked_subscriptions,
    checked_weekly_cap,
)
from peel.notifications.contacts.service_layer.contacts import live_contact
from peel.notifications.contacts.service_layer.ports import ContactsUnitOfWork


@dataclass(frozen=True, slots=True)
class Change:
    """A change of preferences; ``None`` leaves that part as it is."""

    subscriptions: Sequence[Subscription] | None = None
    quiet_hours: Sequence[QuietTime] | None = None
    weekly_cap: int | None = None
    weekly_cap_given: bool = False


async def preferences_of(uow: ContactsUnitOfWork, tenant: str, contact_id: uuid.UUID) -> Preferences:
    async with uow:
        await live_contact(uow, tenant, contact_id)
        return await uow.preferences.get(contact_id)


async def change_preferences(uow: ContactsUnitOfWork, tenant: str, contact_id: uuid.UUID, change: Change,
                             clock: Clock = utc_now) -> Preferences:
    """Staff change a contact's subscriptions, quiet hours or weekly cap (each part only if given)."""
    check_change(change)
    async with uow:
        await live_contact(uow, tenant, contact_id, for_update=True)
        await apply_change(uow, tenant, contact_id, change, clock())
        preferences = await uow.preferences.get(contact_id)
        await uow.commit()
    return preferences


def check_change(change: Change) -> None:
    """422 naming the field for a repeated topic or channel, an empty quiet time or a cap out of range."""
    if change.subscriptions is not None:
        checked_subscriptions(change.subscriptions)
    if change.quiet_hours is not None:
        checked_quiet_hours(change.quiet_hours)
    checked_weekly_cap(change.weekly_cap)


async def apply_change(uow: ContactsUnitOfWork, tenant: str, contact_id: uuid.UUID, change: Change,
                       now: datetime) -> None:
    """Store the change in the open unit of work, with an event for each part that changed."""
    check_change(change)
    before = await uow.preferences.get(contact_id)
    if change.subscriptions is not None:
        await uow.preferences.replace_subscriptions(contact_id, change.subscriptions, now)
        _subscription_events(uow, tenant, contact_id, before, change.subscriptions, now)
    if change.quiet_hours is not None and set(change.quiet_hours) != set(before.quiet_hours):
        await uow.preferences.replace_quiet_hours(contact_id, change.quiet_hours)
        uow.emit(PreferencesChanged(contact_id=contact_id, change="quiet_hours", changed_at=now), tenant)
    if change.weekly_cap_given and change.weekly_cap != before.weekly_cap:
        await uow.preferences.save_weekly_cap(contact_id, change.weekly_cap)
        uow.emit(PreferencesChanged(contact_id=contact_id, change="weekly_cap", changed_at=now), tenant)


def _subscription_events(uow: ContactsUnitOfWork, tenant: str, contact_id: uuid.UUID, before: Preferences,
                         after: Sequence[Subscription], now: datetime) -> None:
    kept = {subscription.key for subscription in after}
    for subscription in after:
        old = before.subscription(subscription.sender, subscription.topic)
        if old is None:
            uow.emit(ContactSubscribed(contact_id=contact_id, sender=subscription.sender, topic=subscription.topic,
                                       frequency=subscription.frequency.value, subscribed_at=now), tenant)
        elif old.frequency is not subscription.frequency:
            uow.emit(_changed(contact_id, "frequency", subscription, now), tenant)
    for old in before.subscriptions:
        if old.key not in kept:
            uow.emit(_changed(contact_id, "unfollowed", old, now), tenant)


def _changed(contact_id: uuid.UUID, change: str, subscription: Subscription, now: datetime) -> PreferencesChanged:
    frequency = subscription.frequency.value if change == "frequency" else None
    return PreferencesChanged(contact_id=contact_id, change=change, sender=subscription.sender,
                              topic=subscription.topic, frequency=frequency, changed_at=now)
