"""Delivery receipts: Notify's statuses mapped, a permanent failure suppresses the address, repeats change
nothing; and the subject-access list of a contact's messages."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from peel.common.contracts.notifications.messages import MessageDelivered, MessageFailed
from peel.common.errors import NotFound
from peel.common.retries import Delivery
from peel.notifications.contacts.domain.consents import Channel, Scope, SuppressionReason, address_hash
from peel.notifications.messages.domain.messages import MessageStatus
from peel.notifications.messages.domain.receipts import Receipt
from peel.notifications.messages.service_layer.delivery import Deliverers, deliver_due
from peel.notifications.messages.service_layer.messages import messages_of_contact, send_message
from peel.notifications.messages.service_layer.receipts import record_receipts
from tests.support.receipts import command
from tests.unit.test_notification_messages_fakes import FakeComposer, FakeProvider, FakeUnitOfWork

NOW = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(minutes=3)


async def with_notify(*references: str) -> tuple[FakeUnitOfWork, list]:
    uow, provider = FakeUnitOfWork(), FakeProvider(name="notify", receipts=True)
    messages = [(await send_message(command(reference, recipient=f"{reference}@example.org"), uow,
                                    lambda: NOW))[0] for reference in references]
    await deliver_due(uow, Deliverers({"template": FakeComposer()}, {Channel.EMAIL: provider}), Delivery(),
                      lambda: NOW)
    return uow, [uow.messages.rows[message.id] for message in messages]


@pytest.mark.parametrize(("notify", "status"), [
    ("delivered", MessageStatus.DELIVERED), ("permanent-failure", MessageStatus.PERMANENT_FAILURE),
    ("temporary-failure", MessageStatus.TEMPORARY_FAILURE), ("technical-failure", MessageStatus.TECHNICAL_FAILURE),
])
async def test_notify_statuses_become_final_statuses_and_forget_the_address(notify, status):
    uow, [message] = await with_notify("one")
    assert await record_receipts(uow, [Receipt("notify", message.provider_reference, None, notify, LATER)]) == 1
    done = uow.messages.rows[message.id]
    assert (done.status, done.recipient, done.personalisation) == (status, None, {})
    kind = MessageDelivered if status is MessageStatus.DELIVERED else MessageFailed
    assert len(uow.events(kind)) == 1


async def test_a_status_on_the_way_a_repeat_and_an_unknown_message_change_nothing():
    uow, [message] = await with_notify("one")
    assert await record_receipts(uow, [Receipt("notify", None, message.id, "sending", LATER)]) == 0
    assert uow.messages.rows[message.id].status is MessageStatus.SENDING
    delivered = Receipt("notify", None, message.id, "delivered", LATER)
    assert await record_receipts(uow, [delivered]) == 1
    assert await record_receipts(uow, [delivered, replace(delivered, status="permanent-failure")]) == 0
    assert await record_receipts(uow, [Receipt("notify", "nobody", uuid.uuid4(), "delivered", LATER)]) == 0
    assert await record_receipts(uow, [Receipt("smtp", None, message.id, "delivered", LATER)]) == 0
    assert uow.messages.rows[message.id].status is MessageStatus.DELIVERED


async def test_a_permanent_failure_suppresses_the_address_everywhere_once():
    uow, [bounced, fine] = await with_notify("bounced", "fine")
    await record_receipts(uow, [Receipt("notify", None, bounced.id, "permanent-failure", LATER),
                                Receipt("notify", None, fine.id, "delivered", LATER)])
    [suppression] = uow.suppressions.rows
    assert (suppression.reason, suppression.scope, suppression.channel) == (
        SuppressionReason.HARD_BOUNCE, Scope.GLOBAL, Channel.EMAIL)
    assert suppression.address_hash == address_hash(Channel.EMAIL, "bounced@example.org")
    again, _ = await send_message(command("again", recipient="bounced@example.org"), uow, lambda: LATER)
    assert (again.status, again.reason) == (MessageStatus.SUPPRESSED, "suppressed:hard_bounce")


async def test_a_contacts_messages_are_found_by_contact_or_address_and_nobody_elses():
    uow, contact = FakeUnitOfWork(), uuid.uuid4()
    uow.addresses.contacts[contact] = {Channel.EMAIL: "mine@example.org"}
    mine, _ = await send_message(command("mine", recipient="Mine@example.org"), uow, lambda: NOW)
    theirs, _ = await send_message(command("theirs", recipient="theirs@example.org"), uow, lambda: NOW)
    found = await messages_of_contact(uow, "cheshire", contact)
    assert [m.id for m in found] == [mine.id]
    with pytest.raises(NotFound):
        await messages_of_contact(uow, "cheshire", uuid.uuid4())
    assert theirs.id not in {m.id for m in await messages_of_contact(uow, "dyfed-powys", contact)}
