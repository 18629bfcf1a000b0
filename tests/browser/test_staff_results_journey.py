"""An engagement officer works through a consultation's life after its responses, in Chromium against the real
platform: keys in a paper response (one error met and fixed on the way), moderates a resident's free-text answer,
prints the poster, writes "we asked, you said, we did" once it has closed, and publishes the results, seeing them
charted with their channels. Every page state is audited with axe."""

from __future__ import annotations

import asyncio

from playwright.async_api import Browser, Page

from tests.support.browser import audit
from tests.support.consultations import SURVEY
from tests.support.staff_browser import staff_member
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform

COMMENT = "More patrols on Bridge Street in the evenings, please."
OUTCOME = "You asked for more evening patrols on Bridge Street: two more officers patrol it from March."


async def test_an_officer_moderates_and_publishes_the_results(site: WebPlatform, browser: Browser, token) -> None:
    officer = bearer(token("cheshire", "engagement_officer"))
    consultation_id = await open_survey(site, officer)
    sent = await site.consultation.post(f"/v1/consultations/{consultation_id}/responses", json={
        "answers": {"priority": "asb", "comments": COMMENT}, "publish_consent": True})
    assert sent.status_code == 201, sent.text
    person = await staff_member(browser, site, name="Olu Officer", roles=["engagement_officer"])
    page, base = person.page, f"{site.url}/staff/consultations/{consultation_id}"
    try:
        await enter_a_paper_response(page, base)
        await moderate_the_comment(page, base)
        await print_the_poster(page, base)
        closed = await site.consultation.post(f"/v1/consultations/{consultation_id}/close", headers=officer)
        assert closed.status_code == 200, closed.text
        await publish_the_outcome(page, base)
        await publish_the_results(page, base)
        assert not unexpected_console_errors(person.console_errors)
    finally:
        await person.context.close()
    person.assert_only_local_requests()


async def open_survey(site: WebPlatform, officer: dict[str, str]) -> str:
    created = await site.consultation.post("/v1/consultations", json=SURVEY, headers=officer)
    assert created.status_code == 201, created.text
    consultation_id = created.json()["id"]
    opened = await site.consultation.post(f"/v1/consultations/{consultation_id}/publish", headers=officer)
    assert opened.status_code == 200, opened.text
    return consultation_id


async def enter_a_paper_response(page: Page, base: str) -> None:
    await page.goto(f"{base}/responses/new")
    assert await heading(page) == "Enter a response on a resident's behalf"
    await audit(page, "staff results: assisted entry")
    await page.get_by_label("Road safety").check()
    await page.get_by_role("button", name="Enter the response").click()
    await page.wait_for_selector(".govuk-error-summary")
    assert await page.locator(".govuk-error-summary a").all_inner_texts() == ["Select how the response came in"]
    assert await page.get_by_label("Road safety").is_checked()
    await audit(page, "staff results: assisted entry with an error")
    await page.get_by_label("Paper form").check()
    await page.get_by_role("button", name="Enter the response").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert "The response is entered" in await page.locator(".govuk-notification-banner").inner_text()
    await audit(page, "staff results: assisted entry done")


async def moderate_the_comment(page: Page, base: str) -> None:
    await page.goto(f"{base}/moderation")
    assert await heading(page) == "Moderation"
    assert COMMENT in await page.locator("main").inner_text()
    await audit(page, "staff results: moderation queue")
    await page.get_by_role("button", name="Save the decision").click()
    await page.wait_for_selector(".govuk-error-summary")
    assert await page.locator(".govuk-error-summary a").all_inner_texts() == [
        "Select approve or redact", "Enter the reason for your decision (at least 3 characters)"]
    await audit(page, "staff results: moderation with errors")
    await page.get_by_label("Approve: publish it").check()
    await page.get_by_label("Reason").fill("No personal details")
    await page.get_by_role("button", name="Save the decision").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert await page.locator("#none-awaiting").count() == 1
    assert "No personal details" in await page.locator("table").inner_text()
    await audit(page, "staff results: moderation done")


async def print_the_poster(page: Page, base: str) -> None:
    await page.goto(f"{base}/poster")
    assert await heading(page) == "Poster"
    assert await page.locator(".peel-poster__qr svg").count() == 1
    assert "/cheshire/c/" in await page.locator("#short-address").inner_text()
    await audit(page, "staff results: poster")
    await page.emulate_media(media="print")
    assert not await page.locator(".govuk-header").is_visible()
    await page.emulate_media(media="screen")


async def publish_the_outcome(page: Page, base: str) -> None:
    await page.goto(f"{base}/outcome")
    assert await heading(page) == "We asked, you said, we did"
    await audit(page, "staff results: outcome form")
    await page.get_by_role("button", name="Publish for residents").click()
    await page.wait_for_selector(".govuk-error-summary")
    assert await page.locator(".govuk-error-summary a").all_inner_texts() == ["Enter what you did, in English"]
    await audit(page, "staff results: outcome with an error")
    await page.get_by_label("In English").fill(OUTCOME)
    await page.get_by_role("button", name="Publish for residents").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert OUTCOME in await page.locator("#published-en").inner_text()
    await audit(page, "staff results: outcome published")


async def publish_the_results(page: Page, base: str) -> None:
    await both_responses_counted(page, base)
    assert await page.locator(".peel-chart svg").count() >= 1
    channels = await page.locator("#channel-counts").inner_text()
    assert "Online" in channels and "Paper form" in channels
    await audit(page, "staff results: results")
    await page.get_by_role("button", name="Publish the results").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert await page.get_by_role("button", name="Publish the results").count() == 0
    await audit(page, "staff results: results published")
    await page.get_by_label("Show the results of").select_option("paper")
    await page.get_by_role("button", name="Show", exact=True).click()
    assert (await page.locator("#responses").inner_text()).strip() == "1"
    await audit(page, "staff results: one channel's results")
    await page.goto(f"{base}/results/breakdown?by=area")
    assert await heading(page) == "Results by area"
    assert "Suppressed" in await page.locator("main").inner_text()
    await audit(page, "staff results: breakdown with suppressed groups")


async def both_responses_counted(page: Page, base: str) -> None:
    """The reporting service counts responses from their events: the page is read again until both are in."""
    for _ in range(100):
        await page.goto(f"{base}/results")
        if await page.locator("#responses").count() and (await page.locator("#responses").inner_text()).strip() == "2":
            return
        await asyncio.sleep(0.2)
    raise AssertionError("the reporting service never counted both responses")


def unexpected_console_errors(errors: list[str]) -> list[str]:
    """The console's errors but a form shown again with its errors (a 422) and the provider's own stylesheet."""
    return [error for error in errors if "status of 422" not in error and "cdn.jsdelivr.net" not in error]


async def heading(page: Page) -> str:
    return " ".join((await page.locator("h1").inner_text()).split())
