"""The staff assembly pages: the list, setting one up, the overview with invitations and the selection, and the
selection run's progress page; each as a role that may and one that may not."""

from __future__ import annotations

from peel.web.domain.staff.identity import StaffRole
from peel.web.service_layer.ports import InvalidAnswers, Refused
from tests.support.staff_pages import StaffPageClient, not_found
from tests.unit.web.staff.assembly_fixtures import (
    API,
    ASSEMBLY,
    ASSEMBLY_ID,
    COMPOSITION,
    OTHER_ID,
    REGISTRANTS,
    RUN_DONE,
    RUN_ID,
    RUN_RUNNING,
    SET_UP,
    published,
)

COVERS = {
    ("GET", "/staff/assemblies"), ("GET", "/staff/assemblies/new"), ("POST", "/staff/assemblies/new"),
    ("GET", "/staff/assemblies/{assembly_id}"), ("POST", "/staff/assemblies/{assembly_id}/invitations"),
    ("POST", "/staff/assemblies/{assembly_id}/selections"), ("POST", "/staff/assemblies/{assembly_id}/replacements"),
    ("GET", "/staff/assemblies/{assembly_id}/selections/{run_id}"),
}
PAGE = f"/staff/assemblies/{ASSEMBLY_ID}"


def _with_assembly(staff: StaffPageClient, *, composition: object = COMPOSITION, status: str = "selected") -> None:
    staff.staff.scheduling.on("GET", API, ASSEMBLY | {"status": status}).on("GET", f"{API}/registrants", REGISTRANTS)
    staff.staff.reporting.on("GET", f"/v1/assemblies/{ASSEMBLY_ID}/composition", composition)


async def test_the_list_shows_the_offices_assemblies_to_every_role(staff: StaffPageClient) -> None:
    staff.staff.scheduling.on("GET", "/v1/scheduling/assemblies", [ASSEMBLY])
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.get("/staff/assemblies")
    assert page.status == 200 and page.h1 == "Citizens' assemblies"
    assert "Safer nights" in page.soup.select_one("#assemblies").get_text()
    assert "Set up an assembly" not in page.text()


async def test_an_empty_list_says_so_and_offers_a_set_up_to_organisers(staff: StaffPageClient) -> None:
    staff.staff.scheduling.on("GET", "/v1/scheduling/assemblies", [])
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER, lang="cy")
    page = await staff.get("/staff/assemblies")
    assert page.lang == "cy" and page.soup.select_one("#no-assemblies")
    assert page.soup.find("a", href="/staff/assemblies/new")


async def test_the_list_sends_no_one_signed_in_to_sign_in(staff: StaffPageClient) -> None:
    page = await staff.get("/staff/assemblies")
    assert page.status == 303 and page.response.headers["location"].startswith("/staff/sign-in")


async def test_setting_up_an_assembly_sends_its_quotas_and_opens_it(staff: StaffPageClient) -> None:
    staff.staff.scheduling.on("POST", "/v1/scheduling/assemblies", ASSEMBLY)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    assert (await staff.get("/staff/assemblies/new")).h1 == "Set up an assembly"
    page = await staff.post("/staff/assemblies/new", SET_UP)
    assert page.status == 303 and page.response.headers["location"] == f"{PAGE}?done=created"
    [sent] = staff.staff.scheduling.sent("POST", "/v1/scheduling/assemblies")
    assert sent["quotas"][0] == {"feature": "Sex", "value": "Female", "min": 3, "max": 4}
    assert (sent["panel_size"], sent["areas"], sent["honorarium_per_meeting_pence"]) == (7, ["crewe", "chester"], 5000)
    assert sent["registration_closes_at"].startswith("2027-03-01T23:59")


