"""Unsubscribing from a message's link, at once and all together (RFC 8058 one-click or the page), and asking
for fewer messages instead (a daily or weekly digest of the topic)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from peel.common.contracts.notifications.contacts import ContactUnsubscribed
from peel.common.errors import FieldError, InvalidInput
from peel.notifications.clock import Clock, utc_now
from peel.notifications.contacts.domain.consents import Channel, Consent, address_hash, in_force
from peel.notifications.contacts.domain.preferences import Subscription
from peel.notifications.contacts.domain.unsubscribing import (
    FEWER,
    UNSUBSCRIBED,
    How,
    UnsubscribeLink,
    Unsubscribing,
    unsubscribing,
)
from peel.notifications.contacts.service_layer.contacts import consent_changed, live_contact
from peel.notifications.contacts.service_layer.ports import ContactsUnitOfWork
from peel.notifications.contacts.service_layer.preferences import Change, apply_change
from peel.notifications.messages.domain.checks import Frequency


@dataclass(frozen=True, slots=True)
class Standing:
    """Where the contact stands with the link's sender, topic and channel."""

    unsubscribed: bool
    frequency: Frequency | None


async def standing(uow: ContactsUnitOfWork, link: UnsubscribeLink) -> Standing:
    async with uow:
        contact = await live_contact(uow, link.tenant, link.contact_id)
        consent = in_force(await uow.consents.history(link.contact_id)).get((link.sender, link.topic, link.channel))
        address = contact.details.address_for(link.channel)
        suppressed = await _suppressed(uow, link, address)
        subscription = (await uow.preferences.get(link.contact_id)).subscription(link.sender, link.topic)
    unsubscribed = suppressed or consent is None or not consent.change.given
    return Standing(unsubscribed, None if unsubscribed or subscription is None else subscription.frequency)


async def _suppressed(uow: ContactsUnitOfWork, link: UnsubscribeLink, address: str | None) -> bool:
    if address is None or link.channel is Channel.LETTER:
        return False
    found = await uow.suppressions.active(link.tenant, link.channel, None, address_hash(link.channel, address))
    return any(suppression.reaches(link.sender, link.topic, link.channel) for suppression in found)


async def unsubscribe(uow: ContactsUnitOfWork, link: UnsubscribeLink, how: How, clock: Clock = utc_now) -> bool:
    """Withdraw consent, suppress the address for the topic, keep the unsubscription and suppress the contact's
    unsent messages of the topic, in one transaction. ``False`` when it had been done already (nothing new kept)."""
    async with uow:
        contact = await live_contact(uow, link.tenant, link.contact_id, for_update=True)
        records = unsubscribing(link, contact.details.address_for(link.channel), how, clock())
        history = await uow.consents.history(link.contact_id)
        withdrawn = await _withdraw(uow, link, history, records.withdrawal)
        suppressed = records.suppression is not None and await uow.suppressions.add(records.suppression)
        if withdrawn or suppressed:
            await _record(uow, link, records)
        await _drop_subscription(uow, link, [*history, records.withdrawal] if withdrawn else history)
        await uow.messages.suppress_unsent(link.tenant, link.contact_id, link.sender, link.topic, link.channel,
                                           UNSUBSCRIBED)
        await uow.commit()
    return withdrawn or suppressed


async def _withdraw(uow: ContactsUnitOfWork, link: UnsubscribeLink, history: list[Consent],
                    withdrawal: Consent) -> bool:
    current = in_force(history).get(withdrawal.key)
    if current is None or not current.change.given:
        return False
    await uow.consents.add([withdrawal])
    uow.emit(consent_changed(withdrawal), link.tenant)
    return True


async def _record(uow: ContactsUnitOfWork, link: UnsubscribeLink, records: Unsubscribing) -> None:
    record = records.unsubscription
    await uow.unsubscriptions.add(record)
    uow.emit(ContactUnsubscribed(contact_id=record.contact_id, sender=record.sender, topic=record.topic,
                                 channel=record.channel.value, how=record.how.value, message_id=record.message_id,
                                 unsubscribed_at=record.at), link.tenant)


async def _drop_subscription(uow: ContactsUnitOfWork, link: UnsubscribeLink, history: list[Consent]) -> None:
    """The topic is no longer followed once no channel has consent for it."""
    still = [consent for key, consent in in_force(history).items()
             if key[:2] == (link.sender, link.topic) and consent.change.given]
    if not still:
        await uow.preferences.remove_subscription(link.contact_id, link.sender, link.topic)


async def fewer(uow: ContactsUnitOfWork, link: UnsubscribeLink, frequency: Frequency,
                clock: Clock = utc_now) -> Subscription:
    """Stay subscribed, but hear of the topic in a daily or weekly digest."""
    if frequency not in FEWER:
        raise InvalidInput([FieldError(("frequency",), "daily or weekly")])
    async with uow:
        await live_contact(uow, link.tenant, link.contact_id, for_update=True)
        before = (await uow.preferences.get(link.contact_id)).subscriptions
        wanted = Subscription(link.sender, link.topic, frequency)
        kept = [replace(old, frequency=frequency) if old.key == wanted.key else old for old in before]
        after = kept if wanted.key in {old.key for old in before} else [*kept, wanted]
        await apply_change(uow, link.tenant, link.contact_id, Change(subscriptions=after), clock())
        await uow.commit()
    return wanted
