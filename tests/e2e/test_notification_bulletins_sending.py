"""Bulletins over HTTP: written by one officer, approved by another, sent; each subscriber's email lands in the
mail folder with its own List-Unsubscribe link; the statistics count them; a cancelled bulletin sends nothing
more; other tenants see none of it."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.support.notification_contacts import consent, subscriber
from tests.support.notification_service import NotificationsService, notifications_fixture
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
CONSENT = consent("web_form")
IN_CREWE = {"source": "web_form", "language": "en", "areas": ["crewe"]}  # a subscriber to the bulletin
BULLETIN = {"title": {"en": "News from your PCC", "cy": "Newyddion gan eich CHTh"}, "sender": "office",
            "category": "subscription", "audience": {"topics": ["bulletin"], "areas": ["crewe"]},
            "items": [{"title": {"en": "Have your say", "cy": "Dweud eich dweud"},
                       "body": {"en": "<p>Our survey is open.<script>x()</script></p>",
                                "cy": "<p>Mae ein harolwg ar agor.</p>"}}]}


notifications = notifications_fixture(delivery_poll_seconds=0.05, bulletin_poll_seconds=0.05)


async def approved(api: httpx.AsyncClient, author: dict, approver: dict) -> str:
    created = await api.post("/v1/bulletins", headers=author, json=BULLETIN)
    assert created.status_code == 201, created.text
    bulletin = created.json()["id"]
    assert (await api.post(f"/v1/bulletins/{bulletin}/approve", headers=author)).status_code == 409
    assert (await api.post(f"/v1/bulletins/{bulletin}/approve", headers=approver)).status_code == 200
    return bulletin


async def test_a_bulletin_written_approved_by_another_sent_and_counted(notifications: NotificationsService, token):
    api = notifications.api
    author = bearer(token("cheshire", "engagement_officer"))
    approver = bearer(token("cheshire", "engagement_officer"))
    for number in range(3):
        language = "cy" if number == 2 else "en"
        await subscriber(api, author, f"resident{number}@example.org", **{**IN_CREWE, "language": language})
    await subscriber(api, author, "elsewhere@example.org", **{**IN_CREWE, "areas": ["chester"]})
    quiet = await subscriber(api, author, "quiet@example.org", **IN_CREWE)
    await api.put(f"/v1/contacts/{quiet}/consents", headers=author, json=[{**CONSENT, "given": False}])

    created = await api.post("/v1/bulletins", headers=author, json=BULLETIN)
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["status"], body["estimated_recipients"], body["excluded"]["no_consent"]) == ("draft", {"email": 3}, 1)
    bulletin = body["id"]
    assert (await api.post(f"/v1/bulletins/{bulletin}/send", headers=author)).status_code == 409
    assert (await api.post(f"/v1/bulletins/{bulletin}/approve", headers=author)).status_code == 409
    assert (await api.post(f"/v1/bulletins/{bulletin}/approve", headers=approver)).status_code == 200
    shown = (await api.get(f"/v1/bulletins/{bulletin}", headers=author)).json()
    assert "script" not in str(shown["items"]) and shown["approver"] != shown["author"]
    assert (await api.post(f"/v1/bulletins/{bulletin}/send", headers=author)).status_code == 202

    async def delivered() -> list | None:
        found = notifications.emails()
        return found if len(found) == 3 else None

    emails = await eventually(delivered, within=30)
    assert sorted(str(mail["To"]) for mail in emails) == [f"resident{n}@example.org" for n in range(3)]
    links = {mail["List-Unsubscribe"] for mail in emails}
    assert len(links) == 3 and all(link and "/unsubscribe/" in link for link in links)
    assert all(mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" for mail in emails)
    welsh = next(mail for mail in emails if str(mail["To"]) == "resident2@example.org")
    assert str(welsh["Subject"]) == "Newyddion gan eich CHTh"

    async def counted() -> dict | None:
        stats = (await api.get(f"/v1/bulletins/{bulletin}/stats", headers=author)).json()
        return stats if stats["sent"] + stats["delivered"] == 3 else None

    stats = await eventually(counted)
    assert (stats["status"], stats["queued"], stats["suppressed"], stats["failed"]) == ("sent", 0, 1, 0)
    assert (await api.get(f"/v1/bulletins/{bulletin}/stats",
                          headers=bearer(token("dyfed-powys", "admin")))).status_code == 404


async def test_a_cancelled_bulletin_sends_nothing_more(notifications: NotificationsService, token):
    api = notifications.api
    author = bearer(token("cheshire", "engagement_officer"))
    approver = bearer(token("cheshire", "admin"))
    await subscriber(api, author, "resident@example.org", **IN_CREWE)
    bulletin = await approved(api, author, approver)
    scheduled = await api.post(f"/v1/bulletins/{bulletin}/schedule", headers=author,
                               json={"send_at": "2099-01-01T09:00:00Z"})
    assert (scheduled.status_code, scheduled.json()["status"]) == (200, "scheduled")
    assert (await api.post(f"/v1/bulletins/{bulletin}/cancel", headers=author)).json()["status"] == "cancelled"
    assert (await api.post(f"/v1/bulletins/{bulletin}/send", headers=author)).status_code == 409
    assert (await api.post(f"/v1/bulletins/{bulletin}/resume", headers=author)).status_code == 409
    assert await notifications.value("SELECT count(*) FROM messages WHERE bulletin_id = $1",
                                     uuid.UUID(bulletin)) == 0

    second = await approved(api, author, approver)
    assert (await api.post(f"/v1/bulletins/{second}/send", headers=author)).status_code == 202
    paused = await api.post(f"/v1/bulletins/{second}/pause", headers=author)
    assert paused.status_code == 200, paused.text
    cancelled = await api.post(f"/v1/bulletins/{second}/cancel", headers=author)
    assert cancelled.json()["status"] == "cancelled"
    stats = (await api.get(f"/v1/bulletins/{second}/stats", headers=author)).json()
    assert stats["queued"] == 0 and stats["sent"] + stats["delivered"] <= 1
    assert await notifications.value("SELECT count(*) FROM messages WHERE bulletin_id = $1 AND status IN "
                                     "('created', 'held')", uuid.UUID(second)) == 0


async def test_bad_bodies_get_422_naming_the_field(notifications: NotificationsService, token):
    api, staff = notifications.api, bearer(token("cheshire", "admin"))
    cases = [({**BULLETIN, "title": {}}, ("body", "title")),
             ({**BULLETIN, "category": "service"}, ("body", "category")),
             ({**BULLETIN, "items": []}, ("body", "items")), ({**BULLETIN, "audience": {}}, ("body", "audience")),
             ({**BULLETIN, "audience": {"topics": ["Bad Topic!"]}}, ("body", "audience", "topics", 0))]
    for body, location in cases:
        refused = await api.post("/v1/bulletins", headers=staff, json=body)
        assert refused.status_code == 422, refused.text
        assert location in {tuple(error["loc"][:len(location)]) for error in refused.json()["detail"]}, body
    created = (await api.post("/v1/bulletins", headers=staff, json=BULLETIN)).json()["id"]
    many = await api.post(f"/v1/bulletins/{created}/test-send", headers=staff,
                          json={"email_addresses": [f"{n}@example.org" for n in range(11)]})
    assert many.status_code == 422
    assert (await api.post(f"/v1/bulletins/{uuid.uuid4()}/approve", headers=staff)).status_code == 404
    past = await api.post(f"/v1/bulletins/{created}/schedule", headers=staff, json={"send_at": "not a date"})
    assert past.status_code == 422


async def test_a_draft_is_previewed_and_test_sent_marked_as_a_test(notifications: NotificationsService, token):
    api, staff = notifications.api, bearer(token("cheshire", "engagement_officer"))
    bulletin = (await api.post("/v1/bulletins", headers=staff, json=BULLETIN)).json()["id"]
    welsh = await api.get(f"/v1/bulletins/{bulletin}/preview", headers=staff, params={"language": "cy"})
    assert welsh.status_code == 200 and '<div lang="cy"' in welsh.text and 'lang="en"' not in welsh.text
    assert "Mae ein harolwg ar agor." in welsh.text
    sent = await api.post(f"/v1/bulletins/{bulletin}/test-send", headers=staff,
                          json={"email_addresses": ["editor@example.org"]})
    assert sent.status_code == 202, sent.text

    async def arrived() -> list | None:
        return notifications.emails() or None

    (copy,) = await eventually(arrived, within=30)
    assert str(copy["To"]) == "editor@example.org" and str(copy["Subject"]).startswith("[TEST] ")
    assert copy["List-Unsubscribe"] is None
    stats = (await api.get(f"/v1/bulletins/{bulletin}/stats", headers=staff)).json()
    assert (stats["status"], stats["total"]) == ("draft", 0)
