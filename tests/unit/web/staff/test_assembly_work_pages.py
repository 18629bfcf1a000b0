"""The staff pages of an assembly at work: meetings and attendance, speakers, access needs (organisers only),
payments and expenses, recommendations and the office's responses; each as a role that may and one that may not."""

from __future__ import annotations

from peel.web.domain.staff.identity import StaffRole
from peel.web.service_layer.ports import Refused
from tests.support.staff_pages import StaffPageClient
from tests.unit.web.staff.assembly_fixtures import API, ASSEMBLY, ASSEMBLY_ID, OTHER_ID, PEOPLE, REGISTRANTS

COVERS = {
    ("GET", "/staff/assemblies/{assembly_id}/meetings"), ("POST", "/staff/assemblies/{assembly_id}/meetings"),
    ("GET", "/staff/assemblies/{assembly_id}/meetings/{meeting_id}/attendance"),
    ("POST", "/staff/assemblies/{assembly_id}/meetings/{meeting_id}/attendance"),
    ("GET", "/staff/assemblies/{assembly_id}/speakers"), ("POST", "/staff/assemblies/{assembly_id}/speakers"),
    ("GET", "/staff/assemblies/{assembly_id}/members/{member_id}/access-needs"),
    ("POST", "/staff/assemblies/{assembly_id}/members/{member_id}/access-needs"),
    ("GET", "/staff/assemblies/{assembly_id}/payments"), ("POST", "/staff/assemblies/{assembly_id}/expenses"),
    ("GET", "/staff/assemblies/{assembly_id}/recommendations"),
    ("POST", "/staff/assemblies/{assembly_id}/recommendations"),
    ("POST", "/staff/assemblies/{assembly_id}/recommendations/{recommendation_id}/response"),
    ("POST", "/staff/assemblies/{assembly_id}/recommendations/{recommendation_id}/progress"),
}
PAGE = f"/staff/assemblies/{ASSEMBLY_ID}"
MEETING_ID = "6f1c1d2e-0000-4000-8000-0000000000b1"
RECOMMENDATION_ID = "6f1c1d2e-0000-4000-8000-0000000000c1"
MEETING = {"id": MEETING_ID, "title": "Workshop 1", "format": "in_person", "venue_id": None,
           "starts_at": "2027-03-10T18:30:00Z", "ends_at": "2027-03-10T20:30:00Z", "held_at": None}
SPEAKER = {"id": "s1", "meeting_id": MEETING_ID, "name": "Dr Ada Lane", "organisation": "University of Chester",
           "topic": "Night-time economy", "declaration": "None declared"}
RECOMMENDATION = {"id": RECOMMENDATION_ID, "number": 1, "text_en": "Light the station underpass", "text_cy": None,
                  "support_share": 0.8, "made_at": "2027-04-01T12:00:00Z", "state": "awaiting_response",
                  "decision": None, "reasons": None, "due": None, "responded_at": None, "progress": []}
VENUE = {"id": "6f1c1d2e-0000-4000-8000-0000000000d1", "name": "Crewe Lifestyle Centre"}
PAY = [{"member_id": PEOPLE[0], "meetings_attended": 2, "honorarium_pence": 10000, "expenses_pence": 1250,
        "total_pence": 11250}]


def _assembly(staff: StaffPageClient, meetings: list | None = None) -> None:
    staff.staff.scheduling.on("GET", API, ASSEMBLY).on("GET", f"{API}/registrants", REGISTRANTS)
    staff.staff.scheduling.on("GET", f"{API}/meetings", [MEETING] if meetings is None else meetings)
    staff.staff.scheduling.on("GET", "/v1/scheduling/venues", [VENUE])


async def test_the_timetable_shows_each_meeting_to_every_role(staff: StaffPageClient) -> None:
    _assembly(staff)
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.get(f"{PAGE}/meetings")
    assert page.status == 200 and "Workshop 1" in page.soup.select_one("#meetings").get_text()
    assert not page.soup.find("form", action=f"{PAGE}/meetings") and "Record attendance" not in page.text()


async def test_an_empty_timetable_says_so(staff: StaffPageClient) -> None:
    _assembly(staff, meetings=[])
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER, lang="cy")
    page = await staff.get(f"{PAGE}/meetings")
    assert page.lang == "cy" and page.soup.select_one("#no-meetings")


