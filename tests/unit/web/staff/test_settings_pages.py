"""The admins' settings pages: each shown with its empty and saved states, each form refused naming its field, and
every page refused to anyone but an admin, with nothing sent or saved."""

from __future__ import annotations

import pytest

from peel.web.domain.staff.identity import StaffRole
from peel.web.service_layer.ports import InvalidAnswers
from tests.support.staff_pages import StaffPageClient

S = "/staff/settings"
COVERS = {("GET", S), ("GET", f"{S}/areas"), ("GET", f"{S}/populations"), ("GET", f"{S}/precept"),
          ("POST", f"{S}/precept"), ("GET", f"{S}/display"), ("POST", f"{S}/display"), ("GET", f"{S}/topics"),
          ("POST", f"{S}/topics"), ("GET", f"{S}/roles"), ("POST", f"{S}/roles")}
PRECEPT = {"ratios": {"A": "6/9", "B": "7/9", "C": "8/9", "D": "9/9", "E": "11/9", "F": "13/9", "G": "15/9",
                      "H": "18/9"}, "referendum_limit": None, "band_d_current": None, "configured": False}
RATIOS = {f"ratio_{band}": ratio for band, ratio in PRECEPT["ratios"].items()}
DISPLAY = {"name_en": "Office of the PCC for Cheshire", "name_cy": "Swyddfa CHTh Swydd Gaer",
           "head_title_en": "PCC for Cheshire", "head_title_cy": "CHTh Swydd Gaer", "brand_colour": "#0b0c0c",
           "privacy_url": "https://example.org/privacy", "accessibility_url": "", "contact_email": "hi@example.org"}


@pytest.fixture
def apis(staff: StaffPageClient) -> StaffPageClient:
    staff.staff.consultation.on("GET", "/v1/areas", [{"postcode_district": "CW1", "area_key": "crewe",
                                                      "area_name": "Crewe"}])
    staff.staff.consultation.on("GET", "/v1/precept-settings", PRECEPT)
    staff.staff.reporting.on("GET", "/v1/populations", [{"area": "crewe", "dimension": "age", "category": "16-24",
                                                         "count": 4200}])
    staff.staff.scheduling.on("GET", "/v1/scheduling/meeting-settings",
                              {"attendees": [], "topics": [{"key": "asb", "label": "Anti-social behaviour"}]})
    return staff


@pytest.mark.parametrize("role", [StaffRole.ENGAGEMENT_OFFICER, StaffRole.ANALYST, StaffRole.VIEWER])
async def test_only_admins_may_open_or_post_the_settings(apis, role) -> None:
    staff = apis
    await staff.sign_in(role)
    for path in ("", "/areas", "/populations", "/precept", "/display", "/topics", "/roles"):
        assert (await staff.get(f"{S}{path}")).status == 403
    for path in ("/precept", "/display", "/topics", "/roles"):
        assert (await staff.post(f"{S}{path}", {**RATIOS, **DISPLAY, "topics": "a: b",
                                                "mapping": "g: admin"})).status == 403
    sent = [call for api in (staff.staff.consultation, staff.staff.scheduling) for call in api.calls
            if call[0] != "GET"]
    assert not sent and not staff.staff.role_mappings.saved
    assert (await staff.ports.tenants.display("cheshire")).brand_colour != "#0b0c0c"
    assert staff.staff.audit_log.recorded == []


async def test_the_settings_page_links_every_setting(apis) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    page = await apis.get(S)
    links = {a["href"] for a in page.soup.select("main a")}
    assert {f"{S}/{key}" for key in ("areas", "populations", "precept", "display", "topics", "roles")} <= links


async def test_areas_and_populations_and_their_empty_states(apis) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    assert "Crewe" in (await apis.get(f"{S}/areas")).text()
    assert "4,200" in (await apis.get(f"{S}/populations")).text()
    apis.staff.consultation.on("GET", "/v1/areas", [])
    apis.staff.reporting.on("GET", "/v1/populations", [])
    assert "No areas have been loaded yet" in (await apis.get(f"{S}/areas")).text()
    assert "No population figures have been loaded yet" in (await apis.get(f"{S}/populations")).text()


async def test_precept_settings_are_shown_and_saved(apis) -> None:
    apis.staff.consultation.on("PUT", "/v1/precept-settings", PRECEPT)
    await apis.sign_in(StaffRole.ADMIN)
    page = await apis.get(f"{S}/precept")
    assert "statutory ratios for England apply" in page.text()
    assert page.soup.find("input", {"name": "ratio_E"})["value"] == "11/9"
    page = await apis.post(f"{S}/precept", {**RATIOS, "limit_percent": "2.99", "band_d_current": "£265.50"})
    assert page.status == 303 and page.response.headers["location"] == f"{S}/precept?done=precept"
    assert apis.staff.consultation.sent("PUT", "/v1/precept-settings") == [
        {"ratios": PRECEPT["ratios"], "referendum_limit": {"percent": "2.99"}, "band_d_current": "265.50"}]


