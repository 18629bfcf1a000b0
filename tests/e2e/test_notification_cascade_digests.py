"""Digests over HTTP: a resident who chose a daily digest is not sent two subscription bulletins on their own;
staff start a run, which the background task sends as one Welsh email holding both bulletins' items (the
consultation in both told once) with an unsubscribe link; the run's progress shows it done."""

from __future__ import annotations

import pytest

from tests.support.mail_platform import MailPlatform
from tests.support.notification_contacts import subscriber
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
WELSH_IN_CREWE = {"language": "cy", "areas": ["crewe"]}
SHARED_ITEM = {"title": {"en": "Speeding survey", "cy": "Arolwg goryrru"},
               "body": {"en": "<p>Tell us</p>", "cy": "<p>Dywedwch wrthym</p>"}}


async def send_bulletin(mail: MailPlatform, token, number: int) -> str:
    author, approver = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "admin"))
    written = await mail.notifications.post("/v1/bulletins", headers=author, json={
        "title": {"en": f"Bulletin {number}", "cy": f"Bwletin {number}"}, "sender": "office",
        "category": "subscription", "audience": {"topics": ["bulletin"]},
        "items": [SHARED_ITEM, {"title": {"en": f"News {number}", "cy": f"Newyddion {number}"},
                                "body": {"en": "<p>Body</p>", "cy": "<p>Corff</p>"}}]})
    assert written.status_code == 201, written.text
    bulletin = written.json()["id"]
    await mail.notifications.post(f"/v1/bulletins/{bulletin}/approve", headers=approver)
    sent = await mail.notifications.post(f"/v1/bulletins/{bulletin}/send", headers=approver)
    assert sent.status_code == 202, sent.text
    return bulletin


async def test_a_daily_digest_merges_the_waiting_bulletins_into_one_email(mail: MailPlatform, token) -> None:
    officer, admin = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "admin"))
    await subscriber(mail.notifications, officer, "daily@example.org", frequency="daily", **WELSH_IN_CREWE)
    await subscriber(mail.notifications, officer, "now@example.org", frequency="immediately", **WELSH_IN_CREWE)
    for number in (1, 2):
        await send_bulletin(mail, token, number)
    await eventually(lambda: _count(mail, "now@example.org", 2), within=30)
    assert _to(mail, "daily@example.org") == []

    refused = await mail.notifications.post("/v1/digests/runs", headers=officer, json={"frequency": "daily"})
    wrong = await mail.notifications.post("/v1/digests/runs", headers=admin, json={"frequency": "hourly"})
    assert (refused.status_code, wrong.status_code) == (403, 422)
    started = await mail.notifications.post("/v1/digests/runs", headers=admin, json={"frequency": "daily"})
    assert started.status_code == 202, started.text
    assert started.json()["contacts_due"] == 1

    [digest] = await eventually(lambda: _count(mail, "daily@example.org", 1), within=45)
    text = digest.get_body(("plain",)).get_content()
    assert "Eich crynodeb dyddiol" in str(digest["Subject"])
    assert text.count("Arolwg goryrru") == 1 and "Newyddion 1" in text and "Newyddion 2" in text
    assert "/cy/cheshire/unsubscribe/" in text and digest["List-Unsubscribe"]
    runs = (await mail.notifications.get("/v1/digests/runs", headers=officer)).json()["runs"]
    done = await eventually(lambda: _completed(mail, officer), within=10)
    assert (done["contacts_due"], done["contacts_done"], done["messages"], done["entries"]) == (1, 1, 1, 2)
    assert runs[0]["id"] == started.json()["id"]
    other = (await mail.notifications.get("/v1/digests/runs", headers=bearer(token("gwent", "admin")))).json()
    assert other["runs"] == []


def _to(mail: MailPlatform, address: str) -> list:
    return [message for message in mail.sink.received if message["To"] == address]


async def _count(mail: MailPlatform, address: str, expected: int) -> list | None:
    found = _to(mail, address)
    return found if len(found) == expected else None


async def _completed(mail: MailPlatform, officer: dict) -> dict | None:
    runs = (await mail.notifications.get("/v1/digests/runs", headers=officer)).json()["runs"]
    return runs[0] if runs and runs[0]["completed_at"] else None
