"""An officer opens the dashboard on the whole platform: this week's surgery is listed and next week's is not,
as the scheduling service answers for this week's days only; an assembly still taking registrations says until
when. The page is audited with axe."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.async_api import Browser

from tests.support.browser import audit
from tests.support.scheduling_assemblies import ASSEMBLY
from tests.support.staff_browser import staff_member
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform

LONDON = ZoneInfo("Europe/London")
LATE = "23:44"


def later_this_week(today: date) -> tuple[date, str]:
    """A day of this week (Monday to Sunday) with a start still to come: tomorrow, or late today on a Sunday."""
    return (today + timedelta(days=1), "10:00") if today.weekday() < 6 else (today, LATE)


async def schedule(site: WebPlatform, staff: dict, host: str, day: date, starts: str) -> None:
    body = {"host": host, "online": True, "policing_area": "Crewe", "day": day.isoformat(), "starts": starts,
            "ends": "23:59" if starts == LATE else "11:00", "slot_minutes": 15}
    created = await site.scheduling.post("/v1/scheduling/sessions", json=body, headers=staff)
    assert created.status_code == 201, created.text


async def test_the_dashboard_lists_this_weeks_surgeries_and_the_assemblies_next_steps(site: WebPlatform,
                                                                                      browser: Browser, token):
    officer = bearer(token("cheshire", "engagement_officer"))
    day, starts = later_this_week(datetime.now(LONDON).date())
    await schedule(site, officer, "Deputy Commissioner", day, starts)
    await schedule(site, officer, "Police and Crime Commissioner", day + timedelta(days=7), "10:00")
    closes = datetime.now(LONDON) + timedelta(days=30)
    recruiting = ASSEMBLY | {"registration_closes_at": closes.isoformat(),
                             "replacement_deadline": (closes + timedelta(days=60)).date().isoformat()}
    assembly = await site.scheduling.post("/v1/scheduling/assemblies", json=recruiting, headers=officer)
    assert assembly.status_code == 201, assembly.text
    member = await staff_member(browser, site, name="Olu Officer", roles=["engagement_officer"])
    try:
        page = member.page
        await page.goto(f"{site.url}/staff/")
        assert await page.locator("[data-part-unavailable]").count() == 0
        surgeries = await page.locator("#surgeries").inner_text()
        assert "Deputy Commissioner" in surgeries and "Police and Crime Commissioner" not in surgeries
        assemblies = await page.locator("#assemblies").inner_text()
        assert "taking registrations until" in assemblies
        await audit(page, "staff dashboard with surgeries and assemblies")
    finally:
        await member.context.close()
    member.assert_only_local_requests()
