"""The bulletin pages: composing from the waiting items or by hand, the bulletin's page before and while it is
sent, each action, the author's own approval refused, and the pages refused to roles that may not write bulletins."""

from __future__ import annotations

import pytest

from peel.web.domain.staff.identity import StaffRole
from peel.web.service_layer.ports import InvalidAnswers, Refused
from tests.support.staff_pages import FakeStaffApi, StaffPageClient

BASE = "/staff/notifications/bulletins"
BID = "6f1c1a4e-0000-4000-8000-000000000001"
COVERS = {
    ("GET", "/staff/notifications"), ("GET", BASE), ("GET", f"{BASE}/new"), ("POST", BASE),
    ("GET", f"{BASE}/{{bulletin_id}}"), ("GET", f"{BASE}/{{bulletin_id}}/preview"),
    ("POST", f"{BASE}/{{bulletin_id}}/schedule"), ("POST", f"{BASE}/{{bulletin_id}}/test-send"),
    ("POST", f"{BASE}/{{bulletin_id}}/{{action}}"),
}
ITEM = {"source_id": "6f1c1a4e-0000-4000-8000-0000000000aa", "kind": "consultation_opened",
        "title": {"en": "Budget survey", "cy": "Arolwg y gyllideb"}, "happened_at": "2027-01-04T09:00:00Z",
        "closes_at": None, "outcome": None}


def bulletin(**changes) -> dict:
    found = {"id": BID, "status": "draft", "title": {"en": "News from your PCC", "cy": "Newyddion"},
             "sender": "office", "category": "subscription",
             "audience": {"topics": ["bulletin"], "areas": [], "organisation_kinds": [], "roles": []},
             "channels": ["email"], "items": [{"title": {"en": "Budget survey"}, "body": {"en": "<p>x</p>"},
                                               "kind": "written", "source_id": None}],
             "author": "someone-else", "approver": None, "created_at": "2027-01-05T10:00:00Z",
             "updated_at": "2027-01-05T10:00:00Z", "approved_at": None, "send_at": None,
             "dispatch_started_at": None, "dispatched_at": None, "cancelled_at": None, "warnings": []}
    return {**found, **changes}


STATS = {"status": "sending", "queued": 40, "sent": 50, "delivered": 7, "failed": 1, "suppressed": 2, "held": 0,
         "unsubscribed": 0, "cancelled": 0, "digest": 3, "total": 103, "suppressed_by_reason": {},
         "held_by_reason": {}}
REACH = {"estimated_recipients": {"email": 120}, "excluded": {"no_consent": 4, "suppressed": 1}}


@pytest.fixture
def api(staff: StaffPageClient) -> FakeStaffApi:
    notifications = staff.staff.notifications
    notifications.on("GET", "/v1/bulletins", [bulletin()]).on("GET", "/v1/bulletins/next/items", [ITEM])
    notifications.on("GET", f"/v1/bulletins/{BID}", bulletin()).on("GET", f"/v1/bulletins/{BID}/reach", REACH)
    return notifications


async def test_the_front_page_lists_the_latest_bulletins_and_waiting_items(staff, api) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get("/staff/notifications")
    assert page.status == 200 and page.h1 == "Notifications"
    assert "1 item is waiting for the next bulletin." in page.text() and "News from your PCC" in page.text()


async def test_the_bulletins_list_and_its_empty_state(staff, api) -> None:
    await staff.sign_in(StaffRole.ADMIN)
    assert "News from your PCC" in (await staff.get(BASE)).text()
    api.on("GET", "/v1/bulletins", [])
    assert "No bulletins have been written yet." in (await staff.get(BASE)).text()


async def test_other_roles_may_not_open_or_post_the_bulletin_pages(staff, api) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    for path in ("/staff/notifications", BASE, f"{BASE}/new", f"{BASE}/{BID}", f"{BASE}/{BID}/preview"):
        assert (await staff.get(path)).status == 403
    for path in (BASE, f"{BASE}/{BID}/approve", f"{BASE}/{BID}/schedule", f"{BASE}/{BID}/test-send"):
        assert (await staff.post(path, {"title_en": "Forged", "send_at": "2027-01-01T09:00",
                                        "email_addresses": "a@example.org"})).status == 403
    assert not [call for call in api.calls if call[0] != "GET"]


