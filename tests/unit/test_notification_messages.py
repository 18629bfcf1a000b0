"""Messages: stored once per reference, delivered in batches through composers and providers, retried within
bounds, final statuses in Notify's words, the address forgotten once final."""

import asyncio
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from peel.common.contracts.notifications import MessageFailed, MessageSent
from peel.common.contracts.notifications.messages import MessageCancelled, MessageRequested
from peel.common.errors import InvalidInput, NotFound
from peel.common.retries import Backoff, Delivery, PermanentFailure, TemporaryFailure
from peel.notifications.contacts.domain.consents import Category, Channel
from peel.notifications.messages.domain.checks import RecipientFacts
from peel.notifications.messages.domain.messages import MessageStatus, SendMessage
from peel.notifications.messages.service_layer.delivery import Deliverers, deliver_due
from peel.notifications.messages.service_layer.messages import get_message, send_message
from peel.notifications.templates.domain.templates import TEMPLATES
from tests.support.receipts import command
from tests.unit.test_notification_messages_fakes import (
    FakeComposer,
    FakeLinks,
    FakeProvider,
    FakeUnitOfWork,
    Known,
)

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
DELIVERY = Delivery(Backoff(3, timedelta(seconds=30), timedelta(minutes=10)), timedelta(minutes=5), 10)


def clock() -> datetime:
    return NOW


def deliverers(provider: FakeProvider, composer: FakeComposer | None = None, concurrency: int = 4) -> Deliverers:
    return Deliverers({"template": composer or FakeComposer()}, {Channel.EMAIL: provider}, FakeLinks(), concurrency)


@pytest.fixture
def contact_uow() -> tuple[FakeUnitOfWork, uuid.UUID]:
    uow, contact_id = FakeUnitOfWork(), uuid.uuid4()
    uow.audiences.contacts[contact_id] = Known("resident@example.org", "cy", RecipientFacts(consent_given=True))
    return uow, contact_id


async def stored(uow: FakeUnitOfWork, reference: str = "ref-1", **changes):
    base = command(reference)
    message, created = await send_message(replace(base, **changes), uow,
                                          clock)
    assert created
    return message


async def test_a_message_is_stored_once_per_tenant_and_reference_and_its_request_told():
    uow = FakeUnitOfWork()
    first = await stored(uow)
    again, created = await send_message(command(recipient="someone.else@example.org"), uow, clock)
    assert (again.id, created) == (first.id, False)
    other_tenant, created = await send_message(command(tenant="dyfed-powys"), uow, clock)
    assert created and other_tenant.id != first.id
    assert first.status is MessageStatus.CREATED and first.address_hash is not None
    assert [event.message_id for event in uow.events(MessageRequested)] == [first.id, other_tenant.id]
    assert "resident" not in uow.published[0][0].model_dump_json()


async def test_bad_personalisation_stores_nothing():
    uow = FakeUnitOfWork()
    bad = SendMessage("cheshire", "peel-consultation", "consultation_receipt", "a@example.org", {}, "ref-1")
    with pytest.raises(InvalidInput):
        await send_message(bad, uow, clock)
    assert uow.messages.rows == {}


async def test_staff_see_their_tenants_messages_and_clients_their_own():
    uow = FakeUnitOfWork()
    message = await stored(uow)
    assert (await get_message(uow, message.id, "cheshire", "peel-consultation", False)).id == message.id
    assert (await get_message(uow, message.id, "cheshire", "a-member-of-staff", True)).id == message.id
    for tenant, client, sees_all in (("cheshire", "another-system", False), ("dyfed-powys", "peel-consultation", True)):
        with pytest.raises(NotFound):
            await get_message(uow, message.id, tenant, client, sees_all)


async def test_a_batch_is_composed_once_sent_and_each_message_forgets_its_address():
    uow, provider, composer = FakeUnitOfWork(), FakeProvider(), FakeComposer()
    messages = [await stored(uow, f"ref-{n}") for n in range(5)]
    assert await deliver_due(uow, deliverers(provider, composer), DELIVERY, clock) == 5
    assert composer.calls == [5] and len(provider.sent) == 5
    assert {outgoing.to for outgoing in provider.sent} == {"resident@example.org"}
    assert all(outgoing.headers == () for outgoing in provider.sent)  # service messages: no List-Unsubscribe
    for message in messages:
        done = uow.messages.rows[message.id]
        assert (done.status, done.attempts, done.sent_at, done.recipient, done.personalisation, done.provider) == (
            MessageStatus.SENT, 1, NOW, None, {}, "smtp")
    assert len(uow.events(MessageSent)) == 5
    assert await deliver_due(uow, deliverers(provider), DELIVERY, clock) == 0


