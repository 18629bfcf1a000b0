"""The staff pages for surgeries: the diary, a session with its bookings (notes only for those who may write them),
attendance, notes, cancelling, and the rotation planner's propose, adjust and accept."""

from __future__ import annotations

from peel.web.domain.staff.identity import StaffRole
from peel.web.service_layer.ports import InvalidAnswers
from tests.support.staff_pages import StaffPageClient, not_found

COVERS = {
    ("GET", "/staff/surgeries"), ("GET", "/staff/surgeries/sessions/{session_id}"),
    ("POST", "/staff/surgeries/sessions/{session_id}/cancel"),
    ("POST", "/staff/surgeries/sessions/{session_id}/bookings/{booking_id}/attendance"),
    ("POST", "/staff/surgeries/sessions/{session_id}/bookings/{booking_id}/notes"),
    ("GET", "/staff/surgeries/rotation"), ("POST", "/staff/surgeries/rotation"),
    ("POST", "/staff/surgeries/rotation/accept"), ("GET", "/staff/surgeries/sessions/new"),
    ("POST", "/staff/surgeries/sessions/new"),
}
SESSION_ID = "5a0e8b1c-2d3f-4a5b-8c6d-7e8f9a0b1c2d"
BOOKING_ID = "9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"
VENUE_ID = "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"
VENUE = {"id": VENUE_ID, "name": "Crewe Library", "address": "Prince Albert Street, Crewe", "policing_area": "Crewe"}
SESSION = {"id": SESSION_ID, "host": "Police and Crime Commissioner", "status": "scheduled", "online": False,
           "venue": VENUE, "policing_area": "Crewe", "day": "2020-06-01", "starts_at": "2020-06-01T10:00:00+01:00",
           "ends_at": "2020-06-01T12:00:00+01:00", "slot_minutes": 15, "slot_count": 8, "free_slot_count": 7,
           "public": True, "cancel_reason": None}
BOOKING = {"id": BOOKING_ID, "session_id": SESSION_ID, "status": "confirmed", "erased_at": None,
           "slot": {"id": "x", "number": 1, "starts_at": "2020-06-01T10:00:00+01:00",
                    "ends_at": "2020-06-01T10:15:00+01:00"},
           "enquiry": {"name": "Sam Resident", "email": "sam@example.org", "phone": None, "area": "CW1",
                       "topic_category": "road_safety", "topic": "Speeding on Nantwich Road", "routes": []}}
WITH_NOTES = {**BOOKING, "notes": "Referred to roads policing", "notes_recorded_at": "2020-06-01T10:20:00+01:00"}
SESSIONS = "/v1/scheduling/sessions"


def scheduling(staff: StaffPageClient, *bookings: dict, waitlist: list | None = None):
    api = staff.staff.scheduling
    api.on("GET", SESSIONS, [SESSION, {**SESSION, "id": "later", "day": "2999-01-01"}])
    api.on("GET", f"{SESSIONS}/{SESSION_ID}", {**SESSION, "bookings": list(bookings), "waitlist": waitlist or []})
    api.on("GET", f"/v1/scheduling/bookings/{BOOKING_ID}", bookings[0] if bookings else not_found())
    return api.on("GET", "/v1/scheduling/venues", [VENUE])


async def test_the_diary_lists_sessions_ahead_and_held(staff: StaffPageClient) -> None:
    assert (await staff.get("/staff/surgeries")).status == 303
    scheduling(staff)
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.get("/staff/surgeries")
    assert page.status == 200 and page.h1 == "Surgery diary"
    assert page.soup.select("#past a") and page.soup.select("#upcoming a")
    assert not page.soup.find("a", href="/staff/surgeries/rotation")


async def test_an_empty_diary_says_so(staff: StaffPageClient) -> None:
    staff.staff.scheduling.on("GET", SESSIONS, [])
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get("/staff/surgeries")
    assert "No surgery is scheduled." in page.text()


async def test_an_officer_sees_the_bookings_notes_and_can_record_attendance(staff: StaffPageClient) -> None:
    assert (await staff.get(f"/staff/surgeries/sessions/{SESSION_ID}")).status == 303
    scheduling(staff, WITH_NOTES, waitlist=[{"id": "w", "enquiry": {"name": "Al Waiting", "area": "CW2"},
                                              "joined_at": "2020-05-30T09:00:00+01:00"}])
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get(f"/staff/surgeries/sessions/{SESSION_ID}")
    assert page.status == 200
    text = page.text()
    assert "Sam Resident" in text and "Referred to roads policing" in text and "Al Waiting" in text
    assert page.soup.find("input", {"name": "outcome", "value": "attended"})


async def test_a_viewer_never_sees_confidential_notes(staff: StaffPageClient) -> None:
    scheduling(staff, WITH_NOTES)  # even were the service to give them
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.get(f"/staff/surgeries/sessions/{SESSION_ID}")
    assert "Referred to roads policing" not in page.text() and not page.soup.select("main form")