async def test_a_set_up_form_that_cannot_be_read_names_each_field(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.post("/staff/assemblies/new", SET_UP | {"title_en": "", "panel_size": "many",
                                                               "quotas": "Sex, Female, three", "areas": ""})
    assert page.status == 422 and page.title.startswith("Error:")
    assert set(page.error_links()) == {"#title_en", "#panel_size", "#quotas", "#areas"}
    assert page.soup.find("input", {"name": "remit_en"}) or page.soup.find("textarea", {"name": "remit_en"})
    assert staff.staff.scheduling.sent("POST", "/v1/scheduling/assemblies") == []


async def test_the_services_refusal_of_a_set_up_is_shown_by_its_field(staff: StaffPageClient) -> None:
    staff.staff.scheduling.on("POST", "/v1/scheduling/assemblies", InvalidAnswers({"quotas": "min above panel"}))
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post("/staff/assemblies/new", SET_UP)
    assert page.status == 422 and list(page.error_links()) == ["#quotas"]
    assert page.soup.find("textarea", {"name": "quotas"}).get_text().strip().startswith("Sex, Female")


async def test_a_viewer_may_not_set_up_and_a_forged_post_sends_nothing(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.get("/staff/assemblies/new")).status == 403
    assert (await staff.post("/staff/assemblies/new", SET_UP)).status == 403
    assert staff.staff.scheduling.calls == []


async def test_the_overview_shows_the_pool_against_the_quotas_and_the_members(staff: StaffPageClient) -> None:
    _with_assembly(staff)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get(f"{PAGE}?done=created")
    assert page.status == 200 and page.h1 == "Safer nights"
    assert "The assembly is set up" in page.text()
    row = page.soup.select_one("#quotas tbody tr").get_text(" ", strip=True)
    assert row == "Sex Female 3 4 12 1"
    assert "Volunteer 1" in page.soup.select_one("#panel-members").get_text()
    assert page.soup.select_one("#runs a")["href"] == f"{PAGE}/selections/{RUN_ID}"


async def test_a_viewer_sees_the_overview_without_registrants_or_forms(staff: StaffPageClient) -> None:
    _with_assembly(staff, composition=not_found())
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.get(PAGE)
    assert page.status == 200 and "for organisers and analysts" in page.soup.select_one("#no-figures").get_text()
    assert "Volunteer" not in page.text() and not page.soup.find("form", action=f"{PAGE}/selections")
    assert staff.staff.scheduling.sent("GET", f"{API}/registrants") == []


async def test_another_offices_assembly_is_not_found(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get(f"/staff/assemblies/{OTHER_ID}")
    assert page.status == 404
    assert (await staff.get("/staff/assemblies/not-an-id")).status == 404


async def test_invitation_codes_are_shown_once_after_making_them(staff: StaffPageClient) -> None:
    _with_assembly(staff)
    staff.staff.scheduling.on("POST", f"{API}/invitations", ["AB12CD34", "EF56GH78"])
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post(f"{PAGE}/invitations", {"households": "2"})
    assert page.status == 200 and page.h1 == "Invitation codes"
    assert [cell.get_text() for cell in page.soup.select("#codes .peel-code")] == ["AB12CD34", "EF56GH78"]
    assert staff.staff.scheduling.sent("POST", f"{API}/invitations") == [{"count": 2}]


async def test_an_unreadable_number_of_households_is_named(staff: StaffPageClient) -> None:
    _with_assembly(staff, status="recruiting")
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post(f"{PAGE}/invitations", {"households": "lots"})
    assert page.status == 422 and list(page.error_links()) == ["#households"]
    assert page.soup.find("input", {"name": "households"})["value"] == "lots"


async def test_a_superscript_digit_for_households_is_named_not_a_failure(staff: StaffPageClient) -> None:
    _with_assembly(staff, status="recruiting")
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post(f"{PAGE}/invitations", {"households": "²"})
    assert page.status == 422 and list(page.error_links()) == ["#households"]
    assert staff.staff.scheduling.sent("POST", f"{API}/invitations") == []


async def test_a_viewers_forged_invitation_is_refused_with_nothing_sent(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST)
    assert (await staff.post(f"{PAGE}/invitations", {"households": "2"})).status == 403
    assert (await staff.post(f"{PAGE}/selections", {"algorithm": "leximin"})).status == 403
    assert (await staff.post(f"{PAGE}/replacements", {"dropouts": "x"})).status == 403
    assert staff.staff.scheduling.calls == []


async def test_running_the_selection_leads_to_its_progress_page(staff: StaffPageClient) -> None:
    staff.staff.scheduling.on("POST", f"{API}/selections", RUN_RUNNING)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post(f"{PAGE}/selections", {"algorithm": "leximin", "seed": "42"})
    assert page.status == 303 and page.response.headers["location"] == f"{PAGE}/selections/{RUN_ID}"
    assert staff.staff.scheduling.sent("POST", f"{API}/selections") == [{"algorithm": "leximin", "seed": 42}]


async def test_a_selection_with_a_bad_seed_or_method_names_the_fields(staff: StaffPageClient) -> None:
    _with_assembly(staff, status="recruiting")
    await staff.sign_in(StaffRole.ADMIN)
    page = await staff.post(f"{PAGE}/selections", {"algorithm": "coin", "seed": "-1"})
    assert page.status == 422 and set(page.error_links()) == {"#algorithm", "#seed"}
    assert staff.staff.scheduling.sent("POST", f"{API}/selections") == []


async def test_a_superscript_digit_for_the_seed_is_named_not_a_failure(staff: StaffPageClient) -> None:
    _with_assembly(staff, status="recruiting")
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post(f"{PAGE}/selections", {"algorithm": "leximin", "seed": "²"})
    assert page.status == 422 and list(page.error_links()) == ["#seed"]
    assert page.soup.find("input", {"name": "seed"})["value"] == "²"
    assert staff.staff.scheduling.sent("POST", f"{API}/selections") == []


async def test_a_selection_already_made_is_the_409_page(staff: StaffPageClient) -> None:
    staff.staff.scheduling.on("POST", f"{API}/selections", Refused(409, "already selected"))
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post(f"{PAGE}/selections", {"algorithm": "leximin"})
    assert page.status == 409 and "already selected" in page.text()


async def test_replacing_drop_outs_runs_a_replacement(staff: StaffPageClient) -> None:
    _with_assembly(staff)
    staff.staff.scheduling.on("POST", f"{API}/replacements", RUN_RUNNING)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.post(f"{PAGE}/replacements", {"dropouts": [REGISTRANTS[0]["id"]]})
    assert page.status == 303 and page.response.headers["location"].endswith(f"/selections/{RUN_ID}")
    assert staff.staff.scheduling.sent("POST", f"{API}/replacements") == [
        {"algorithm": "leximin", "dropouts": [REGISTRANTS[0]["id"]]}]
    empty = await staff.post(f"{PAGE}/replacements", {})
    assert empty.status == 422 and list(empty.error_links()) == ["#dropouts"]


async def test_the_progress_page_reloads_itself_while_the_run_is_under_way(staff: StaffPageClient) -> None:
    staff.staff.scheduling.on("GET", API, ASSEMBLY).on("GET", f"{API}/selections/{RUN_ID}", RUN_RUNNING)
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.get(f"{PAGE}/selections/{RUN_ID}")
    assert page.status == 200 and page.h1 == "Selection in progress"
    assert page.response.headers["refresh"] == "3" and page.soup.select_one("#progress")
    stop = page.soup.select_one("#stop-reloading")["href"]
    stopped = await staff.get(stop)
    assert stopped.status == 200 and "refresh" not in stopped.response.headers
    assert stopped.soup.find("a", string="Reload this page by itself")


async def test_a_done_run_shows_each_groups_chance_as_a_chart_and_a_table(staff: StaffPageClient) -> None:
    _with_assembly(staff)
    staff.staff.scheduling.on("GET", f"{API}/selections/{RUN_ID}", RUN_DONE)
    staff.staff.scheduling.on("GET", f"/v1/public/assemblies/{ASSEMBLY_ID}/selection", published())
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get(f"{PAGE}/selections/{RUN_ID}")
    assert page.status == 200 and page.h1 == "Selection result"
    assert "refresh" not in page.response.headers
    assert page.soup.select_one("svg.peel-chart__svg")
    rows = [row.get_text(" ", strip=True) for row in page.soup.select(".peel-chart__table tbody tr")]
    assert rows == ["Age: 16-39, Sex: Female 75.0%", "Age: 40+, Sex: Male 50.0%"]
    panel = [row.get_text(" ", strip=True) for row in page.soup.select("#panel-quotas tbody tr")]
    assert panel[0] == "Sex Female 3 4 1"


async def test_a_viewer_sees_the_chances_by_chance_alone(staff: StaffPageClient) -> None:
    _with_assembly(staff)
    staff.staff.scheduling.on("GET", f"{API}/selections/{RUN_ID}", RUN_DONE)
    staff.staff.scheduling.on("GET", f"/v1/public/assemblies/{ASSEMBLY_ID}/selection", published())
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.get(f"{PAGE}/selections/{RUN_ID}")
    rows = [row.get_text(" ", strip=True) for row in page.soup.select(".peel-chart__table tbody tr")]
    assert rows == ["75.0% 75.0%", "50.0% 50.0%"]
    assert "Volunteer" not in page.text()
    assert staff.staff.scheduling.sent("GET", f"{API}/registrants") == []


async def test_a_failed_run_says_why(staff: StaffPageClient) -> None:
    failed = RUN_DONE | {"status": "failed", "error": "no panel meets the quotas", "selected": None, "summary": None}
    staff.staff.scheduling.on("GET", API, ASSEMBLY).on("GET", f"{API}/selections/{RUN_ID}", failed)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    page = await staff.get(f"{PAGE}/selections/{RUN_ID}")
    assert page.status == 200 and page.h1 == "Selection failed"
    assert "no panel meets the quotas" in page.soup.select_one("#failure").get_text()


async def test_another_offices_run_is_not_found(staff: StaffPageClient) -> None:
    staff.staff.scheduling.on("GET", API, ASSEMBLY)
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    assert (await staff.get(f"{PAGE}/selections/{OTHER_ID}")).status == 404


async def test_the_progress_page_needs_a_sign_in(staff: StaffPageClient) -> None:
    page = await staff.get(f"{PAGE}/selections/{RUN_ID}")
    assert page.status == 303 and "next=" in page.response.headers["location"]
    assert (await staff.get(PAGE)).status == 303


async def test_the_pages_are_in_welsh_with_the_offices_welsh_title(staff: StaffPageClient) -> None:
    _with_assembly(staff, status="recruiting")
    staff.staff.scheduling.on("GET", f"{API}/selections/{RUN_ID}", RUN_DONE)
    staff.staff.scheduling.on("GET", f"/v1/public/assemblies/{ASSEMBLY_ID}/selection", published())
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER, lang="cy")
    overview = await staff.get(PAGE)
    assert overview.lang == "cy" and overview.h1 == "Nosweithiau mwy diogel"
    assert "Y gronfa o\u2019i chymharu \u00e2\u2019r cwot\u00e2u" in overview.text()
    assert "4 cofrestrai" in overview.text()
    assert overview.soup.find("span", lang="en").get_text().startswith("How should we")
    result = await staff.get(f"{PAGE}/selections/{RUN_ID}")
    assert result.h1 == "Canlyniad y dethol"
    assert result.soup.select_one(".peel-chart figcaption").get_text() == "Siawns o gael eu dethol"
    assert (await staff.get("/staff/assemblies/new")).h1 == "Sefydlu cynulliad"
