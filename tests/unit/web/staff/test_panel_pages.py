"""The staff pages for Panel questions: the meetings, a meeting's queue, a question and a clerk's actions on it."""

from __future__ import annotations

from peel.web.domain.staff.identity import StaffRole
from peel.web.service_layer.ports import InvalidAnswers, Refused
from tests.support.staff_pages import StaffPageClient, not_found

COVERS = {
    ("GET", "/staff/panel"), ("GET", "/staff/panel/meetings/{meeting_id}"),
    ("GET", "/staff/panel/questions/{question_id}"), ("POST", "/staff/panel/questions/{question_id}/accept"),
    ("POST", "/staff/panel/questions/{question_id}/reject"), ("POST", "/staff/panel/questions/{question_id}/answer"),
    ("POST", "/staff/panel/questions/{question_id}/publish"), ("GET", "/staff/panel/meetings/new"),
    ("POST", "/staff/panel/meetings/new"),
}
MEETING_ID = "6f1c2b4e-0d7a-4b8e-9a51-3c2d1e0f9a11"
QUESTION_ID = "0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b"
MEETING = {"id": MEETING_ID, "title": {"en": "Police and Crime Panel", "cy": "Panel Heddlu a Throsedd"},
           "venue": {"en": "Wyvern House, Winsford"}, "starts_at": "2027-03-01T10:00:00+00:00",
           "meeting_date": "2027-03-01", "submissions_close_on": "2027-02-20", "word_limit": 300,
           "open_for_questions": True}
REASONS = [{"key": "sub_judice", "label": {"en": "The matter is before the courts (sub judice)"}}]


def question(status: str = "received", **changes: object) -> dict:
    return {"id": QUESTION_ID, "meeting_id": MEETING_ID, "status": status, "word_count": 9,
            "submitted_at": "2027-02-01T09:00:00+00:00", "question": "How many officers patrol Crewe on Fridays?",
            "overdue": False, "accepted_at": None, "answer_due": None, "rejected_at": None, "rejection_reason": None,
            "response": None, "answered_on": None, "published_at": None,
            "asker": {"name": "Jo Bloggs", "email": "jo@example.org", "area": "CW1"}, **changes}


def panel_api(staff: StaffPageClient, *questions: dict):
    api = staff.staff.consultation
    api.on("GET", "/v1/panel/meetings", [MEETING]).on("GET", f"/v1/panel/meetings/{MEETING_ID}", MEETING)
    api.on("GET", f"/v1/panel/meetings/{MEETING_ID}/questions", list(questions))
    for found in questions:
        api.on("GET", f"/v1/panel/questions/{found['id']}", found)
    if not questions:
        api.on("GET", f"/v1/panel/questions/{QUESTION_ID}", not_found())
    return api.on("GET", "/v1/panel/rejection-reasons", REASONS)


def without_email(found: dict) -> dict:
    """A question as the consultation service shows it to roles that do not deal with the asker."""
    return {**found, "asker": {**found["asker"], "email": None}}


async def test_the_meetings_are_listed_and_link_to_their_queues(staff: StaffPageClient) -> None:
    assert (await staff.get("/staff/panel")).status == 303  # not signed in
    panel_api(staff)
    await staff.sign_in(StaffRole.PANEL_CLERK)
    page = await staff.get("/staff/panel")
    assert page.status == 200 and page.h1 == "Panel meetings"
    assert page.soup.find("a", href=f"/staff/panel/meetings/{MEETING_ID}")
    assert page.soup.find("a", href="/staff/panel/meetings/new")


async def test_no_meeting_yet_says_so(staff: StaffPageClient) -> None:
    staff.staff.consultation.on("GET", "/v1/panel/meetings", [])
    await staff.sign_in(StaffRole.PANEL_CLERK, lang="cy")
    page = await staff.get("/staff/panel")
    assert page.lang == "cy" and "Nid oes cyfarfod" in page.text()


