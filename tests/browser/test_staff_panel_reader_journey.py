"""A viewer in Chromium, without JavaScript, reads the Panel's meetings, a meeting's queue and a resident's question:
who asked and from where, but not how to reach them, and no action to take. Every page is audited with axe."""

from __future__ import annotations

from playwright.async_api import Browser

from tests.support.browser import audit
from tests.support.panel import QUESTION, ask, schedule
from tests.support.staff_browser import staff_member
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform


async def test_a_viewer_reads_the_panel_queue_without_the_askers_email(site: WebPlatform, browser: Browser,
                                                                       token) -> None:
    meeting = await schedule(site.consultation, bearer(token("cheshire", "panel_clerk")))
    asked = await ask(site.consultation, meeting["id"])
    assert asked.status_code == 201, asked.text
    person = await staff_member(browser, site, name="Val Viewer", roles=["viewer"], js=False)
    page = person.page
    try:
        await page.goto(f"{site.url}/staff/panel")
        assert await page.get_by_role("link", name="Schedule a Panel meeting").count() == 0
        await audit(page, "staff-panel-meetings-viewer")
        await page.locator(f"a[href='/staff/panel/meetings/{meeting['id']}']").click()
        queue = await page.locator("main").inner_text()
        assert "Jo Bloggs, CW1" in queue and "example.org" not in queue
        await audit(page, "staff-panel-queue-viewer")
        await page.get_by_role("link", name=QUESTION["question"]).click()
        await page.wait_for_url(f"**/staff/panel/questions/{asked.json()['id']}")
        shown = await page.locator("main").inner_text()
        assert QUESTION["question"] in shown and "Jo Bloggs, CW1" in shown and "example.org" not in shown
        assert await page.locator("main form").count() == 0
        await audit(page, "staff-panel-question-viewer")
    finally:
        await person.context.close()
