"""The notifications directory and rules pages: councils and partners, acknowledgements and the chase list,
suppressions, pre-election periods, held messages and templates; each allowed and refused, with its states."""

from __future__ import annotations

import pytest

from peel.web.domain.staff.identity import StaffRole
from tests.support.staff_pages import FakeStaffApi, StaffPageClient

N = "/staff/notifications"
BID = "6f1c1a4e-0000-4000-8000-000000000001"
SID = "6f1c1a4e-0000-4000-8000-000000000002"
PID = "6f1c1a4e-0000-4000-8000-000000000003"
OID = "6f1c1a4e-0000-4000-8000-000000000004"
COVERS = {
    ("GET", f"{N}/organisations"), ("POST", f"{N}/organisations"),
    ("GET", f"{N}/bulletins/{{bulletin_id}}/acknowledgements"), ("GET", f"{N}/acknowledgements"),
    ("GET", f"{N}/suppressions"), ("POST", f"{N}/suppressions"), ("POST", f"{N}/suppressions/{{suppression_id}}/lift"),
    ("GET", f"{N}/election-periods"), ("POST", f"{N}/election-periods"),
    ("POST", f"{N}/election-periods/{{period_id}}/cancel"), ("GET", f"{N}/holds"), ("POST", f"{N}/holds/release"),
    ("GET", f"{N}/templates"), ("GET", f"{N}/templates/{{key}}"), ("POST", f"{N}/templates/layout"),
}
ORGANISATION = {"id": OID, "name": "Audlem Parish Council", "kind": "parish_council", "area": "E04000001",
                "roles": [{"role": "clerk", "contact_id": BID}], "created_at": "2027-01-01T00:00:00Z",
                "last_confirmed_at": None}
SUPPRESSION = {"id": SID, "address_hash": "x", "channel": "email", "reason": "manual", "scope": "global",
               "scope_value": None, "note": "asked by phone", "created_at": "2027-01-02T00:00:00Z", "created_by": "a"}
PERIOD = {"id": PID, "kind": "pcc", "areas": [], "notice_date": "2028-03-27", "poll_date": "2028-05-04",
          "starts_at": "2028-03-27T00:00:00Z", "ends_at": "2028-05-05T00:00:00Z", "state": "upcoming",
          "created_at": "2027-01-01T00:00:00Z", "created_by": "a", "cancelled": None}
ACKS = {"bulletin_id": BID, "counts": {"councils": 2, "acknowledged": 1, "received": 1, "shared": 0, "on_agenda": 0,
                                       "chased": 1, "not_acknowledged": 1},
        "acknowledgements": [{"organisation_id": OID, "area": "E04000001", "included_at": "2027-01-01T00:00:00Z",
                              "state": None, "agenda_date": None, "note": None, "acknowledged_at": None,
                              "chasers_sent": 1, "last_chased_at": None}]}


@pytest.fixture
def api(staff: StaffPageClient) -> FakeStaffApi:
    api = staff.staff.notifications
    api.on("GET", "/v1/organisations", [ORGANISATION]).on("GET", "/v1/suppressions", [SUPPRESSION])
    api.on("GET", "/v1/election-periods", [PERIOD]).on("GET", f"/v1/bulletins/{BID}/acknowledgements", ACKS)
    api.on("GET", "/v1/holds", [{"reason": "election:x", "bulletin_id": BID, "count": 12,
                                 "oldest": "2027-01-01T00:00:00Z"}]).on("GET", "/v1/holds/releases", [])
    api.on("GET", "/v1/templates", [{"key": "receipt", "version": 2, "kind": "email", "category": "service",
                                     "subject": {"en": "Thank you"}, "body": {"en": "x"}, "placeholders": [],
                                     "built_in": True, "created_at": None, "created_by": None}])
    api.on("GET", "/v1/templates/layout", {"layout": "en_first"})
    return api


async def test_viewers_are_refused_every_page_and_nothing_is_sent(staff, api) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    for path in ("organisations", "acknowledgements", f"bulletins/{BID}/acknowledgements", "suppressions",
                 "election-periods", "holds", "templates", "templates/receipt"):
        assert (await staff.get(f"{N}/{path}")).status == 403
    for path in ("organisations", "suppressions", f"suppressions/{SID}/lift", "election-periods",
                 f"election-periods/{PID}/cancel", "holds/release", "templates/layout"):
        assert (await staff.post(f"{N}/{path}", {"reason": "forged", "address": "a@example.org"})).status == 403
    assert not [call for call in api.calls if call[0] != "GET"]