async def test_a_meetings_queue_shows_each_question_and_the_overdue(staff: StaffPageClient) -> None:
    assert (await staff.get(f"/staff/panel/meetings/{MEETING_ID}")).status == 303
    panel_api(staff, question("accepted", overdue=True, answer_due="2027-02-10"))
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.get(f"/staff/panel/meetings/{MEETING_ID}?overdue=true")
    assert page.status == 200 and page.h1 == "Police and Crime Panel"
    assert "Overdue" in page.text() and "Jo Bloggs, CW1" in page.text()
    assert staff.staff.consultation.sent("GET", f"/v1/panel/meetings/{MEETING_ID}/questions")[0] == {"overdue": "true"}


async def test_another_offices_meeting_is_not_found(staff: StaffPageClient) -> None:
    staff.staff.consultation.on("GET", f"/v1/panel/meetings/{MEETING_ID}", not_found())
    await staff.sign_in(StaffRole.PANEL_CLERK)
    assert (await staff.get(f"/staff/panel/meetings/{MEETING_ID}")).status == 404
    assert (await staff.get("/staff/panel/meetings/not-an-id")).status == 404


async def test_a_received_question_offers_accept_and_reject(staff: StaffPageClient) -> None:
    assert (await staff.get(f"/staff/panel/questions/{QUESTION_ID}")).status == 303
    panel_api(staff, question())
    await staff.sign_in(StaffRole.PANEL_CLERK)
    page = await staff.get(f"/staff/panel/questions/{QUESTION_ID}")
    assert page.status == 200 and page.h1 == "Question to the Panel"
    assert page.soup.find("a", href=f"/staff/panel/meetings/{MEETING_ID}")
    assert page.soup.find("form", action=f"/staff/panel/questions/{QUESTION_ID}/accept")
    assert page.soup.find("input", {"name": "reason", "value": "sub_judice"})
    assert "jo@example.org" in page.text()


async def test_a_question_of_another_office_is_not_found(staff: StaffPageClient) -> None:
    api = panel_api(staff)
    await staff.sign_in(StaffRole.PANEL_CLERK)
    assert (await staff.get(f"/staff/panel/questions/{QUESTION_ID}")).status == 404
    assert (await staff.get("/staff/panel/questions/not-an-id")).status == 404
    assert not api.sent("GET", "/v1/panel/questions/not-an-id")
    assert not api.sent("GET", f"/v1/panel/meetings/{MEETING_ID}/questions")  # found by its id, not by scanning


async def test_a_viewer_reads_every_panel_page_and_sees_no_action(staff: StaffPageClient) -> None:
    api = panel_api(staff, without_email(question()))
    await staff.sign_in(StaffRole.VIEWER)
    meetings = await staff.get("/staff/panel")
    assert meetings.status == 200 and meetings.soup.find("a", href=f"/staff/panel/meetings/{MEETING_ID}")
    assert not meetings.soup.find("a", href="/staff/panel/meetings/new")
    queue = await staff.get(f"/staff/panel/meetings/{MEETING_ID}")
    assert queue.status == 200 and "Jo Bloggs, CW1" in queue.text()
    page = await staff.get(f"/staff/panel/questions/{QUESTION_ID}")
    assert page.status == 200 and not page.soup.select("main form")
    assert "Jo Bloggs, CW1" in page.text() and "example.org" not in page.text()
    assert not api.sent("GET", "/v1/panel/rejection-reasons")


async def test_an_analyst_reads_the_question_without_the_askers_email(staff: StaffPageClient) -> None:
    panel_api(staff, question())  # even were the email sent, the page keeps it to clerks and admins
    await staff.sign_in(StaffRole.ANALYST)
    page = await staff.get(f"/staff/panel/questions/{QUESTION_ID}")
    assert page.status == 200 and "jo@example.org" not in page.text()