async def test_adding_a_meeting_sends_its_times_in_uk_time(staff: StaffPageClient) -> None:
    _assembly(staff)
    staff.staff.scheduling.on("POST", f"{API}/meetings", MEETING)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post(f"{PAGE}/meetings", {"title": "Workshop 1", "format": "in_person", "day": "2027-07-10",
                                                 "starts": "18:30", "ends": "20:30", "venue_id": VENUE["id"]})
    assert page.status == 303 and page.response.headers["location"] == f"{PAGE}/meetings?done=meeting"
    assert staff.staff.scheduling.sent("POST", f"{API}/meetings") == [{
        "title": "Workshop 1", "format": "in_person", "starts_at": "2027-07-10T18:30:00+01:00",
        "ends_at": "2027-07-10T20:30:00+01:00", "venue_id": VENUE["id"]}]
    done = await staff.get(f"{PAGE}/meetings?done=meeting")
    assert "The meeting was added." in done.text()


async def test_a_meeting_form_names_each_field_to_fix(staff: StaffPageClient) -> None:
    _assembly(staff)
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.post(f"{PAGE}/meetings", {"title": "", "day": "soon", "starts": "19:00", "ends": "18:00"})
    assert page.status == 422 and set(page.error_links()) == {"#title", "#format", "#day", "#ends"}
    assert page.soup.find("input", {"name": "day"})["value"] == "soon"
    nowhere = await staff.post(f"{PAGE}/meetings", {"title": "W", "format": "in_person", "day": "2027-07-10",
                                                    "starts": "18:30", "ends": "20:30"})
    assert nowhere.status == 422 and list(nowhere.error_links()) == ["#venue_id"]
    assert staff.staff.scheduling.sent("POST", f"{API}/meetings") == []


async def test_a_viewers_forged_meeting_is_refused(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.post(f"{PAGE}/meetings", {"title": "x"})).status == 403
    assert (await staff.get(f"{PAGE}/meetings/{MEETING_ID}/attendance")).status == 403
    assert (await staff.post(f"{PAGE}/meetings/{MEETING_ID}/attendance", {"attended": PEOPLE[0]})).status == 403
    assert staff.staff.scheduling.calls == []


async def test_recording_attendance_sends_the_members_ticked(staff: StaffPageClient) -> None:
    _assembly(staff)
    staff.staff.scheduling.on("POST", f"{API}/meetings/{MEETING_ID}/attendance", MEETING)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    form = await staff.get(f"{PAGE}/meetings/{MEETING_ID}/attendance")
    assert form.status == 200 and [box["value"] for box in form.soup.select("input[name=attended]")] == PEOPLE[:2]
    page = await staff.post(f"{PAGE}/meetings/{MEETING_ID}/attendance", {"attended": [PEOPLE[1]]})
    assert page.status == 303 and page.response.headers["location"].endswith("/meetings?done=attendance")
    assert staff.staff.scheduling.sent("POST", f"{API}/meetings/{MEETING_ID}/attendance") == [
        {"attended": [PEOPLE[1]]}]


async def test_attendance_of_someone_off_the_panel_is_refused_by_its_field(staff: StaffPageClient) -> None:
    _assembly(staff)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post(f"{PAGE}/meetings/{MEETING_ID}/attendance", {"attended": [PEOPLE[3]]})
    assert page.status == 422 and list(page.error_links()) == ["#attended"]


async def test_another_offices_meeting_is_not_found(staff: StaffPageClient) -> None:
    _assembly(staff)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    assert (await staff.get(f"{PAGE}/meetings/{OTHER_ID}/attendance")).status == 404
    assert (await staff.get(f"/staff/assemblies/{OTHER_ID}/meetings")).status == 404


async def test_speakers_are_listed_with_their_declarations(staff: StaffPageClient) -> None:
    _assembly(staff)
    staff.staff.scheduling.on("GET", f"/v1/public/assemblies/{ASSEMBLY_ID}/speakers", [SPEAKER])
    await staff.sign_in(StaffRole.ANALYST)
    page = await staff.get(f"{PAGE}/speakers")
    assert page.status == 200 and "None declared" in page.soup.select_one("#speakers").get_text()
    assert not page.soup.find("form", action=f"{PAGE}/speakers")


async def test_another_offices_speakers_are_not_found(staff: StaffPageClient) -> None:
    staff.staff.scheduling.on("GET", f"/v1/public/assemblies/{OTHER_ID}/speakers", [SPEAKER])
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    assert (await staff.get(f"/staff/assemblies/{OTHER_ID}/speakers")).status == 404


