"""The results pages: charts with their tables, weighted beside unweighted, channels never pooled silently, the
breakdown with suppressed groups marked, publishing the results, and the CSV downloads."""

from __future__ import annotations

from peel.web.domain.staff.identity import StaffRole
from peel.web.service_layer.ports import Refused
from tests.support.staff_pages import StaffPageClient
from tests.unit.web.staff.results_data import CONSULTATION, WEIGHTED, breakdown, results

BASE = f"/staff/consultations/{CONSULTATION}"
API = f"/v1/consultations/{CONSULTATION}"
COVERS = {
    ("GET", "/staff/consultations/{consultation_id}/results"),
    ("GET", "/staff/consultations/{consultation_id}/results/breakdown"),
    ("POST", "/staff/consultations/{consultation_id}/results/publish"),
    ("GET", "/staff/consultations/{consultation_id}/results.csv"),
    ("GET", "/staff/consultations/{consultation_id}/downloads/breakdown.csv"),
    ("GET", "/staff/consultations/{consultation_id}/downloads/panel-summary.csv"),
}


def answering(staff: StaffPageClient, found: dict, weighted: object = WEIGHTED) -> None:
    staff.staff.reporting.on("GET", f"{API}/results", found).on("GET", f"{API}/results/weighted", weighted)


async def test_the_results_show_each_question_as_a_chart_and_a_table(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST)
    answering(staff, results())
    page = await staff.get(f"{BASE}/results")
    assert page.status == 200 and page.h1 == "Results"
    assert page.soup.select_one("#chart-priority-title").get_text(strip=True) == "Your top priority"
    cells = [cell.get_text(strip=True) for cell in page.soup.select(".peel-chart__table td")]
    assert "60 (60.0%)" in cells and "80 (89.0%)" in cells
    assert "Awaiting moderation" in page.text()
    assert [call[1] for call in staff.staff.reporting.calls] == [f"{API}/results", f"{API}/results/weighted"]


async def test_weighted_results_sit_beside_the_unweighted_with_their_margin(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST)
    answering(staff, results())
    page = await staff.get(f"{BASE}/results")
    row = page.soup.select_one("#w-priority .peel-weighted-table tbody tr")
    assert [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] == [
        "Burglary", "60.0%", "52.5%", "± 3.1%"]
    assert page.soup.select("#weighted-priority-title ~ svg line.peel-chart__margin")


async def test_results_without_population_figures_say_why_they_are_not_weighted(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST)
    answering(staff, results(), Refused(409, "no population figures for your office"))
    page = await staff.get(f"{BASE}/results")
    assert page.status == 200
    assert "no population figures for your office" in page.soup.select_one("#not-weighted").get_text()


