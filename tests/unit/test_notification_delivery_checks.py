"""Delivery checks each claimed message again: consent withdrawn or a suppression added since the message was
asked for (or held, or paused) stops it; a mail server's permanent refusal suppresses the address; a contact
wanting plain text gets no HTML part."""

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

from peel.common.contracts.notifications.messages import MessageSuppressed
from peel.common.retries import Backoff, Delivery, PermanentFailure, TechnicalFailure
from peel.notifications.contacts.domain.consents import (
    Category,
    Channel,
    Consent,
    ConsentChange,
    Scope,
    Suppression,
    SuppressionReason,
)
from peel.notifications.messages.domain.checks import QuietHours, RecipientFacts
from peel.notifications.messages.domain.messages import Message, MessageStatus
from peel.notifications.messages.domain.outgoing import Content
from peel.notifications.messages.service_layer.delivery import Deliverers, deliver_due
from peel.notifications.messages.service_layer.messages import send_message
from tests.support.receipts import command
from tests.unit.test_notification_messages_fakes import FakeComposer, FakeLinks, FakeProvider, FakeUnitOfWork, Known

NOW = datetime(2027, 1, 12, 12, 0, tzinfo=UTC)  # a Tuesday, GMT
DELIVERY = Delivery(Backoff(3, timedelta(seconds=30), timedelta(minutes=10)), timedelta(minutes=5), 10)
ADDRESS = "resident@example.org"


def deliverers(provider: FakeProvider, composer: object | None = None) -> Deliverers:
    return Deliverers({"template": composer or FakeComposer()}, {Channel.EMAIL: provider}, FakeLinks())


def with_contact(**facts) -> tuple[FakeUnitOfWork, uuid.UUID]:
    uow, contact_id = FakeUnitOfWork(), uuid.uuid4()
    uow.audiences.contacts[contact_id] = Known(ADDRESS, "en", RecipientFacts(**{"consent_given": True, **facts}))
    return uow, contact_id


async def subscription(uow: FakeUnitOfWork, contact_id: uuid.UUID, reference: str = "ref-1", at: datetime = NOW):
    asked = replace(command(reference), recipient=None, contact_id=contact_id, category=Category.SUBSCRIPTION,
                    topic="road-safety")
    message, _ = await send_message(asked, uow, lambda: at)
    return message


def consent(contact_id: uuid.UUID, given: bool, at: datetime) -> Consent:
    change = ConsentChange("office", "road-safety", Channel.EMAIL, given, "staff", "v1")
    return Consent(uuid.uuid4(), contact_id, change, at, "officer")


def suppression(reason: SuppressionReason, scope: Scope = Scope.GLOBAL, value: str | None = None) -> Suppression:
    return Suppression(uuid.uuid4(), "cheshire", "", Channel.EMAIL, reason, scope, value, NOW, "officer")


async def test_consent_withdrawn_after_the_request_stops_the_queued_message_and_forgets_its_address():
    uow, contact_id = with_contact()
    message = await subscription(uow, contact_id)
    assert message.status is MessageStatus.CREATED
    uow.standings.consents[contact_id] = [consent(contact_id, True, NOW - timedelta(days=9)),
                                          consent(contact_id, False, NOW + timedelta(minutes=1))]
    provider = FakeProvider()
    assert await deliver_due(uow, deliverers(provider), DELIVERY, lambda: NOW + timedelta(minutes=2)) == 1
    stopped = uow.messages.rows[message.id]
    assert (stopped.status, stopped.reason, stopped.recipient, stopped.personalisation) == (
        MessageStatus.SUPPRESSED, "no_consent", None, {})
    assert provider.sent == [] and [e.reason for e in uow.events(MessageSuppressed)] == ["no_consent"]
    assert uow.standings.batches == [1]


async def test_a_suppression_added_while_quiet_hours_held_the_message_stops_it_when_they_end():
    uow, contact_id = with_contact(quiet_hours=QuietHours(time(21, 0), time(8, 0)))
    night, morning = datetime(2027, 1, 12, 22, 0, tzinfo=UTC), datetime(2027, 1, 13, 8, 0, tzinfo=UTC)
    held = await subscription(uow, contact_id, at=night)
    assert held.status is MessageStatus.HELD
    uow.suppress(Channel.EMAIL, ADDRESS, suppression(SuppressionReason.UNSUBSCRIBE, Scope.TOPIC, "road-safety"))
    provider = FakeProvider()
    await deliver_due(uow, deliverers(provider), DELIVERY, lambda: morning)
    stopped = uow.messages.rows[held.id]
    assert (stopped.status, stopped.reason, stopped.recipient) == (
        MessageStatus.SUPPRESSED, "suppressed:unsubscribe", None)
    assert provider.sent == []


