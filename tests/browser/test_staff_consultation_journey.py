"""An engagement officer builds a bilingual survey with routing in Chromium and publishes it; a resident answers it
on the resident pages, the question routing shows only after its answer. Every builder page state is audited with
axe. A second survey is built and published with the keyboard alone (Tab, Shift+Tab, Enter and Space, and typing
into fields), never a click."""

from __future__ import annotations

from datetime import date

from playwright.async_api import Browser, Locator, Page

from tests.support.browser import OpenResident, audit, press_tab_until
from tests.support.consultation_journey import stored
from tests.support.staff_browser import PROVIDER_STYLESHEET, staff_member
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform

TITLE = {"en": "Feeling safe where you live", "cy": "Teimlo'n ddiogel lle rydych chi'n byw"}
SAFE = {"en": "Do you feel safe in your neighbourhood?", "cy": "Ydych chi'n teimlo'n ddiogel yn eich cymdogaeth?"}
SAFER = {"en": "What would make you feel safer?", "cy": "Beth fyddai'n gwneud i chi deimlo'n fwy diogel?"}
YEAR = str(date.today().year + 1)


async def test_an_officer_builds_and_publishes_a_bilingual_survey_a_resident_answers(
        site: WebPlatform, browser: Browser, resident: OpenResident, token) -> None:
    officer = await staff_member(browser, site, name="Eve Officer", roles=["engagement_officer"])
    page = officer.page
    try:
        await create_the_draft(page, site)
        await add_the_questions(page)
        await route_and_check(page)
        await preview_and_publish(page)
        consultation_id = page.url.split("/staff/consultations/")[1].split("?")[0]
        assert unexpected(officer.console_errors) == []
    finally:
        await officer.context.close()
    answering = await resident()
    await answer_as_a_resident(answering.page, site, consultation_id)
    assert await stored(site, consultation_id, bearer(token("cheshire", "engagement_officer"))) == 1
    answering.assert_no_console_errors()


async def create_the_draft(page: Page, site: WebPlatform) -> None:
    await page.goto(f"{site.url}/staff/consultations")
    assert await heading(page) == "Consultations"
    assert await page.locator("#no-consultations").count() == 1
    await audit(page, "staff-consultations-empty")
    await go(page.get_by_role("button", name="Create a consultation"))
    assert await heading(page) == "Create a consultation"
    await audit(page, "staff-consultation-new")
    await go(page.get_by_role("button", name="Create the draft"))
    assert await errors(page) == ["Choose the kind of consultation", "Enter the title in English",
                                  "Enter a real closing date, such as 31 3 2027"]
    await audit(page, "staff-consultation-new-error")
    await page.get_by_label("Survey", exact=True).check()
    await page.get_by_label("Title in English", exact=True).fill(TITLE["en"])
    await page.get_by_label("Title in Welsh (Cymraeg)", exact=True).fill(TITLE["cy"])
    assert await page.get_by_label("Title in Welsh (Cymraeg)", exact=True).get_attribute("lang") == "cy"
    await fill_date(page, "closes", "31", "3", YEAR)
    await go(page.get_by_role("button", name="Create the draft"))
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert await heading(page) == TITLE["en"]
    await audit(page, "staff-consultation-task-list-created")


async def add_the_questions(page: Page) -> None:
    await go(page.get_by_role("link", name="Questions", exact=True))
    assert await heading(page) == "Questions"
    await audit(page, "staff-consultation-questions-starter")
    await add_question(page, "Choose one option", SAFE, options=("Yes\nNo", "Ydw\nNac ydw"), with_error=True)
    await add_question(page, "Free text", SAFER)
    await go(page.get_by_role("link", name="Remove Is there anything else you would like to tell us?"))
    assert await heading(page) == "Remove this question?"
    await audit(page, "staff-consultation-question-remove")
    await go(page.get_by_role("button", name="Remove the question"))
    titles = await page.locator("#questions h2").all_inner_texts()
    assert [" ".join(t.split()) for t in titles] == [f"1. {SAFE['en']}", f"2. {SAFER['en']}"]
    await audit(page, "staff-consultation-questions")


