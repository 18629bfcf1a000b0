"""A member of staff in Chromium: a browser of their own, signed in to the staff pages of the platform under test
through its OpenID Connect provider, as staff sign in for real.

Journeys call ``staff_member(browser, site, name=..., roles=...)``: every journey signs in the same way, so how staff
sign in is decided here alone. The provider is told who the person is (their name, office and the groups that
map to ``roles``); the browser then presses the sign-in button, signs in at the provider and comes back."""

from __future__ import annotations

import re
from collections.abc import Iterable

from playwright.async_api import Browser, Page, Route

from tests.support.browser import Resident, open_resident
from tests.support.oidc_provider import NAME, groups_for
from tests.support.web_platform import OFFICE_CLAIM, WebPlatform

PROVIDER_STYLESHEET = "https://cdn.jsdelivr.net/"  # the provider's own page asks a CDN for its look: not Peel's


async def staff_member(browser: Browser, site: WebPlatform, *, name: str, roles: Iterable[str],
                       tenant: str = "cheshire", js: bool = True) -> Resident:
    """A new browser signed in as ``name`` with ``roles`` in ``tenant``, on the staff dashboard."""
    person = await open_staff_browser(browser, js=js)
    subject = subject_of(name, tenant)
    assert site.identity_provider is not None, "the platform has no identity provider"
    site.identity_provider.set_user(subject, name=name, groups=groups_for(list(roles)), **{OFFICE_CLAIM: tenant})
    await sign_in_at_provider(person.page, site, subject)
    forget_provider_requests(person)
    return person


async def open_staff_browser(browser: Browser, *, js: bool = True) -> Resident:
    """A new browser, not yet signed in; the provider's page may not fetch its stylesheet from the internet."""
    person = await open_resident(browser, js=js)
    await person.context.route(f"{PROVIDER_STYLESHEET}**", _refuse)
    return person


def forget_provider_requests(person: Resident) -> None:
    """Drops the provider page's own stylesheet request, so the check of Peel's pages' requests is about them."""
    person.requests[:] = [url for url in person.requests if not url.startswith(PROVIDER_STYLESHEET)]


async def sign_in_at_provider(page: Page, site: WebPlatform, subject: str, *, next_path: str = "") -> None:
    """From the sign-in page, through the provider's page, back to a staff page."""
    await page.goto(f"{site.url}/staff/sign-in" + (f"?next={next_path}" if next_path else ""))
    await page.get_by_role("button", name=f"Sign in with {NAME}").click()
    await page.locator("input[name=sub]").fill(subject)
    await page.get_by_role("button", name="Authorize").click()
    await page.wait_for_url(re.compile(re.escape(f"{site.url}/staff/") + r"(?!sign-in).*"))


def subject_of(name: str, tenant: str) -> str:
    """The person's subject at the provider: one per name and office."""
    return f"{tenant}-" + "-".join(name.lower().split())[:40]


async def _refuse(route: Route) -> None:
    await route.abort()
