from datetime import UTC, datetime, timedelta

import pytest

from peel.common.contracts.notifications import MessageFailed, MessageSent
from peel.common.errors import InvalidInput, NotFound
from peel.common.retries import Backoff, Delivery, PermanentFailure, TemporaryFailure
from peel.notifications.messages.domain.messages import MessageStatus, SendMessage
from peel.notifications.messages.service_layer.messages import deliver_due, get_message, send_message
from tests.support.mail_fakes import FakeMessagesUnitOfWork, ScriptedSender
from tests.support.receipts import command

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
DELIVERY = Delivery(Backoff(3, timedelta(seconds=30), timedelta(minutes=10)), timedelta(minutes=5), 10)


def clock() -> datetime:
    return NOW


async def stored(uow: FakeMessagesUnitOfWork, reference: str = "ref-1"):
    message, created = await send_message(command(reference), uow, clock)
    assert created
    return message


async def test_a_message_is_stored_once_per_tenant_and_reference():
    uow = FakeMessagesUnitOfWork()
    first = await stored(uow)
    again, created = await send_message(command(recipient="someone.else@example.org"), uow, clock)
    assert (again.id, created) == (first.id, False)
    other_tenant, created = await send_message(command(tenant="dyfed-powys"), uow, clock)
    assert created and other_tenant.id != first.id
    assert first.status is MessageStatus.CREATED and uow.published == []


async def test_bad_personalisation_stores_nothing():
    uow = FakeMessagesUnitOfWork()
    bad = SendMessage("cheshire", "peel-consultation", "consultation_receipt", "a@example.org", {}, "ref-1")
    with pytest.raises(InvalidInput):
        await send_message(bad, uow, clock)
    assert uow.messages.rows == {}


async def test_staff_see_their_tenants_messages_and_clients_their_own():
    uow = FakeMessagesUnitOfWork()
    message = await stored(uow)
    assert (await get_message(uow, message.id, "cheshire", "peel-consultation", False)).id == message.id
    assert (await get_message(uow, message.id, "cheshire", "a-member-of-staff", True)).id == message.id
    for tenant, client, sees_all in (("cheshire", "another-system", False), ("dyfed-powys", "peel-consultation", True)):
        with pytest.raises(NotFound):
            await get_message(uow, message.id, tenant, client, sees_all)


async def test_a_delivered_message_is_sent_and_forgets_its_address():
    uow, sender = FakeMessagesUnitOfWork(), ScriptedSender()
    message = await stored(uow)
    assert await deliver_due(uow, sender, DELIVERY, clock) == 1
    [email] = sender.sent
    assert email.recipient == "resident@example.org" and "Policing priorities" in email.subject
    done = uow.messages.rows[message.id]
    assert (done.status, done.attempts, done.sent_at, done.recipient, done.personalisation) == (
        MessageStatus.SENT, 1, NOW, None, {})
    [(event, tenant)] = uow.published
    assert isinstance(event, MessageSent) and tenant == "cheshire" and event.message_id == message.id
    assert "resident" not in event.model_dump_json()
    assert await deliver_due(uow, sender, DELIVERY, clock) == 0


async def test_a_temporary_failure_waits_longer_each_time_then_fails():
    uow = FakeMessagesUnitOfWork()
    sender = ScriptedSender(*[TemporaryFailure("the mail server could not be reached")] * 3)
    message = await stored(uow)
    waits = []
    for _ in range(3):
        now = uow.messages.rows[message.id].next_attempt_at
        await deliver_due(uow, sender, DELIVERY, lambda now=now: now)
        waits.append(uow.messages.rows[message.id].next_attempt_at - now)
    failed = uow.messages.rows[message.id]
    assert waits[:2] == [timedelta(seconds=30), timedelta(seconds=60)]
    assert (failed.status, failed.attempts, failed.recipient) == (MessageStatus.FAILED, 3, None)
    [(event, _)] = uow.published
    assert isinstance(event, MessageFailed) and event.attempts == 3
    assert sender.sent == []


async def test_a_permanent_failure_stops_at_once():
    uow, sender = FakeMessagesUnitOfWork(), ScriptedSender(PermanentFailure("the mail server refused the recipient"))
    message = await stored(uow)
    await deliver_due(uow, sender, DELIVERY, clock)
    failed = uow.messages.rows[message.id]
    assert (failed.status, failed.attempts, failed.last_error) == (
        MessageStatus.FAILED, 1, "the mail server refused the recipient")


async def test_a_message_claimed_is_left_alone_until_its_lease_ends():
    uow = FakeMessagesUnitOfWork()
    message = await stored(uow)
    claimed = await uow.messages.claim_due(NOW, NOW + DELIVERY.lease, 10)
    assert [m.id for m in claimed] == [message.id]
    assert await uow.messages.claim_due(NOW + timedelta(minutes=1), NOW, 10) == []
    [again] = await uow.messages.claim_due(NOW + DELIVERY.lease, NOW + 2 * DELIVERY.lease, 10)
    assert again.attempts == 2
    assert not await uow.messages.save_outcome(claimed[0].delivered(NOW))