async def test_adding_a_speaker(staff: StaffPageClient) -> None:
    _assembly(staff)
    staff.staff.scheduling.on("GET", f"/v1/public/assemblies/{ASSEMBLY_ID}/speakers", [])
    staff.staff.scheduling.on("POST", f"{API}/speakers", SPEAKER)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    assert (await staff.get(f"{PAGE}/speakers")).soup.select_one("#no-speakers")
    bad = await staff.post(f"{PAGE}/speakers", {"name": "Dr Ada Lane", "meeting_id": OTHER_ID})
    assert bad.status == 422 and set(bad.error_links()) == {"#organisation", "#topic", "#declaration", "#meeting_id"}
    page = await staff.post(f"{PAGE}/speakers", {key: SPEAKER[key] for key in ("name", "organisation", "topic",
                                                                                "declaration", "meeting_id")})
    assert page.status == 303
    assert staff.staff.scheduling.sent("POST", f"{API}/speakers")[0]["meeting_id"] == MEETING_ID
    assert (await staff.post(f"{PAGE}/speakers", {"name": "x"}, csrf=False)).status == 400


async def test_a_viewer_may_not_add_a_speaker(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.post(f"{PAGE}/speakers", {"name": "x"})).status == 403
    assert staff.staff.scheduling.calls == []


async def test_access_needs_are_for_organisers_only(staff: StaffPageClient) -> None:
    _assembly(staff)
    needs = f"{API}/members/{PEOPLE[0]}/access-needs"
    staff.staff.scheduling.on("GET", needs, {"needs": ["hearing_loop"], "details": "left ear"})
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.get(f"{PAGE}/members/{PEOPLE[0]}/access-needs")).status == 403
    assert (await staff.post(f"{PAGE}/members/{PEOPLE[0]}/access-needs", {"needs": ["other"]})).status == 403
    assert staff.staff.scheduling.calls == []
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get(f"{PAGE}/members/{PEOPLE[0]}/access-needs")
    assert page.status == 200 and page.h1 == "Access needs: Volunteer 1"
    assert page.soup.find("input", {"value": "hearing_loop"}).has_attr("checked")


async def test_saving_access_needs(staff: StaffPageClient) -> None:
    _assembly(staff)
    needs = f"{API}/members/{PEOPLE[0]}/access-needs"
    staff.staff.scheduling.on("PUT", needs, {})
    await staff.sign_in(StaffRole.ADMIN)
    bad = await staff.post(f"{PAGE}/members/{PEOPLE[0]}/access-needs", {"needs": ["jetpack"]})
    assert bad.status == 422 and list(bad.error_links()) == ["#needs"]
    page = await staff.post(f"{PAGE}/members/{PEOPLE[0]}/access-needs", {"needs": ["step_free", "travel"],
                                                                          "details": "wheelchair"})
    assert page.status == 303 and page.response.headers["location"].endswith("access-needs?done=saved")
    assert staff.staff.scheduling.sent("PUT", needs) == [{"needs": ["step_free", "travel"], "details": "wheelchair"}]


async def test_payments_show_what_each_member_is_owed(staff: StaffPageClient) -> None:
    _assembly(staff)
    staff.staff.scheduling.on("GET", f"{API}/payments", PAY)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get(f"{PAGE}/payments")
    assert page.status == 200
    assert page.soup.select_one("#payments tbody tr").get_text(" ", strip=True) == (
        "Volunteer 1 2 £100.00 £12.50 £112.50")


async def test_payments_are_refused_to_an_analyst(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST)
    assert (await staff.get(f"{PAGE}/payments")).status == 403
    assert (await staff.post(f"{PAGE}/expenses", {"amount": "5"})).status == 403
    assert staff.staff.scheduling.calls == []


async def test_claiming_an_expense(staff: StaffPageClient) -> None:
    _assembly(staff)
    staff.staff.scheduling.on("GET", f"{API}/payments", [])
    staff.staff.scheduling.on("POST", f"{API}/members/{PEOPLE[0]}/expenses", {"id": "e1"})
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    bad = await staff.post(f"{PAGE}/expenses", {"member_id": PEOPLE[3], "amount": "lots"})
    assert bad.status == 422 and set(bad.error_links()) == {"#member_id", "#meeting_id", "#category", "#amount"}
    page = await staff.post(f"{PAGE}/expenses", {"member_id": PEOPLE[0], "meeting_id": MEETING_ID,
                                                 "category": "travel", "amount": "12.50"})
    assert page.status == 303
    assert staff.staff.scheduling.sent("POST", f"{API}/members/{PEOPLE[0]}/expenses") == [
        {"meeting_id": MEETING_ID, "category": "travel", "amount_pence": 1250}]


async def test_an_expense_for_a_meeting_not_attended_is_the_409_page(staff: StaffPageClient) -> None:
    _assembly(staff)
    staff.staff.scheduling.on("POST", f"{API}/members/{PEOPLE[0]}/expenses",
                              Refused(409, "the member did not attend that meeting"))
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post(f"{PAGE}/expenses", {"member_id": PEOPLE[0], "meeting_id": MEETING_ID,
                                                 "category": "travel", "amount": "3"})
    assert page.status == 409 and "did not attend" in page.text()


