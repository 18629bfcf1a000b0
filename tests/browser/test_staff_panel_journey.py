"""Staff at work in Chromium. A Panel clerk schedules a Panel meeting, finds a resident's question in its queue,
accepts it, answers it (one error met and fixed on the way) and publishes it; the answer then shows on the resident
pages. An engagement officer finds a booking in the surgery diary, schedules a session, plans a rotation, adds a
neighbourhood meeting and confirms the quarter's attendance plan. Every page state is audited with axe."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.async_api import Browser, Page

from tests.support.browser import audit
from tests.support.panel import QUESTION, ask
from tests.support.scheduling_surgeries import PERSON, add_venue, book, surgery_day
from tests.support.scheduling_surgeries import schedule as schedule_surgery
from tests.support.staff_browser import staff_member
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform

ANSWER = "Twelve officers patrol Crewe town centre on Friday nights, with two PCSOs until midnight."
MEETING = "Police and Crime Panel, summer"


async def test_a_panel_clerk_answers_and_publishes_a_residents_question(site: WebPlatform, browser: Browser) -> None:
    person = await staff_member(browser, site, name="Pat Clerk", roles=["panel_clerk"])
    page = person.page
    try:
        meeting_id = await schedule_a_meeting(page, site)
        asked = await ask(site.consultation, meeting_id)
        assert asked.status_code == 201, asked.text
        await find_the_question(page)
        await decide_answer_and_publish(page)
        await page.goto(f"{site.url}/en/cheshire/panel/meetings/{meeting_id}")
        assert ANSWER in await page.locator("main").inner_text()
    finally:
        await person.context.close()


async def schedule_a_meeting(page: Page, site: WebPlatform) -> str:
    await page.goto(f"{site.url}/staff/panel")
    assert "No Panel meeting has been scheduled yet." in await page.locator("main").inner_text()
    await audit(page, "staff-panel-no-meetings")
    await page.get_by_role("link", name="Schedule a Panel meeting").click()
    await audit(page, "staff-panel-new-meeting")
    await page.get_by_role("button", name="Schedule the meeting").click()
    await page.wait_for_selector(".govuk-error-summary")
    await audit(page, "staff-panel-new-meeting-errors")
    await page.get_by_label("Name of the meeting in English").fill(MEETING)
    await page.get_by_label("Where it meets, in English").fill("Wyvern House, Winsford")
    await page.get_by_label("Day of the meeting").fill((date.today() + timedelta(days=60)).isoformat())
    await page.get_by_label("Starts at").fill("10:00")
    await page.get_by_role("button", name="Schedule the meeting").click()
    await page.wait_for_url("**/staff/panel/meetings/*")
    assert await heading(page) == MEETING
    assert "No questions here." in await page.locator("main").inner_text()
    await audit(page, "staff-panel-empty-queue")
    return page.url.rsplit("/", 1)[-1]


async def find_the_question(page: Page) -> None:
    await page.reload()
    assert "Awaiting a decision" in await page.locator("main").inner_text()
    await audit(page, "staff-panel-queue")
    await page.get_by_role("link", name=QUESTION["question"]).click()
    assert await heading(page) == "Question to the Panel"
    await audit(page, "staff-panel-question-received")


async def decide_answer_and_publish(page: Page) -> None:
    await page.get_by_role("button", name="Accept the question").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    await audit(page, "staff-panel-question-accepted")
    await page.get_by_role("button", name="Save the response").click()
    await page.wait_for_selector(".govuk-error-summary")
    assert await page.locator(".govuk-error-summary a").all_inner_texts() == ["Enter the response in English"]
    await audit(page, "staff-panel-answer-error")
    await page.get_by_label("Response in English").fill(ANSWER)
    await page.get_by_role("button", name="Save the response").click()
    await page.wait_for_selector("text=Publish it when it may be shown to residents")
    assert ANSWER in await page.locator("#response").inner_text()
    await audit(page, "staff-panel-question-answered")
    await page.get_by_role("button", name="Publish the question and response").click()
    await page.wait_for_selector("text=published on the resident pages")
    assert not await page.locator("main form").count()
    await audit(page, "staff-panel-question-published")


async def test_an_officer_sees_a_booking_in_the_surgery_diary(site: WebPlatform, browser: Browser, token) -> None:
    officer = bearer(token("cheshire", "engagement_officer"))
    session = await schedule_surgery(site.scheduling, officer, starts="10:00", ends="12:00")
    booked = await book(site.scheduling, session["id"], 2)
    assert booked.status_code == 201, booked.text
    person = await staff_member(browser, site, name="Sam Officer", roles=["engagement_officer"])
    page = person.page
    try:
        await page.goto(f"{site.url}/staff/surgeries")
        assert await heading(page) == "Surgery diary"
        await audit(page, "staff-surgery-diary")
        await page.locator(f"a[href='/staff/surgeries/sessions/{session['id']}']").click()
        await page.wait_for_url(f"**/staff/surgeries/sessions/{session['id']}")
        shown = await page.locator("main").inner_text()
        assert PERSON["name"] in shown and PERSON["topic"] in shown and "1 / " in shown
        await audit(page, "staff-surgery-session")
        await page.get_by_role("button", name="Cancel the session").click()
        await page.wait_for_selector(".govuk-error-summary")
        assert await page.locator(".govuk-error-summary a").all_inner_texts() == [
            "Enter why the session is cancelled"]
        await audit(page, "staff-surgery-session-error")
    finally:
        await person.context.close()


async def test_an_officer_plans_surgeries_and_neighbourhood_meetings(site: WebPlatform, browser: Browser,
                                                                     token) -> None:
    await add_venue(site.scheduling, bearer(token("cheshire", "engagement_officer")))
    person = await staff_member(browser, site, name="Sam Officer", roles=["engagement_officer"])
    page = person.page
    try:
        await schedule_a_session(page, site)
        await plan_a_rotation(page, site)
        await add_a_neighbourhood_meeting(page, site)
        await confirm_the_plan(page)
    finally:
        await person.context.close()


async def schedule_a_session(page: Page, site: WebPlatform) -> None:
    await page.goto(f"{site.url}/staff/surgeries/sessions/new")
    await audit(page, "staff-surgery-new-session")
    await page.get_by_label("Place").select_option(label="Crewe Library")
    await page.get_by_label("Day of the session").fill(surgery_day())
    await page.get_by_role("button", name="Schedule the session").click()
    await page.wait_for_url("**/staff/surgeries/sessions/*")
    assert "No one has booked yet." in await page.locator("main").inner_text()
    await audit(page, "staff-surgery-session-empty")


async def plan_a_rotation(page: Page, site: WebPlatform) -> None:
    await page.goto(f"{site.url}/staff/surgeries/rotation")
    await audit(page, "staff-surgery-rotation")
    await page.get_by_label("First month").fill("April")
    await page.get_by_role("button", name="Propose a plan").click()
    await page.wait_for_selector(".govuk-error-summary")
    await audit(page, "staff-surgery-rotation-errors")
    first = date.today().replace(day=1) + timedelta(days=62)
    await page.get_by_label("First month").fill(first.strftime("%Y-%m"))
    await page.get_by_label("Months to plan").fill("3")
    await page.get_by_label("Sessions a month").fill("1")
    await page.get_by_role("button", name="Propose a plan").click()
    await page.wait_for_selector("text=The proposed rotation")
    await audit(page, "staff-surgery-rotation-proposal")
    await page.get_by_role("button", name="Accept and schedule these sessions").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert await heading(page) == "Surgery diary"
    await audit(page, "staff-surgery-rotation-accepted")


async def add_a_neighbourhood_meeting(page: Page, site: WebPlatform) -> None:
    await page.goto(f"{site.url}/staff/meetings")
    assert await heading(page) == "Neighbourhood meetings"
    await audit(page, "staff-meetings-empty")
    await page.get_by_role("link", name="Add a neighbourhood meeting").click()
    await audit(page, "staff-meetings-new")
    await page.get_by_label("PACT or beat meeting").check()
    await page.get_by_label("Policing area").fill("Crewe")
    await page.get_by_label("Day of the meeting").fill(date.today().isoformat())
    await page.get_by_label("Starts at").fill("23:00")
    await page.get_by_label("Ends at").fill("23:30")
    await page.get_by_label("One of your venues").select_option(label="Crewe Library")
    await page.get_by_label("Who runs the meeting").fill("Sergeant Amelia Pryce")
    await page.get_by_role("button", name="Add the meeting").click()
    await page.wait_for_url("**/staff/meetings/*")
    assert await heading(page) == "PACT or beat meeting, Crewe"
    await audit(page, "staff-meetings-meeting")


async def confirm_the_plan(page: Page) -> None:
    await page.get_by_role("link", name="Back").click()
    await page.get_by_role("link", name="Attendance plan for").click()
    await page.wait_for_selector("text=No plan is confirmed for this quarter yet.")
    await audit(page, "staff-meetings-plan-proposal")
    await page.get_by_role("button", name="Confirm the plan").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    await audit(page, "staff-meetings-plan-confirmed")


async def heading(page: Page) -> str:
    return " ".join((await page.locator("h1").inner_text()).split())