async def test_officers_may_not_register_or_cancel_election_periods(staff, api) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get(f"{N}/election-periods")
    assert page.status == 200 and page.soup.find("input", {"name": "notice_date"}) is None
    assert (await staff.post(f"{N}/election-periods", {"kind": "pcc"})).status == 403


async def test_organisations_and_their_empty_state(staff, api) -> None:
    await staff.sign_in()
    assert "Audlem Parish Council" in (await staff.get(f"{N}/organisations")).text()
    api.on("GET", "/v1/organisations", [])
    assert "No councils or partners have been recorded yet." in (await staff.get(f"{N}/organisations")).text()


async def test_acknowledgements_and_the_chase_list(staff, api) -> None:
    await staff.sign_in()
    page = await staff.get(f"{N}/bulletins/{BID}/acknowledgements?chase=true")
    assert "1 of 2 councils have acknowledged" in page.text() and "Audlem Parish Council" in page.text()
    assert api.calls[-2][2] == {"state": "none"}
    assert (await staff.get(f"{N}/bulletins/nonsense/acknowledgements")).status == 404


async def test_suppressing_an_address(staff, api) -> None:
    api.on("POST", "/v1/suppressions", {"id": SID})
    await staff.sign_in()
    page = await staff.post(f"{N}/suppressions", {"address": "a@example.org", "reason": "manual", "note": ""})
    assert page.status == 303 and page.response.headers["location"] == f"{N}/suppressions?done=suppressed"
    assert api.sent("POST", "/v1/suppressions") == [{"address": "a@example.org", "channel": "email",
                                                     "reason": "manual", "scope": "global", "note": None}]
    assert "Address suppressed" in (await staff.get(f"{N}/suppressions?done=suppressed")).text()


async def test_a_bad_suppression_names_its_fields(staff, api) -> None:
    await staff.sign_in()
    page = await staff.post(f"{N}/suppressions", {"address": "nope", "reason": "because"})
    assert page.status_and_links() == (422, ["#address", "#reason"])
    assert page.soup.find("input", {"name": "address"})["value"] == "nope"


async def test_lifting_a_suppression_needs_a_reason(staff, api) -> None:
    api.on("DELETE", f"/v1/suppressions/{SID}?reason=moved+house", {})
    await staff.sign_in()
    page = await staff.post(f"{N}/suppressions/{SID}/lift", {})
    assert page.status_and_links() == (422, [f"#reason-{SID}"])
    page = await staff.post(f"{N}/suppressions/{SID}/lift", {f"reason-{SID}": "moved house"})
    assert page.status == 303 and api.sent("DELETE", f"/v1/suppressions/{SID}?reason=moved+house") == [None]


async def test_an_admin_registers_and_cancels_an_election_period(staff, api) -> None:
    api.on("POST", "/v1/election-periods", {"id": PID})
    api.on("DELETE", f"/v1/election-periods/{PID}?reason=called+off", {})
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.post(f"{N}/election-periods", {"kind": "pcc", "areas": "", "notice_date": "2028-03-27",
                                                      "poll_date": "2028-05-04"})
    assert page.status == 303
    assert api.sent("POST", "/v1/election-periods") == [{"kind": "pcc", "areas": [], "notice_date": "2028-03-27",
                                                         "poll_date": "2028-05-04"}]
    page = await staff.post(f"{N}/election-periods/{PID}/cancel", {f"reason-{PID}": "called off"})
    assert page.status == 303


async def test_a_bad_election_period_names_its_fields(staff, api) -> None:
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.post(f"{N}/election-periods", {"kind": "pcc", "notice_date": "2028-05-04",
                                                      "poll_date": "2028-03-01"})
    assert page.status_and_links() == (422, ["#poll_date"])
    page = await staff.post(f"{N}/election-periods/{PID}/cancel", {})
    assert page.status_and_links() == (422, [f"#reason-{PID}"])


async def test_held_messages_are_released_on_record(staff, api) -> None:
    api.on("POST", "/v1/holds/release", {"released": 12})
    await staff.sign_in()
    assert "12" in (await staff.get(f"{N}/holds")).text()
    assert (await staff.post(f"{N}/holds/release", {"reason": ""})).status_and_links() == (422, ["#reason"])
    page = await staff.post(f"{N}/holds/release", {"reason": "polling day is over"})
    assert page.status == 303 and api.sent("POST", "/v1/holds/release") == [{"reason": "polling day is over"}]
    api.on("GET", "/v1/holds", [])
    assert "No messages are held." in (await staff.get(f"{N}/holds")).text()


