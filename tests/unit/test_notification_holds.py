"""Held messages: listed by reason and bulletin, released by staff with a reason on record; cancellation."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from peel.common.contracts.notifications.messages import MessageCancelled, MessageReleased
from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.notifications.contacts.domain.consents import Category
from peel.notifications.messages.domain.checks import ElectionPeriod, RecipientFacts
from peel.notifications.messages.domain.holds import ReleaseRequest
from peel.notifications.messages.domain.messages import MessageStatus
from peel.notifications.messages.service_layer.holds import held_messages, hold_releases, release_held
from peel.notifications.messages.service_layer.messages import cancel_message, send_message
from tests.support.receipts import command
from tests.unit.test_notification_messages_fakes import FakeUnitOfWork, Known

NOW = datetime(2027, 4, 1, 12, 0, tzinfo=UTC)
CONTACT = uuid.uuid4()
PERIODS = [ElectionPeriod(str(uuid.uuid4()), frozenset(), NOW - timedelta(days=1), NOW + timedelta(days=20))
           for _ in range(2)]


def in_election(period: ElectionPeriod) -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    uow.audiences.contacts[CONTACT] = Known("resident@example.org", "en", RecipientFacts(consent_given=True))
    uow.elections.periods.append(period)
    return uow


async def held(uow: FakeUnitOfWork, reference: str, bulletin: uuid.UUID | None = None):
    asked = replace(command(reference), recipient=None, contact_id=CONTACT, category=Category.SUBSCRIPTION,
                    topic="road-safety")
    message, _ = await send_message(asked, uow, lambda: NOW)
    if bulletin:  # as a bulletin's messages are stored
        uow.messages.rows[message.id] = message = replace(message, bulletin_id=bulletin, source="bulletin")
    assert message.status is MessageStatus.HELD
    return message


async def test_held_messages_are_grouped_by_reason_and_bulletin():
    uow, bulletin = in_election(PERIODS[0]), uuid.uuid4()
    for n in range(3):
        await held(uow, f"b-{n}", bulletin)
    await held(uow, "single")
    groups = {(g.reason, g.bulletin_id): g.count for g in await held_messages(uow, "cheshire")}
    reason = f"election:{PERIODS[0].id}"
    assert groups == {(reason, bulletin): 3, (reason, None): 1}
    assert await held_messages(uow, "dyfed-powys") == []


async def test_a_release_needs_a_reason_and_is_recorded_with_who_and_why():
    with pytest.raises(InvalidInput):
        ReleaseRequest("  ")
    uow = in_election(PERIODS[0])
    first, second = await held(uow, "one"), await held(uow, "two")
    later = NOW + timedelta(days=2)
    record = await release_held(uow, "cheshire", "officer-7", ReleaseRequest("Not about candidates",
                                message_ids=(first.id,)), lambda: later)
    assert (record.released, record.released_by, record.why) == (1, "officer-7", "Not about candidates")
    assert uow.messages.rows[first.id].status is MessageStatus.CREATED
    assert uow.messages.rows[first.id].next_attempt_at == later
    assert uow.messages.rows[second.id].status is MessageStatus.HELD
    [event] = uow.events(MessageReleased)
    assert (event.message_id, event.release_id, event.reason) == (first.id, record.id, f"election:{PERIODS[0].id}")
    assert await hold_releases(uow, "cheshire") == [record] and await hold_releases(uow, "dyfed-powys") == []


async def test_a_release_by_election_period_or_bulletin_leaves_the_others_held():
    uow, bulletin = in_election(PERIODS[0]), uuid.uuid4()
    mine = await held(uow, "mine", bulletin)
    await held(uow, "other-bulletin", uuid.uuid4())
    uow.elections.periods[:] = [PERIODS[1]]
    other_period = await held(uow, "other-period", bulletin)
    record = await release_held(uow, "cheshire", "officer", ReleaseRequest(
        "Polling day has passed", bulletin_id=bulletin, election_period_id=uuid.UUID(PERIODS[0].id)), lambda: NOW)
    assert record.released == 1 and uow.messages.rows[mine.id].status is MessageStatus.CREATED
    assert uow.messages.rows[other_period.id].status is MessageStatus.HELD
    nothing = await release_held(uow, "dyfed-powys", "officer", ReleaseRequest("another office"), lambda: NOW)
    assert nothing.released == 0


async def test_a_paused_bulletins_messages_are_not_released_here():
    uow = in_election(PERIODS[0])
    message = await held(uow, "paused")
    uow.messages.rows[message.id] = replace(message, reason="bulletin_paused")
    assert (await release_held(uow, "cheshire", "officer", ReleaseRequest("go"), lambda: NOW)).released == 0


async def test_a_held_or_created_message_can_be_cancelled_but_not_once_it_went():
    uow = in_election(PERIODS[0])
    message = await held(uow, "to-cancel")
    cancelled = await cancel_message(uow, message.id, "cheshire", "peel-consultation", False, lambda: NOW)
    assert (cancelled.status, cancelled.recipient) == (MessageStatus.CANCELLED, None)
    assert uow.messages.rows[message.id].status is MessageStatus.CANCELLED
    assert [e.message_id for e in uow.events(MessageCancelled)] == [message.id]
    with pytest.raises(Conflict):
        await cancel_message(uow, message.id, "cheshire", "peel-consultation", False, lambda: NOW)
    uow.messages.rows[message.id] = replace(message, status=MessageStatus.SENT)
    with pytest.raises(Conflict):
        await cancel_message(uow, message.id, "cheshire", "staff", True, lambda: NOW)
    with pytest.raises(NotFound):
        await cancel_message(uow, message.id, "cheshire", "another-system", False, lambda: NOW)