async def add_question(page: Page, kind: str, text: dict[str, str], options: tuple[str, str] | None = None,
                       with_error: bool = False) -> None:
    await go(page.get_by_role("button", name="Add a question"))
    await audit(page, f"staff-consultation-question-type-{kind}")
    await page.get_by_label(kind, exact=True).check()
    await go(page.get_by_role("button", name="Continue"))
    assert await heading(page) == "Add a question"
    await audit(page, f"staff-consultation-question-form-{kind}")
    if with_error:
        await go(page.get_by_role("button", name="Save the question"))
        assert await errors(page) == ["Enter the question in English",
                                      "Enter at least two options in English, one on each line"]
        await audit(page, "staff-consultation-question-error")
    await page.get_by_label("Question in English", exact=True).fill(text["en"])
    await page.get_by_label("Question in Welsh (Cymraeg)", exact=True).fill(text["cy"])
    if options:
        await page.get_by_label("Options, one on each line, in English", exact=True).fill(options[0])
        await page.get_by_label("Options, one on each line, in Welsh (Cymraeg)", exact=True).fill(options[1])
    await go(page.get_by_role("button", name="Save the question"))
    await page.wait_for_selector("text=Question saved")


async def route_and_check(page: Page) -> None:
    await go(page.get_by_role("link", name=f"Routing {SAFER['en']}"))
    assert await heading(page) == f"{TITLE['en']} When is this question shown?"
    await audit(page, "staff-consultation-question-routing")
    await page.get_by_label(f"Only if the answer to “{SAFE['en']}” is “No”").check()
    await go(page.get_by_role("button", name="Save"))
    assert await heading(page) == "Routing"
    assert f"Shown only if the answer to “{SAFE['en']}” is “No”" in await page.locator("#routing").inner_text()
    await audit(page, "staff-consultation-routing")
    await go(page.get_by_role("link", name="Back to the task list"))
    await go(page.get_by_role("link", name="Check the Welsh"))
    assert await page.locator("#welsh-complete").count() == 1
    await audit(page, "staff-consultation-welsh")
    await go(page.get_by_role("link", name="Back to the task list"))
    await go(page.get_by_role("link", name="Title, summary and dates"))
    await audit(page, "staff-consultation-details")
    await page.get_by_label("Refuse to publish until every text has its Welsh").check()
    await go(page.get_by_role("button", name="Save"))
    assert await heading(page) == TITLE["en"]


async def preview_and_publish(page: Page) -> None:
    await go(page.get_by_role("link", name="Preview"))
    assert await heading(page) == SAFE["en"]
    await audit(page, "staff-consultation-preview")
    await go(page.get_by_role("link", name="Gweld yn Gymraeg"))
    assert await heading(page) == SAFE["cy"] and await page.locator("html").get_attribute("lang") == "cy"
    await audit(page, "staff-consultation-preview-welsh")
    await go(page.get_by_role("link", name="Y cwestiwn nesaf"))
    assert await heading(page) == SAFER["cy"]
    await go(page.get_by_role("link", name="View in English"))
    await go(page.get_by_role("link", name="Back to the task list"))
    await go(page.get_by_role("link", name="Publish or schedule"))
    await audit(page, "staff-consultation-publish")
    await page.get_by_label("Later, on a date I choose").check()
    await fill_date(page, "opens", "1", "1", "2020")
    await go(page.get_by_role("button", name="Publish"))
    assert await errors(page) == ["The opening date must be in the future"]
    await audit(page, "staff-consultation-publish-error")
    await page.get_by_label("Now", exact=True).check()
    await go(page.get_by_role("button", name="Publish"))
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert "Open" in await page.locator(".govuk-summary-list").inner_text()
    await audit(page, "staff-consultation-published")


async def answer_as_a_resident(page: Page, site: WebPlatform, consultation_id: str) -> None:
    await page.goto(f"{site.url}/cy/cheshire/consultations/{consultation_id}")
    assert await heading(page) == TITLE["cy"]
    await page.goto(f"{site.url}/en/cheshire/consultations/{consultation_id}")
    assert await heading(page) == TITLE["en"]
    await go(page.get_by_role("button", name="Start now"))
    assert await heading(page) == SAFE["en"]
    await page.get_by_label("No", exact=True).check()
    await go(page.get_by_role("button", name="Continue"))
    assert await heading(page) == SAFER["en"]
    await page.get_by_role("textbox").fill("More officers on foot in the evenings")
    await go(page.get_by_role("button", name="Continue"))
    await go(page.get_by_role("button", name="Continue"))  # no postcode
    await go(page.get_by_role("button", name="Continue"))  # no receipt
    await page.get_by_label("Yes, you can publish it").check()
    await go(page.get_by_role("button", name="Continue"))
    await page.get_by_label("No, skip these questions").check()
    await go(page.get_by_role("button", name="Continue"))
    assert await heading(page) == "Check your answers"
    await go(page.get_by_role("button", name="Send my response"))
    assert await heading(page) == "Response sent"


