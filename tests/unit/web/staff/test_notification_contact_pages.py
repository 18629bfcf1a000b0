"""The contacts pages: recording a contact, finding one by id, and recording the consent they gave on paper or by
phone; allowed for officers, refused to viewers with nothing sent."""

from __future__ import annotations

import pytest

from peel.web.domain.staff.identity import StaffRole
from tests.support.staff_pages import FakeStaffApi, StaffPageClient

C = "/staff/notifications/contacts"
CID = "6f1c1a4e-0000-4000-8000-000000000005"
COVERS = {("GET", C), ("POST", C), ("GET", f"{C}/{{contact_id}}"), ("POST", f"{C}/{{contact_id}}/consents")}
CONTACT = {"id": CID, "name": None, "email": "reader@example.org", "mobile": None, "postal_address": [],
           "language": "cy", "language_asked_at": None, "language_asked_how": "staff", "areas": ["crewe"],
           "accessibility": [], "created_at": "2027-01-01T00:00:00Z", "subscriptions": [{"topic": "bulletin"}],
           "quiet_hours": [], "weekly_cap": None}
CONSENT = {"sender": "office", "topic": "bulletin", "channel": "email", "given": True, "source": "paper_form",
           "wording_version": "2027-01", "at": "2027-01-02T00:00:00Z", "recorded_by": "x"}


@pytest.fixture
def api(staff: StaffPageClient) -> FakeStaffApi:
    api = staff.staff.notifications
    api.on("GET", f"/v1/contacts/{CID}", CONTACT)
    api.on("GET", f"/v1/contacts/{CID}/consents", {"in_force": [CONSENT], "history": [CONSENT]})
    return api


async def test_viewers_may_not_see_or_record_contacts(staff, api) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.get(C)).status == 403 and (await staff.get(f"{C}/{CID}")).status == 403
    assert (await staff.post(C, {"email": "a@example.org"})).status == 403
    assert (await staff.post(f"{C}/{CID}/consents", {"topic": "bulletin", "source": "phone",
                                                     "wording_version": "1"})).status == 403
    assert not api.calls


async def test_a_contact_is_recorded_and_shown(staff, api) -> None:
    api.on("POST", "/v1/contacts", {"id": CID})
    await staff.sign_in()
    assert (await staff.get(C)).h1 == "Contacts"
    page = await staff.post(C, {"email": "reader@example.org", "name": "", "areas": "crewe", "language": "cy"})
    assert page.status == 303 and page.response.headers["location"] == f"{C}/{CID}?done=recorded"
    assert api.sent("POST", "/v1/contacts") == [{"email": "reader@example.org", "name": None, "areas": ["crewe"],
                                                 "language": "cy", "language_asked_how": "staff"}]
    page = await staff.get(f"{C}/{CID}?done=recorded")
    assert page.h1 == "reader@example.org" and "Contact recorded" in page.text() and "A paper form" in page.text()


async def test_a_bad_contact_names_its_fields(staff, api) -> None:
    await staff.sign_in()
    page = await staff.post(C, {"email": "nope", "areas": "not valid!", "language": "fr"})
    assert page.status_and_links() == (422, ["#email", "#areas", "#language"])


async def test_finding_a_contact_by_id(staff, api) -> None:
    await staff.sign_in()
    page = await staff.get(f"{C}?contact={CID}")
    assert page.status == 303 and page.response.headers["location"] == f"{C}/{CID}"
    assert (await staff.get(f"{C}?contact=someone")).status_and_links() == (422, ["#contact"])
    assert (await staff.get(f"{C}/6f1c1a4e-0000-4000-8000-000000000999")).status == 404


async def test_a_consent_is_recorded_as_given_on_paper(staff, api) -> None:
    api.on("PUT", f"/v1/contacts/{CID}/consents", {"in_force": [], "history": []})
    await staff.sign_in()
    page = await staff.post(f"{C}/{CID}/consents", {"topic": "bulletin", "source": "paper_form",
                                                    "wording_version": "2027-01", "given": "yes"})
    assert page.status == 303
    assert api.sent("PUT", f"/v1/contacts/{CID}/consents") == [[{
        "sender": "office", "topic": "bulletin", "channel": "email", "given": True, "source": "paper_form",
        "wording_version": "2027-01"}]]


async def test_a_consent_without_its_wording_names_the_field(staff, api) -> None:
    await staff.sign_in()
    page = await staff.post(f"{C}/{CID}/consents", {"topic": "bulletin", "source": "paper_form", "given": "no"})
    assert page.status_and_links() == (422, ["#wording_version"])
    assert page.soup.find("input", {"id": "given-no"}).has_attr("checked")
