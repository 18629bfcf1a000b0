"""An engagement officer runs a citizens' assembly's selection in Chromium with JavaScript off: sets one up (one
error met and fixed on the way), opens another whose registrants volunteered through the public API, makes
invitation codes, runs the selection, follows the progress page (the browser reloads it by itself) to the result and
sees the probabilities chart; then runs the assembly: a meeting and its attendance, a speaker, a member's access
needs, an expense, and the office's response to a recommendation. Every page state is audited with axe."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
from playwright.async_api import Browser, Page, expect

from peel.scheduling.assemblies.domain.registration import FASTEST_HUMAN
from tests.support.browser import audit
from tests.support.scheduling_assemblies import ASSEMBLY
from tests.support.staff_browser import staff_member
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform

VOLUNTEERS = [("Female", "16-39"), ("Male", "40+"), ("Female", "40+"), ("Male", "16-39"), ("Female", "16-39"),
              ("Male", "40+"), ("Female", "40+"), ("Male", "16-39"), ("Female", "40+"), ("Male", "40+")]


async def test_an_officer_runs_a_selection_and_sees_the_chances(site: WebPlatform, browser: Browser, token) -> None:
    staff = bearer(token("cheshire", "engagement_officer"))
    assembly = await assembly_with_volunteers(site.scheduling, staff)
    officer = await staff_member(browser, site, name="Sam Officer", roles=["engagement_officer"], js=False)
    page = officer.page
    try:
        await set_one_up(page, site)
        await open_the_assembly(page, site, assembly)
        await make_invitation_codes(page)
        await run_the_selection(page)
        await see_the_result(page)
        await plan_a_meeting_and_record_attendance(page)
        await add_a_speaker(page)
        member = await note_access_needs(page)
        await claim_an_expense(page, member)
        await answer_a_recommendation(page)
    finally:
        await officer.context.close()


async def assembly_with_volunteers(client: httpx.AsyncClient, staff: dict) -> dict:
    """An assembly taking registrations, with ten volunteers registered as residents do (each from their address)."""
    closes = datetime.now(UTC) + timedelta(days=30)
    body = ASSEMBLY | {"title": {"en": "Safer streets", "cy": "Strydoedd mwy diogel"},
                       "honorarium_per_meeting_pence": 5000,
                       "registration_closes_at": closes.isoformat(),
                       "replacement_deadline": (closes + timedelta(days=60)).date().isoformat()}
    created = await client.post("/v1/scheduling/assemblies", json=body, headers=staff)
    assert created.status_code == 201, created.text
    assembly = created.json()
    codes = await client.post(f"/v1/scheduling/assemblies/{assembly['id']}/invitations",
                              json={"count": len(VOLUNTEERS)}, headers=staff)
    assert codes.status_code == 201, codes.text
    forms = [await client.get(f"/v1/public/assemblies/{assembly['id']}/registration-form",
                              headers=_from(number)) for number in range(len(VOLUNTEERS))]
    await asyncio.sleep(FASTEST_HUMAN.total_seconds() + 0.5)  # a person's pace between the form and sending it
    for number, ((sex, age), code, form) in enumerate(zip(VOLUNTEERS, codes.json(), forms, strict=True)):
        person = {"invitation_code": code, "name": f"Volunteer {number}", "email": f"v{number}@example.org",
                  "address_line": f"{number} Market Street", "postcode": "CW1 2AB",
                  "features": {"Sex": sex, "Age": age}, "form_token": form.json()["form_token"]}
        sent = await client.post(f"/v1/public/assemblies/{assembly['id']}/registrations", json=person,
                                 headers=_from(number))
        assert sent.status_code == 201, sent.text
    return assembly


def _from(number: int) -> dict[str, str]:
    return {"X-Forwarded-For": f"198.51.100.{number + 10}"}


async def heading(page: Page) -> str:
    return " ".join((await page.locator("h1").inner_text()).split())


async def set_one_up(page: Page, site: WebPlatform) -> None:
    await page.goto(f"{site.url}/staff/assemblies")
    assert await heading(page) == "Citizens' assemblies"
    await audit(page, "staff-assemblies")
    await page.get_by_role("button", name="Set up an assembly").click()
    assert await heading(page) == "Set up an assembly"
    await audit(page, "staff-assembly-set-up")
    await page.get_by_label("Title in English").fill("Rural crime")
    await page.get_by_role("button", name="Set up the assembly").click()
    errors = await page.locator(".govuk-error-summary a").all_inner_texts()
    assert "Enter the question the assembly answers" in errors and "Enter the panel size as a number, such as 40" in \
        errors
    await audit(page, "staff-assembly-set-up-errors")
    await page.get_by_label("The question the assembly answers, in English").fill("How should we tackle rural crime?")
    await page.get_by_label("Areas").fill("crewe")
    await page.get_by_label("Panel size").fill("7")
    await page.get_by_label("Quotas").fill("Sex, Female, 3, 4\nSex, Male, 3, 4")
    await page.get_by_label("Registration closes on").fill((datetime.now(UTC) + timedelta(days=20)).date().isoformat())
    await page.get_by_label("Last day to replace members who drop out").fill(
        (datetime.now(UTC) + timedelta(days=60)).date().isoformat())
    await page.get_by_role("button", name="Set up the assembly").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert await heading(page) == "Rural crime"
    assert "No one has registered yet." in await page.locator("main").inner_text()
    await audit(page, "staff-assembly-created")


async def open_the_assembly(page: Page, site: WebPlatform, assembly: dict) -> None:
    await page.goto(f"{site.url}/staff/assemblies")
    await page.get_by_role("link", name="Safer streets").click()
    assert await heading(page) == "Safer streets"
    await page.get_by_text("10 registrants").click()
    assert "Volunteer 3" in await page.locator("#registrant-list").inner_text()
    await audit(page, "staff-assembly-pool")


async def make_invitation_codes(page: Page) -> None:
    await page.get_by_role("button", name="Make invitation codes").click()
    assert await page.locator(".govuk-error-summary a").all_inner_texts() == [
        "Enter how many households to invite, from 1 to 20,000"]
    await audit(page, "staff-assembly-invitations-error")
    await page.get_by_label("How many households to invite").fill("3")
    await page.get_by_role("button", name="Make invitation codes").click()
    assert await heading(page) == "Invitation codes"
    assert await page.locator("#codes .peel-code").count() == 3
    await audit(page, "staff-assembly-invitation-codes")
    await page.get_by_role("link", name="Back to the assembly").click()


async def run_the_selection(page: Page) -> None:
    await page.get_by_role("button", name="Run the selection").click()
    await page.wait_for_url("**/selections/**")
    if await heading(page) == "Selection in progress":
        await audit(page, "staff-assembly-selection-running")
    await expect(page.locator("h1")).to_have_text("Selection result", timeout=120_000)  # the browser reloads it


async def see_the_result(page: Page) -> None:
    await expect(page.locator("svg.peel-chart__svg")).to_be_visible()
    groups = await page.locator(".peel-chart__table tbody tr").all_inner_texts()
    assert groups and all("%" in row for row in groups)
    assert any("Age: 16-39, Sex: Female" in row for row in groups)
    panel = await page.locator("#panel-quotas tbody tr").all_inner_texts()
    assert len(panel) == 4
    assert await page.locator("#selected li").count() == 7
    await audit(page, "staff-assembly-selection-result")
    await page.get_by_role("link", name="Back to the assembly").click()
    assert "Volunteer" in await page.locator("#panel-members").inner_text()
    await audit(page, "staff-assembly-selected")


async def back_to_the_assembly(page: Page) -> None:
    await page.get_by_role("link", name="Back", exact=True).click()
    assert await heading(page) == "Safer streets"


async def plan_a_meeting_and_record_attendance(page: Page) -> None:
    await page.get_by_role("link", name="Meetings and attendance").click()
    assert "No meetings are planned yet." in await page.locator("main").inner_text()
    await audit(page, "staff-assembly-meetings-none")
    await page.get_by_role("button", name="Add the meeting").click()
    assert "Enter the meeting's title" in await page.locator(".govuk-error-summary a").all_inner_texts()
    await audit(page, "staff-assembly-meeting-errors")
    await page.get_by_label("Title").fill("Workshop 1: what we heard")
    await page.get_by_label("Online").check()
    await page.get_by_label("Day").fill((datetime.now(UTC) - timedelta(days=1)).date().isoformat())
    await page.get_by_label("Starts at").fill("18:30")
    await page.get_by_label("Ends at").fill("20:30")
    await page.get_by_role("button", name="Add the meeting").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    await audit(page, "staff-assembly-meeting-added")
    await page.get_by_role("link", name="Record attendance").click()
    await audit(page, "staff-assembly-attendance")
    boxes = page.locator("input[name=attended]")
    await boxes.nth(0).check()
    await boxes.nth(1).check()
    await page.get_by_role("button", name="Record attendance").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert "Recorded" in await page.locator("#meetings").inner_text()
    await audit(page, "staff-assembly-attendance-recorded")
    await back_to_the_assembly(page)


async def add_a_speaker(page: Page) -> None:
    await page.get_by_role("link", name="Speakers").click()
    await audit(page, "staff-assembly-speakers-none")
    await page.get_by_label("Name").fill("Dr Ada Lane")
    await page.get_by_label("Organisation").fill("University of Chester")
    await page.get_by_label("Topic").fill("The night-time economy")
    await page.get_by_label("Interests declared").fill("None declared")
    await page.get_by_role("button", name="Add the speaker").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert "Dr Ada Lane" in await page.locator("#speakers").inner_text()
    await audit(page, "staff-assembly-speaker-added")
    await back_to_the_assembly(page)


async def note_access_needs(page: Page) -> str:
    """The first member's access needs; answers their name."""
    member = (await page.locator("#panel-members tbody tr td").first.inner_text()).strip()
    await page.locator("#panel-members a").first.click()
    assert await heading(page) == f"Access needs: {member}"
    await audit(page, "staff-assembly-access-needs")
    await page.get_by_label("A hearing loop").check()
    await page.get_by_label("Details (optional)").fill("Sits near the front")
    await page.get_by_role("button", name="Save the access needs").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert await page.get_by_label("A hearing loop").is_checked()
    await audit(page, "staff-assembly-access-needs-saved")
    await back_to_the_assembly(page)
    return member


