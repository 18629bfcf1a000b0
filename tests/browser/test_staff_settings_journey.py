"""An admin loads the office's areas and population figures from CSV files in Chromium, without JavaScript: a file
with mistakes is refused with each mistake listed, the corrected file replaces the table, and the services hold
what was uploaded. Every page state is audited with axe."""

from __future__ import annotations

from playwright.async_api import Browser, Page

from tests.support.browser import audit
from tests.support.staff_browser import staff_member
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform

BAD_AREAS = "postcode_district,area_key,area_name\nCW1,crewe,Crewe\nCW2,Nantwich Town,Nantwich\n"
AREAS = "\ufeffpostcode_district,area_key,area_name\nCW1,crewe,Crewe\nCW5,nantwich,Nantwich\n"
FIGURES = "area,dimension,category,count\ncrewe,sex,female,41000\ncrewe,sex,male,39500\n"


async def test_an_admin_loads_areas_and_population_figures_from_csv_files(site: WebPlatform, browser: Browser,
                                                                          token):
    admin = await staff_member(browser, site, name="Ada Admin", roles=["admin"], js=False)
    page = admin.page
    try:
        await page.goto(f"{site.url}/staff/settings/areas")
        await audit(page, "staff settings/areas: empty")
        await upload(page, "areas.csv", BAD_AREAS)
        assert await page.locator(".govuk-error-summary a[href='#file']").count() == 1
        assert "Nantwich Town" in await page.locator("#file-problems").inner_text()
        await audit(page, "staff settings/areas: the service's mistakes")
        await upload(page, "areas.csv", AREAS)
        assert "The areas are loaded" in await page.locator(".govuk-notification-banner").inner_text()
        assert "Nantwich" in await page.locator("main table").inner_text()
        await audit(page, "staff settings/areas: loaded")
        await page.goto(f"{site.url}/staff/settings/populations")
        await upload(page, "figures.csv", FIGURES)
        assert "39,500" in await page.locator("main table").inner_text()
        await audit(page, "staff settings/populations: loaded")
    finally:
        await admin.context.close()
    admin.assert_only_local_requests()
    office = bearer(token("cheshire", "admin"))
    areas = (await site.consultation.get("/v1/areas", headers=office)).json()
    assert {area["postcode_district"] for area in areas} == {"CW1", "CW5"}
    figures = (await site.reporting.get("/v1/populations", headers=office)).json()
    assert sorted(figure["count"] for figure in figures) == [39500, 41000]


async def upload(page: Page, name: str, text: str) -> None:
    await page.get_by_label("CSV file").set_input_files({"name": name, "mimeType": "text/csv",
                                                          "buffer": text.encode()})
    async with page.expect_navigation():
        await page.get_by_role("button", name="Upload and replace the table").click()
