"""A message's checks at request time: consent, suppressions, the weekly cap, an election, quiet hours."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest

from peel.common.contracts.notifications.messages import MessageHeld, MessageSuppressed
from peel.common.errors import InvalidInput
from peel.common.retries import Delivery
from peel.notifications.contacts.domain.consents import Category, Channel, Scope, Suppression, SuppressionReason
from peel.notifications.messages.domain.checks import ElectionPeriod, QuietHours, RecipientFacts
from peel.notifications.messages.domain.messages import MessageStatus
from peel.notifications.messages.service_layer.delivery import Deliverers, deliver_due
from peel.notifications.messages.service_layer.messages import send_message
from tests.support.receipts import command
from tests.unit.test_notification_messages_fakes import FakeComposer, FakeProvider, FakeUnitOfWork, Known

NOON = datetime(2027, 1, 12, 12, 0, tzinfo=UTC)  # a Tuesday, GMT
CONTACT = uuid.uuid4()


def subscription(**changes):
    return replace(command(), recipient=None, contact_id=CONTACT, category=Category.SUBSCRIPTION,
                   topic="road-safety", **changes)


def with_contact(**facts) -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    known = RecipientFacts(**{"consent_given": True, **facts})
    uow.audiences.contacts[CONTACT] = Known("resident@example.org", "en", known)
    return uow


async def sent(uow: FakeUnitOfWork, asked, at: datetime = NOON):
    message, _ = await send_message(asked, uow, lambda: at)
    return message


async def test_a_subscription_message_without_consent_is_suppressed_and_never_sent():
    uow = with_contact(consent_given=False)
    message = await sent(uow, subscription())
    assert (message.status, message.reason, message.recipient) == (MessageStatus.SUPPRESSED, "no_consent", None)
    [event] = uow.events(MessageSuppressed)
    assert event.reason == "no_consent"
    provider = FakeProvider()
    assert await deliver_due(uow, Deliverers({"template": FakeComposer()}, {Channel.EMAIL: provider}),
                             Delivery(), lambda: NOON + timedelta(days=1)) == 0
    assert provider.sent == []


async def test_with_consent_it_goes_to_the_contacts_address_in_their_language():
    uow = with_contact()
    message = await sent(uow, subscription(language="auto"))
    assert (message.status, message.recipient, message.language) == (
        MessageStatus.CREATED, "resident@example.org", "en")


async def test_a_suppression_stops_even_a_service_message_to_a_plain_address():
    uow = FakeUnitOfWork()
    uow.suppress(Channel.EMAIL, "Resident@Example.org ", Suppression(
        uuid.uuid4(), "cheshire", "", Channel.EMAIL, SuppressionReason.HARD_BOUNCE, Scope.GLOBAL, None, NOON,
        "provider:smtp"))
    message = await sent(uow, command())
    assert (message.status, message.reason) == (MessageStatus.SUPPRESSED, "suppressed:hard_bounce")
    other = await sent(uow, command("ref-2", recipient="someone@example.org"))
    assert other.status is MessageStatus.CREATED


async def test_the_weekly_cap_suppresses_a_non_urgent_subscription_message_but_not_an_urgent_one():
    uow = with_contact(weekly_cap=2, non_urgent_this_week=2)
    capped = await sent(uow, subscription())
    urgent = await sent(uow, replace(subscription(), reference="ref-urgent", priority=1))
    assert (capped.status, capped.reason) == (MessageStatus.SUPPRESSED, "weekly_cap")
    assert urgent.status is MessageStatus.CREATED


async def test_quiet_hours_hold_a_message_until_they_end_then_it_goes_by_itself():
    uow = with_contact(quiet_hours=QuietHours(time(21, 0), time(8, 0)))
    night = datetime(2027, 1, 12, 22, 0, tzinfo=UTC)
    message = await sent(uow, subscription(), at=night)
    morning = datetime(2027, 1, 13, 8, 0, tzinfo=UTC)
    assert (message.status, message.reason, message.held_until) == (MessageStatus.HELD, "quiet_hours", morning)
    assert uow.events(MessageHeld)[0].held_until == morning
    provider = FakeProvider()
    deliverers = Deliverers({"template": FakeComposer()}, {Channel.EMAIL: provider})
    assert await deliver_due(uow, deliverers, Delivery(), lambda: morning - timedelta(minutes=1)) == 0
    assert await deliver_due(uow, deliverers, Delivery(), lambda: morning) == 1
    assert uow.messages.rows[message.id].status is MessageStatus.SENT and len(provider.sent) == 1


async def test_an_urgent_message_or_one_told_to_ignore_quiet_hours_goes_at_night():
    uow = with_contact(quiet_hours=QuietHours(time(21, 0), time(8, 0)))
    night = datetime(2027, 1, 12, 23, 0, tzinfo=UTC)
    urgent = await sent(uow, subscription(priority=1), at=night)
    told = await sent(uow, subscription(reference="ref-2", respect_quiet_hours=False), at=night)
    assert (urgent.status, told.status) == (MessageStatus.CREATED, MessageStatus.CREATED)


async def test_an_election_holds_subscription_messages_in_its_areas_until_released():
    uow = with_contact(areas=frozenset({"crewe"}))
    period = ElectionPeriod(str(uuid.uuid4()), frozenset({"crewe"}), NOON - timedelta(days=1), NOON + timedelta(days=9))
    uow.elections.periods.append(period)
    held = await sent(uow, subscription())
    service = await sent(uow, replace(command("ref-2"), contact_id=CONTACT, recipient=None))
    assert (held.status, held.reason) == (MessageStatus.HELD, f"election:{period.id}")
    assert service.status is MessageStatus.CREATED  # service messages go on
    provider = FakeProvider()
    deliverers = Deliverers({"template": FakeComposer()}, {Channel.EMAIL: provider})
    await deliver_due(uow, deliverers, Delivery(), lambda: NOON + timedelta(days=30))
    assert uow.messages.rows[held.id].status is MessageStatus.HELD  # the period's end does not send it


async def test_an_unknown_contact_is_refused_naming_the_field():
    with pytest.raises(InvalidInput) as refused:
        await sent(FakeUnitOfWork(), subscription())
    assert refused.value.errors[0].location == ("contact_id",)