async def test_a_service_message_heeds_a_new_global_suppression_but_not_a_topic_one():
    uow, provider = FakeUnitOfWork(), FakeProvider()
    first, _ = await send_message(command("ref-1"), uow, lambda: NOW)
    uow.suppress(Channel.EMAIL, ADDRESS, suppression(SuppressionReason.UNSUBSCRIBE, Scope.TOPIC, "road-safety"))
    uow.suppress(Channel.EMAIL, ADDRESS, suppression(SuppressionReason.UNSUBSCRIBE, Scope.SENDER, "office"))
    await deliver_due(uow, deliverers(provider), DELIVERY, lambda: NOW)
    assert uow.messages.rows[first.id].status is MessageStatus.SENT and len(provider.sent) == 1
    uow = FakeUnitOfWork()
    second, _ = await send_message(command("ref-2"), uow, lambda: NOW)
    uow.suppress(Channel.EMAIL, ADDRESS, suppression(SuppressionReason.MANUAL))
    await deliver_due(uow, deliverers(provider), DELIVERY, lambda: NOW)
    stopped = uow.messages.rows[second.id]
    assert (stopped.status, stopped.reason) == (MessageStatus.SUPPRESSED, "suppressed:manual")
    assert len(provider.sent) == 1


async def test_a_removed_suppression_or_another_address_does_not_stop_a_message():
    uow, provider = FakeUnitOfWork(), FakeProvider()
    uow.suppress(Channel.EMAIL, ADDRESS, replace(suppression(SuppressionReason.MANUAL), removed_at=NOW))
    uow.suppress(Channel.EMAIL, "someone.else@example.org", suppression(SuppressionReason.HARD_BOUNCE))
    message, _ = await send_message(command(), uow, lambda: NOW)
    await deliver_due(uow, deliverers(provider), DELIVERY, lambda: NOW)
    assert uow.messages.rows[message.id].status is MessageStatus.SENT


async def test_a_mail_servers_permanent_refusal_suppresses_the_address_everywhere():
    uow = FakeUnitOfWork()
    message, _ = await send_message(command(), uow, lambda: NOW)
    await deliver_due(uow, deliverers(FakeProvider(PermanentFailure("the mail server refused the recipient (550)"))),
                      DELIVERY, lambda: NOW)
    assert uow.messages.rows[message.id].status is MessageStatus.PERMANENT_FAILURE
    [bounce] = uow.suppressions.rows
    assert (bounce.reason, bounce.scope, bounce.address_hash) == (
        SuppressionReason.HARD_BOUNCE, Scope.GLOBAL, message.hashed_address)
    later, _ = await send_message(command("ref-2"), uow, lambda: NOW)
    assert (later.status, later.reason) == (MessageStatus.SUPPRESSED, "suppressed:hard_bounce")


async def test_a_technical_failure_or_a_failed_composer_does_not_suppress_the_address():
    uow = FakeUnitOfWork()
    message, _ = await send_message(command(), uow, lambda: NOW)
    await deliver_due(uow, deliverers(FakeProvider(TechnicalFailure("no provider for email"))), DELIVERY,
                      lambda: NOW)
    assert uow.messages.rows[message.id].status is MessageStatus.TECHNICAL_FAILURE
    other, _ = await send_message(command("ref-2"), uow, lambda: NOW)
    await deliver_due(uow, deliverers(FakeProvider(), FailingComposer()), DELIVERY, lambda: NOW)
    assert uow.messages.rows[other.id].status is MessageStatus.TECHNICAL_FAILURE
    assert uow.suppressions.rows == []


class FailingComposer:
    async def compose(self, messages: Sequence[Message]) -> dict[uuid.UUID, Content]:
        raise PermanentFailure("the bulletin cannot be read")


class HtmlComposer:
    async def compose(self, messages: Sequence[Message]) -> dict[uuid.UUID, Content]:
        return {m.id: Content("News", "Hello", "<p>Hello</p>", "en") for m in messages}


async def test_a_contact_wanting_plain_text_gets_email_without_its_html_part():
    uow, plain = with_contact()
    other = uuid.uuid4()
    uow.audiences.contacts[other] = Known("other@example.org", "en", RecipientFacts(consent_given=True))
    uow.standings.plain_text.add(plain)
    await subscription(uow, plain, "ref-plain")
    await subscription(uow, other, "ref-other")
    provider = FakeProvider()
    await deliver_due(uow, deliverers(provider, HtmlComposer()), DELIVERY, lambda: NOW)
    html = {outgoing.to: outgoing.content.html for outgoing in provider.sent}
    assert html == {ADDRESS: None, "other@example.org": "<p>Hello</p>"}
