"""Every staff page a signed-in administrator can reach from the dashboard of a busy office passes axe (no serious
or critical violation), in English and in Welsh: the pages are found by following the staff pages' own links, so a
new page is audited without this test changing."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urlsplit

from playwright.async_api import Browser, Page

from tests.support.browser import audit
from tests.support.consultations import SURVEY, create_open
from tests.support.panel import ask, schedule
from tests.support.scheduling_surgeries import book
from tests.support.scheduling_surgeries import schedule as schedule_surgery
from tests.support.staff_browser import staff_member
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform

MOST_PAGES = 60  # one page per address pattern is enough: the same template with other ids adds nothing
NOT_PAGES = re.compile(r"/(sign-out|sign-out-everywhere|language/\w+)$|\.(csv|ics|json)$|/downloads/")
BROKEN = {404, 405, 500, 502, 503}  # a link on a staff page leading nowhere, or to a failure
ID = re.compile(r"/[0-9a-f]{8}-[0-9a-f-]{27}|/\d+(?=/|$)")


async def test_every_staff_page_reachable_from_the_dashboard_passes_axe(site: WebPlatform, browser: Browser,
                                                                       token) -> None:
    await busy_office(site, token)
    admin = await staff_member(browser, site, name="Alex Admin", roles=["admin"])
    audited = await audit_reachable(admin.page, site.url, "en")
    await admin.page.goto(f"{site.url}/staff/language/cy?next=/staff/")
    audited_cy = await audit_reachable(admin.page, site.url, "cy")
    assert len(audited) >= 15, f"the dashboard led to too few pages: {sorted(audited)}"
    assert audited_cy == audited
    await admin.context.close()


async def busy_office(site: WebPlatform, token) -> None:
    officer, clerk = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "panel_clerk"))
    await create_open(site, officer)
    await site.consultation.post("/v1/consultations", json=SURVEY, headers=officer)  # a draft beside it
    meeting = await schedule(site.consultation, clerk)
    await ask(site.consultation, meeting["id"])
    session = await schedule_surgery(site.scheduling, officer)
    await book(site.scheduling, session["id"], 0)


async def audit_reachable(page: Page, base: str, lang: str) -> set[str]:
    """Breadth first from the dashboard; each address pattern audited once."""
    seen: set[str] = set()
    waiting = deque(["/staff/"])
    while waiting and len(seen) < MOST_PAGES:
        path = waiting.popleft()
        pattern = ID.sub("/{id}", path.split("?")[0])
        if pattern in seen:
            continue
        seen.add(pattern)
        response = await page.goto(base + path)
        assert response is not None and response.status not in BROKEN, f"{path} answered {response and response.status}"
        assert await page.get_attribute("html", "lang") == lang, f"{path} is not in {lang}"
        await audit(page, f"staff {lang} {pattern}")
        waiting.extend(await staff_links(page))
    return seen


async def staff_links(page: Page) -> list[str]:
    hrefs = await page.eval_on_selector_all("a[href^='/staff/']", "links => links.map(a => a.getAttribute('href'))")
    return [href for href in hrefs if not NOT_PAGES.search(urlsplit(href).path)]