async def test_accepting_goes_back_to_the_question_with_a_banner(staff: StaffPageClient) -> None:
    api = panel_api(staff, question("accepted", answer_due="2027-03-15"))
    api.on("POST", f"/v1/panel/questions/{QUESTION_ID}/accept", question("accepted"))
    await staff.sign_in(StaffRole.PANEL_CLERK)
    page = await staff.post(f"/staff/panel/questions/{QUESTION_ID}/accept")
    assert page.status == 303
    assert page.response.headers["location"] == f"/staff/panel/questions/{QUESTION_ID}?done=accepted"
    shown = await staff.get(page.response.headers["location"])
    assert "Its answer is now due" in shown.text() and shown.soup.find("textarea", {"name": "response_en"})


async def test_a_viewers_forged_post_is_refused_and_nothing_sent(staff: StaffPageClient) -> None:
    api = panel_api(staff, question())
    await staff.sign_in(StaffRole.VIEWER)
    for action in ("accept", "reject", "answer", "publish"):
        page = await staff.post(f"/staff/panel/questions/{QUESTION_ID}/{action}",
                                {"reason": "sub_judice", "response_en": "Yes"})
        assert page.status == 403
        assert not api.sent("POST", f"/v1/panel/questions/{QUESTION_ID}/{action}")


async def test_rejecting_needs_a_reason_from_the_list(staff: StaffPageClient) -> None:
    api = panel_api(staff, question())
    await staff.sign_in(StaffRole.PANEL_CLERK)
    page = await staff.post(f"/staff/panel/questions/{QUESTION_ID}/reject", {"reason": "made_up"})
    assert page.status_and_links() == (422, ["#reason"])
    assert page.field_messages() == ["Select why the question is rejected"]
    assert not api.sent("POST", f"/v1/panel/questions/{QUESTION_ID}/reject")
    api.on("POST", f"/v1/panel/questions/{QUESTION_ID}/reject", question("rejected"))
    page = await staff.post(f"/staff/panel/questions/{QUESTION_ID}/reject", {"reason": "sub_judice"})
    assert page.status == 303 and api.sent("POST", f"/v1/panel/questions/{QUESTION_ID}/reject") == [
        {"reason": "sub_judice"}]


async def test_an_answer_needs_its_english_and_a_real_date(staff: StaffPageClient) -> None:
    api = panel_api(staff, question("accepted", answer_due="2027-03-15"))
    await staff.sign_in(StaffRole.PANEL_CLERK, lang="cy")
    page = await staff.post(f"/staff/panel/questions/{QUESTION_ID}/answer",
                            {"response_cy": "Mae'r ateb", "answered_on": "2027-02-31"})
    assert page.status_and_links() == (422, ["#response_en", "#answered_on"])
    assert page.soup.find("textarea", {"name": "response_cy"}).get_text() == "Mae'r ateb"
    assert not api.sent("POST", f"/v1/panel/questions/{QUESTION_ID}/answer")


async def test_an_answer_is_sent_in_both_languages(staff: StaffPageClient) -> None:
    api = panel_api(staff, question("answered"))
    api.on("POST", f"/v1/panel/questions/{QUESTION_ID}/answer", question("answered"))
    await staff.sign_in(StaffRole.PANEL_CLERK)
    page = await staff.post(f"/staff/panel/questions/{QUESTION_ID}/answer",
                            {"response_en": "Twelve.", "response_cy": "Deuddeg.", "answered_on": "2027-03-02"})
    assert page.status == 303
    assert api.sent("POST", f"/v1/panel/questions/{QUESTION_ID}/answer") == [
        {"response": {"en": "Twelve.", "cy": "Deuddeg."}, "answered_on": "2027-03-02"}]


async def test_the_services_refusal_of_an_answer_is_shown_by_the_field(staff: StaffPageClient) -> None:
    api = panel_api(staff, question("accepted"))
    api.on("POST", f"/v1/panel/questions/{QUESTION_ID}/answer", InvalidAnswers({"answered_on": "too early"}))
    await staff.sign_in(StaffRole.PANEL_CLERK)
    page = await staff.post(f"/staff/panel/questions/{QUESTION_ID}/answer",
                            {"response_en": "Twelve.", "answered_on": "2001-01-01"})
    assert page.status_and_links() == (422, ["#answered_on"])


