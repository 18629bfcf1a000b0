"""A provider outage loses nothing: a failure that is the provider's, not the message's, gives the message back
without using up its attempts, rests the channel for a pause that grows to a cap, and stops that channel for the
rest of the batch; other channels go on, and expiry still applies."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from peel.common.contracts.notifications import MessageFailed
from peel.common.retries import Backoff, Delivery, OutagePause, ProviderUnavailable
from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.messages.domain.messages import MessageStatus
from peel.notifications.messages.service_layer.delivery import Deliverers, deliver_due
from peel.notifications.messages.service_layer.messages import send_message
from tests.support.receipts import command
from tests.unit.test_notification_messages_fakes import FakeComposer, FakeProvider, FakeUnitOfWork

NOW = datetime(2027, 1, 12, 12, 0, tzinfo=UTC)
PAUSE = OutagePause(timedelta(seconds=30), timedelta(minutes=5))
DELIVERY = Delivery(Backoff(3, timedelta(seconds=30), timedelta(minutes=10)), timedelta(minutes=5), 10, PAUSE)


class CountingProvider(FakeProvider):
    def __init__(self, *failures) -> None:
        super().__init__(*failures)
        self.calls = 0

    async def send(self, outgoing):
        self.calls += 1
        return await super().send(outgoing)


def down() -> ProviderUnavailable:
    return ProviderUnavailable("the mail server could not be reached (ConnectionRefusedError)")


async def test_an_outage_longer_than_all_attempts_leaves_the_message_waiting_then_it_goes():
    uow, provider = FakeUnitOfWork(), CountingProvider(*[down() for _ in range(8)])
    tools = Deliverers({"template": FakeComposer()}, {Channel.EMAIL: provider}, concurrency=1)
    message, _ = await send_message(command(), uow, lambda: NOW)
    pauses = []
    for _ in range(8):  # well past the 3 attempts a message has
        now = uow.messages.rows[message.id].next_attempt_at
        assert await deliver_due(uow, tools, DELIVERY, lambda now=now: now) == 1
        waiting = uow.messages.rows[message.id]
        assert (waiting.status, waiting.attempts, waiting.recipient) == (MessageStatus.CREATED, 0, message.recipient)
        pauses.append(waiting.next_attempt_at - now)
    assert pauses[:5] == [timedelta(seconds=s) for s in (30, 60, 120, 240, 300)] and set(pauses[5:]) == {PAUSE.longest}
    assert uow.events(MessageFailed) == [] and "could not be reached" in waiting.last_error
    now = waiting.next_attempt_at
    await deliver_due(uow, tools, DELIVERY, lambda: now)
    sent = uow.messages.rows[message.id]
    assert (sent.status, sent.attempts, provider.calls) == (MessageStatus.SENT, 1, 9)


async def test_the_first_outage_stops_the_channel_for_the_rest_of_the_batch_and_other_channels_go_on():
    uow = FakeUnitOfWork()
    email, sms = CountingProvider(down()), CountingProvider()
    tools = Deliverers({"template": FakeComposer()}, {Channel.EMAIL: email, Channel.SMS: sms}, concurrency=1)
    emails = [(await send_message(command(f"e-{n}"), uow, lambda: NOW))[0] for n in range(4)]
    text = replace(command("s-1", recipient="07700900123"), channel=Channel.SMS)
    texted, _ = await send_message(text, uow, lambda: NOW)
    assert await deliver_due(uow, tools, DELIVERY, lambda: NOW) == 5
    assert email.calls == 1 and email.sent == []
    assert {uow.messages.rows[m.id].next_attempt_at for m in emails} == {NOW + PAUSE.first}
    assert {(uow.messages.rows[m.id].status, uow.messages.rows[m.id].attempts) for m in emails} == {
        (MessageStatus.CREATED, 0)}
    assert uow.messages.rows[texted.id].status is MessageStatus.SENT and len(sms.sent) == 1


async def test_a_message_given_back_in_an_outage_still_expires():
    uow, provider = FakeUnitOfWork(), CountingProvider(down())
    tools = Deliverers({"template": FakeComposer()}, {Channel.EMAIL: provider})
    message, _ = await send_message(replace(command(), expires_at=NOW + timedelta(seconds=10)), uow, lambda: NOW)
    await deliver_due(uow, tools, DELIVERY, lambda: NOW)
    assert uow.messages.rows[message.id].status is MessageStatus.CREATED
    await deliver_due(uow, tools, DELIVERY, lambda: NOW + PAUSE.first)
    done = uow.messages.rows[message.id]
    assert (done.status, done.reason, provider.calls) == (MessageStatus.CANCELLED, "expired", 1)


def test_the_outage_pause_doubles_up_to_its_cap():
    assert [PAUSE.after(n) for n in (1, 2, 3, 4, 5, 6)] == [timedelta(seconds=s) for s in (30, 60, 120, 240, 300, 300)]