async def test_recommendations_are_read_by_every_role(staff: StaffPageClient) -> None:
    _assembly(staff)
    staff.staff.scheduling.on("GET", f"/v1/public/assemblies/{ASSEMBLY_ID}/recommendations", [RECOMMENDATION])
    await staff.sign_in(StaffRole.PANEL_CLERK)
    page = await staff.get(f"{PAGE}/recommendations")
    assert page.status == 200 and "Light the station underpass" in page.text()
    assert "Supported by 80% of members" in page.text() and not page.soup.find("form", method="post",
                                                                               action=f"{PAGE}/recommendations")


async def test_an_empty_outcome_and_adding_a_recommendation(staff: StaffPageClient) -> None:
    _assembly(staff)
    staff.staff.scheduling.on("GET", f"/v1/public/assemblies/{ASSEMBLY_ID}/recommendations", [])
    staff.staff.scheduling.on("POST", f"{API}/recommendations", RECOMMENDATION)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    assert (await staff.get(f"{PAGE}/recommendations")).soup.select_one("#no-recommendations")
    bad = await staff.post(f"{PAGE}/recommendations", {"text_en": "", "support": "120"})
    assert bad.status == 422 and set(bad.error_links()) == {"#text_en", "#support"}
    page = await staff.post(f"{PAGE}/recommendations", {"text_en": "Light it", "support": "80"})
    assert page.status == 303
    assert staff.staff.scheduling.sent("POST", f"{API}/recommendations") == [
        {"text_en": "Light it", "text_cy": None, "support_share": 0.8}]


async def test_responding_to_a_recommendation_names_the_fields_of_its_own_form(staff: StaffPageClient) -> None:
    _assembly(staff)
    staff.staff.scheduling.on("GET", f"/v1/public/assemblies/{ASSEMBLY_ID}/recommendations", [RECOMMENDATION])
    response = f"{API}/recommendations/{RECOMMENDATION_ID}/response"
    staff.staff.scheduling.on("POST", response, RECOMMENDATION)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    path = f"{PAGE}/recommendations/{RECOMMENDATION_ID}/response"
    bad = await staff.post(path, {"decision": "accepted", "reasons": ""})
    assert bad.status == 422
    assert set(bad.error_links()) == {f"#reasons-{RECOMMENDATION_ID}", f"#due-{RECOMMENDATION_ID}"}
    page = await staff.post(path, {"decision": "accepted", "reasons": "We agree", "due": "2027-09-30"})
    assert page.status == 303
    assert staff.staff.scheduling.sent("POST", response) == [
        {"decision": "accepted", "reasons": "We agree", "due": "2027-09-30"}]


async def test_reporting_progress_on_an_accepted_recommendation(staff: StaffPageClient) -> None:
    accepted = RECOMMENDATION | {"state": "accepted", "decision": "accepted", "reasons": "We agree",
                                 "due": "2027-09-30"}
    _assembly(staff)
    staff.staff.scheduling.on("GET", f"/v1/public/assemblies/{ASSEMBLY_ID}/recommendations", [accepted])
    progress = f"{API}/recommendations/{RECOMMENDATION_ID}/progress"
    staff.staff.scheduling.on("POST", progress, accepted)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    path = f"{PAGE}/recommendations/{RECOMMENDATION_ID}/progress"
    assert (await staff.get(f"{PAGE}/recommendations")).soup.find("form", action=path)
    bad = await staff.post(path, {"note": ""})
    assert bad.status == 422 and list(bad.error_links()) == [f"#note-{RECOMMENDATION_ID}"]
    page = await staff.post(path, {"note": "Lights ordered", "done": "yes"})
    assert page.status == 303
    assert staff.staff.scheduling.sent("POST", progress) == [{"note": "Lights ordered", "done": True}]


async def test_a_viewers_forged_outcome_posts_are_refused(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    for path in ("recommendations", f"recommendations/{RECOMMENDATION_ID}/response",
                 f"recommendations/{RECOMMENDATION_ID}/progress"):
        assert (await staff.post(f"{PAGE}/{path}", {"note": "x"})).status == 403
    assert staff.staff.scheduling.calls == []


async def test_the_work_pages_send_no_one_signed_in_to_sign_in(staff: StaffPageClient) -> None:
    for path in ("meetings", "speakers", "recommendations"):
        page = await staff.get(f"{PAGE}/{path}")
        assert page.status == 303 and page.response.headers["location"].startswith("/staff/sign-in")