async def test_each_channel_is_counted_and_can_be_shown_alone(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    answering(staff, results({"online": 100, "paper": 20}))
    page = await staff.get(f"{BASE}/results")
    rows = [row.get_text(" ", strip=True) for row in page.soup.select("#channel-counts tbody tr")]
    assert rows == ["Online 100", "Paper form 20"]
    shown = await staff.get(f"{BASE}/results?channel=paper")
    assert staff.staff.reporting.sent("GET", f"{API}/results")[-1] == {"channel": "paper"}
    assert "Paper form" in shown.soup.select_one("#channel-shown").get_text() or "paper form" in shown.text()
    assert shown.soup.select_one("#channel option[selected]")["value"] == "paper"


async def test_without_channels_from_the_service_nothing_is_said_of_them(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST)
    answering(staff, results())
    page = await staff.get(f"{BASE}/results?channel=paper")
    assert page.soup.select_one("#channels") is None
    assert staff.staff.reporting.sent("GET", f"{API}/results")[-1] == {"channel": "paper"}


async def test_no_responses_is_said(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST)
    answering(staff, results(responses=0))
    page = await staff.get(f"{BASE}/results")
    assert page.soup.select_one("#no-responses")


async def test_embargoed_results_are_explained(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST)
    answering(staff, Refused(409, "results are embargoed until the consultation closes"))
    page = await staff.get(f"{BASE}/results")
    assert page.status == 409 and page.h1 == "The results are not available yet"
    assert "embargoed" in page.text()


async def test_a_viewer_is_told_results_are_not_for_their_role(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    answering(staff, Refused(403, "Forbidden"))
    page = await staff.get(f"{BASE}/results")
    assert page.status == 403 and page.h1 == "Your role cannot see these results"


async def test_a_panel_clerk_may_not_see_results(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.PANEL_CLERK)
    page = await staff.get(f"{BASE}/results")
    assert page.status == 403 and not staff.staff.reporting.calls


async def test_another_offices_or_no_consultation_is_not_found(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST)
    assert (await staff.get(f"{BASE}/results")).status == 404
    assert (await staff.get("/staff/consultations/not-an-id/results")).status == 404


async def test_the_breakdown_marks_suppressed_groups(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST)
    staff.staff.reporting.on("GET", f"{API}/results/breakdown", breakdown())
    page = await staff.get(f"{BASE}/results/breakdown?by=age_band")
    assert page.status == 200 and page.h1 == "Results by age band"
    assert staff.staff.reporting.sent("GET", f"{API}/results/breakdown") == [{"by": "age_band"}]
    sizes = {row.th.get_text(strip=True): row.td.get_text(strip=True)
             for row in page.soup.select(".peel-chart__table tbody tr")}
    assert sizes == {"halton": "50", "warrington": "Suppressed"}
    table = page.soup.select_one(".peel-grouped-table tbody tr")
    assert [cell.get_text(strip=True) for cell in table.find_all("td")] == ["30 (60.0%)", "Suppressed"]


async def test_the_breakdown_asks_by_area_unless_a_band_is_named(staff: StaffPageClient) -> None:
    assert (await staff.get(f"{BASE}/results/breakdown")).status == 303
    await staff.sign_in(StaffRole.ANALYST)
    staff.staff.reporting.on("GET", f"{API}/results/breakdown", {"groups": []})
    page = await staff.get(f"{BASE}/results/breakdown?by=nonsense")
    assert staff.staff.reporting.sent("GET", f"{API}/results/breakdown") == [{"by": "area"}]
    assert page.soup.select_one("#no-responses")


async def test_publishing_the_results(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST)
    assert (await staff.post(f"{BASE}/results/publish")).status == 403
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    staff.staff.consultation.on("POST", f"{API}/results/publish", {"id": CONSULTATION})
    page = await staff.post(f"{BASE}/results/publish")
    assert page.status == 303 and page.response.headers["location"] == f"{BASE}/results?published=1"
    answering(staff, results())
    assert "The results are published" in (await staff.get(f"{BASE}/results?published=1")).text()


async def test_the_publish_button_is_for_editors_of_a_closed_consultation(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    answering(staff, results())
    page = await staff.get(f"{BASE}/results")
    assert page.soup.find("form", action=f"{BASE}/results/publish")
    await staff.sign_in(StaffRole.ANALYST)
    assert not (await staff.get(f"{BASE}/results")).soup.find("form", action=f"{BASE}/results/publish")


async def test_publishing_before_closing_says_why_not(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ADMIN)
    staff.staff.consultation.on("POST", f"{API}/results/publish", Refused(409, "it has not closed yet"))
    page = await staff.post(f"{BASE}/results/publish")
    assert page.status == 409 and "it has not closed yet" in page.text()


async def test_the_results_csv_comes_from_reporting_as_a_download(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    assert (await staff.get(f"{BASE}/results.csv")).status == 403
    await staff.sign_in(StaffRole.ANALYST)
    staff.staff.reporting.on("GET", f"{API}/results.csv", b"question,option,count\r\npriority,burglary,60\r\n")
    page = await staff.get(f"{BASE}/results.csv?channel=telephone")
    assert page.status == 200 and page.response.headers["content-type"].startswith("text/csv")
    assert page.response.headers["content-disposition"] == (
        f'attachment; filename="consultation-{CONSULTATION}-results.csv"')
    assert page.response.content.startswith(b"question,option,count")
    assert staff.staff.reporting.sent("GET", f"{API}/results.csv") == [{"channel": "telephone"}]


async def test_the_breakdown_csv_names_its_band(staff: StaffPageClient) -> None:
    assert (await staff.get(f"{BASE}/downloads/breakdown.csv?by=sex")).status == 303
    await staff.sign_in(StaffRole.ENGAGEMENT_OFFICER)
    staff.staff.reporting.on("GET", f"{API}/results/breakdown.csv", b"area,count\r\n")
    page = await staff.get(f"{BASE}/downloads/breakdown.csv?by=sex")
    assert page.response.headers["content-disposition"] == (
        f'attachment; filename="consultation-{CONSULTATION}-results-by-sex.csv"')
    assert staff.staff.reporting.sent("GET", f"{API}/results/breakdown.csv") == [{"by": "sex"}]


async def test_the_panel_summary_csv(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.PANEL_CLERK)
    assert (await staff.get(f"{BASE}/downloads/panel-summary.csv")).status == 403
    await staff.sign_in(StaffRole.ADMIN)
    staff.staff.reporting.on("GET", f"{API}/panel-summary.csv", b"part,figure\r\n")
    page = await staff.get(f"{BASE}/downloads/panel-summary.csv")
    assert page.status == 200
    assert page.response.headers["content-disposition"].endswith(f'consultation-{CONSULTATION}-panel-summary.csv"')


async def test_the_results_page_in_welsh(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST, lang="cy")
    answering(staff, results({"online": 3}))
    page = await staff.get(f"{BASE}/results")
    assert page.status == 200 and page.lang == "cy" and page.h1 != "Results"
    assert "Eich prif flaenoriaeth" in page.text()


async def test_the_breakdown_in_welsh_names_its_bands(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.ANALYST, lang="cy")
    found = breakdown() | {"groups": [{"key": "not_given", "suppressed": True, "responses": None, "questions": []}]}
    staff.staff.reporting.on("GET", f"{API}/results/breakdown", found)
    page = await staff.get(f"{BASE}/results/breakdown?by=age_band")
    assert page.status == 200 and page.h1 == "Canlyniadau yn ôl band oedran"
    assert page.soup.select_one(".peel-chart__table tbody tr").get_text(" ", strip=True) == "Heb ei roi Wedi'i atal"