async def test_another_offices_session_is_not_found(staff: StaffPageClient) -> None:
    staff.staff.scheduling.on("GET", f"{SESSIONS}/{SESSION_ID}", not_found())
    await staff.sign_in(StaffRole.ADMIN)
    assert (await staff.get(f"/staff/surgeries/sessions/{SESSION_ID}")).status == 404
    assert (await staff.get("/staff/surgeries/sessions/nope")).status == 404


async def test_recording_attendance(staff: StaffPageClient) -> None:
    path = f"/staff/surgeries/sessions/{SESSION_ID}/bookings/{BOOKING_ID}/attendance"
    api = scheduling(staff, BOOKING).on("POST", f"/v1/scheduling/bookings/{BOOKING_ID}/attendance", BOOKING)
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.post(path, {"outcome": "attended"})).status == 403
    assert not api.sent("POST", f"/v1/scheduling/bookings/{BOOKING_ID}/attendance")
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post(path, {})
    assert page.status_and_links() == (422, [f"#outcome-{BOOKING_ID}"])
    page = await staff.post(path, {"outcome": "no_show"})
    assert page.status == 303 and page.response.headers["location"].endswith("done=attendance")
    assert api.sent("POST", f"/v1/scheduling/bookings/{BOOKING_ID}/attendance") == [{"outcome": "no_show"}]


async def test_a_booking_of_another_session_is_not_found(staff: StaffPageClient) -> None:
    scheduling(staff, {**BOOKING, "session_id": "0e0e0e0e-0e0e-4e0e-8e0e-0e0e0e0e0e0e"})
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.post(f"/staff/surgeries/sessions/{SESSION_ID}/bookings/{BOOKING_ID}/attendance",
                            {"outcome": "attended"})
    assert page.status == 404


async def test_writing_notes(staff: StaffPageClient) -> None:
    path = f"/staff/surgeries/sessions/{SESSION_ID}/bookings/{BOOKING_ID}/notes"
    api = scheduling(staff, WITH_NOTES).on("PUT", f"/v1/scheduling/bookings/{BOOKING_ID}/notes", WITH_NOTES)
    await staff.sign_in(StaffRole.ANALYST)
    assert (await staff.post(path, {"notes": "x"})).status == 403
    await staff.sign_in(StaffRole.ADMIN)
    assert (await staff.post(path, {"notes": ""})).status_and_links() == (422, [f"#notes-{BOOKING_ID}"])
    assert (await staff.post(path, {"notes": "Called back"})).status == 303
    assert api.sent("PUT", f"/v1/scheduling/bookings/{BOOKING_ID}/notes") == [{"notes": "Called back"}]


async def test_cancelling_a_session_needs_a_reason(staff: StaffPageClient) -> None:
    path = f"/staff/surgeries/sessions/{SESSION_ID}/cancel"
    api = scheduling(staff).on("POST", f"{SESSIONS}/{SESSION_ID}/cancel", SESSION)
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.post(path, {"reason": "Host ill"})).status == 403
    assert not api.sent("POST", f"{SESSIONS}/{SESSION_ID}/cancel")
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    assert (await staff.post(path, {"reason": ""})).status_and_links() == (422, ["#reason"])
    page = await staff.post(path, {"reason": "Host ill"})
    assert page.status == 303 and api.sent("POST", f"{SESSIONS}/{SESSION_ID}/cancel") == [{"reason": "Host ill"}]


ASK = {"first_month": "2027-04", "months": "6", "sessions_per_month": "2", "every_months": "3",
       "weekdays": ["1", "3"], "starts": "10:00", "ends": "12:00", "areas": "Crewe\nMacclesfield",
       "unavailable": "2027-04-13"}
PROPOSAL = {"sessions": [{"day": "2027-04-06", "area": "Crewe", "venue_id": VENUE_ID, "starts": "10:00:00",
                          "ends": "12:00:00"},
                         {"day": "2027-04-20", "area": "Macclesfield", "venue_id": None, "starts": "10:00:00",
                          "ends": "12:00:00"}], "longest_gap_months": {"Crewe": 2, "Macclesfield": 2}}


async def test_the_planner_form_is_for_editors(staff: StaffPageClient) -> None:
    assert (await staff.get("/staff/surgeries/rotation")).status == 303
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.get("/staff/surgeries/rotation")).status == 403
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get("/staff/surgeries/rotation")
    assert page.status == 200 and page.h1 == "Plan a rotation of surgeries"


async def test_a_proposal_is_shown_to_adjust(staff: StaffPageClient) -> None:
    api = scheduling(staff).on("POST", "/v1/scheduling/rotation-plans", PROPOSAL)
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.post("/staff/surgeries/rotation", ASK)).status == 403
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post("/staff/surgeries/rotation", ASK)
    assert page.status == 200 and page.h1 == "The proposed rotation"
    assert api.sent("POST", "/v1/scheduling/rotation-plans") == [{
        "areas": ["Crewe", "Macclesfield"], "weekdays": [1, 3], "first_month": "2027-04-01", "months": 6,
        "sessions_per_month": 2, "every_months": 3, "unavailable": ["2027-04-13"], "starts": "10:00",
        "ends": "12:00"}]
    assert page.soup.find("input", {"name": "session-2-area"})["value"] == "Macclesfield"


