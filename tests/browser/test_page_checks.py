"""What every page must do, checked in Chromium on the consultation journey and the office's own pages: the journey
completed with the keyboard alone, a visible focus at every step; no sideways scrolling at 320 CSS px; a Welsh
twin of every English page, each linking to the other; axe on the office's pages; forged and foreign form posts
refused with nothing stored; no console errors and no request to another host (the ``resident`` fixture)."""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Page

from tests.support.browser import OpenResident, Resident, assert_reflows, audit, press_tab_until
from tests.support.browser_journeys import TENANT, Journey
from tests.support.consultation_journey import COMMENT, Respondent, open_demo, stored, text
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform

OFFICE_PAGES = {"home": "", "cookies": "cookies", "accessibility": "accessibility", "privacy": "privacy",
                "not-found": "no-such-page"}
EXPECTED_4XX = re.compile(r"Failed to load resource: the server responded with a status of (404|422) ")
BUTTON = "main .govuk-button"
RADIO = "main input[type=radio]"


@pytest.fixture
async def demo(site: WebPlatform, token) -> str:
    return await open_demo(site, bearer(token("cheshire", "engagement_officer")))


# ---------------------------------------------------------------------------------------------------------------
# The keyboard alone
# ---------------------------------------------------------------------------------------------------------------

async def test_the_consultation_can_be_completed_with_the_keyboard_alone(site: WebPlatform, demo: str,
                                                                         resident: OpenResident):
    journey = Journey("keyboard", "en", True, site.url, await resident(js=True))
    page = journey.page
    await journey.open(f"consultations/{demo}")

    await press_tab_until(page, ".govuk-skip-link", limit=1)
    await page.keyboard.press("Enter")
    await page.wait_for_function("document.activeElement.id === 'main-content'")
    await press_tab_until(page, ".govuk-button--start")
    await submit_with(page, "Enter")
    await answer_with_keys(page, RADIO, ["Space", "ArrowDown"])  # the second area
    await answer_with_keys(page, RADIO, ["Space", "ArrowDown"])  # roads, not rural crime
    await answer_with_keys(page, "main input[type=checkbox]", ["Space", "Tab", "Space"])
    await answer_with_keys(page, RADIO, ["Space", "ArrowDown", "ArrowDown"])  # 3 on the safety scale
    await answer_with_keys(page, "main textarea", [COMMENT])
    await answer_with_keys(page, "main input[name=answer]", ["CW1 2AB"])
    await answer_with_keys(page, "main input[name=answer]", [])  # no receipt
    await answer_with_keys(page, RADIO, ["Space"])  # publish
    await answer_with_keys(page, RADIO, ["Space", "ArrowDown"])  # no equality questions

    answers = await Respondent(journey, demo, audits=False).check_answers()
    assert answers[text("area", "en")] == text("area", "en", "cheshire_west")
    assert answers[text("priority", "en")] == text("priority", "en", "roads")
    assert answers[text("also", "en")] == f"{text('also', 'en', 'asb')} {text('also', 'en', 'roads')}"
    assert answers[text("safety", "en")].startswith("3")
    assert (answers[text("comments", "en")], answers["Postcode"], answers["Questions about yourself"]) == (
        COMMENT, "CW1 2AB", "No")
    await press_tab_until(page, "#send .govuk-button")
    await submit_with(page, "Enter")
    await journey.assert_heading("Response sent")
    journey.assert_no_script_errors()


async def answer_with_keys(page: Page, field: str, keys: list[str]) -> None:
    """Tab to the question's first field, press ``keys`` (or type the words), then Tab to Continue and press it."""
    await press_tab_until(page, field)
    for key in keys:
        await (page.keyboard.press(key) if key in KEYS else page.keyboard.type(key))
    await press_tab_until(page, BUTTON)
    await submit_with(page, "Enter")


KEYS = {"Space", "Tab", "Enter", "ArrowDown", "ArrowUp"}


async def submit_with(page: Page, key: str) -> None:
    async with page.expect_navigation():
        await page.keyboard.press(key)


# ---------------------------------------------------------------------------------------------------------------
# Reflow at 320 CSS px, and the Welsh twin of every page
# ---------------------------------------------------------------------------------------------------------------

async def test_every_page_reflows_and_has_its_welsh_twin(site: WebPlatform, demo: str, resident: OpenResident):
    journey = Journey("reflow", "en", False, site.url, await resident(js=False))
    shown = pages_shown(journey.page)
    answering = Respondent(journey, demo, audits=False, reflows=True)
    await answering.questions()
    await answering.details("reflow@example.org")
    await answering.audit("check")
    answered = list(dict.fromkeys(shown))  # start, 5 questions, 8 optional pages, check answers
    assert len(answered) == 15, answered
    for url in answered:
        await assert_twins(journey.page, url)

    await journey.visit(answered[-1])
    await answering.send()
    await a_code_with_no_break_in_it_wraps(journey.page)
    for url in [journey.page.url, *(office_page(site, "en", path) for path in OFFICE_PAGES.values())]:
        await assert_twins(journey.page, url)
    assert_no_console_errors_but_expected(journey.resident)


async def a_code_with_no_break_in_it_wraps(page: Page) -> None:
    """The withdrawal code is random: one with no hyphen (where a line may break) must fit a phone too."""
    code = page.locator("main code")
    token = await code.inner_text()
    await code.evaluate("(element, length) => { element.textContent = 'W'.repeat(length); }", len(token))
    await assert_reflows(page)