async def test_templates_are_listed_with_the_layout(staff, api) -> None:
    await staff.sign_in()
    page = await staff.get(f"{N}/templates")
    assert "Thank you" in page.text() and "English first, then Welsh" in page.text()
    assert page.soup.find("input", {"name": "layout"}) is None
    assert (await staff.post(f"{N}/templates/layout", {"layout": "cy_first"})).status == 403


async def test_an_admin_chooses_the_layout(staff, api) -> None:
    api.on("PUT", "/v1/templates/layout", {"layout": "cy_first"})
    await staff.sign_in(StaffRole.ADMIN)
    assert (await staff.get(f"{N}/templates")).soup.find("input", {"value": "en_first"}).has_attr("checked")
    page = await staff.post(f"{N}/templates/layout", {"layout": "cy_first"})
    assert page.status == 303 and api.sent("PUT", "/v1/templates/layout") == [{"layout": "cy_first"}]
    assert (await staff.post(f"{N}/templates/layout", {"layout": "upside_down"})).status == 422


async def test_a_template_is_previewed_in_the_language_chosen(staff, api) -> None:
    api.on("GET", "/v1/templates/receipt", {"key": "receipt", "version": 2, "kind": "email", "category": "service",
                                            "subject": {"en": "Thank you"}, "body": {"en": "x"}, "built_in": True,
                                            "placeholders": [{"name": "title", "kind": "line"}]})
    api.on("POST", "/v1/templates/receipt/preview", {"subject": {"cy": "Diolch"}, "html": "<p>Diolch</p>",
                                                     "text": "Diolch", "language": "cy", "warnings": []})
    await staff.sign_in()
    page = await staff.get(f"{N}/templates/receipt?language=cy")
    assert page.h1 == "receipt" and "title" in page.text() and "Diolch" in page.soup.find("iframe")["srcdoc"]
    assert api.sent("POST", "/v1/templates/receipt/preview") == [{"language": "cy"}]
    assert (await staff.get(f"{N}/templates/Not-A-Key")).status == 404


async def test_a_council_is_recorded_with_its_clerk(staff, api) -> None:
    api.on("POST", "/v1/organisations", {"id": OID})
    await staff.sign_in()
    page = await staff.post(f"{N}/organisations", {"name": "Audlem Parish Council", "kind": "parish_council",
                                                   "area": "E04000001", "clerk": BID})
    assert page.status == 303 and page.response.headers["location"] == f"{N}/organisations?done=organisation"
    assert api.sent("POST", "/v1/organisations") == [{"name": "Audlem Parish Council", "kind": "parish_council",
                                                      "area": "E04000001",
                                                      "roles": [{"role": "clerk", "contact_id": BID}]}]
    assert "Organisation recorded" in (await staff.get(f"{N}/organisations?done=organisation")).text()


async def test_a_bad_organisation_names_its_fields(staff, api) -> None:
    await staff.sign_in()
    page = await staff.post(f"{N}/organisations", {"name": "", "kind": "club", "area": "!", "clerk": "someone"})
    assert page.status_and_links() == (422, ["#name", "#kind", "#area", "#clerk"])


COVERAGE = {"bulletin_id": None, "starts_on": None, "ends_on": None,
            "areas": [{"area": "Crewe", "councils": 4, "sent": 8, "acknowledged": 6, "shared": 2, "on_agenda": 1,
                       "coverage_percent": 75.0}],
            "total": {"area": "", "councils": 4, "sent": 8, "acknowledged": 6, "shared": 2, "on_agenda": 1,
                      "coverage_percent": 75.0}}


async def test_the_offices_acknowledgement_coverage_by_area(staff: StaffPageClient) -> None:
    staff.staff.reporting.on("GET", "/v1/reports/council-acknowledgements", COVERAGE)
    await staff.sign_in()
    page = await staff.get(f"{N}/acknowledgements")
    rows = [" ".join(row.get_text(" ", strip=True).split()) for row in page.soup.select("tbody tr")]
    assert rows == ["Crewe 4 8 6 2 1 75.0%", "Every area 4 8 6 2 1 75.0%"]
    staff.staff.reporting.on("GET", "/v1/reports/council-acknowledgements", COVERAGE | {"areas": []})
    assert "No stakeholder bulletin has been sent" in (await staff.get(f"{N}/acknowledgements")).text()
