"""Staff sign in through the office's identity provider (a real OpenID Connect provider running locally) in
Chromium: the dashboard greets them by name; a sign-in left idle, or ended by signing out everywhere, goes back to
sign-in and then to the page asked for; someone whose groups give no role in Peel is refused."""

from __future__ import annotations

import re
from datetime import timedelta

import asyncpg
from playwright.async_api import Browser, Page, expect

from tests.support.browser import audit
from tests.support.oidc_provider import KEY, groups_for
from tests.support.staff_browser import (
    forget_provider_requests,
    open_staff_browser,
    sign_in_at_provider,
    staff_member,
    subject_of,
)
from tests.support.web_platform import OFFICE_CLAIM, WebPlatform


async def signed_in_name(page: Page) -> str:
    return " ".join((await page.locator(".peel-staff-bar__user").inner_text()).split())


async def sign_out_everywhere(page: Page) -> None:
    """The header's "Sign out everywhere" button."""
    await page.get_by_role("button", name="Sign out everywhere").click()
    await page.wait_for_url(re.compile(r".*/staff/signed-out$"))


async def left_idle(site: WebPlatform, name: str) -> None:
    """As if the person had opened no page for longer than the idle timeout."""
    idle = timedelta(minutes=site.web_settings.staff_idle_minutes + 1)
    connection = await asyncpg.connect(site.web_settings.dsn)
    try:
        await connection.execute("UPDATE web_staff_sessions SET last_seen_at = now() - $2::interval "
                                 "WHERE subject = $1", f"{KEY}:{subject_of(name, 'cheshire')}", idle)
    finally:
        await connection.close()


async def test_an_officer_signs_in_through_the_identity_provider_and_out_everywhere(
        browser: Browser, site: WebPlatform) -> None:
    assert site.identity_provider is not None
    laptop = await open_staff_browser(browser)
    site.identity_provider.set_user(subject_of("Ann Officer", "cheshire"), name="Ann Officer",
                                    groups=groups_for(["engagement_officer"]), **{OFFICE_CLAIM: "cheshire"})
    await laptop.page.goto(f"{site.url}/staff/sign-in")
    await audit(laptop.page, "staff sign-in")
    await sign_in_at_provider(laptop.page, site, subject_of("Ann Officer", "cheshire"))
    assert laptop.page.url == f"{site.url}/staff/"
    assert "Signed in as Ann Officer" in await signed_in_name(laptop.page)

    phone = await staff_member(browser, site, name="Ann Officer", roles=["engagement_officer"])
    await sign_out_everywhere(laptop.page)
    await expect(laptop.page.locator("h1")).to_have_text("You have signed out")
    await audit(laptop.page, "staff signed out")

    await phone.page.goto(f"{site.url}/staff/consultations")
    await expect(phone.page.locator("h1")).to_have_text("Sign in")
    await phone.page.get_by_role("button", name=re.compile("^Sign in with")).click()
    await phone.page.locator("input[name=sub]").fill(subject_of("Ann Officer", "cheshire"))
    await phone.page.get_by_role("button", name="Authorize").click()
    await phone.page.wait_for_url(f"{site.url}/staff/consultations")
    for person in (laptop, phone):
        await person.context.close()
        forget_provider_requests(person)
        person.assert_only_local_requests()


async def test_a_sign_in_left_idle_goes_back_to_sign_in_and_a_stranger_is_refused(
        browser: Browser, site: WebPlatform) -> None:
    analyst = await staff_member(browser, site, name="Bob Analyst", roles=["analyst"], js=False)
    assert "Signed in as Bob Analyst" in await signed_in_name(analyst.page)
    await left_idle(site, "Bob Analyst")
    await analyst.page.reload()
    await expect(analyst.page.locator("h1")).to_have_text("Sign in")
    assert analyst.page.url.startswith(f"{site.url}/staff/sign-in?next=")

    assert site.identity_provider is not None
    stranger = await open_staff_browser(browser)
    site.identity_provider.set_user("zed-finance", name="Zed Finance", groups=["finance"],
                                    **{OFFICE_CLAIM: "cheshire"})
    await stranger.page.goto(f"{site.url}/staff/sign-in")
    await stranger.page.get_by_role("button", name=re.compile("^Sign in with")).click()
    await stranger.page.locator("input[name=sub]").fill("zed-finance")
    await stranger.page.get_by_role("button", name="Authorize").click()
    await expect(stranger.page.locator("h1")).to_have_text("You do not have a role in Peel")
    await audit(stranger.page, "staff sign-in refused")
    for person in (analyst, stranger):
        await person.context.close()
