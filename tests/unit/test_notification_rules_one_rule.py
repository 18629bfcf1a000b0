"""The one sending rule holds everywhere: a digest subscriber's messages wait out an election, a single message
is never sent past an election or quiet hours, a bulletin's declared category says who needs consent, every
bulletin is publicity, and a resumed bulletin's messages are decided again."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

from peel.notifications.bulletins.domain.dispatch import Paused, decision_for, on_resume, plan
from peel.notifications.contacts.domain.audience import Recipient
from peel.notifications.contacts.domain.consents import Category, Channel
from peel.notifications.messages.domain.checks import (
    Decision,
    ElectionPeriod,
    Frequency,
    Outcome,
    QuietHours,
    RecipientFacts,
    Sending,
    decide,
)
from peel.notifications.messages.domain.messages import MessageStatus
from peel.notifications.messages.service_layer.messages import send_message
from tests.support.receipts import command
from tests.unit.test_notification_messages_fakes import FakeUnitOfWork, Known

NOON = datetime(2027, 1, 12, 12, 0, tzinfo=UTC)  # a Tuesday, GMT
CREWE = frozenset({"crewe"})
PERIOD = ElectionPeriod("may-2027", CREWE, NOON - timedelta(days=2), NOON + timedelta(days=20))
CONTACT = uuid.uuid4()
ORGANISATION = uuid.uuid4()


def facts(**changes) -> RecipientFacts:
    return RecipientFacts(**{"consent_given": True, "areas": CREWE, **changes})


# 1. An election comes before the digest

def test_a_digest_subscribers_subscription_message_is_held_by_an_election_not_sent_to_the_digest() -> None:
    decision = decide(Sending(Category.SUBSCRIPTION), facts(frequency=Frequency.DAILY), [PERIOD], NOON)
    assert decision == Decision(Outcome.HOLD, f"election:{PERIOD.id}", PERIOD.ends_at)


def test_without_an_election_a_digest_subscriber_still_gets_the_digest() -> None:
    decision = decide(Sending(Category.SUBSCRIPTION), facts(frequency=Frequency.WEEKLY), [], NOON)
    assert decision.outcome is Outcome.DIGEST


def single(**known) -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    uow.audiences.contacts[CONTACT] = Known("resident@example.org", "en", facts(frequency=Frequency.DAILY, **known))
    return uow


def subscription_message():
    return replace(command(), recipient=None, contact_id=CONTACT, category=Category.SUBSCRIPTION, topic="roads")


async def test_a_single_message_to_a_digest_subscriber_is_held_in_a_pre_election_period() -> None:
    uow = single()
    uow.elections.periods.append(PERIOD)
    message, _ = await send_message(subscription_message(), uow, lambda: NOON)
    assert (message.status, message.reason) == (MessageStatus.HELD, f"election:{PERIOD.id}")


async def test_a_single_message_to_a_digest_subscriber_waits_for_their_quiet_hours() -> None:
    uow = single(quiet_hours=QuietHours(time(11), time(14)))
    message, _ = await send_message(subscription_message(), uow, lambda: NOON)
    assert (message.status, message.reason) == (MessageStatus.HELD, "quiet_hours")
    assert message.held_until == datetime(2027, 1, 12, 14, 0, tzinfo=UTC)


async def test_a_single_message_to_a_digest_subscriber_otherwise_goes_as_asked() -> None:
    message, _ = await send_message(subscription_message(), single(), lambda: NOON)
    assert message.status is MessageStatus.CREATED


# 3. A bulletin's declared category; 4. every bulletin is publicity

def holder(sent_as: Category, **changes) -> Recipient:
    known = facts(**{"areas": frozenset(), **changes})
    return Recipient(CONTACT, Channel.EMAIL, "clerk@example.org", "en", "bulletin", known, ORGANISATION, sent_as)


def test_a_subscription_bulletin_reaches_a_role_holder_as_a_subscriber_needing_consent() -> None:
    [message] = plan(uuid.uuid4(), [holder(Category.SUBSCRIPTION, consent_given=False)], [], NOON).messages
    assert message.recipient.category is Category.SUBSCRIPTION
    assert (message.status, message.reason) == ("suppressed", "no_consent")
    assert message.personalisation == {}  # no acknowledgement link in a subscription bulletin


def test_a_stakeholder_bulletin_reaches_role_holders_as_stakeholders_and_subscribers_as_subscribers() -> None:
    subscriber = replace(holder(Category.STAKEHOLDER, consent_given=False), organisation_id=None,
                         contact_id=uuid.uuid4())
    clerk, resident = plan(uuid.uuid4(), [holder(Category.STAKEHOLDER, consent_given=False), subscriber], [],
                           NOON).messages
    assert (clerk.recipient.category, clerk.status) == (Category.STAKEHOLDER, "created")
    assert clerk.personalisation == {"organisation_id": str(ORGANISATION)}
    assert (resident.recipient.category, resident.status, resident.reason) == (
        Category.SUBSCRIPTION, "suppressed", "no_consent")


def test_a_stakeholder_bulletin_is_publicity_held_in_a_pre_election_period_for_its_areas() -> None:
    clerk = holder(Category.STAKEHOLDER, areas=CREWE)
    assert decision_for(clerk, [PERIOD], NOON) == Decision(Outcome.HOLD, f"election:{PERIOD.id}", PERIOD.ends_at)
    elsewhere = holder(Category.STAKEHOLDER, areas=frozenset({"chester"}))
    assert decision_for(elsewhere, [PERIOD], NOON).outcome is Outcome.SEND


def test_a_service_message_goes_on_through_the_election() -> None:
    assert decide(Sending(Category.SERVICE), facts(consent_given=False), [PERIOD], NOON).outcome is Outcome.SEND


# 2. Resuming a bulletin decides its paused messages again

def paused(category: Category = Category.SUBSCRIPTION, counts_itself: bool = True) -> Paused:
    return Paused(uuid.uuid4(), CONTACT, Channel.EMAIL, "bulletin", category, counts_itself)


def test_an_election_begun_during_the_pause_holds_the_resumed_message() -> None:
    decision = on_resume(paused(), facts(), [PERIOD], NOON)
    assert decision == Decision(Outcome.HOLD, f"election:{PERIOD.id}", PERIOD.ends_at)


def test_a_consent_withdrawn_or_a_suppression_added_during_the_pause_stops_the_resumed_message() -> None:
    assert on_resume(paused(), facts(consent_given=False), [], NOON) == Decision(Outcome.SUPPRESS, "no_consent")
    suppressed = on_resume(paused(Category.STAKEHOLDER), facts(suppression="unsubscribe"), [], NOON)
    assert suppressed == Decision(Outcome.SUPPRESS, "suppressed:unsubscribe")


def test_a_resumed_message_does_not_count_against_its_own_weekly_cap() -> None:
    capped = facts(weekly_cap=1, non_urgent_this_week=1)
    assert on_resume(paused(counts_itself=True), capped, [], NOON).outcome is Outcome.SEND
    assert on_resume(paused(counts_itself=False), capped, [], NOON) == Decision(Outcome.SUPPRESS, "weekly_cap")


def test_a_resumed_message_to_a_contact_now_on_a_digest_still_goes_as_a_message() -> None:
    assert on_resume(paused(), facts(frequency=Frequency.WEEKLY), [], NOON).outcome is Outcome.SEND


def test_a_message_paused_while_waiting_for_quiet_hours_waits_until_they_end() -> None:
    waiting = replace(paused(), held_until=NOON + timedelta(hours=3))
    assert on_resume(waiting, facts(), [], NOON) == Decision(Outcome.HOLD, "quiet_hours", NOON + timedelta(hours=3))
    assert on_resume(waiting, facts(), [], NOON + timedelta(hours=4)).outcome is Outcome.SEND