async def test_a_temporary_failure_waits_longer_each_time_then_is_a_temporary_failure():
    uow = FakeUnitOfWork()
    provider = FakeProvider(*[TemporaryFailure("the mail server could not be reached")] * 3)
    message = await stored(uow)
    waits = []
    for _ in range(3):
        now = uow.messages.rows[message.id].next_attempt_at
        await deliver_due(uow, deliverers(provider), DELIVERY, lambda now=now: now)
        waits.append(uow.messages.rows[message.id].next_attempt_at - now)
    failed = uow.messages.rows[message.id]
    assert waits[:2] == [timedelta(seconds=30), timedelta(seconds=60)]
    assert (failed.status, failed.attempts, failed.recipient) == (MessageStatus.TEMPORARY_FAILURE, 3, None)
    [event] = uow.events(MessageFailed)
    assert event.attempts == 3 and event.status == "temporary-failure"
    assert provider.sent == []


async def test_a_permanent_failure_stops_at_once():
    uow = FakeUnitOfWork()
    provider = FakeProvider(PermanentFailure("the mail server refused the recipient"))
    message = await stored(uow)
    await deliver_due(uow, deliverers(provider), DELIVERY, clock)
    failed = uow.messages.rows[message.id]
    assert (failed.status, failed.attempts, failed.last_error, failed.recipient) == (
        MessageStatus.PERMANENT_FAILURE, 1, "the mail server refused the recipient", None)


async def test_a_provider_with_receipts_leaves_the_message_sending_and_it_is_not_claimed_again():
    uow, provider = FakeUnitOfWork(), FakeProvider(name="notify", receipts=True)
    message = await stored(uow)
    await deliver_due(uow, deliverers(provider), DELIVERY, clock)
    waiting = uow.messages.rows[message.id]
    assert (waiting.status, waiting.provider, waiting.provider_reference) == (MessageStatus.SENDING, "notify", "ref-1")
    assert waiting.recipient == "resident@example.org"  # kept until the receipt makes it final
    later = NOW + timedelta(hours=2)
    assert await deliver_due(uow, deliverers(provider), DELIVERY, lambda: later) == 0


async def test_an_expired_message_and_one_without_content_are_cancelled_unsent():
    uow, provider = FakeUnitOfWork(), FakeProvider()
    expiring = await stored(uow, "ref-expiring", expires_at=NOW - timedelta(minutes=1))
    gone = await stored(uow, "ref-gone")
    await deliver_due(uow, deliverers(provider, FakeComposer({gone.id})), DELIVERY, clock)
    assert provider.sent == []
    for message, reason in ((expiring, "expired"), (gone, "no_content")):
        done = uow.messages.rows[message.id]
        assert (done.status, done.reason, done.recipient) == (MessageStatus.CANCELLED, reason, None)
    assert len(uow.events(MessageCancelled)) == 2


async def test_a_message_waits_for_send_after():
    uow, provider = FakeUnitOfWork(), FakeProvider()
    await stored(uow, send_after=NOW + timedelta(hours=1))
    assert await deliver_due(uow, deliverers(provider), DELIVERY, clock) == 0
    assert await deliver_due(uow, deliverers(provider), DELIVERY, lambda: NOW + timedelta(hours=1)) == 1


async def test_a_subscription_email_to_a_contact_carries_one_click_unsubscribe(contact_uow):
    uow, contact_id = contact_uow
    provider = FakeProvider()
    await stored(uow, recipient=None, contact_id=contact_id, category=Category.SUBSCRIPTION, topic="road-safety",
                 language="auto")
    await deliver_due(uow, deliverers(provider), DELIVERY, clock)
    [outgoing] = provider.sent
    assert dict(outgoing.headers) == {
        "List-Unsubscribe": f"<https://pages.example/cy/cheshire/unsubscribe/{contact_id}.road-safety>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


async def test_concurrency_is_bounded_by_the_setting():
    class Slow(FakeProvider):
        def __init__(self) -> None:
            super().__init__()
            self.now = self.most = 0

        async def send(self, outgoing):
            self.now += 1
            self.most = max(self.most, self.now)
            await asyncio.sleep(0)
            self.now -= 1
            return await super().send(outgoing)

    uow, provider = FakeUnitOfWork(), Slow()
    for n in range(10):
        await stored(uow, f"ref-{n}")
    await deliver_due(uow, deliverers(provider, concurrency=3), DELIVERY, clock)
    assert len(provider.sent) == 10 and provider.most == 3


async def test_an_offices_own_template_version_is_checked_and_named_on_the_message():
    uow = FakeUnitOfWork()
    built_in = TEMPLATES["consultation_receipt"]
    uow.templates.rows[("cheshire", "road_news")] = [replace(built_in, key="road_news", version=n) for n in (1, 2)]
    latest = await stored(uow, template="road_news")
    pinned = await stored(uow, "ref-2", template="road_news", template_version=1)
    assert (latest.template_version, pinned.template_version) == (2, 1)
    assert (await stored(uow, "ref-3")).template_version == 1  # a built-in is version 1
    for change, field in (({"template": "road_news", "template_version": 9}, "template_version"),
                          ({"template": "nothing_like_it"}, "template")):
        with pytest.raises(InvalidInput) as refused:
            await send_message(replace(command("ref-4"), **change), uow, clock)
        assert refused.value.errors[0].location == (field,)
