"""Reporting for the Police and Crime Panel over HTTP, fed by the consultation service itself: a precept
and a draft Plan summarised, and public questions to the Panel counted per meeting."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest

from peel.consultation.bootstrap import create_app as consultation_app
from peel.consultation.entrypoints.http.panel_routes import panel_clock
from peel.consultation.settings import ConsultationSettings
from peel.reporting.bootstrap import create_app as reporting_app
from peel.reporting.read_models._http import reporting_today
from peel.reporting.settings import ReportingSettings
from tests.support.consultations import SURVEY
from tests.support.panel import MovableClock, ask, schedule, step
from tests.support.platform import Platform
from tests.support.servers import eventually, service_settings, serving
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
BASE = {"closes_at": "2099-01-31T23:59:00Z"}
AREAS_CSV = "postcode_district,area_key,area_name\nCW1,cheshire_east,Cheshire East\nWA1,warrington,Warrington\n"
PRECEPT = BASE | {"kind": "precept", "title": {"en": "Policing precept 2027-28"},
                  "precept": {"band_d_current": "250.00", "referendum_limit": {"pounds": "14"},
                              "options": [{"key": "freeze", "change": "0"}, {"key": "plus14", "change": "14"},
                                          {"key": "plus20", "change": "20"}]}}
PLAN = BASE | {"kind": "draft_plan", "title": {"en": "Draft Police and Crime Plan 2027-30"}, "results_embargoed": True,
               "sections": [{"key": "victims", "title": {"en": "Putting victims first"}, "summary": {"en": "..."}},
                            {"key": "roads", "title": {"en": "Safer roads"}, "summary": {"en": "..."}}]}


async def opened(platform: Platform, officer: dict, body: dict) -> str:
    created = await platform.consultation.post("/v1/consultations", json=body, headers=officer)
    assert created.status_code == 201, created.text
    consultation_id = created.json()["id"]
    published = await platform.consultation.post(f"/v1/consultations/{consultation_id}/publish", headers=officer)
    assert published.status_code == 200, published.text
    return consultation_id


async def respond(platform: Platform, consultation_id: str, answers: dict, **body: object) -> str:
    done = await platform.consultation.post(f"/v1/consultations/{consultation_id}/responses",
                                            json={"answers": answers, **body})
    assert done.status_code == 201, done.text
    return done.json()["id"]


async def summary_of(platform: Platform, consultation_id: str, headers: dict, responses: int) -> dict:
    async def ready() -> dict | None:
        found = await platform.reporting.get(f"/v1/consultations/{consultation_id}/panel-summary", headers=headers)
        return found.json() if found.status_code == 200 and found.json()["responses"] == responses else None

    return await eventually(ready)


async def test_a_precept_consultation_is_summarised_for_the_panel(platform: Platform, token):
    admin, analyst = bearer(token("cheshire", "admin")), bearer(token("cheshire", "analyst"))
    await platform.consultation.put("/v1/areas", content=AREAS_CSV, headers=admin | {"content-type": "text/csv"})
    consultation_id = await opened(platform, admin, PRECEPT)
    chosen = [("CW1 2AB", "freeze")] * 3 + [("CW1 2AB", "plus14")] * 7 + [("CW1 2AB", "plus20")] * 2
    chosen += [("WA1 1AA", "plus20")] * 2 + [(None, "plus14")] * 10
    for postcode, option in chosen:
        await respond(platform, consultation_id, {"precept_option": option}, postcode=postcode)

    found = (await summary_of(platform, consultation_id, analyst, 24))["precept"]
    assert (found["band_d_current"], found["referendum_limit_pounds"], found["answered"]) == (250, 14, 24)
    assert [(o["key"], o["band_d_change"], o["percent_increase"], o["triggers_referendum"], o["band_d_yearly"],
             o["band_d_weekly"], o["count"], o["share"]) for o in found["options"]] == [
        ("freeze", 0, 0, False, 0, 0, 3, 0.125), ("plus14", 14, 5.6, False, 14, 0.27, 17, 0.7083),
        ("plus20", 20, 8, True, 20, 0.38, 4, 0.1667)]
    # warrington (2) alone could be worked out from the totals, so unknown (10), the next smallest, goes too
    assert [(a["key"], a["suppressed"], a["responses"]) for a in found["by_area"]] == [
        ("cheshire_east", False, 12), ("warrington", True, None), ("unknown", True, None)]
    assert [(o["key"], o["count"]) for o in found["by_area"][0]["options"]] == [
        ("freeze", 3), ("plus14", 7), ("plus20", 2)]
    assert found["weighting"] is None

    exported = await platform.reporting.get(f"/v1/consultations/{consultation_id}/panel-summary.csv", headers=analyst)
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert {"area": "all", "item": "plus20", "measure": "triggers_referendum", "value": "True"}.items() <= next(
        r for r in rows if (r["item"], r["measure"]) == ("plus20", "triggers_referendum")).items()
    assert [r["value"] for r in rows if r["area"] == "warrington"] == [""]


async def test_a_draft_plan_is_summarised_section_by_section_once_its_embargo_ends(platform: Platform, token):
    admin, officer = bearer(token("cheshire", "admin")), bearer(token("cheshire", "engagement_officer"))
    consultation_id = await opened(platform, admin, PLAN)
    ratings = [5, 5, 4, 4, 4, 3, 2, 1, 5, 4]
    said = [await respond(platform, consultation_id,
                          {"victims_support": rating, "roads_support": 3, **({"victims_comment": f"Said {i}"}
                                                                              if i < 3 else {})},
                          publish_consent=i != 2)
            for i, rating in enumerate(ratings)]
    for response_id, decision in ((said[0], "approved"), (said[1], "redacted")):
        moderated = await platform.consultation.post(
            f"/v1/consultations/{consultation_id}/responses/{response_id}/moderation",
            json={"question": "victims_comment", "decision": decision, "reason": "checked"}, headers=admin)
        assert moderated.status_code == 200, moderated.text
    path = f"/v1/consultations/{consultation_id}/panel-summary"
    refused = await eventually(lambda: _answering(platform, path, officer, 409))
    assert refused.json()["detail"] == "results are embargoed until the consultation closes"
    assert (await platform.reporting.get(f"{path}.csv", headers=officer)).status_code == 409
    await platform.consultation.post(f"/v1/consultations/{consultation_id}/close", headers=admin)

    found = await eventually(lambda: _approved(platform, path, officer))
    victims, roads = found["plan"]["sections"]
    # ratings 1, 2, 3, 4, 4, 4, 4, 5, 5, 5: mean 3.7, median 4, supportive (4 or 5) 7 of 10
    assert (victims["answered"], victims["mean"], victims["median"], victims["supportive"],
            victims["supportive_share"]) == (10, 3.7, 4, 7, 0.7)
    assert [p["count"] for p in victims["distribution"]] == [1, 1, 1, 4, 3]
    assert (victims["comments"], victims["comments_approved"]) == (3, 1)  # of 3: approved, redacted, private
    assert (roads["key"], roads["supportive"], roads["comments"]) == ("roads", 0, 0)
    assert [(a["key"], a["responses"]) for a in found["plan"]["by_area"]] == [("unknown", 10)]


async def _answering(platform: Platform, path: str, headers: dict, wanted: int) -> httpx.Response | None:
    found = await platform.reporting.get(path, headers=headers)
    return found if found.status_code == wanted else None


async def _approved(platform: Platform, path: str, headers: dict) -> dict | None:
    found = await platform.reporting.get(path, headers=headers)
    if found.status_code != 200 or found.json()["responses"] != 10:
        return None
    return found.json() if found.json()["plan"]["sections"][0]["comments_approved"] == 1 else None


async def test_panel_summaries_are_the_tenants_own_and_only_of_a_precept_or_draft_plan(platform: Platform, token):
    admin = bearer(token("cheshire", "admin"))
    precept, survey = await opened(platform, admin, PRECEPT), await opened(platform, admin, SURVEY)
    await eventually(lambda: _answering(platform, f"/v1/consultations/{precept}/panel-summary", admin, 200))
    refused = await eventually(lambda: _answering(platform, f"/v1/consultations/{survey}/panel-summary", admin, 409))
    assert "precept or draft_plan" in refused.json()["detail"]
    other, viewer = bearer(token("dyfed-powys", "admin")), bearer(token("cheshire", "viewer"))
    for suffix in ("", ".csv"):
        path = f"/v1/consultations/{precept}/panel-summary{suffix}"
        assert (await platform.reporting.get(path, headers=other)).status_code == 404
        assert (await platform.reporting.get(path, headers=viewer)).status_code == 403
    wrong = await platform.reporting.get("/v1/consultations/not-an-id/panel-summary", headers=admin)
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["loc"] == ["path", "consultation_id"]


@pytest.fixture
async def panel_platform(infra, new_database: Callable[[], Awaitable[str]], topic_prefix: str,
                         key_dir: Path) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient, MovableClock]]:
    """The consultation service on a clock the test moves, and reporting counting overdue answers on 20 March 2030."""
    clock = MovableClock(datetime(2030, 3, 4, 10, 0, tzinfo=UTC))  # a Monday
    consultation = consultation_app(service_settings(ConsultationSettings, dsn=await new_database(),
                                                     kafka=infra.kafka_bootstrap, prefix=topic_prefix, key_dir=key_dir))
    consultation.dependency_overrides[panel_clock] = lambda: clock
    reporting = reporting_app(service_settings(ReportingSettings, dsn=await new_database(), kafka=infra.kafka_bootstrap,
                                               prefix=topic_prefix, key_dir=key_dir))
    reporting.dependency_overrides[reporting_today] = lambda: date(2030, 3, 20)
    async with AsyncExitStack() as stack:
        clients = [await stack.enter_async_context(httpx.AsyncClient(
            base_url=await stack.enter_async_context(serving(app)), timeout=10)) for app in (consultation, reporting)]
        yield clients[0], clients[1], clock


async def test_public_questions_to_the_panel_are_counted_per_meeting(panel_platform, token):
    client, reporting, clock = panel_platform
    clerk, analyst = bearer(token("cheshire", "panel_clerk")), bearer(token("cheshire", "analyst"))
    meeting = (await schedule(client, clerk, datetime(2030, 3, 28, 18, 0, tzinfo=UTC)))["id"]
    asked = [(await ask(client, meeting, email=f"asker{i}@example.org")).json()["id"] for i in range(5)]
    for question_id in asked[:3]:
        assert (await step(client, clerk, question_id, "accept"))["answer_due"] == "2030-03-18"
    await step(client, clerk, asked[3], "reject", {"reason": "operational_matter"})
    clock.now = datetime(2030, 3, 19, 9, 0, tzinfo=UTC)
    await step(client, clerk, asked[0], "answer", {"response": {"en": "Sorry for the delay."}})
    await step(client, clerk, asked[1], "answer", {"response": {"en": "On time."}, "answered_on": "2030-03-15"})
    await step(client, clerk, asked[0], "publish")

    async def counted() -> dict | None:
        found = (await reporting.get("/v1/panel-questions", headers=analyst)).json()
        return found if found["totals"]["published"] == 1 and found["totals"]["answered"] == 2 else None

    report = await eventually(counted, within=30)
    [figures] = report["meetings"]
    assert (report["today"], figures["meeting_id"], figures["meeting_date"]) == ("2030-03-20", meeting, "2030-03-28")
    assert {k: figures[k] for k in ("received", "awaiting_decision", "accepted", "rejected", "answered",
                                    "awaiting_answer", "overdue", "answered_late", "published")} == {
        "received": 5, "awaiting_decision": 1, "accepted": 3, "rejected": 1, "answered": 2, "awaiting_answer": 1,
        "overdue": 1, "answered_late": 1, "published": 1}
    assert figures["rejected_by_reason"] == [{"reason": "operational_matter", "count": 1}]
    assert figures["median_days_to_answer"] == 13  # accepted 4 March; answered on the 19th and the 15th
    assert report["totals"] == figures | {"meeting_id": None, "meeting_date": None}

    one = await reporting.get(f"/v1/panel-questions/meetings/{meeting}", headers=analyst)
    assert one.json() == figures
    exported = await reporting.get(f"/v1/panel-questions/meetings/{meeting}.csv", headers=analyst)
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert {"item": "", "measure": "overdue", "value": "1"}.items() <= rows[6].items()
    assert rows[-1] == {"meeting_id": meeting, "meeting_date": "2030-03-28", "item": "operational_matter",
                        "measure": "rejected", "value": "1"}
    listed = list(csv.DictReader(io.StringIO((await reporting.get("/v1/panel-questions.csv", headers=analyst)).text)))
    assert {row["meeting_id"] for row in listed} == {meeting, "all"}
    other = bearer(token("dyfed-powys", "admin"))
    assert (await reporting.get(f"/v1/panel-questions/meetings/{meeting}", headers=other)).status_code == 404
    assert (await reporting.get("/v1/panel-questions", headers=other)).json()["meetings"] == []
    assert (await reporting.get("/v1/panel-questions", headers=bearer(token("cheshire", "viewer")))).status_code == 403