async def test_composing_shows_the_waiting_items(staff, api) -> None:
    await staff.sign_in()
    page = await staff.get(f"{BASE}/new")
    assert page.h1 == "Write a bulletin" and "Budget survey" in page.text()
    assert page.soup.find("input", {"name": "from_pending"}).has_attr("checked")


async def test_a_bulletin_from_the_waiting_items_is_saved_as_a_draft(staff, api) -> None:
    api.on("POST", "/v1/bulletins", {"id": BID, "status": "draft", "warnings": [],
                                     "estimated_recipients": {}, "excluded": {}})
    await staff.sign_in()
    page = await staff.post(BASE, {"title_en": "News", "title_cy": "Newyddion", "category": "subscription",
                                   "topics": "bulletin", "areas": "crewe, nantwich", "from_pending": "yes"})
    assert page.status == 303 and page.response.headers["location"] == f"{BASE}/{BID}?done=written"
    [sent] = api.sent("POST", "/v1/bulletins")
    assert sent == {"title": {"en": "News", "cy": "Newyddion"}, "category": "subscription", "items": ["from-pending"],
                    "audience": {"topics": ["bulletin"], "areas": ["crewe", "nantwich"], "organisation_kinds": [],
                                 "roles": []}}


async def test_a_written_item_is_sent_as_escaped_paragraphs(staff, api) -> None:
    api.on("POST", "/v1/bulletins", {"id": BID})
    await staff.sign_in()
    await staff.post(BASE, {"title_en": "News", "category": "stakeholder", "topics": "",
                            "organisation_kinds": ["parish_council"], "roles": ["clerk", "chair"],
                            "item_title_en": "Meet us", "item_body_en": "Come along <b>now</b>\n\nSecond"})
    [sent] = api.sent("POST", "/v1/bulletins")
    assert sent["items"] == [{"title": {"en": "Meet us"},
                              "body": {"en": "<p>Come along &lt;b&gt;now&lt;/b&gt;</p><p>Second</p>"}}]
    assert sent["audience"]["roles"] == ["clerk", "chair"]


async def test_an_empty_bulletin_is_refused_naming_each_field(staff, api) -> None:
    api.on("GET", "/v1/bulletins/next/items", [])
    await staff.sign_in()
    page = await staff.post(BASE, {"topics": "", "category": "subscription"})
    assert page.status == 422
    assert set(page.error_links()) == {"#title_en", "#topics", "#item_title_en"}
    assert not api.sent("POST", "/v1/bulletins")


async def test_the_answers_are_kept_when_the_form_is_refused(staff, api) -> None:
    await staff.sign_in()
    page = await staff.post(BASE, {"title_en": "Kept title", "category": "subscription", "topics": "Not Valid!"})
    assert page.status == 422 and "#topics" in page.error_links()
    assert page.soup.find("input", {"name": "title_en"})["value"] == "Kept title"


async def test_the_service_refusing_a_bulletin_keeps_the_form(staff, api) -> None:
    api.on("POST", "/v1/bulletins", InvalidAnswers({"areas": "too many areas"}))
    await staff.sign_in()
    page = await staff.post(BASE, {"title_en": "News", "category": "subscription", "topics": "bulletin",
                                   "areas": "crewe", "from_pending": "yes"})
    assert page.status == 422 and page.error_links() == {"#areas": "too many areas"}
    assert page.soup.find("input", {"name": "title_en"})["value"] == "News"


async def test_a_draft_shows_who_it_would_reach_and_may_be_approved(staff, api) -> None:
    await staff.sign_in()
    page = await staff.get(f"{BASE}/{BID}?done=written")
    assert page.status == 200 and page.h1 == "News from your PCC"
    assert "Bulletin saved as a draft" in page.text() and "120" in page.text()
    assert page.soup.find("button", id="approve") is not None
    assert "refresh" not in page.response.headers


