"""The staff pages for neighbourhood meetings: the quarter's meetings and coverage, a meeting's outcome and
cancelling, and the quarterly attendance plan."""

from __future__ import annotations

from peel.web.domain.staff.identity import StaffRole
from peel.web.service_layer.ports import InvalidAnswers, ServiceUnavailable
from tests.support.staff_pages import StaffPageClient, not_found

COVERS = {
    ("GET", "/staff/meetings"), ("GET", "/staff/meetings/{meeting_id}"),
    ("POST", "/staff/meetings/{meeting_id}/outcome"), ("POST", "/staff/meetings/{meeting_id}/cancel"),
    ("GET", "/staff/meetings/plans/{quarter}"), ("POST", "/staff/meetings/plans/{quarter}"),
    ("GET", "/staff/meetings/new"), ("POST", "/staff/meetings/new"),
}
MEETING_ID = "3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a"
MEETING = {"id": MEETING_ID, "type": "pact", "area": "Crewe", "day": "2027-04-14",
           "starts_at": "2027-04-14T19:00:00+01:00", "ends_at": "2027-04-14T20:30:00+01:00",
           "venue": "St Paul's Centre, Crewe", "venue_id": None, "public": True, "status": "scheduled",
           "organiser": {"name": "Crewe PACT", "email": "pact@example.org", "phone": None},
           "cancelled_at": None, "cancel_reason": None, "outcome": None, "version": 1}
SETTINGS = {"attendees": [{"key": "commissioner", "title": "Police and Crime Commissioner", "unavailable": []},
                          {"key": "deputy", "title": "Deputy Commissioner", "unavailable": []}],
            "topics": [{"key": "asb", "label": "Anti-social behaviour"}]}
COVERAGE = {"areas": [{"area": "Crewe", "meetings_planned": 1, "planned_meetings_attended": 1, "meetings_attended": 1,
                       "areas_uncovered": 0, "uncovered_reason": None}], "totals": []}
BY_AREA = {"areas": [{"area": "Crewe", "meetings_known": 1, "meetings_attended": 1, "topics": {"asb": 1}}]}
PLAN = {"quarter": "2027-Q2", "assignments": [{"meeting_id": MEETING_ID, "attendee": "deputy", "area": "Crewe"}],
        "uncovered": [{"area": "Halton", "reason": "no_meeting"}]}


def scheduling(staff: StaffPageClient, meeting: dict | None = None):
    staff.staff.reporting.on("GET", "/v1/scheduling/meetings/plan-coverage", COVERAGE)
    staff.staff.reporting.on("GET", "/v1/scheduling/meetings/by-area", BY_AREA)
    api = staff.staff.scheduling
    api.on("GET", "/v1/scheduling/meetings", [meeting or MEETING])
    api.on("GET", f"/v1/scheduling/meetings/{MEETING_ID}", meeting or MEETING)
    api.on("GET", "/v1/scheduling/meeting-settings", SETTINGS)
    api.on("GET", "/v1/scheduling/meeting-plans/2027-Q2/proposal", PLAN)
    return api.on("GET", "/v1/scheduling/meeting-plans/2027-Q2", not_found())


async def test_an_analyst_sees_the_quarters_meetings_and_coverage(staff: StaffPageClient) -> None:
    assert (await staff.get("/staff/meetings")).status == 303
    api = scheduling(staff)
    await staff.sign_in(StaffRole.ANALYST)
    page = await staff.get("/staff/meetings?quarter=2027-Q2")
    assert page.status == 200 and page.h1 == "Neighbourhood meetings"
    assert page.soup.find("a", href=f"/staff/meetings/{MEETING_ID}") and page.soup.select("#coverage")
    assert api.sent("GET", "/v1/scheduling/meetings") == [{"from": "2027-04-01", "to": "2027-06-30"}]
    assert "asb (1)" in page.text()


async def test_a_viewer_sees_the_meetings_without_the_reports(staff: StaffPageClient) -> None:
    scheduling(staff)
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.get("/staff/meetings?quarter=2027-Q2")
    assert page.status == 200 and not page.soup.select("#coverage")
    assert not staff.staff.reporting.calls


async def test_the_meetings_show_while_the_reports_cannot_be_read(staff: StaffPageClient) -> None:
    scheduling(staff)
    staff.staff.reporting.on("GET", "/v1/scheduling/meetings/plan-coverage", ServiceUnavailable("down"))
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.get("/staff/meetings?quarter=2027-Q2")
    assert page.status == 200 and page.soup.select("#coverage-unavailable")
    assert page.soup.find("a", href=f"/staff/meetings/{MEETING_ID}")


