import uuid
from datetime import UTC, datetime, timedelta

from peel.common.notify.sending import send_due
from peel.common.retries import Backoff, Delivery, PermanentFailure, TemporaryFailure
from peel.consultation.domain.questions import Text
from peel.consultation.domain.receipt_emails import ReceiptContact, receipt_email
from tests.support.mail_fakes import FakeReceiptContacts, ScriptedSender

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
DELIVERY = Delivery(Backoff(3, timedelta(seconds=30), timedelta(minutes=10)), timedelta(minutes=2), 10)


TITLE = Text("Policing priorities", "Blaenoriaethau plismona")


def contact(title: Text = TITLE) -> ReceiptContact:
    return ReceiptContact(uuid.uuid4(), uuid.uuid4(), "cheshire", "resident@example.org", title, NOW, attempts=0)


def clock() -> datetime:
    return NOW


def test_the_receipt_names_the_consultation_and_response_and_how_to_withdraw():
    wanted = contact()
    email = receipt_email(wanted)
    assert (email.tenant, email.email_address, email.template) == ("cheshire", "resident@example.org",
                                                                  "consultation_receipt")
    assert email.reference == f"consultation-receipt-{wanted.response_id}"
    values = email.personalisation
    assert (values["consultation_title"], values["consultation_title_cy"]) == ("Policing priorities",
                                                                               "Blaenoriaethau plismona")
    assert values["response_id"] == str(wanted.response_id) and values["submitted_at"] == NOW.isoformat()
    assert "withdrawal code you were shown" in values["withdrawal_instructions"]
    assert str(wanted.response_id) in values["withdrawal_instructions_cy"]


def test_an_english_only_title_leaves_welsh_to_fall_back():
    assert "consultation_title_cy" not in receipt_email(contact(Text("Policing priorities"))).personalisation


async def test_a_due_receipt_is_sent_once():
    wanted = contact()
    contacts, notifications = FakeReceiptContacts(wanted, now=NOW), ScriptedSender()
    assert await send_due(contacts, notifications, DELIVERY, clock) == 1
    assert [email.reference for email in notifications.sent] == [f"consultation-receipt-{wanted.response_id}"]
    assert contacts.rows[wanted.response_id]["status"] == "sent"
    assert await send_due(contacts, notifications, DELIVERY, lambda: NOW + timedelta(days=1)) == 0


async def test_a_temporary_failure_is_retried_later_then_given_up():
    wanted = contact()
    contacts = FakeReceiptContacts(wanted, now=NOW)
    notifications = ScriptedSender(*[TemporaryFailure("the notifications service answered 503")] * 3)
    await send_due(contacts, notifications, DELIVERY, clock)
    row = contacts.rows[wanted.response_id]
    assert (row["status"], row["next_attempt_at"], row["last_error"]) == (
        "sending", NOW + timedelta(seconds=30), "the notifications service answered 503")
    assert await send_due(contacts, notifications, DELIVERY, clock) == 0
    for _ in range(2):
        await send_due(contacts, notifications, DELIVERY, lambda: row["next_attempt_at"])
    assert (row["status"], row["contact"].attempts, notifications.sent) == ("failed", 3, [])


async def test_a_refused_receipt_fails_at_once():
    wanted = contact()
    contacts = FakeReceiptContacts(wanted, now=NOW)
    await send_due(contacts, ScriptedSender(PermanentFailure("refused (422)")), DELIVERY, clock)
    assert contacts.rows[wanted.response_id]["status"] == "failed"


class ErasedOnceClaimed(FakeReceiptContacts):
    """The respondent's erasure request lands between the claim and the send."""

    async def claim_due(self, now: datetime, until: datetime, limit: int) -> list[ReceiptContact]:
        claimed = await super().claim_due(now, until, limit)
        self.erase(claimed[0].response_id)
        return claimed


async def test_a_response_erased_after_the_claim_gets_no_receipt():
    erased, kept = contact(), contact()
    contacts, notifications = ErasedOnceClaimed(erased, kept, now=NOW), ScriptedSender()
    assert await send_due(contacts, notifications, DELIVERY, clock) == 2
    assert [email.personalisation["response_id"] for email in notifications.sent] == [str(kept.response_id)]
    assert set(contacts.rows) == {kept.response_id}