async def test_the_author_is_told_before_and_after_that_they_cannot_approve(staff, api) -> None:
    user = await staff.sign_in()
    api.on("GET", f"/v1/bulletins/{BID}", bulletin(author=user.subject))
    assert "another member of staff must approve it" in (await staff.get(f"{BASE}/{BID}")).text()
    api.on("POST", f"/v1/bulletins/{BID}/approve",
           Refused(409, "a bulletin must be approved by someone other than its author"))
    page = await staff.post(f"{BASE}/{BID}/approve")
    assert page.status == 409
    assert list(page.error_links()) == ["#approve"]
    assert "you cannot approve it" in page.error_links()["#approve"]


async def test_another_member_of_staff_approves_it(staff, api) -> None:
    api.on("POST", f"/v1/bulletins/{BID}/approve", {"id": BID, "status": "approved"})
    await staff.sign_in()
    page = await staff.post(f"{BASE}/{BID}/approve")
    assert page.status == 303 and page.response.headers["location"].endswith("?done=approve")
    assert "token:cheshire:user-engagement_officer" in api.calls[-1][3]


async def test_a_sending_bulletin_shows_live_counts_and_refreshes_itself(staff, api) -> None:
    api.on("GET", f"/v1/bulletins/{BID}", bulletin(status="sending", dispatch_started_at="2027-01-06T09:00:00Z"))
    api.on("GET", f"/v1/bulletins/{BID}/stats", STATS)
    await staff.sign_in()
    page = await staff.get(f"{BASE}/{BID}?done=send")
    assert page.response.headers["refresh"] == f"15; url={BASE}/{BID}"
    progress = page.soup.find("table", id="progress").get_text(" ", strip=True)
    assert "103 in all" in progress and "Delivered 7" in progress
    assert {b.get_text(strip=True) for b in page.soup.select("main form button")} >= {"Pause sending",
                                                                                       "Cancel this bulletin"}


async def test_a_sent_bulletin_no_longer_refreshes(staff, api) -> None:
    api.on("GET", f"/v1/bulletins/{BID}", bulletin(status="sent", dispatch_started_at="2027-01-06T09:00:00Z"))
    api.on("GET", f"/v1/bulletins/{BID}/stats", {**STATS, "status": "sent"})
    await staff.sign_in()
    page = await staff.get(f"{BASE}/{BID}")
    assert "refresh" not in page.response.headers


async def test_the_live_updates_can_be_turned_off(staff, api) -> None:
    api.on("GET", f"/v1/bulletins/{BID}", bulletin(status="sending", dispatch_started_at="2027-01-06T09:00:00Z"))
    api.on("GET", f"/v1/bulletins/{BID}/stats", STATS)
    await staff.sign_in()
    page = await staff.get(f"{BASE}/{BID}")
    assert page.soup.select_one("#live a")["href"] == f"{BASE}/{BID}?live=off"
    page = await staff.get(f"{BASE}/{BID}?live=off")
    assert "refresh" not in page.response.headers and "103 in all" in page.text()
    assert page.soup.select_one("#live a")["href"] == f"{BASE}/{BID}"


@pytest.mark.parametrize("action", ["send", "pause", "resume", "cancel"])
async def test_each_action_is_sent_and_said(staff, api, action) -> None:
    api.on("POST", f"/v1/bulletins/{BID}/{action}", {"id": BID, "status": "x"})
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.post(f"{BASE}/{BID}/{action}")
    assert page.status == 303 and page.response.headers["location"] == f"{BASE}/{BID}?done={action}"
    assert api.sent("POST", f"/v1/bulletins/{BID}/{action}") == [None]


async def test_an_action_the_state_does_not_allow_shows_the_service_words(staff, api) -> None:
    api.on("POST", f"/v1/bulletins/{BID}/send", Refused(409, "a draft bulletin cannot be sent"))
    await staff.sign_in()
    page = await staff.post(f"{BASE}/{BID}/send")
    assert page.status == 409 and "a draft bulletin cannot be sent" in page.text()


async def test_an_unknown_action_or_id_is_not_found(staff, api) -> None:
    await staff.sign_in()
    assert (await staff.post(f"{BASE}/{BID}/explode")).status == 404
    assert (await staff.get(f"{BASE}/not-an-id")).status == 404
    assert (await staff.get(f"{BASE}/6f1c1a4e-0000-4000-8000-000000000999")).status == 404