async def claim_an_expense(page: Page, member: str) -> None:
    await page.get_by_role("link", name="Payments").click()
    assert "£50.00" in await page.locator("#payments").inner_text()
    await audit(page, "staff-assembly-payments")
    await page.get_by_label("Member", exact=True).select_option(label=member)
    await page.get_by_label("Meeting", exact=True).select_option(label="Workshop 1: what we heard")
    await page.get_by_label("Travel").check()
    await page.get_by_label("Amount in pounds").fill("12.50")
    await page.get_by_role("button", name="Claim the expense").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert "£62.50" in await page.locator("#payments").inner_text()
    await audit(page, "staff-assembly-expense-claimed")
    await back_to_the_assembly(page)


async def answer_a_recommendation(page: Page) -> None:
    await page.get_by_role("link", name="Recommendations and responses").click()
    await audit(page, "staff-assembly-recommendations-none")
    await page.get_by_label("The recommendation in English").fill("Light the station underpass all night")
    await page.get_by_label("Members supporting it").fill("85")
    await page.get_by_role("button", name="Add the recommendation").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    await audit(page, "staff-assembly-recommendation-added")
    await page.get_by_label("Accepted", exact=True).check()
    await page.get_by_role("button", name="Publish the response").click()
    assert await page.locator(".govuk-error-summary a").all_inner_texts() == [
        "Enter the reasons for the decision", "Enter when it will be done, as year-month-day"]
    await audit(page, "staff-assembly-response-errors")
    await page.get_by_label("Reasons").fill("The council will light it from the spring.")
    await page.get_by_label("To be done by (unless not accepted)").fill("2027-04-30")
    await page.get_by_role("button", name="Publish the response").click()
    await page.wait_for_selector(".govuk-notification-banner--success")
    assert "The council will light it from the spring." in await page.locator("main").inner_text()
    await audit(page, "staff-assembly-response-published")
