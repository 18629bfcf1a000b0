"""The parish council cascade over HTTP: a stakeholder bulletin goes to two councils' clerks; one acknowledges
through the link in its email (received, then on the agenda); the chase list and counts follow, an answer
going back is refused, and a forged link is not found. Councils that do not answer are chased (the cascade task's
turn taken in the test, days later), at most twice, with the acknowledgement link in the chaser."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from peel.common.db.pool import create_pool
from peel.common.outbox import Outbox
from peel.notifications.cascade.adapters.unit_of_work import CascadeUnitOfWork
from peel.notifications.cascade.service_layer.chasers import send_chasers
from peel.notifications.settings import NotificationsSettings
from tests.support.mail_platform import MailPlatform
from tests.support.notification_contacts import new_contact
from tests.support.notification_events import notification_events
from tests.support.notification_fuzzing import assert_routes_never_500, needs_schemathesis
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
LINK = re.compile(r"https?://[^\s\"<>]+/acknowledge/([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)")


async def council(mail: MailPlatform, officer: dict, name: str, area: str, email: str) -> str:
    clerk = await new_contact(mail.notifications, officer, email, language="en")
    created = await mail.notifications.post("/v1/organisations", headers=officer, json={
        "name": name, "kind": "parish_council", "area": area,
        "roles": [{"role": "clerk", "contact_id": clerk}]})
    assert created.status_code == 201, created.text
    return created.json()["id"]


async def send_stakeholder_bulletin(mail: MailPlatform, token) -> str:
    author, approver = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "admin"))
    written = await mail.notifications.post("/v1/bulletins", headers=author, json={
        "title": {"en": "What we did with your views", "cy": "Beth wnaethom gyda'ch barn"}, "sender": "office",
        "category": "stakeholder",
        "audience": {"topics": ["cascade"], "organisation_kinds": ["parish_council"], "roles": ["clerk"]},
        "items": [{"title": {"en": "Speeding", "cy": "Goryrru"}, "body": {"en": "<p>Patrols</p>",
                                                                         "cy": "<p>Patrolau</p>"}}]})
    assert written.status_code == 201, written.text
    bulletin = written.json()["id"]
    approved = await mail.notifications.post(f"/v1/bulletins/{bulletin}/approve", headers=approver)
    sent = await mail.notifications.post(f"/v1/bulletins/{bulletin}/send", headers=approver)
    assert (approved.status_code, sent.status_code) == (200, 202), (approved.text, sent.text)
    return bulletin


def email_to(mail: MailPlatform, address: str, subject: str = "") -> EmailMessage | None:
    return next((message for message in mail.sink.received
                 if message["To"] == address and subject in str(message["Subject"])), None)


def link_in(message: EmailMessage) -> str:
    body = message.get_body(("plain",)) or message
    found = LINK.search(body.get_content())
    assert found, "the council's email has no acknowledgement link"
    return found.group(1)


async def test_a_council_acknowledges_and_the_chase_list_follows(mail: MailPlatform, token) -> None:
    officer = bearer(token("cheshire", "engagement_officer"))
    audlem = await council(mail, officer, "Audlem Parish Council", "audlem", "clerk@audlem.example")
    wybunbury = await council(mail, officer, "Wybunbury Parish Council", "wybunbury", "clerk@wybunbury.example")
    bulletin = await send_stakeholder_bulletin(mail, token)
    message = await eventually(lambda: _async(email_to(mail, "clerk@audlem.example")), within=30)
    link = f"/v1/public/acknowledgements/{link_in(message)}"

    shown = await mail.notifications.get(link)
    assert shown.status_code == 200, shown.text
    assert (shown.json()["organisation"]["name"], shown.json()["state"]) == ("Audlem Parish Council", None)
    assert shown.json()["bulletin"]["title"]["en"] == "What we did with your views"
    acknowledgements = f"/v1/bulletins/{bulletin}/acknowledgements"
    chase = await eventually(lambda: _chase_list(mail, acknowledgements, officer, 2))
    assert {row["organisation_id"] for row in chase} == {audlem, wybunbury}

    received = await mail.notifications.post(link, json={"state": "received"})
    no_date = await mail.notifications.post(link, json={"state": "on_agenda"})
    on_agenda = await mail.notifications.post(link, json={"state": "on_agenda", "agenda_date": "2027-02-14",
                                                          "note": "Item 7"})
    back = await mail.notifications.post(link, json={"state": "shared"})
    assert (received.status_code, on_agenda.status_code, back.status_code) == (200, 200, 409), back.text
    assert no_date.status_code == 422 and "agenda_date" in no_date.text

    listed = (await mail.notifications.get(acknowledgements, headers=officer, params={"state": "none"})).json()
    assert [row["organisation_id"] for row in listed["acknowledgements"]] == [wybunbury]
    assert (listed["counts"]["councils"], listed["counts"]["acknowledged"], listed["counts"]["on_agenda"]) == (2, 1, 1)
    assert (await mail.notifications.get(link)).json()["agenda_date"] == "2027-02-14"

    forged = await mail.notifications.get(link[:-3] + "abc")
    other_tenant = await mail.notifications.get(acknowledgements, headers=bearer(token("gwent", "admin")))
    assert forged.status_code == 404 and other_tenant.json()["counts"]["councils"] == 0
    events = await notification_events(mail, "peel.notifications.bulletin.acknowledged.v1", within=30)
    assert [e["data"]["state"] for e in events if e["type"].endswith("acknowledged.v1")] == ["received", "on_agenda"]
    included = [e["data"]["organisation_id"] for e in events if e["type"].endswith("council_included.v1")]
    assert sorted(included) == sorted([audlem, wybunbury])
    assert not any("clerk@" in json.dumps(e) for e in events)


async def _async(value: object) -> object:
    return value


async def _chase_list(mail: MailPlatform, path: str, officer: dict, expected: int) -> list[dict] | None:
    found = (await mail.notifications.get(path, headers=officer, params={"state": "none"})).json()
    return found["acknowledgements"] if len(found["acknowledgements"]) == expected else None


async def test_councils_that_have_not_acknowledged_are_chased_up_to_the_limit(mail: MailPlatform, token) -> None:
    officer = bearer(token("cheshire", "engagement_officer"))
    audlem = await council(mail, officer, "Audlem Parish Council", "audlem", "clerk@audlem.example")
    await council(mail, officer, "Wybunbury Parish Council", "wybunbury", "clerk@wybunbury.example")
    bulletin = await send_stakeholder_bulletin(mail, token)
    acknowledgements = f"/v1/bulletins/{bulletin}/acknowledgements"
    message = await eventually(lambda: _async(email_to(mail, "clerk@wybunbury.example")), within=30)
    answered = await mail.notifications.post(f"/v1/public/acknowledgements/{link_in(message)}",
                                             json={"state": "shared"})
    assert answered.status_code == 200, answered.text
    await eventually(lambda: _chase_list(mail, acknowledgements, officer, 1))
    policy = NotificationsSettings().chase_policy()
    pool = await create_pool(mail.notifications_db, min_size=1, max_size=2)
    try:
        await pool.execute("UPDATE acknowledgements SET included_at = included_at - interval '8 days'")
        uow = CascadeUnitOfWork(pool, Outbox("notifications", mail.topic_prefix))
        now = datetime.now(UTC)
        written = [await send_chasers(uow, policy, moment) for moment in (now, now, now + policy.chase_after,
                                                                          now + 3 * policy.chase_after)]
        references = [row["reference"] for row in await pool.fetch(
            "SELECT reference FROM messages WHERE source = 'chaser' ORDER BY reference")]
    finally:
        await pool.close()
    assert written == [1, 0, 1, 0]
    assert references == [f"chaser:{bulletin}:{audlem}:1", f"chaser:{bulletin}:{audlem}:2"]
    chaser = await eventually(lambda: _async(email_to(mail, "clerk@audlem.example", "Reminder")), within=30)
    assert "Audlem Parish Council" in chaser.get_body(("plain",)).get_content()
    shown = await mail.notifications.get(f"/v1/public/acknowledgements/{link_in(chaser)}")
    assert shown.json()["organisation"]["id"] == audlem
    listed = (await mail.notifications.get(acknowledgements, headers=officer)).json()
    assert listed["counts"]["chased"] == 1 and email_to(mail, "clerk@wybunbury.example", "Reminder") is None
    events = await notification_events(mail, "peel.notifications.bulletin.council_chased.v1", within=30)
    assert sorted(e["data"]["chaser"] for e in events if e["type"].endswith("council_chased.v1")) == [1, 2]


@needs_schemathesis
async def test_no_request_to_the_cascade_or_digest_apis_answers_500(mail: MailPlatform, token, tmp_path: Path) -> None:
    officer, admin = bearer(token("cheshire", "engagement_officer")), token("cheshire", "admin")
    await council(mail, officer, "Audlem Parish Council", "audlem", "clerk@audlem.example")
    bulletin = await send_stakeholder_bulletin(mail, token)
    message = await eventually(lambda: _async(email_to(mail, "clerk@audlem.example")), within=30)
    await assert_routes_never_500(mail.notifications, admin, "acknowledgements|^/v1/digests",
                                  {"bulletin_id": bulletin, "token": link_in(message)}, tmp_path)
