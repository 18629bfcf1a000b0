"""Residents ask the Police and Crime Panel questions; the clerk takes them to a published answer."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

from peel.common.working_days import WorkingCalendar
from peel.consultation.bootstrap import create_app
from peel.consultation.entrypoints.http.panel_routes import panel_clock
from peel.consultation.settings import ConsultationSettings
from tests.support.kafka import read_all
from tests.support.panel import QUESTION, MovableClock, ask, schedule, step
from tests.support.platform import Platform
from tests.support.servers import eventually, service_settings, serving
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e


async def test_a_question_is_asked_accepted_answered_and_published(platform: Platform, token, infra, topic_prefix):
    clerk, client = bearer(token("cheshire", "panel_clerk")), platform.consultation
    meeting = await schedule(client, clerk)
    assert (meeting["word_limit"], meeting["notice_working_days"], meeting["answer_working_days"]) == (250, 5, 10)
    shown = (await client.get(f"/v1/public/panel/meetings/{meeting['id']}")).json()
    assert shown["open_for_questions"] and shown["submissions_close_on"] == meeting["submissions_close_on"]
    assert shown["tenant"] == "cheshire"
    assert "notice_working_days" not in shown

    asked = await ask(client, meeting["id"])
    assert asked.status_code == 201, asked.text
    assert (asked.json()["status"], asked.json()["word_count"]) == ("received", 10)
    question_id = asked.json()["id"]
    [listed] = (await client.get(f"/v1/panel/meetings/{meeting['id']}/questions", headers=clerk)).json()
    assert (listed["id"], listed["status"], listed["overdue"]) == (question_id, "received", False)
    assert listed["asker"] == {"name": "Jo Bloggs", "email": "jo.bloggs@example.org", "area": "CW1"}

    accepted = await step(client, clerk, question_id, "accept")
    assert accepted["status"] == "accepted" and accepted["answer_due"] > accepted["accepted_at"][:10]
    answer = {"response": {"en": "Twelve officers and four PCSOs.", "cy": "Deuddeg swyddog a phedwar SCCH."}}
    answered = await step(client, clerk, question_id, "answer", answer)
    assert (answered["status"], answered["overdue"]) == ("answered", False)
    public_list = f"/v1/public/panel/meetings/{meeting['id']}/answered"
    assert (await client.get(public_list)).json()["answers"] == []
    assert (await step(client, clerk, question_id, "publish"))["status"] == "published"

    published = await client.get(public_list)
    assert published.status_code == 200
    [shown_answer] = published.json()["answers"]
    assert shown_answer["question"] == QUESTION["question"]
    assert shown_answer["response"] == answer["response"]
    assert set(shown_answer) == {"id", "question", "response", "submitted_on", "answered_on", "published_on"}
    assert "Bloggs" not in published.text and "CW1" not in published.text

    async def lifecycle_on_kafka() -> list[dict] | None:
        records = await read_all(infra.kafka_bootstrap, f"{topic_prefix}consultation.events")
        events = [json.loads(record.value) for record in records]
        mine = [event for event in events if event["subject"] == question_id]
        return mine if len(mine) == 4 else None

    events = await eventually(lifecycle_on_kafka)
    assert [event["type"].split(".")[3] for event in events] == ["submitted", "accepted", "answered", "published"]
    assert {event["tenant"] for event in events} == {"cheshire"}
    assert not [event for event in events if "Bloggs" in json.dumps(event) or "example.org" in json.dumps(event)]


async def test_each_submission_rule_answers_with_a_clear_error(platform: Platform, token):
    clerk, client = bearer(token("cheshire", "admin")), platform.consultation
    meeting = await schedule(client, clerk, word_limit=12)
    assert (await ask(client, meeting["id"])).status_code == 201

    again = await ask(client, meeting["id"], email="  JO.Bloggs+panel@Example.org", question="And on Saturdays?")
    assert again.status_code == 409 and "one question per person" in again.json()["detail"]
    too_long = await ask(client, meeting["id"], email="long@example.org", question="word " * 13)
    assert too_long.status_code == 422
    assert too_long.json()["detail"] == [{"loc": ["body", "question"], "msg": "has 13 words; the limit is 12",
                                          "type": "too_many_words"}]

    closed = await schedule(client, clerk, datetime.now(UTC) + timedelta(days=1))
    late = await ask(client, closed["id"])
    assert late.status_code == 409
    assert late.json()["detail"].startswith(f"submissions closed on {closed['submissions_close_on']}")

    unknown = await ask(client, "5f0c3b5e-0000-4000-8000-000000000000")
    assert unknown.status_code == 404
    for changes, field in (({"area": "CW1 2AB"}, "area"), ({"email": "not-an-address"}, "email"),
                           ({"phone": "01234"}, "phone"), ({"name": "  "}, "name")):
        refused = await ask(client, meeting["id"], **changes)
        assert refused.status_code == 422 and ["body", field] in [e["loc"] for e in refused.json()["detail"]]


async def test_rejection_reasons_and_steps_out_of_order(platform: Platform, token):
    clerk, client = bearer(token("cheshire", "panel_clerk")), platform.consultation
    meeting = await schedule(client, clerk)
    first = (await ask(client, meeting["id"])).json()["id"]
    second = (await ask(client, meeting["id"], email="sam@example.org")).json()["id"]

    unknown = await client.post(f"/v1/panel/questions/{first}/reject", json={"reason": "boring"}, headers=clerk)
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "reason"]
    rejected = await step(client, clerk, first, "reject", {"reason": "operational_matter"})
    assert (rejected["status"], rejected["rejection_reason"]) == ("rejected", "operational_matter")
    for action, body in (("accept", None), ("answer", {"response": {"en": "x"}}), ("publish", None)):
        refused = await client.post(f"/v1/panel/questions/{first}/{action}", json=body, headers=clerk)
        assert refused.status_code == 409 and "is rejected" in refused.json()["detail"]

    reason = {"key": "vexatious", "label": {"en": "Vexatious"}}
    added = await client.post("/v1/panel/rejection-reasons", json=reason, headers=clerk)
    assert added.status_code == 201
    assert (await client.post("/v1/panel/rejection-reasons", json=reason, headers=clerk)).status_code == 409
    keys = [r["key"] for r in (await client.get("/v1/panel/rejection-reasons", headers=clerk)).json()]
    assert keys == ["operational_matter", "sub_judice", "deadline_passed", "not_within_remit", "repeated_question",
                    "offensive", "vexatious"]
    assert (await step(client, clerk, second, "reject", {"reason": "vexatious"}))["status"] == "rejected"


async def test_tenants_and_roles_are_kept_apart(platform: Platform, token):
    client = platform.consultation
    cheshire, dyfed = bearer(token("cheshire", "panel_clerk")), bearer(token("dyfed-powys", "admin"))
    meeting = await schedule(client, cheshire)
    question_id = (await ask(client, meeting["id"])).json()["id"]

    assert (await client.get(f"/v1/panel/meetings/{meeting['id']}", headers=dyfed)).status_code == 404
    assert (await client.get(f"/v1/panel/meetings/{meeting['id']}/questions", headers=dyfed)).status_code == 404
    assert (await client.get("/v1/panel/meetings", headers=dyfed)).json() == []
    for action, body in (("accept", None), ("reject", {"reason": "sub_judice"}), ("publish", None)):
        assert (await client.post(f"/v1/panel/questions/{question_id}/{action}", json=body,
                                  headers=dyfed)).status_code == 404
    assert (await client.get(f"/v1/panel/questions/{question_id}", headers=dyfed)).status_code == 404
    for role in ("engagement_officer", "viewer", "analyst"):
        other = bearer(token("cheshire", role))
        assert (await client.post(f"/v1/panel/questions/{question_id}/accept", headers=other)).status_code == 403
    assert (await client.get(f"/v1/panel/meetings/{meeting['id']}/questions")).status_code == 401
    [mine] = (await client.get("/v1/panel/meetings", headers=bearer(token("cheshire", "admin")))).json()
    assert mine["id"] == meeting["id"]


async def test_every_role_reads_the_queue_and_only_clerks_and_admins_see_emails(platform: Platform, token):
    client, clerk = platform.consultation, bearer(token("cheshire", "panel_clerk"))
    meeting = await schedule(client, clerk)
    question_id = (await ask(client, meeting["id"])).json()["id"]
    queue, one = f"/v1/panel/meetings/{meeting['id']}/questions", f"/v1/panel/questions/{question_id}"

    viewer = bearer(token("cheshire", "viewer"))
    assert [found["id"] for found in (await client.get("/v1/panel/meetings", headers=viewer)).json()] == [
        meeting["id"]]
    [listed] = (await client.get(queue, headers=viewer)).json()
    assert listed["asker"] == {"name": "Jo Bloggs", "email": None, "area": "CW1"}
    assert (await client.get(one, headers=viewer)).json() == listed
    assert "example.org" not in (await client.get(queue, headers=bearer(token("cheshire", "analyst")))).text
    assert (await client.get("/v1/panel/rejection-reasons", headers=viewer)).status_code == 200

    [seen] = (await client.get(queue, headers=clerk)).json()
    assert seen["asker"]["email"] == "jo.bloggs@example.org"
    assert (await client.get(one, headers=clerk)).json() == seen
    assert (await client.get("/v1/panel/questions/not-an-id", headers=clerk)).status_code == 404
    assert (await client.get(one, headers=bearer(token("dyfed-powys", "panel_clerk")))).status_code == 404
    assert (await client.get(one)).status_code == 401


async def test_overdue_questions_are_flagged_while_unanswered_and_when_answered_late(
        infra, database, topic_prefix, key_dir, token):
    clock = MovableClock(datetime(2030, 3, 4, 10, 0, tzinfo=UTC))  # a Monday
    settings = service_settings(ConsultationSettings, dsn=database, kafka=infra.kafka_bootstrap, prefix=topic_prefix,
                                key_dir=key_dir)
    app = create_app(settings)
    app.dependency_overrides[panel_clock] = lambda: clock
    clerk = bearer(token("cheshire", "panel_clerk"))
    async with serving(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        meeting = await schedule(client, clerk, datetime(2030, 3, 28, 18, 0, tzinfo=UTC))
        assert meeting["submissions_close_on"] == "2030-03-21"
        first = (await ask(client, meeting["id"])).json()["id"]
        second = (await ask(client, meeting["id"], email="sam@example.org")).json()["id"]
        for question_id in (first, second):
            assert (await step(client, clerk, question_id, "accept"))["answer_due"] == "2030-03-18"

        clock.now = datetime(2030, 3, 19, 9, 0, tzinfo=UTC)
        listed = f"/v1/panel/meetings/{meeting['id']}/questions"
        overdue = (await client.get(listed, params={"overdue": "true"}, headers=clerk)).json()
        assert sorted(q["id"] for q in overdue) == sorted([first, second])
        late = await step(client, clerk, first, "answer", {"response": {"en": "Sorry for the delay."}})
        assert (late["answered_on"], late["overdue"]) == ("2030-03-19", True)
        on_time = await step(client, clerk, second, "answer",
                             {"response": {"en": "As said at the meeting."}, "answered_on": "2030-03-15"})
        assert on_time["overdue"] is False
        still_overdue = (await client.get(listed, params={"overdue": "true"}, headers=clerk)).json()
        assert [q["id"] for q in still_overdue] == [first]

        clock.now = datetime(2030, 3, 22, 0, 0, tzinfo=UTC)
        closed = await ask(client, meeting["id"], email="late@example.org")
        assert (closed.status_code, closed.json()["detail"][:33]) == (409, "submissions closed on 2030-03-21 ")


async def test_residents_find_the_meetings_taking_questions_and_follow_their_links(platform: Platform, token):
    clerk, client = bearer(token("cheshire", "panel_clerk")), platform.consultation
    later = await schedule(client, clerk, datetime.now(UTC) + timedelta(days=90), word_limit=120)
    sooner = await schedule(client, clerk)
    await schedule(client, clerk, datetime.now(UTC) + timedelta(days=1))  # already closed
    await schedule(client, bearer(token("dyfed-powys", "panel_clerk")))

    listed = (await client.get("/v1/public/cheshire/panel/meetings")).json()
    assert [meeting["id"] for meeting in listed] == [sooner["id"], later["id"]]
    first = listed[0]
    assert first["title"] == {"en": "Police and Crime Panel", "cy": "Panel Heddlu a Throsedd"}
    assert (first["submissions_close_on"], first["word_limit"], listed[1]["word_limit"]) == (
        sooner["submissions_close_on"], 250, 120)
    assert first["links"] == {"meeting": f"/v1/public/panel/meetings/{sooner['id']}",
                              "ask": f"/v1/panel/meetings/{sooner['id']}/questions",
                              "answered": f"/v1/public/panel/meetings/{sooner['id']}/answered"}
    assert (await client.post(first["links"]["ask"], json=QUESTION)).status_code == 201
    answered = (await client.get(first["links"]["answered"])).json()
    assert answered["links"] == first["links"]
    assert (await client.get(answered["links"]["meeting"])).json()["id"] == sooner["id"]
    assert (await client.get("/v1/public/nowhere/panel/meetings")).json() == []
    assert (await client.get("/v1/public/Not A Tenant/panel/meetings")).status_code == 422


async def test_a_closure_moves_the_closing_day_of_meetings_still_taking_questions(platform: Platform, token):
    clerk, client = bearer(token("cheshire", "panel_clerk")), platform.consultation
    meeting = await schedule(client, clerk)
    closes_on, calendar = date.fromisoformat(meeting["submissions_close_on"]), WorkingCalendar()
    closure = {"day": calendar.after(closes_on, 1).isoformat(), "label": "Office move"}
    assert (await client.post("/v1/panel/closures", json=closure, headers=clerk)).status_code == 201
    earlier = calendar.before(closes_on, 1).isoformat()
    shown = (await client.get(f"/v1/public/panel/meetings/{meeting['id']}")).json()
    staff = (await client.get(f"/v1/panel/meetings/{meeting['id']}", headers=clerk)).json()
    [listed] = (await client.get("/v1/public/cheshire/panel/meetings")).json()
    assert {shown["submissions_close_on"], staff["submissions_close_on"], listed["submissions_close_on"]} == {earlier}
    assert (await client.delete(f"/v1/panel/closures/{closure['day']}", headers=clerk)).status_code == 204
    shown = (await client.get(f"/v1/public/panel/meetings/{meeting['id']}")).json()
    assert shown["submissions_close_on"] == closes_on.isoformat()
