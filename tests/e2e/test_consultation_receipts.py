"""A respondent who gives an email address gets one bilingual receipt, through notifications and SMTP."""

from __future__ import annotations

import pytest

from tests.support.consultations import create_open
from tests.support.emails import text_of
from tests.support.mail_platform import MailPlatform, fetch_value
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
RESIDENT = "resident@example.org"


async def respond(mail: MailPlatform, consultation_id: str, headers: dict | None = None,
                  **extra: str) -> dict:
    submitted = await mail.consultation.post(f"/v1/consultations/{consultation_id}/responses",
                                             json={"answers": {"priority": "asb"}, **extra}, headers=headers or {})
    assert submitted.status_code == 201, submitted.text
    return submitted.json()


async def received(mail: MailPlatform, count: int) -> list:
    """The emails received once nothing is pending any more, so none can still arrive."""
    await eventually(mail.nothing_pending)
    assert len(mail.sink.received) == count, [m["Subject"] for m in mail.sink.received]
    return mail.sink.received


async def test_a_response_with_an_email_gets_one_bilingual_receipt_and_one_without_none(mail: MailPlatform, token):
    consultation_id = await create_open(mail, bearer(token("cheshire", "engagement_officer")))
    anonymous = await respond(mail, consultation_id)
    with_email = await respond(mail, consultation_id, email=RESIDENT)
    [receipt] = await received(mail, 1)
    body = text_of(receipt)
    assert receipt["To"] == RESIDENT
    assert "Policing priorities" in receipt["Subject"] and "Blaenoriaethau plismona" in receipt["Subject"]
    assert with_email["id"] in body and anonymous["id"] not in body
    assert "Thank you for responding to Policing priorities" in body
    assert "Diolch am ymateb i Blaenoriaethau plismona" in body and "dynnu eich ymateb yn ôl" in body
    assert with_email["withdrawal_token"] not in body


async def test_a_retried_submission_gets_one_receipt(mail: MailPlatform, token):
    consultation_id = await create_open(mail, bearer(token("cheshire", "admin")))
    retry = {"Idempotency-Key": "retry-1"}
    first = await respond(mail, consultation_id, retry, email=RESIDENT)
    again = await respond(mail, consultation_id, retry, email=RESIDENT)
    assert again["id"] == first["id"]
    [receipt] = await received(mail, 1)
    assert first["id"] in text_of(receipt)


async def test_a_temporary_smtp_failure_is_retried_until_the_receipt_is_sent(mail: MailPlatform, token):
    mail.sink.replies_to_data = ["451 4.3.0 Try again later", "421 4.7.0 Too busy"]
    consultation_id = await create_open(mail, bearer(token("cheshire", "admin")))
    response = await respond(mail, consultation_id, email=RESIDENT)
    [receipt] = await received(mail, 1)
    assert response["id"] in text_of(receipt)
    message_id = await fetch_value(mail.notifications_db, "SELECT id FROM messages")
    shown = (await mail.notifications.get(f"/v1/messages/{message_id}",
                                          headers=bearer(token("cheshire", "admin")))).json()
    # the 451 refused this message (an attempt); the 421 said the server itself was too busy (not counted)
    assert (shown["status"], shown["attempts"]) == ("sent", 2)
    assert await fetch_value(mail.consultation_db, "SELECT status FROM response_contacts") == "sent"