async def test_the_survey_builder_is_completed_with_the_keyboard_alone(site: WebPlatform, browser: Browser) -> None:
    officer = await staff_member(browser, site, name="Kim Keyboard", roles=["engagement_officer"])
    page = officer.page
    try:
        await page.goto(f"{site.url}/staff/consultations")
        await press_tab_until(page, "a.govuk-button[href='/staff/consultations/new']")
        await press_and_wait(page, "Enter")
        await press_tab_until(page, "#kind")
        await page.keyboard.press("Space")
        await type_into(page, "#title-en", "Evening patrols")
        await type_into(page, "#title-cy", "Patrolau gyda'r nos")
        await type_into(page, "#closes-day", "30")
        await type_into(page, "#closes-month", "6")
        await type_into(page, "#closes-year", YEAR)
        await press_tab_until(page, "button.govuk-button:not(.peel-link-button)")
        await press_and_wait(page, "Enter")
        assert await heading(page) == "Evening patrols"
        await keyboard_question(page)
        await keyboard_publish(page)
        assert unexpected(officer.console_errors) == []
    finally:
        await officer.context.close()


async def keyboard_question(page: Page) -> None:
    await press_tab_until(page, "a.govuk-task-list__link[href$='/questions']")
    await press_and_wait(page, "Enter")
    await press_tab_until(page, "a.govuk-button[href$='/questions/new']")
    await press_and_wait(page, "Enter")
    await press_tab_until(page, "input[name=type]")
    await page.keyboard.press("Space")
    await press_tab_until(page, "button.govuk-button:not(.peel-link-button)")
    await press_and_wait(page, "Enter")
    await type_into(page, "#text-en", "Have you seen an evening patrol?")
    await type_into(page, "#text-cy", "Ydych chi wedi gweld patrôl gyda'r nos?")
    await type_into(page, "#options-en", "Yes\nNo")
    await type_into(page, "#options-cy", "Do\nNaddo")
    await page.keyboard.press("Shift+Tab")  # back to the Welsh options, then on again to the button
    await press_tab_until(page, "button.govuk-button:not(.peel-link-button)")
    await press_and_wait(page, "Enter")
    assert "Have you seen an evening patrol?" in await page.locator("#questions").inner_text()


async def keyboard_publish(page: Page) -> None:
    await press_tab_until(page, "main p.govuk-body > a.govuk-link", 60)  # "Back to the task list"
    await press_and_wait(page, "Enter")
    await press_tab_until(page, "a.govuk-task-list__link[href$='/publish']", 60)
    await press_and_wait(page, "Enter")
    await press_tab_until(page, "#when")
    await page.keyboard.press("Space")
    await press_tab_until(page, "button.govuk-button:not(.peel-link-button)")
    await press_and_wait(page, "Enter")
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert "Open" in await page.locator(".govuk-summary-list").inner_text()


def unexpected(console_errors: list[str]) -> list[str]:
    """The console's errors but the 422s of the forms' error states met on purpose and the provider's look."""
    return [error for error in console_errors if "status of 422" not in error and PROVIDER_STYLESHEET not in error]


async def go(target: Locator) -> None:
    """Follow a link or press a button, and wait for the page it leads to."""
    async with target.page.expect_navigation():
        await target.click()


async def type_into(page: Page, selector: str, text: str) -> None:
    await press_tab_until(page, selector)
    await page.keyboard.type(text)


async def press_and_wait(page: Page, key: str) -> None:
    async with page.expect_navigation():
        await page.keyboard.press(key)


async def fill_date(page: Page, name: str, day: str, month: str, year: str) -> None:
    for part, value in (("day", day), ("month", month), ("year", year)):
        await page.locator(f"#{name}-{part}").fill(value)


async def errors(page: Page) -> list[str]:
    return [" ".join(t.split()) for t in await page.locator(".govuk-error-summary a").all_inner_texts()]


async def heading(page: Page) -> str:
    return " ".join((await page.locator("h1").inner_text()).split())