async def test_a_quarter_without_meetings_says_so(staff: StaffPageClient) -> None:
    staff.staff.scheduling.on("GET", "/v1/scheduling/meetings", [])
    await staff.sign_in(StaffRole.VIEWER)
    assert "No neighbourhood meeting is known" in (await staff.get("/staff/meetings")).text()


async def test_a_meeting_offers_its_outcome_to_an_officer(staff: StaffPageClient) -> None:
    assert (await staff.get(f"/staff/meetings/{MEETING_ID}")).status == 303
    scheduling(staff, {**MEETING, "day": "2020-04-14", "starts_at": "2020-04-14T19:00:00+01:00"})
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get(f"/staff/meetings/{MEETING_ID}")
    assert page.status == 200 and page.h1 == "PACT or beat meeting, Crewe"
    assert page.soup.find("input", {"name": "attendees", "value": "deputy"}) and "pact@example.org" in page.text()


async def test_another_offices_meeting_is_not_found(staff: StaffPageClient) -> None:
    staff.staff.scheduling.on("GET", f"/v1/scheduling/meetings/{MEETING_ID}", not_found())
    await staff.sign_in(StaffRole.ADMIN)
    assert (await staff.get(f"/staff/meetings/{MEETING_ID}")).status == 404
    assert (await staff.post(f"/staff/meetings/{MEETING_ID}/cancel", {"reason": "x"})).status == 404


async def test_recording_an_outcome(staff: StaffPageClient) -> None:
    path = f"/staff/meetings/{MEETING_ID}/outcome"
    api = scheduling(staff).on("PUT", f"/v1/scheduling/meetings/{MEETING_ID}/outcome", MEETING)
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.post(path, {"attended": "no"})).status == 403
    assert not api.sent("PUT", f"/v1/scheduling/meetings/{MEETING_ID}/outcome")
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    assert (await staff.post(path, {"attended": "yes"})).status_and_links() == (422, ["#attendees"])
    assert (await staff.post(path, {})).status_and_links() == (422, ["#attended"])
    page = await staff.post(path, {"attended": "yes", "attendees": ["deputy"], "topics": ["asb"],
                                   "other_topics": "Parking\n\nLitter"})
    assert page.status == 303
    assert api.sent("PUT", f"/v1/scheduling/meetings/{MEETING_ID}/outcome") == [
        {"attended": True, "attendees": ["deputy"], "topics": ["asb"], "other_topics": ["Parking", "Litter"]}]


async def test_cancelling_a_meeting_needs_a_reason(staff: StaffPageClient) -> None:
    path = f"/staff/meetings/{MEETING_ID}/cancel"
    api = scheduling(staff).on("POST", f"/v1/scheduling/meetings/{MEETING_ID}/cancel", MEETING)
    await staff.sign_in(StaffRole.ANALYST)
    assert (await staff.post(path, {"reason": "Hall flooded"})).status == 403
    await staff.sign_in(StaffRole.ADMIN)
    assert (await staff.post(path, {"reason": ""})).status_and_links() == (422, ["#reason"])
    assert (await staff.post(path, {"reason": "Hall flooded"})).status == 303
    assert api.sent("POST", f"/v1/scheduling/meetings/{MEETING_ID}/cancel") == [{"reason": "Hall flooded"}]


async def test_the_plan_shows_the_proposal_to_an_officer(staff: StaffPageClient) -> None:
    assert (await staff.get("/staff/meetings/plans/2027-Q2")).status == 303
    scheduling(staff)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get("/staff/meetings/plans/2027-Q2")
    assert page.status == 200 and page.h1 == "Attendance plan for 2027-Q2"
    select = page.soup.find("select", {"name": f"assign-{MEETING_ID}"})
    assert select.find("option", selected=True)["value"] == "deputy"
    assert "Halton: No meeting in the quarter" in page.text()
    assert (await staff.get("/staff/meetings/plans/spring")).status == 404


async def test_confirming_the_plan(staff: StaffPageClient) -> None:
    api = scheduling(staff).on("PUT", "/v1/scheduling/meeting-plans/2027-Q2", {**PLAN, "version": 1})
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.post("/staff/meetings/plans/2027-Q2", {f"assign-{MEETING_ID}": "deputy"})).status == 403
    assert not api.sent("PUT", "/v1/scheduling/meeting-plans/2027-Q2")
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post("/staff/meetings/plans/2027-Q2", {f"assign-{MEETING_ID}": "commissioner"})
    assert page.status == 303 and page.response.headers["location"] == "/staff/meetings?quarter=2027-Q2&done=plan"
    assert api.sent("PUT", "/v1/scheduling/meeting-plans/2027-Q2") == [
        {"assignments": [{"meeting_id": MEETING_ID, "attendee": "commissioner"}]}]


