"""An administrator opens the dashboard and sees the office's open consultation, then the audit trail, where the
officer's publishing of it is listed and found again by its id; a viewer sees the dashboard but not the trail.
Every page state is audited with axe; the viewer's browser runs no JavaScript."""

from __future__ import annotations

import re

from playwright.async_api import Browser, Page

from tests.support.browser import audit
from tests.support.consultations import SURVEY
from tests.support.staff_browser import staff_member
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform


async def test_the_dashboard_and_the_audit_trail(site: WebPlatform, browser: Browser, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    created = await site.consultation.post("/v1/consultations", json=SURVEY, headers=officer)
    consultation_id = created.json()["id"]
    assert (await site.consultation.post(f"/v1/consultations/{consultation_id}/publish",
                                         headers=officer)).status_code == 200
    admin = await staff_member(browser, site, name="Ada Admin", roles=["admin"])
    viewer = await staff_member(browser, site, name="Vic Viewer", roles=["viewer"], js=False)
    try:
        await dashboard(admin.page, site)
        await trail(admin.page, site, consultation_id)
        await viewer_sees_no_trail(viewer.page, site)
    finally:
        await admin.context.close()
        await viewer.context.close()
    admin.assert_only_local_requests()
    viewer.assert_only_local_requests()


async def dashboard(page: Page, site: WebPlatform) -> None:
    await page.goto(f"{site.url}/staff/")
    assert await heading(page) == "What needs doing today"
    consultations = page.locator("#consultations")
    assert "Policing priorities" in await consultations.inner_text()
    assert await page.locator("[data-part-unavailable]").count() == 0
    await audit(page, "staff dashboard")


async def trail(page: Page, site: WebPlatform, consultation_id: str) -> None:
    await page.goto(f"{site.url}/staff/settings/audit")
    assert await heading(page) == "Audit trail"
    rows = page.locator("tbody tr")
    assert "publish" in await rows.first.inner_text()
    await audit(page, "staff audit trail")
    await page.get_by_role("link", name=consultation_id).first.click()
    assert await page.get_by_label("Id of what was changed").input_value() == consultation_id
    assert await rows.count() == 1 and "publish" in await rows.first.inner_text()
    await audit(page, "staff audit trail filtered by id")
    await page.get_by_label("Id of what was changed").fill("x" * 201)
    await page.get_by_role("button", name="Show entries").click()
    await page.wait_for_url(re.compile(r"resource=x{201}"))
    assert await page.locator(".govuk-error-summary a").all_inner_texts() == [
        "Enter an id of 200 characters or fewer"]
    await audit(page, "staff audit trail with a wrong filter")


async def viewer_sees_no_trail(page: Page, site: WebPlatform) -> None:
    await page.goto(f"{site.url}/staff/")
    assert await heading(page) == "What needs doing today"
    assert await page.locator("#bulletins").count() == 0
    await audit(page, "staff dashboard as a viewer")
    answer = await page.goto(f"{site.url}/staff/settings/audit")
    assert answer is not None and answer.status == 403


async def heading(page: Page) -> str:
    return (await page.locator("h1").inner_text()).strip()