async def test_each_kind_of_consultation_is_started_and_its_own_pages_pass_axe(site: WebPlatform, browser: Browser,
                                                                               token) -> None:
    admin = bearer(token("cheshire", "admin"))
    settings = await site.consultation.put("/v1/precept-settings", headers=admin, json={
        "band_d_current": "250.00", "referendum_limit": {"percent": "2.99"}})
    assert settings.status_code == 200, settings.text
    officer = await staff_member(browser, site, name="Ola Officer", roles=["engagement_officer"])
    page = officer.page
    try:
        await start_a_precept(page, site)
        await start_a_plan(page, site)
        await start_a_budget_simulator(page, site)
        assert unexpected(officer.console_errors) == []
    finally:
        await officer.context.close()


async def start(page: Page, site: WebPlatform, kind: str, title: str) -> None:
    await page.goto(f"{site.url}/staff/consultations/new")
    await page.get_by_label(kind, exact=True).check()
    await page.get_by_label("Title in English", exact=True).fill(title)
    await fill_date(page, "closes", "30", "9", YEAR)


async def start_a_precept(page: Page, site: WebPlatform) -> None:
    await start(page, site, "Precept", "Policing precept")
    await page.get_by_text("For a precept consultation: the Band D options").click()
    await page.get_by_label("Band D changes in pounds a year, separated by commas").fill("0, 5, 10")
    await go(page.get_by_role("button", name="Check the options against the referendum limit"))
    checks = await page.locator("tbody").last.inner_text()
    assert checks.count("Within the limit") == 2 and checks.count("Above the limit: needs a referendum") == 1
    await audit(page, "staff-consultation-new-precept-check")
    await go(page.get_by_role("button", name="Create the draft"))
    await go(page.get_by_role("link", name="Precept options"))
    assert "Above the limit: needs a referendum" in await page.locator("#precept-options").inner_text()
    await audit(page, "staff-consultation-precept")
    await page.locator("#options").fill("0, 5")
    await go(page.get_by_role("button", name="Save the options"))
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert "Above the limit" not in await page.locator("#precept-options").inner_text()
    await audit(page, "staff-consultation-precept-saved")
    await go(page.get_by_role("link", name="Back"))
    await go(page.get_by_role("link", name="Preview"))
    assert await page.locator("#preview table").count() == 2  # one for each Band D option
    await audit(page, "staff-consultation-preview-precept")


async def start_a_plan(page: Page, site: WebPlatform) -> None:
    await start(page, site, "Draft Police and Crime Plan", "Police and Crime Plan 2027")
    await page.get_by_text("For a draft Police and Crime Plan: its first section").click()
    await page.locator("#section-1-title-en").fill("Safer roads")
    await page.locator("#section-1-summary-en").fill("Fewer people hurt on our roads.")
    await page.locator("#section-2-title-en").fill("Tackling drugs")
    await page.locator("#section-2-summary-en").fill("Closing down drug lines.")
    await go(page.get_by_role("button", name="Create the draft"))
    await go(page.get_by_role("link", name="Plan sections"))
    await audit(page, "staff-consultation-sections")
    await page.locator("#section-safer_roads-title-cy").fill("Ffyrdd mwy diogel")
    await go(page.get_by_role("button", name="Save"))
    assert await page.locator("#section-safer_roads-title-cy").input_value() == "Ffyrdd mwy diogel"
    assert await page.locator("#section-tackling_drugs-title-en").input_value() == "Tackling drugs"
    await audit(page, "staff-consultation-sections-saved")


async def start_a_budget_simulator(page: Page, site: WebPlatform) -> None:
    await start(page, site, "Budget simulator", "Balance the budget")
    await go(page.get_by_role("button", name="Create the draft"))
    await go(page.get_by_role("link", name="Budget lines"))
    assert await heading(page) == "Change the question"
    await audit(page, "staff-consultation-budget-lines")
    await page.locator("#line-0-spend").fill("2500000")
    await page.locator("#line-1-en").fill("Roads policing")
    for part, value in (("spend", "900000"), ("min", "-20"), ("max", "5"), ("step", "5")):
        await page.locator(f"#line-1-{part}").fill(value)
    await go(page.get_by_role("button", name="Save the question"))
    await go(page.get_by_role("link", name="Back to the task list"))
    assert "Completed" in await page.locator("#task-budget-status").inner_text()