async def test_an_impossible_plan_is_shown_again_with_the_reason(staff: StaffPageClient) -> None:
    api = scheduling(staff)
    api.on("PUT", "/v1/scheduling/meeting-plans/2027-Q2", InvalidAnswers({"attendee": "unavailable that day"}))
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.post("/staff/meetings/plans/2027-Q2", {f"assign-{MEETING_ID}": "commissioner"})
    assert page.status_and_links() == (422, ["#plan"]) and "unavailable that day" in page.text()
    select = page.soup.find("select", {"name": f"assign-{MEETING_ID}"})
    assert select.find("option", selected=True)["value"] == "commissioner"


VENUE = {"id": "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", "name": "St Paul's Centre", "address": "Crewe"}
NEW = {"type": "pact", "area": "Crewe", "day": "2027-04-14", "starts": "7.00", "ends": "20:30",
       "venue_id": VENUE["id"], "venue": "", "organiser_name": "Crewe PACT", "organiser_email": "",
       "organiser_phone": "01270 000000", "public": "no"}


async def test_an_officer_adds_a_meeting(staff: StaffPageClient) -> None:
    assert (await staff.get("/staff/meetings/new")).status == 303
    api = scheduling(staff).on("GET", "/v1/scheduling/venues", [VENUE]).on("POST", "/v1/scheduling/meetings", MEETING)
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.get("/staff/meetings/new")).status == 403
    assert (await staff.post("/staff/meetings/new", NEW)).status == 403
    assert not api.sent("POST", "/v1/scheduling/meetings")
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get("/staff/meetings/new")
    assert page.status == 200 and page.h1 == "Add a neighbourhood meeting"
    page = await staff.post("/staff/meetings/new", NEW)
    assert page.status == 303 and page.response.headers["location"] == f"/staff/meetings/{MEETING_ID}"
    assert api.sent("POST", "/v1/scheduling/meetings") == [{
        "type": "pact", "area": "Crewe", "day": "2027-04-14", "starts": "07:00", "ends": "20:30",
        "venue_id": VENUE["id"], "venue": None, "public": False,
        "organiser": {"name": "Crewe PACT", "email": None, "phone": "01270 000000"}}]


async def test_a_new_meeting_names_each_missing_field(staff: StaffPageClient) -> None:
    api = scheduling(staff).on("GET", "/v1/scheduling/venues", [VENUE])
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.post("/staff/meetings/new", {"day": "soon", "starts": "25:00", "venue_id": VENUE["id"],
                                                    "venue": "The hall"})
    assert page.status_and_links() == (422, ["#area", "#organiser_name", "#type", "#day", "#starts", "#ends",
                                             "#venue"])
    api.on("POST", "/v1/scheduling/meetings", InvalidAnswers({"email": "not an email address"}))
    page = await staff.post("/staff/meetings/new", {**NEW, "organiser_email": "nope"})
    assert page.status_and_links() == (422, ["#organiser_email"])
    assert page.soup.find("input", {"name": "organiser_email"})["value"] == "nope"


async def test_a_viewer_sees_the_confirmed_plan_without_a_form(staff: StaffPageClient) -> None:
    api = scheduling(staff)
    api.on("GET", "/v1/scheduling/meeting-plans/2027-Q2", {**PLAN, "confirmed_at": "2027-03-20T10:00:00+00:00",
                                                           "version": 2})
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.get("/staff/meetings/plans/2027-Q2")
    assert page.status == 200 and not page.soup.select("main form")
    assert "Deputy Commissioner" in page.text() and "version 2" in page.text()
    assert not api.sent("GET", "/v1/scheduling/meeting-plans/2027-Q2/proposal")


async def test_an_attendee_the_service_does_not_know_is_shown_by_the_field(staff: StaffPageClient) -> None:
    api = scheduling(staff, {**MEETING, "day": "2020-04-14", "starts_at": "2020-04-14T19:00:00+01:00"})
    api.on("PUT", f"/v1/scheduling/meetings/{MEETING_ID}/outcome", InvalidAnswers({"attendees": "unknown: mayor"}))
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post(f"/staff/meetings/{MEETING_ID}/outcome", {"attended": "yes", "attendees": ["mayor"]})
    assert page.status_and_links() == (422, ["#attendees"])
    assert page.soup.find("input", {"name": "attended", "value": "yes"}).has_attr("checked")