async def test_scheduling_sends_the_uk_time_with_its_offset(staff, api) -> None:
    api.on("POST", f"/v1/bulletins/{BID}/schedule", {"id": BID, "status": "scheduled"})
    await staff.sign_in()
    page = await staff.post(f"{BASE}/{BID}/schedule", {"send_at": "2027-07-01T09:30"})
    assert page.status == 303
    assert api.sent("POST", f"/v1/bulletins/{BID}/schedule") == [{"send_at": "2027-07-01T09:30:00+01:00"}]


async def test_scheduling_without_a_time_names_the_field(staff, api) -> None:
    api.on("GET", f"/v1/bulletins/{BID}", bulletin(status="approved"))
    await staff.sign_in()
    page = await staff.post(f"{BASE}/{BID}/schedule", {"send_at": "soon"})
    assert page.status == 422 and list(page.error_links()) == ["#send_at"]
    api.on("POST", f"/v1/bulletins/{BID}/schedule", InvalidAnswers({"send_at": "must be in the future"}))
    page = await staff.post(f"{BASE}/{BID}/schedule", {"send_at": "2020-01-01T09:00"})
    assert page.status == 422 and "Enter a time in the future" in page.error_links()["#send_at"]


async def test_a_test_copy_goes_to_the_addresses_given(staff, api) -> None:
    api.on("POST", f"/v1/bulletins/{BID}/test-send", {"message_ids": ["a", "b"]})
    await staff.sign_in()
    page = await staff.post(f"{BASE}/{BID}/test-send", {"email_addresses": "a@example.org, b@example.org"})
    assert page.status == 303 and page.response.headers["location"].endswith("done=test-send")
    assert api.sent("POST", f"/v1/bulletins/{BID}/test-send") == [
        {"email_addresses": ["a@example.org", "b@example.org"]}]


async def test_a_test_copy_to_a_bad_address_names_the_field(staff, api) -> None:
    await staff.sign_in()
    page = await staff.post(f"{BASE}/{BID}/test-send", {"email_addresses": "not an address"})
    assert page.status == 422 and list(page.error_links()) == ["#email_addresses"]
    api.on("POST", f"/v1/bulletins/{BID}/test-send", InvalidAnswers({"email_addresses": "not valid"}))
    page = await staff.post(f"{BASE}/{BID}/test-send", {"email_addresses": "a@example.org"})
    assert page.status_and_links() == (422, ["#email_addresses"])


async def test_the_preview_shows_the_email_in_a_frame_that_runs_nothing(staff, api) -> None:
    api.on("GET", f"/v1/bulletins/{BID}/preview", b"<p>Hello <script>x()</script></p>")
    await staff.sign_in()
    page = await staff.get(f"{BASE}/{BID}/preview?language=cy")
    frame = page.soup.find("iframe")
    assert frame.has_attr("sandbox") and not frame["sandbox"] and "Hello" in frame["srcdoc"]
    assert api.calls[-1][2] == {"language": "cy"}


async def test_signed_out_the_pages_lead_to_sign_in(staff, api) -> None:
    page = await staff.get(f"{BASE}/{BID}")
    assert page.status == 303 and page.response.headers["location"].startswith("/staff/sign-in")


async def test_a_sent_stakeholder_bulletin_links_to_the_councils_answers(staff, api) -> None:
    api.on("GET", f"/v1/bulletins/{BID}", bulletin(status="sent", category="stakeholder",
                                                   dispatch_started_at="2027-01-06T09:00:00Z"))
    api.on("GET", f"/v1/bulletins/{BID}/stats", {**STATS, "status": "sent"})
    await staff.sign_in()
    page = await staff.get(f"{BASE}/{BID}")
    assert f"{BASE}/{BID}/acknowledgements" in {a["href"] for a in page.soup.select("main a")}


async def test_the_bulletin_pages_are_in_welsh(staff, api) -> None:
    await staff.sign_in(lang="cy")
    page = await staff.get(f"{BASE}/{BID}")
    assert page.lang == "cy" and page.h1 == "Newyddion"
    assert "Cymeradwyo'r bwletin hwn" in page.text() and "Drafft" in page.text()
    assert (await staff.get(f"{BASE}/new")).h1 == "Ysgrifennu bwletin"
