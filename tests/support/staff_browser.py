"""A member of staff in Chromium: a browser of their own, signed in to the staff pages of the platform under test.

Journeys call ``staff_member(browser, site, name=..., roles=...)``: every journey signs in the same way, so how staff
sign in is decided here alone."""

from __future__ import annotations

from collections.abc import Iterable

from playwright.async_api import Browser

from tests.support.browser import Resident, open_resident
from tests.support.web_platform import WebPlatform


async def staff_member(browser: Browser, site: WebPlatform, *, name: str, roles: Iterable[str],
                       tenant: str = "cheshire", js: bool = True) -> Resident:
    """A new browser signed in as ``name`` with ``roles`` in ``tenant``, on the staff dashboard."""
    person = await open_resident(browser, js=js)
    page = person.page
    await page.goto(f"{site.url}/staff/sign-in")
    await page.get_by_label("Office").fill(tenant)
    await page.get_by_label("Your name").fill(name)
    for role in roles:
        await page.locator(f"input[name=roles][value={role}]").check()
    await page.locator("form[action='/staff/sign-in/local'] button").click()
    await page.wait_for_url(f"{site.url}/staff/**")
    return person