async def test_publishing_an_unanswered_question_is_a_conflict(staff: StaffPageClient) -> None:
    api = panel_api(staff, question("accepted"))
    api.on("POST", f"/v1/panel/questions/{QUESTION_ID}/publish", Refused(409, "the question is accepted"))
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.post(f"/staff/panel/questions/{QUESTION_ID}/publish")
    assert page.status == 409 and "the question is accepted" in page.text()
    api.on("POST", f"/v1/panel/questions/{QUESTION_ID}/publish", question("published"))
    page = await staff.post(f"/staff/panel/questions/{QUESTION_ID}/publish")
    assert page.status == 303 and page.response.headers["location"].endswith("done=published")


NEW_MEETING = {"title_en": "Police and Crime Panel", "title_cy": "Panel Heddlu a Throsedd",
               "venue_en": "Wyvern House", "day": "2027-07-01", "time": "10:00", "word_limit": "250"}


async def test_a_clerk_schedules_a_meeting(staff: StaffPageClient) -> None:
    assert (await staff.get("/staff/panel/meetings/new")).status == 303
    api = staff.staff.consultation.on("POST", "/v1/panel/meetings", MEETING)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    assert (await staff.get("/staff/panel/meetings/new")).status == 403
    assert (await staff.post("/staff/panel/meetings/new", NEW_MEETING)).status == 403
    assert not api.sent("POST", "/v1/panel/meetings")
    await staff.sign_in(StaffRole.PANEL_CLERK)
    page = await staff.get("/staff/panel/meetings/new")
    assert page.status == 200 and page.soup.find("input", {"name": "word_limit"})["value"] == "300"
    page = await staff.post("/staff/panel/meetings/new", NEW_MEETING)
    assert page.status == 303 and page.response.headers["location"] == f"/staff/panel/meetings/{MEETING_ID}"
    assert api.sent("POST", "/v1/panel/meetings") == [{
        "starts_at": "2027-07-01T10:00:00+01:00",
        "title": {"en": "Police and Crime Panel", "cy": "Panel Heddlu a Throsedd"}, "venue": {"en": "Wyvern House"},
        "notice_working_days": 10, "word_limit": 250, "answer_working_days": 20}]


async def test_a_meeting_needs_its_name_place_and_a_real_time(staff: StaffPageClient) -> None:
    api = staff.staff.consultation
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.post("/staff/panel/meetings/new", {"day": "2027-02-30", "time": "25:00", "word_limit": "0"})
    assert page.status_and_links() == (422, ["#title_en", "#venue_en", "#day", "#time", "#word_limit"])
    assert not api.sent("POST", "/v1/panel/meetings")
    api.on("POST", "/v1/panel/meetings", InvalidAnswers({"starts_at": "must be in the future"}))
    page = await staff.post("/staff/panel/meetings/new", {**NEW_MEETING, "day": "2001-01-01"})
    assert page.status_and_links() == (422, ["#day"])


async def test_acting_on_another_offices_question_is_not_found(staff: StaffPageClient) -> None:
    api = panel_api(staff).on("POST", f"/v1/panel/questions/{QUESTION_ID}/accept", not_found())
    await staff.sign_in(StaffRole.PANEL_CLERK)
    assert (await staff.post(f"/staff/panel/questions/{QUESTION_ID}/accept")).status == 404
    assert (await staff.post("/staff/panel/questions/not-an-id/publish")).status == 404
    assert not api.sent("POST", "/v1/panel/questions/not-an-id/publish")


async def test_a_refusal_by_the_consultation_service_gets_the_403_page(staff: StaffPageClient) -> None:
    staff.staff.consultation.on("GET", "/v1/panel/meetings", Refused(403, "your role does not allow this"))
    await staff.sign_in(StaffRole.ANALYST)
    page = await staff.get("/staff/panel")
    assert page.status == 403 and page.h1 == "You do not have permission to do this"
