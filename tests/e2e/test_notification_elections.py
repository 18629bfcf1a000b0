"""Staff register pre-election periods over HTTP; each period's start and end are announced once, what it holds is
counted, and (with the messages API's holds) a subscription message to a contact in its area waits while a service
message goes."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.notification_contacts import consenting_contact
from tests.support.notification_fuzzing import assert_routes_never_500, needs_schemathesis
from tests.support.notification_service import NotificationsService, notifications_fixture
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
TODAY = datetime.now(UTC).date()
STARTED = "peel.notifications.election_period.started.v1"
ENDED = "peel.notifications.election_period.ended.v1"
PERIODS = "peel.notifications.election_period."


notifications = notifications_fixture(election_clock_seconds=0.1)


def period(notice: date, poll: date, areas: tuple[str, ...] = (), kind: str = "pcc") -> dict:
    return {"kind": kind, "areas": list(areas), "notice_date": notice.isoformat(), "poll_date": poll.isoformat()}


async def test_a_period_registered_listed_and_cancelled_with_its_reason(notifications: NotificationsService, token):
    api, officer = notifications.api, bearer(token("cheshire", "engagement_officer"))
    created = await api.post("/v1/election-periods", headers=officer,
                             json=period(date(2031, 3, 27), date(2031, 5, 1), ("crewe", "nantwich")))
    assert created.status_code == 201, created.text
    shown = created.json()
    assert (shown["state"], shown["areas"], shown["cancelled"]) == ("upcoming", ["crewe", "nantwich"], None)
    assert shown["created_by"]
    assert (shown["starts_at"], shown["ends_at"]) == ("2031-03-27T00:00:00Z", "2031-05-01T23:00:00Z")
    path = f"/v1/election-periods/{shown['id']}"
    assert (await api.get(path, headers=officer)).json()["id"] == shown["id"]
    upcoming = await api.get("/v1/election-periods", params={"state": "upcoming"}, headers=officer)
    assert [p["id"] for p in upcoming.json()] == [shown["id"]]

    assert (await api.delete(path, headers=officer)).status_code == 422  # a reason is needed
    cancelled = await api.delete(path, params={"reason": "registered twice"}, headers=officer)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["state"] == "cancelled" and cancelled.json()["cancelled"]["reason"] == "registered twice"
    assert (await api.delete(path, params={"reason": "again"}, headers=officer)).status_code == 409
    assert (await api.get("/v1/election-periods", params={"state": "upcoming"}, headers=officer)).json() == []


async def test_bad_bodies_name_the_field_and_other_tenants_and_residents_are_kept_out(
        notifications: NotificationsService, token):
    api, admin = notifications.api, bearer(token("cheshire", "admin"))
    backwards = await api.post("/v1/election-periods", headers=admin, json=period(date(2031, 5, 2), date(2031, 5, 1)))
    assert backwards.status_code == 422 and "poll_date" in backwards.text
    for body in ({**period(TODAY, TODAY), "kind": "coronation"}, {**period(TODAY, TODAY), "areas": ["no spaces"]},
                 {"kind": "pcc"}, [], {**period(TODAY, TODAY), "notice_date": "27/03/2031"}, None):
        refused = await api.post("/v1/election-periods", headers=admin, json=body)
        assert refused.status_code == 422, (body, refused.text)
    created = (await api.post("/v1/election-periods", headers=admin, json=period(TODAY, TODAY))).json()
    elsewhere = bearer(token("dyfed-powys", "admin"))
    path = f"/v1/election-periods/{created['id']}"
    assert (await api.get(path, headers=elsewhere)).status_code == 404
    assert (await api.get(f"{path}/held", headers=elsewhere)).status_code == 404
    assert (await api.delete(path, params={"reason": "mine"}, headers=elsewhere)).status_code == 404
    assert (await api.get("/v1/election-periods", headers=elsewhere)).json() == []
    assert (await api.get(f"/v1/election-periods/{uuid.uuid4()}", headers=admin)).status_code == 404
    assert (await api.get("/v1/election-periods", headers=bearer(token("cheshire", "resident")))).status_code == 403


async def test_starts_and_ends_are_announced_once_each_without_anyone_named(notifications: NotificationsService, token):
    api, officer = notifications.api, bearer(token("cheshire", "engagement_officer"))
    over = (await api.post("/v1/election-periods", headers=officer,
                           json=period(TODAY - timedelta(days=40), TODAY - timedelta(days=2)))).json()
    running = (await api.post("/v1/election-periods", headers=officer,
                              json=period(TODAY - timedelta(days=1), TODAY + timedelta(days=20), ("crewe",)))).json()
    assert (over["state"], running["state"]) == ("past", "in_force")
    await notifications.events(STARTED, ENDED, kind=PERIODS)
    await asyncio.sleep(0.5)  # a few more ticks of the clock: nothing is announced twice
    events = await notifications.events(STARTED, ENDED, kind=PERIODS)
    moments = sorted((event["type"], event["data"]["period_id"]) for event in events
                     if event["type"] in (STARTED, ENDED))
    assert moments == sorted([(STARTED, over["id"]), (ENDED, over["id"]), (STARTED, running["id"])])
    assert not any("engagement" in json.dumps(event) or "officer" in json.dumps(event) for event in events)
    in_force = await api.get("/v1/election-periods", params={"state": "in_force"}, headers=officer)
    assert [p["id"] for p in in_force.json()] == [running["id"]]


async def test_the_messages_a_period_holds_are_counted(notifications: NotificationsService, token):
    api, officer = notifications.api, bearer(token("cheshire", "engagement_officer"))
    created = (await api.post("/v1/election-periods", headers=officer,
                              json=period(TODAY, TODAY + timedelta(days=30)))).json()
    reason = f"election:{created['id']}"
    rows = [("cheshire", reason, "held", "email", "subscription"), ("cheshire", reason, "held", "sms", "subscription"),
            ("cheshire", reason, "held", "email", "stakeholder"), ("cheshire", reason, "created", "email", "service"),
            ("cheshire", "quiet_hours", "held", "email", "subscription"),
            ("dyfed-powys", reason, "held", "email", "subscription")]
    for number, (tenant, why, status, channel, category) in enumerate(rows):
        await notifications.value(
            "INSERT INTO messages (id, tenant, client, reference, template, status, created_at, next_attempt_at, "
            "reason, channel, category) VALUES ($1, $2, 'test', $3, 'bulletin', $4, now(), now(), $5, $6, $7)",
            uuid.uuid4(), tenant, f"ref-{number}", status, why, channel, category)
    held = await api.get(f"/v1/election-periods/{created['id']}/held", headers=officer)
    assert held.status_code == 200, held.text
    assert held.json() == {"period_id": created["id"], "reason": reason, "state": "in_force", "held": 3,
                           "by_channel": {"email": 2, "sms": 1}, "by_category": {"subscription": 2, "stakeholder": 1}}


RECEIPT = {"consultation_title": "Policing priorities", "consultation_title_cy": "Blaenoriaethau plismona",
           "response_id": "6d3b5c1e-8f7a-4f0e-9c2d-1a2b3c4d5e6f", "submitted_at": "2027-01-10T09:00:00Z",
           "withdrawal_instructions": "To withdraw your response ...",
           "withdrawal_instructions_cy": "I dynnu eich ymateb yn ôl ..."}


async def test_inside_a_period_publicity_to_its_area_is_held_service_messages_go_and_a_release_is_on_record(
        notifications: NotificationsService, token):
    api, officer = notifications.api, bearer(token("cheshire", "engagement_officer"))
    client = bearer(token("cheshire", scopes=("notifications:send",)))
    crewe = await consenting_contact(api, officer, "crewe@example.org", areas=["crewe"])
    macclesfield = await consenting_contact(api, officer, "macc@example.org", areas=["macclesfield"])
    local = (await api.post("/v1/election-periods", headers=officer,
                            json=period(TODAY - timedelta(days=1), TODAY + timedelta(days=20), ("crewe",)))).json()
    whole = (await api.post("/v1/election-periods", headers=officer,
                            json=period(TODAY - timedelta(days=1), TODAY + timedelta(days=20)))).json()
    called_off = await api.delete(f"/v1/election-periods/{whole['id']}", headers=officer,
                                  params={"reason": "registered in error"})
    assert called_off.status_code == 200  # a cancelled period holds nothing

    async def send(reference: str, **recipient: object) -> dict:
        sent = await api.post("/v1/messages", headers=client, json={
            "template": "consultation_receipt", "reference": reference, "personalisation": RECEIPT, **recipient})
        assert sent.status_code == 201, sent.text
        return sent.json()

    subscription = {"category": "subscription", "sender": "office", "topic": "bulletin"}
    held = await send("news-crewe", contact_id=crewe, **subscription)
    elsewhere = await send("news-macc", contact_id=macclesfield, **subscription)
    service = await send("receipt-crewe", contact_id=crewe)
    assert (held["status"], held["reason"]) == ("held", f"election:{local['id']}")
    assert elsewhere["status"] != "held" and service["status"] != "held"

    counted = (await api.get(f"/v1/election-periods/{local['id']}/held", headers=officer)).json()
    assert (counted["held"], counted["by_category"]) == (1, {"subscription": 1})
    refused = await api.post("/v1/holds/release", headers=officer, json={"election_period_id": local["id"]})
    assert refused.status_code == 422 and "reason" in refused.text
    released = await api.post("/v1/holds/release", headers=officer, json={
        "election_period_id": local["id"], "reason": "A factual notice about a road closure, agreed by the CEO"})
    assert released.status_code == 200, released.text
    assert released.json()["released"] == 1
    on_record = (await api.get("/v1/holds/releases", headers=officer)).json()
    assert [(r["reason"], r["election_period_id"], r["released"]) for r in on_record] == [
        ("A factual notice about a road closure, agreed by the CEO", local["id"], 1)]
    assert on_record[0]["released_by"]
    assert (await api.get(f"/v1/election-periods/{local['id']}/held", headers=officer)).json()["held"] == 0


@needs_schemathesis
async def test_no_request_to_the_election_periods_api_answers_500(notifications: NotificationsService, token,
                                                                  tmp_path: Path):
    admin = token("cheshire", "admin")
    created = await notifications.api.post("/v1/election-periods", headers=bearer(admin),
                                           json=period(TODAY, TODAY + timedelta(days=30), ("crewe",)))
    await assert_routes_never_500(notifications.api, admin, "^/v1/election-periods",
                                  {"period_id": created.json()["id"]}, tmp_path)