async def test_a_bad_request_to_the_planner_names_the_fields(staff: StaffPageClient) -> None:
    api = scheduling(staff)
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.post("/staff/surgeries/rotation", {**ASK, "months": "99", "first_month": "April",
                                                          "weekdays": []})
    assert page.status_and_links() == (422, ["#first_month", "#months", "#weekdays"])
    assert not api.sent("POST", "/v1/scheduling/rotation-plans")
    api.on("POST", "/v1/scheduling/rotation-plans", InvalidAnswers({"sessions_per_month": "3 a month would do"}))
    page = await staff.post("/staff/surgeries/rotation", ASK)
    assert page.status == 422 and "3 a month would do" in page.text()


ADJUSTED = {"host": "Deputy Commissioner", "slot_minutes": "20",
            "session-1-keep": "yes", "session-1-day": "2027-04-07", "session-1-area": "Crewe",
            "session-1-venue": VENUE_ID, "session-1-starts": "10:00", "session-1-ends": "12:00",
            "session-2-day": "2027-04-20", "session-2-area": "Macclesfield", "session-2-venue": "",
            "session-2-starts": "10:00", "session-2-ends": "12:00"}


async def test_accepting_the_adjusted_plan_schedules_the_kept_sessions(staff: StaffPageClient) -> None:
    api = scheduling(staff).on("POST", "/v1/scheduling/rotation-plans/accept", ["a"])
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.post("/staff/surgeries/rotation/accept", ADJUSTED)).status == 403
    assert not api.sent("POST", "/v1/scheduling/rotation-plans/accept")
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post("/staff/surgeries/rotation/accept", ADJUSTED)
    assert page.status == 303 and page.response.headers["location"] == "/staff/surgeries?done=rotation"
    assert api.sent("POST", "/v1/scheduling/rotation-plans/accept") == [{
        "host": "Deputy Commissioner", "slot_minutes": 20,
        "sessions": [{"day": "2027-04-07", "area": "Crewe", "venue_id": VENUE_ID, "starts": "10:00",
                      "ends": "12:00"}]}]


async def test_accepting_nothing_or_a_closed_day_is_refused(staff: StaffPageClient) -> None:
    api = scheduling(staff)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post("/staff/surgeries/rotation/accept", {**ADJUSTED, "session-1-keep": "", "host": ""})
    assert page.status_and_links() == (422, ["#host", "#sessions"])
    api.on("POST", "/v1/scheduling/rotation-plans/accept", InvalidAnswers({"day": "session 1 is on a bank holiday"}))
    page = await staff.post("/staff/surgeries/rotation/accept", ADJUSTED)
    assert page.status == 422 and "session 1 is on a bank holiday" in page.text()


NEW_SESSION = {"host": "Deputy Commissioner", "venue_id": "", "policing_area": "Crewe", "day": "2027-05-04",
               "starts": "9:30", "ends": "11:00", "slot_minutes": "20", "public": "no"}


async def test_an_officer_schedules_a_session(staff: StaffPageClient) -> None:
    assert (await staff.get("/staff/surgeries/sessions/new")).status == 303
    api = scheduling(staff).on("POST", SESSIONS, SESSION)
    await staff.sign_in(StaffRole.PANEL_CLERK)
    assert (await staff.get("/staff/surgeries/sessions/new")).status == 403
    assert (await staff.post("/staff/surgeries/sessions/new", NEW_SESSION)).status == 403
    assert not api.sent("POST", SESSIONS)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get("/staff/surgeries/sessions/new")
    assert page.status == 200 and page.soup.find("option", {"value": VENUE_ID})
    page = await staff.post("/staff/surgeries/sessions/new", NEW_SESSION)
    assert page.status == 303 and page.response.headers["location"] == f"/staff/surgeries/sessions/{SESSION_ID}"
    assert api.sent("POST", SESSIONS) == [{"host": "Deputy Commissioner", "online": True, "policing_area": "Crewe",
                                           "day": "2027-05-04", "starts": "09:30", "ends": "11:00",
                                           "slot_minutes": 20, "public": False}]


async def test_a_new_session_names_each_wrong_field(staff: StaffPageClient) -> None:
    api = scheduling(staff)
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.post("/staff/surgeries/sessions/new", {"host": "", "day": "tomorrow", "starts": "10",
                                                              "ends": "12:00", "slot_minutes": "1"})
    assert page.status_and_links() == (422, ["#host", "#venue_id", "#day", "#starts", "#slot_minutes"])
    api.on("POST", SESSIONS, InvalidAnswers({"ends": "the session must end after it starts"}))
    page = await staff.post("/staff/surgeries/sessions/new", {**NEW_SESSION, "venue_id": VENUE_ID})
    assert page.status_and_links() == (422, ["#ends"])
