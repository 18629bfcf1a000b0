"""The dashboard: every role sees what needs doing today; a service that does not answer leaves only its own
panel unavailable; each panel has its empty state."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from peel.web.domain.staff.identity import StaffRole
from peel.web.service_layer.ports import Refused, ServiceUnavailable
from tests.support.staff_pages import StaffPageClient

COVERS = {("GET", "/staff/")}
TODAY = date.today()
YESTERDAY, TOMORROW = TODAY - timedelta(days=1), TODAY + timedelta(days=1)
OVERVIEW = {
    "consultations": [
        {"id": "c-open", "title": {"en": "Policing priorities", "cy": "Blaenoriaethau"}, "kind": "survey",
         "status": "open", "opens_at": "2026-11-01T09:00:00Z", "closes_at": "2099-01-31T23:59:00Z",
         "responses": 100000, "awaiting_moderation": 12},
        {"id": "c-draft", "title": {"en": "Road safety"}, "kind": "survey", "status": "draft", "opens_at": None,
         "closes_at": "2099-03-01T23:59:00Z", "responses": 0, "awaiting_moderation": 0},
    ],
    "panel": {"awaiting_decision": 3,
              "due": [{"id": "q-due", "meeting_id": "m1", "meeting_title": {"en": "March Panel"},
                       "status": "accepted", "answer_due": TOMORROW.isoformat()}],
              "overdue": [{"id": "q-late", "meeting_id": "m0", "meeting_title": {"en": "February Panel"},
                           "status": "accepted", "answer_due": YESTERDAY.isoformat()}]},
}
NOW = datetime.now(UTC)
SESSION = {"id": "s-1", "host": "The Commissioner", "status": "scheduled", "day": TODAY.isoformat(),
           "starts_at": f"{TODAY.isoformat()}T10:00:00+00:00", "ends_at": f"{TODAY.isoformat()}T12:00:00+00:00",
           "free_slot_count": 4, "cancelled_at": None}
FAR_SESSION = SESSION | {"id": "s-2", "day": (TODAY + timedelta(days=30)).isoformat(),
                         "starts_at": f"{(TODAY + timedelta(days=30)).isoformat()}T10:00:00+00:00"}
ASSEMBLIES = [
    {"id": "a-closed", "title": {"en": "Knife crime assembly"}, "status": "recruiting",
     "registration_closes_at": (NOW - timedelta(days=1)).isoformat()},
    {"id": "a-done", "title": {"en": "Rural crime assembly"}, "status": "selected",
     "registration_closes_at": (NOW - timedelta(days=90)).isoformat(), "offers_awaiting_reply": 3,
     "recommendations_awaiting_response": 1},
    {"id": "a-answered", "title": {"en": "Road safety assembly"}, "status": "selected",
     "registration_closes_at": (NOW - timedelta(days=200)).isoformat(), "offers_awaiting_reply": 0,
     "recommendations_awaiting_response": 0},
]
BULLETINS = [{"id": "b-1", "status": "draft", "title": {"en": "March news"}, "author": "ann",
              "created_at": "2026-12-01T09:00:00Z"},
             {"id": "b-2", "status": "sent", "title": {"en": "February news"}, "author": "ann",
              "created_at": "2026-11-01T09:00:00Z"}]


def everything_answers(staff: StaffPageClient) -> None:
    staff.staff.consultation.on("GET", "/v1/consultations/overview", OVERVIEW)
    staff.staff.scheduling.on("GET", "/v1/scheduling/sessions", [SESSION, FAR_SESSION])
    staff.staff.scheduling.on("GET", "/v1/scheduling/assemblies", ASSEMBLIES)
    staff.staff.notifications.on("GET", "/v1/bulletins", BULLETINS)


def text_of(page, section: str) -> str:
    return " ".join(page.soup.find(id=section).get_text(" ").split())


async def test_an_officer_sees_what_needs_doing_today_in_every_area(staff: StaffPageClient) -> None:
    everything_answers(staff)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get("/staff/")
    assert page.status == 200 and page.h1 == "What needs doing today"
    consultations = text_of(page, "consultations")
    assert "Open Consultation" in consultations and "100,000" in consultations
    assert "Policing priorities : answers to moderate: 12" in consultations and "Drafts" in consultations
    assert page.soup.find("a", href="/staff/consultations/c-open/moderation")
    panel = text_of(page, "panel")
    assert "decision to accept or reject: 3" in panel
    assert panel.index("February Panel") < panel.index("Overdue") < panel.index("March Panel")
    assert page.soup.find("a", href="/staff/panel/questions/q-late")
    surgeries = text_of(page, "surgeries")
    assert "The Commissioner" in surgeries and not page.soup.find("a", href="/staff/surgeries/sessions/s-2")
    assemblies = text_of(page, "assemblies")
    assert "Knife crime assembly : registration has closed: run the selection" in assemblies
    assert "Rural crime assembly : offers of a place awaiting a reply: 3" in assemblies
    assert "Rural crime assembly : recommendations awaiting the office's response: 1" in assemblies
    assert "Road safety assembly" not in assemblies
    bulletins = text_of(page, "bulletins")
    assert "March news" in bulletins and "February news" not in bulletins


async def test_each_call_is_made_as_the_signed_in_user(staff: StaffPageClient) -> None:
    everything_answers(staff)
    await staff.sign_in(StaffRole.ADMIN)
    await staff.get("/staff/")
    tokens = {call[3] for api in (staff.staff.consultation, staff.staff.scheduling, staff.staff.notifications)
              for call in api.calls}
    assert tokens == {staff.token()}


async def test_the_scheduling_service_is_asked_for_this_week_only_and_nothing_public(
        staff: StaffPageClient) -> None:
    everything_answers(staff)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    await staff.get("/staff/")
    monday = TODAY - timedelta(days=TODAY.weekday())
    assert staff.staff.scheduling.sent("GET", "/v1/scheduling/sessions") == [
        {"from": monday.isoformat(), "to": (monday + timedelta(days=6)).isoformat()}]
    assert sorted(call[1] for call in staff.staff.scheduling.calls) == ["/v1/scheduling/assemblies",
                                                                        "/v1/scheduling/sessions"]


async def test_a_service_that_does_not_answer_leaves_only_its_panel_unavailable(staff: StaffPageClient) -> None:
    everything_answers(staff)
    staff.staff.consultation.on("GET", "/v1/consultations/overview", ServiceUnavailable("down"))
    staff.staff.notifications.on("GET", "/v1/bulletins", Refused(500, "broken"))
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get("/staff/")
    assert page.status == 200
    unavailable = {part["data-part-unavailable"] for part in page.soup.select("[data-part-unavailable]")}
    assert unavailable == {"consultations", "panel", "bulletins"}
    assert "The Commissioner" in text_of(page, "surgeries")


async def test_every_panel_has_its_empty_state(staff: StaffPageClient) -> None:
    staff.staff.consultation.on("GET", "/v1/consultations/overview",
                                {"consultations": [], "panel": {"awaiting_decision": 0, "due": [], "overdue": []}})
    staff.staff.scheduling.on("GET", "/v1/scheduling/sessions", [])
    staff.staff.scheduling.on("GET", "/v1/scheduling/assemblies", [])
    staff.staff.notifications.on("GET", "/v1/bulletins", [])
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.get("/staff/")
    assert "There are no consultations yet." in text_of(page, "consultations")
    assert "No answers are due or overdue." in text_of(page, "panel")
    assert "There are no surgeries from" in text_of(page, "surgeries")
    assert "No assembly needs anything from you." in text_of(page, "assemblies")
    assert "No bulletin is waiting to be approved." in text_of(page, "bulletins")


async def test_a_viewer_sees_the_dashboard_without_the_bulletins(staff: StaffPageClient) -> None:
    everything_answers(staff)
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.get("/staff/")
    assert page.status == 200 and page.soup.find(id="bulletins") is None
    assert staff.staff.notifications.calls == []


async def test_the_dashboard_is_in_welsh(staff: StaffPageClient) -> None:
    everything_answers(staff)
    await staff.sign_in(StaffRole.ANALYST, lang="cy")
    page = await staff.get("/staff/")
    assert page.lang == "cy" and "Blaenoriaethau" in text_of(page, "consultations")


async def test_no_one_signed_in_is_sent_to_sign_in(staff: StaffPageClient) -> None:
    page = await staff.get("/staff/")
    assert page.status == 303 and page.response.headers["location"] == "/staff/sign-in?next=/staff/"