async def test_bad_precept_settings_name_their_fields(apis) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    page = await apis.post(f"{S}/precept", {**RATIOS, "ratio_B": "seven", "limit_pounds": "5",
                                            "limit_percent": "2", "band_d_current": "-1"})
    assert page.status_and_links() == (422, ["#ratio_B", "#limit_pounds", "#band_d_current"])
    assert page.soup.find("input", {"name": "ratio_B"})["value"] == "seven"


async def test_the_service_refusing_the_ratios_names_the_band(apis) -> None:
    apis.staff.consultation.on("PUT", "/v1/precept-settings", InvalidAnswers({"C": "each band pays more"}))
    await apis.sign_in(StaffRole.ADMIN)
    page = await apis.post(f"{S}/precept", {**RATIOS, "ratio_C": "1/9"})
    assert page.status_and_links() == (422, ["#ratio_C"])


async def test_the_display_is_the_web_own_data_saved_through_its_port(apis) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    assert (await apis.get(f"{S}/display")).soup.find("input", {"name": "brand_colour"})["value"] == "#1d70b8"
    page = await apis.post(f"{S}/display", DISPLAY)
    assert page.status == 303
    saved = await apis.ports.tenants.display("cheshire")
    assert saved.brand_colour == "#0b0c0c" and saved.name["cy"] == "Swyddfa CHTh Swydd Gaer"
    [entry] = apis.staff.audit_log.recorded
    assert (entry.tenant, entry.subject, entry.route, entry.action) == (
        "cheshire", apis.user.subject, "/staff/settings/display", "display")
    assert entry.resource_ids == {"tenant": "cheshire"} and entry.roles == ("admin",)
    assert "How the office's pages look is saved" in (await apis.get(f"{S}/display?done=display")).text()


async def test_a_pale_colour_and_missing_welsh_are_refused(apis) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    page = await apis.post(f"{S}/display", {**DISPLAY, "name_cy": "", "brand_colour": "#ffff00",
                                            "privacy_url": "not a link"})
    assert page.status_and_links() == (422, ["#name_cy", "#brand_colour", "#privacy_url"])
    assert apis.staff.audit_log.recorded == []


async def test_meeting_topics_are_shown_and_saved(apis) -> None:
    apis.staff.scheduling.on("PUT", "/v1/scheduling/meeting-settings/topics", {"attendees": [], "topics": []})
    await apis.sign_in(StaffRole.ADMIN)
    assert "asb: Anti-social behaviour" in (await apis.get(f"{S}/topics")).soup.find("textarea").text
    page = await apis.post(f"{S}/topics", {"topics": "asb: Anti-social behaviour\n\nroads: Road safety\n"})
    assert page.status == 303
    assert apis.staff.scheduling.sent("PUT", "/v1/scheduling/meeting-settings/topics") == [
        [{"key": "asb", "label": "Anti-social behaviour"}, {"key": "roads", "label": "Road safety"}]]


async def test_bad_topics_name_the_field(apis) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    assert (await apis.post(f"{S}/topics", {"topics": "no label here"})).status_and_links() == (422, ["#topics"])
    apis.staff.scheduling.on("PUT", "/v1/scheduling/meeting-settings/topics", InvalidAnswers({"key": "bad"}))
    assert (await apis.post(f"{S}/topics", {"topics": "a: b"})).status_and_links() == (422, ["#topics"])


async def test_the_roles_mapping_is_shown_and_saved_with_who_saved_it(apis) -> None:
    admin = await apis.sign_in(StaffRole.ADMIN)
    page = await apis.get(f"{S}/roles")
    assert "No groups are mapped yet" in page.text()
    page = await apis.post(f"{S}/roles", {"mapping": "peel-admins: admin\nOffice Staff: engagement_officer, viewer"})
    assert page.status == 303
    mappings = apis.staff.role_mappings
    assert await mappings.mapping("cheshire") == {"peel-admins": ["admin"],
                                                  "Office Staff": ["engagement_officer", "viewer"]}
    assert mappings.saved_by["cheshire"] == admin.subject
    [entry] = apis.staff.audit_log.recorded
    assert (entry.subject, entry.method, entry.route, entry.action) == (admin.subject, "POST", "/staff/settings/roles",
                                                                        "roles")
    assert "Office Staff: engagement_officer, viewer" in (await apis.get(f"{S}/roles")).soup.find("textarea").text


async def test_an_unknown_role_is_refused_naming_the_field(apis) -> None:
    await apis.sign_in(StaffRole.ADMIN)
    page = await apis.post(f"{S}/roles", {"mapping": "peel-admins: superuser"})
    assert page.status_and_links() == (422, ["#mapping"])
    assert not apis.staff.role_mappings.saved and not apis.staff.audit_log.recorded


async def test_signed_out_the_settings_lead_to_sign_in(apis) -> None:
    page = await apis.get(f"{S}/roles")
    assert page.status == 303 and page.response.headers["location"].startswith("/staff/sign-in")
