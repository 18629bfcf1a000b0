"""Messages to known contacts over HTTP: consent decides, the email carries one-click unsubscribe, an election
holds subscription messages until staff release them with a reason, a message can be cancelled before it goes,
and a contact's messages are listed for a subject-access request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.emails import text_of
from tests.support.mail_platform import MailPlatform
from tests.support.notification_contacts import consent, new_contact, record_consents
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
CLIENT = "peel-bulletins"
VALUES = {"consultation_title": "Road safety", "response_id": "r-1", "submitted_at": "2027-01-10T09:00:00Z",
          "withdrawal_instructions": "Ask the office."}


async def a_contact(mail: MailPlatform, staff: dict, email: str, given: bool, areas: tuple = ()) -> str:
    contact_id = await new_contact(mail.notifications, staff, email, language="en", areas=list(areas))
    await record_consents(mail.notifications, staff, contact_id, consent("web_form", "road-safety", given))
    return contact_id


def to_contact(reference: str, contact_id: str, **more) -> dict:
    return {"template": "consultation_receipt", "reference": reference, "personalisation": VALUES,
            "contact_id": contact_id, "category": "subscription", "topic": "road-safety", "language": "auto", **more}


async def send(mail: MailPlatform, body: dict) -> dict:
    sent = await mail.notifications.post("/v1/messages", json=body, headers=mail.client_token(CLIENT))
    assert sent.status_code == 201, sent.text
    return sent.json()


async def status_of(mail: MailPlatform, message_id: str, wanted: str) -> dict:
    async def shown() -> dict | None:
        found = (await mail.notifications.get(f"/v1/messages/{message_id}", headers=mail.client_token(CLIENT))).json()
        return found if found["status"] == wanted else None

    return await eventually(shown)


async def test_consent_decides_and_the_email_offers_one_click_unsubscribe(mail: MailPlatform, token):
    staff = bearer(token("cheshire", "admin"))
    willing = await a_contact(mail, staff, "willing@example.org", True)
    unwilling = await a_contact(mail, staff, "unwilling@example.org", False)
    refused = await send(mail, to_contact("m-2", unwilling))
    assert (refused["status"], refused["reason"], refused["category"]) == ("suppressed", "no_consent", "subscription")
    accepted = await send(mail, to_contact("m-1", willing))
    assert (accepted["status"], accepted["channel"]) == ("created", "email")
    await status_of(mail, accepted["id"], "sent")
    [email] = mail.sink.received
    assert email["To"] == "willing@example.org"
    assert email["List-Unsubscribe"].startswith("<http") and "/unsubscribe/" in email["List-Unsubscribe"]
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Choose what we send you, and how often: http" in text_of(email) and "/preferences/" in text_of(email)
    listed = await mail.notifications.get(f"/v1/contacts/{willing}/messages", headers=staff)
    assert listed.status_code == 200
    assert [(m["id"], m["status"], m["topic"]) for m in listed.json()] == [(accepted["id"], "sent", "road-safety")]
    officer = bearer(token("cheshire", "engagement_officer"))
    assert (await mail.notifications.get(f"/v1/contacts/{willing}/messages", headers=officer)).status_code == 403
    other = bearer(token("dyfed-powys", "admin"))
    assert (await mail.notifications.get(f"/v1/contacts/{willing}/messages", headers=other)).status_code == 404


async def test_an_election_holds_until_staff_release_with_a_reason(mail: MailPlatform, token):
    staff = bearer(token("cheshire", "engagement_officer"))
    contact = await a_contact(mail, staff, "crewe@example.org", True, ("crewe",))
    today = datetime.now(UTC).date()
    period = await mail.notifications.post("/v1/election-periods", headers=staff, json={
        "kind": "local", "areas": ["crewe"], "notice_date": str(today - timedelta(days=1)),
        "poll_date": str(today + timedelta(days=20))})
    assert period.status_code == 201, period.text
    held = await send(mail, to_contact("e-1", contact))
    assert (held["status"], held["reason"]) == ("held", f"election:{period.json()['id']}")
    groups = (await mail.notifications.get("/v1/holds", headers=staff)).json()
    assert [(g["reason"], g["count"]) for g in groups] == [(held["reason"], 1)]
    no_reason = await mail.notifications.post("/v1/holds/release", json={"message_ids": [held["id"]]}, headers=staff)
    assert no_reason.status_code == 422 and ["body", "reason"] in [e["loc"] for e in no_reason.json()["detail"]]
    released = await mail.notifications.post("/v1/holds/release", headers=staff, json={
        "reason": "A road closure notice, not publicity", "election_period_id": period.json()["id"]})
    assert released.status_code == 200 and released.json()["released"] == 1
    await status_of(mail, held["id"], "sent")
    [record] = (await mail.notifications.get("/v1/holds/releases", headers=staff)).json()
    assert (record["reason"], record["released"]) == ("A road closure notice, not publicity", 1)
    assert record["released_by"]


async def test_a_message_not_yet_sent_can_be_cancelled_once(mail: MailPlatform, token):
    later = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    body = {"template": "consultation_receipt", "reference": "c-1", "personalisation": VALUES,
            "email_address": "resident@example.org", "send_after": later}
    message = await send(mail, body)
    path = f"/v1/messages/{message['id']}/cancel"
    cancelled = await mail.notifications.post(path, headers=mail.client_token(CLIENT))
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = await mail.notifications.post(path, headers=mail.client_token(CLIENT))
    assert again.status_code == 409
    other = await mail.notifications.post(path, headers=mail.client_token("another-system"))
    assert other.status_code == 404


async def test_bad_new_fields_get_422_naming_the_field(mail: MailPlatform):
    base = {"template": "consultation_receipt", "reference": "bad-1", "personalisation": VALUES}
    cases = [({"channel": "sms"}, ["body", "phone_number"]), ({}, ["body", "email_address"]),
             ({"email_address": "a@example.org", "category": "subscription"}, ["body", "topic"]),
             ({"email_address": "a@example.org", "priority": 9}, ["body", "priority"]),
             ({"email_address": "a@example.org", "language": "auto"}, ["body", "language"]),
             ({"contact_id": "7b0a3c2e-9d1f-4e8a-b6c5-2f4d6e8a0b1c"}, ["body", "contact_id"])]
    for change, location in cases:
        refused = await mail.notifications.post("/v1/messages", json={**base, **change},
                                                headers=mail.client_token(CLIENT))
        assert refused.status_code == 422, (change, refused.text)
        assert location in [error["loc"] for error in refused.json()["detail"]], refused.json()
