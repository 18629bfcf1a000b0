"""Unsubscribing over HTTP from a link takes effect at once: RFC 8058 one-click (a form body, no cookies, no
sign-in), idempotent; a queued subscription message to the contact becomes suppressed and a new one is suppressed
when asked for; the page shows where the contact stands; a forged or misused token is a 404, never a 500."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from peel.notifications.contacts.domain.links import token_of
from peel.notifications.settings import NotificationsSettings
from tests.support.mail_platform import MailPlatform
from tests.support.notification_contacts import subscriber
from tests.support.notification_db import fetch_row, fetch_rows
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
LINKS = NotificationsSettings().links()  # the service runs with the development secret in tests
PERSONALISATION = {"consultation_title": "Policing priorities", "consultation_title_cy": "Blaenoriaethau",
                   "response_id": "6d3b5c1e-8f7a-4f0e-9c2d-1a2b3c4d5e6f", "submitted_at": "2027-01-10T09:00:00Z",
                   "withdrawal_instructions": "Reply", "withdrawal_instructions_cy": "Atebwch"}


async def a_subscriber(mail: MailPlatform, officer: dict) -> str:
    return await subscriber(mail.notifications, officer, "ann@example.org", "web_form")


async def a_subscription_message(mail: MailPlatform, contact_id: str, send_after: datetime | None = None) -> dict:
    body = {"template": "consultation_receipt", "contact_id": contact_id, "reference": uuid.uuid4().hex,
            "personalisation": PERSONALISATION, "category": "subscription", "topic": "bulletin"}
    if send_after:
        body["send_after"] = send_after.isoformat()
    sent = await mail.notifications.post("/v1/messages", headers=mail.client_token("bulletins"), json=body)
    assert sent.status_code == 201, sent.text
    return sent.json()


async def message_row(mail: MailPlatform, message_id: str) -> asyncpg.Record:
    query = "SELECT status, reason, recipient FROM messages WHERE id = $1::text::uuid"
    return await fetch_row(mail.notifications_db, query, message_id)


async def unsubscriptions(mail: MailPlatform) -> list[asyncpg.Record]:
    return await fetch_rows(mail.notifications_db, "SELECT contact_id, topic, how, message_id FROM unsubscriptions")


async def test_one_click_unsubscribe_takes_effect_at_once(mail: MailPlatform, token):
    api, officer = mail.notifications, bearer(token("cheshire", "engagement_officer"))
    contact_id = await a_subscriber(mail, officer)
    queued = await a_subscription_message(mail, contact_id, datetime.now(UTC) + timedelta(days=2))
    assert queued["status"] in ("created", "held"), queued
    url = LINKS.unsubscribe("cheshire", uuid.UUID(contact_id), "office", "bulletin", "email",
                            uuid.UUID(queued["id"]), "en")
    path = f"/v1/public/unsubscribe/{token_of(url)}"
    page = (await api.get(path)).json()
    assert (page["tenant"], page["topic"], page["unsubscribed"], page["frequency"]) == (
        "cheshire", "bulletin", False, "immediately")

    one_click = {"content-type": "application/x-www-form-urlencoded"}
    first = await api.post(path, content=b"List-Unsubscribe=One-Click", headers=one_click)
    again = await api.post(path, content=b"List-Unsubscribe=One-Click", headers=one_click)

    assert (first.status_code, first.json(), again.status_code) == (200, {"result": "unsubscribed"}, 200)
    row = await message_row(mail, queued["id"])
    assert (row["status"], row["reason"], row["recipient"]) == ("suppressed", "suppressed:unsubscribe", None)
    assert [(r["topic"], r["how"], str(r["message_id"])) for r in await unsubscriptions(mail)] == [
        ("bulletin", "one_click_unsubscribe", queued["id"])]
    assert (await api.get(path)).json()["unsubscribed"] is True
    later = await a_subscription_message(mail, contact_id)
    assert (later["status"], later["reason"]) == ("suppressed", "suppressed:unsubscribe")
    consents = (await api.get(f"/v1/contacts/{contact_id}/consents", headers=officer)).json()
    assert [(c["given"], c["source"]) for c in consents["in_force"]] == [(False, "one_click_unsubscribe")]


async def test_fewer_keeps_the_contact_subscribed_to_a_digest(mail: MailPlatform, token):
    api, officer = mail.notifications, bearer(token("cheshire", "admin"))
    contact_id = await a_subscriber(mail, officer)
    path = "/v1/public/unsubscribe/" + token_of(
        LINKS.unsubscribe("cheshire", uuid.UUID(contact_id), "office", "bulletin", "email", None, "cy"))

    fewer = await api.post(f"{path}/fewer", json={"frequency": "weekly"})
    refused = await api.post(f"{path}/fewer", json={"frequency": "hourly"})

    assert fewer.status_code == 200, fewer.text
    assert refused.status_code == 422 and "frequency" in refused.text
    shown = (await api.get(f"/v1/contacts/{contact_id}", headers=officer)).json()
    assert shown["subscriptions"] == [{"sender": "office", "topic": "bulletin", "frequency": "weekly"}]
    assert (await api.get(path)).json()["unsubscribed"] is False


async def test_ones_own_preferences_from_the_link(mail: MailPlatform, token):
    api, officer = mail.notifications, bearer(token("cheshire", "admin"))
    contact_id = await a_subscriber(mail, officer)
    path = "/v1/public/preferences/" + token_of(LINKS.preferences("cheshire", uuid.UUID(contact_id), "en"))
    shown = (await api.get(path)).json()
    assert shown["subscriptions"] == [{"sender": "office", "topic": "bulletin", "frequency": "immediately",
                                       "channels": ["email"]}]
    changed = await api.put(path, json={"quiet_hours": [{"channel": "email", "starts": "21:00", "ends": "08:00"}],
                                        "weekly_cap": 1})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["weekly_cap"], changed.json()["subscriptions"][0]["topic"]) == (1, "bulletin")
    bad = await api.put(path, json={"subscriptions": [{"sender": "office", "topic": "bulletin",
                                                       "channels": ["sms"]}]})
    assert bad.status_code == 422 and "channels" in bad.text


@pytest.mark.parametrize("token_text", ["nonsense", "a.b", "x" * 500])
async def test_a_forged_token_is_not_found(mail: MailPlatform, token_text: str):
    api = mail.notifications
    for path in (f"/v1/public/unsubscribe/{token_text}", f"/v1/public/preferences/{token_text}",
                 f"/v1/public/council-details/{token_text}"):
        assert (await api.get(path)).status_code == 404
    assert (await api.post(f"/v1/public/unsubscribe/{token_text}")).status_code == 404


async def test_a_preferences_token_does_not_unsubscribe_and_another_tenants_contact_is_not_found(
        mail: MailPlatform, token):
    api, officer = mail.notifications, bearer(token("cheshire", "admin"))
    contact_id = uuid.UUID(await a_subscriber(mail, officer))
    preferences = token_of(LINKS.preferences("cheshire", contact_id, "en"))
    assert (await api.post(f"/v1/public/unsubscribe/{preferences}")).status_code == 404
    elsewhere = token_of(LINKS.unsubscribe("dyfed-powys", contact_id, "office", "bulletin", "email", None, "en"))
    assert (await api.post(f"/v1/public/unsubscribe/{elsewhere}")).status_code == 404
    assert await eventually(lambda: _none_recorded(mail))


async def _none_recorded(mail: MailPlatform) -> bool:
    return await unsubscriptions(mail) == []
