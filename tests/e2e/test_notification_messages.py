"""Other services send emails through the messages API: once per reference, retried within bounds."""

from __future__ import annotations

import uuid

import pytest

from tests.support.mail_platform import ATTEMPTS, MailPlatform
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
SENDER = "peel-consultation"
FINAL = ("sent", "delivered", "permanent-failure", "temporary-failure", "technical-failure", "suppressed",
         "cancelled")


def receipt(reference: str, email: str = "resident@example.org", **personalisation: str) -> dict:
    values = {"consultation_title": "Policing priorities", "response_id": "r-1",
              "submitted_at": "2027-01-10T09:00:00Z", "withdrawal_instructions": "Ask the office.", **personalisation}
    return {"template": "consultation_receipt", "email_address": email, "reference": reference,
            "personalisation": values}


async def send(mail: MailPlatform, body: dict, headers: dict | None = None) -> dict:
    sent = await mail.notifications.post("/v1/messages", json=body, headers=headers or mail.client_token(SENDER))
    assert sent.status_code in (200, 201), sent.text
    return sent.json()


async def finished(mail: MailPlatform, message_id: str) -> dict:
    async def shown() -> dict | None:
        found = (await mail.notifications.get(f"/v1/messages/{message_id}", headers=mail.client_token(SENDER))).json()
        return found if found["status"] in FINAL else None

    return await eventually(shown)


async def test_a_repeated_reference_returns_the_first_message_and_one_email(mail: MailPlatform):
    first = await mail.notifications.post("/v1/messages", json=receipt("r-1"), headers=mail.client_token(SENDER))
    again = await mail.notifications.post("/v1/messages", json=receipt("r-1", "other@example.org"),
                                          headers=mail.client_token(SENDER))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"] and first.json()["status"] == "created"
    assert (await finished(mail, first.json()["id"]))["status"] == "sent"
    assert [m["To"] for m in mail.sink.received] == ["resident@example.org"]


async def test_bad_requests_get_422_naming_the_field(mail: MailPlatform):
    cases = [
        ({"template": "birthday_card"}, ("body", "template")),
        ({"email_address": "not-an-address"}, ("body", "email_address")),
        ({"reference": "has spaces"}, ("body", "reference")),
        ({"personalisation": {"response_id": "r-1"}}, ("body", "personalisation", "consultation_title")),
        ({"personalisation": {**receipt("x")["personalisation"], "shoe_size": "9"}},
         ("body", "personalisation", "shoe_size")),
        ({"personalisation": {**receipt("x")["personalisation"], "submitted_at": "tuesday"}},
         ("body", "personalisation", "submitted_at")),
    ]
    for change, location in cases:
        refused = await mail.notifications.post("/v1/messages", json={**receipt("bad"), **change},
                                                headers=mail.client_token(SENDER))
        assert refused.status_code == 422, (change, refused.text)
        assert location in {tuple(error["loc"]) for error in refused.json()["detail"]}, refused.json()


async def test_staff_and_the_sender_see_a_message_and_nobody_else(mail: MailPlatform, token):
    message_id = (await send(mail, receipt("seen-1")))["id"]
    path = f"/v1/messages/{message_id}"
    for headers in (mail.client_token(SENDER), bearer(token("cheshire", "engagement_officer"))):
        shown = await mail.notifications.get(path, headers=headers)
        assert shown.status_code == 200 and "email_address" not in shown.json()
    for headers in (mail.client_token("another-system"), bearer(token("dyfed-powys", "admin")),
                    mail.client_token(SENDER, tenant="dyfed-powys")):
        assert (await mail.notifications.get(path, headers=headers)).status_code == 404
    assert (await mail.notifications.get(f"/v1/messages/{uuid.uuid4()}",
                                         headers=mail.client_token(SENDER))).status_code == 404
    assert (await mail.notifications.get("/v1/messages/banana", headers=mail.client_token(SENDER))).status_code == 422
    assert (await mail.notifications.get(path)).status_code == 401
    staff_sending = await mail.notifications.post("/v1/messages", json=receipt("staff-1"),
                                                  headers=bearer(token("cheshire", "admin")))
    assert staff_sending.status_code == 403


async def test_a_permanent_failure_stops_at_once(mail: MailPlatform):
    mail.sink.refused_recipients["nobody@example.org"] = "550 5.1.1 No such user"
    message = await finished(mail, (await send(mail, receipt("gone-1", "nobody@example.org")))["id"])
    assert (message["status"], message["attempts"]) == ("permanent-failure", 1)
    assert "refused the recipient (550)" in message["last_error"] and "nobody" not in message["last_error"]
    assert mail.sink.received == []


async def test_a_failure_that_stays_temporary_ends_a_temporary_failure_after_bounded_attempts(mail: MailPlatform):
    mail.sink.replies_to_data = ["451 4.3.0 Try again later"] * 10
    message = await finished(mail, (await send(mail, receipt("busy-1")))["id"])
    assert (message["status"], message["attempts"]) == ("temporary-failure", ATTEMPTS)
    assert len(mail.sink.replies_to_data) == 10 - ATTEMPTS and mail.sink.received == []