def pages_shown(page: Page) -> list[str]:
    """The address of every page the resident's tab shows, as it shows them."""
    shown: list[str] = []
    page.on("framenavigated", lambda frame: shown.append(frame.url) if frame == page.main_frame else None)
    return shown


def office_page(site: WebPlatform, lang: str, path: str) -> str:
    return f"{site.url}/{lang}/{TENANT}/{path}"


async def assert_twins(page: Page, english_url: str) -> None:
    """The page in English and in Welsh: each reflows at 320 px and its language navigation links to the other."""
    english = urlsplit(english_url)
    welsh_path = re.sub(r"^/en/", "/cy/", english.path)
    for lang, path, other, other_path in (("en", english.path, "cy", welsh_path), ("cy", welsh_path, "en",
                                                                                      english.path)):
        response = await page.goto(english_url.replace(english.path, path, 1))
        assert response is not None and response.status in (200, 404), f"{path}: {response and response.status}"
        assert await page.get_attribute("html", "lang") == lang, path
        link = page.locator(f"nav a[rel=alternate][hreflang={other}]")
        assert await link.get_attribute("href") == other_path, path
        await assert_reflows(page)


# ---------------------------------------------------------------------------------------------------------------
# The office's own pages: axe and reflow, in English and Welsh, with JavaScript off and on
# ---------------------------------------------------------------------------------------------------------------

async def test_the_office_pages_pass_axe_in_both_languages(site: WebPlatform, resident: OpenResident):
    audited = []
    for js in (False, True):
        visitor = await resident(js=js)
        for lang in ("en", "cy"):
            for name, path in OFFICE_PAGES.items():
                response = await visitor.page.goto(office_page(site, lang, path))
                assert response is not None and response.status == (404 if name == "not-found" else 200), path
                assert await visitor.page.get_attribute("html", "lang") == lang
                label = f"office-{lang}-{'js' if js else 'nojs'}-{name}"
                await audit(visitor.page, label)
                await assert_reflows(visitor.page)
                audited.append(label)
        assert_no_console_errors_but_expected(visitor)
    assert len(audited) == len(set(audited)) == 2 * 2 * len(OFFICE_PAGES)


def assert_no_console_errors_but_expected(visitor: Resident) -> None:
    """Nothing went wrong in the browser but the pages answering 404 (not there) or 422 (a form with errors)."""
    unexpected = [error for error in visitor.console_errors if not EXPECTED_4XX.match(error)]
    assert not unexpected, "the browser console reported errors:\n" + "\n".join(unexpected)


# ---------------------------------------------------------------------------------------------------------------
# Forged and foreign form posts
# ---------------------------------------------------------------------------------------------------------------

async def test_forged_or_foreign_posts_are_refused_and_a_repeated_send_stores_once(
        site: WebPlatform, demo: str, token, resident: OpenResident):
    officer = bearer(token("cheshire", "engagement_officer"))
    journey = Journey("csrf", "en", False, site.url, await resident(js=False))
    answering = Respondent(journey, demo, audits=False)
    await answering.start()
    question = journey.page.url
    real = await csrf_field(journey.page)
    for refused, fields, headers in forgeries(real, {"answer": "halton"}):
        answered = await journey.page.request.post(question, form=fields, headers=headers, max_redirects=0)
        assert answered.status == refused, (fields, headers, answered.status)
    await journey.page.reload()
    assert await journey.page.locator("input[name=answer]:checked").count() == 0

    await answering.area(with_error=False)
    await answering.priority()
    await answering.also()
    await answering.safety()
    await answering.comments()
    await answering.details("csrf@example.org")
    send = journey.page.url
    form = {"idempotency_key": str(uuid.uuid4())}
    for refused, fields, headers in forgeries(await csrf_field(journey.page), form):
        answered = await journey.page.request.post(send, form=fields, headers=headers, max_redirects=0)
        assert answered.status == refused, (fields, headers, answered.status)
    assert await stored(site, demo, officer) == 0
    sent_form = await form_fields(journey.page, "#send")
    await answering.send()
    assert await stored(site, demo, officer) == 1

    again = await journey.page.request.post(send, form=sent_form, max_redirects=0)
    assert (again.status, again.headers["location"]) == (303, urlsplit(journey.page.url).path)
    assert await stored(site, demo, officer) == 1
    journey.assert_no_script_errors()


async def form_fields(page: Page, form: str) -> dict[str, str]:
    return await page.locator(form).evaluate("form => Object.fromEntries(new FormData(form))")


async def csrf_field(page: Page) -> str:
    token = await page.locator("main form input[name=csrf_token]").last.get_attribute("value")
    assert token, page.url
    return token


def forgeries(real_token: str, fields: dict[str, str]) -> list[tuple[int, dict[str, str], dict[str, str]]]:
    """The posts to refuse: (the status, the form, the headers): a forged token, none, or another site's page."""
    return [
        (400, {**fields, "csrf_token": real_token[:-4] + "AAAA"}, {}),
        (400, {**fields, "csrf_token": "not-a-token"}, {}),
        (400, fields, {}),
        (403, {**fields, "csrf_token": real_token}, {"Origin": "https://attacker.example"}),
    ]
