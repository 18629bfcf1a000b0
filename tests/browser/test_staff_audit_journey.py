"""An admin changes what the web keeps itself (how the office's pages look) in Chromium, without JavaScript, and finds
the change on the audit trail beside the services' entries, by the web's own name; the trail filtered to that person
shows it alone. Every page state is audited with axe."""

from __future__ import annotations

from playwright.async_api import Browser

from tests.support.browser import audit
from tests.support.staff_browser import staff_member
from tests.support.web_platform import WebPlatform


async def test_an_admins_display_change_is_on_the_audit_trail(site: WebPlatform, browser: Browser) -> None:
    admin = await staff_member(browser, site, name="Ada Admin", roles=["admin"], js=False)
    page = admin.page
    try:
        await page.goto(f"{site.url}/staff/settings/display")
        async with page.expect_navigation():
            await page.get_by_role("button", name="Save how the pages look").click()
        assert "How the office's pages look is saved" in await page.locator(".govuk-notification-banner").inner_text()
        await page.goto(f"{site.url}/staff/settings/audit")
        row = page.locator("tbody tr", has_text="POST /staff/settings/display")
        assert await row.count() == 1 and "Staff pages" in await row.inner_text()
        await audit(page, "staff settings/audit: the web's own change")
        async with page.expect_navigation():
            await row.get_by_role("link").first.click()
        assert "actor=" in page.url and await page.locator("tbody tr").count() >= 1
        assert await page.locator("tbody tr", has_text="POST /staff/settings/display").count() == 1
        await audit(page, "staff settings/audit: one person's changes")
    finally:
        await admin.context.close()
    admin.assert_only_local_requests()
