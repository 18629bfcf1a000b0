"""A resident books a surgery appointment in Chromium (triage first, one question a page, one error met and fixed),
then cancels it from the link in the confirmation email the local mail sink received; in English and Welsh, with
JavaScript off and on."""

from __future__ import annotations

import re

from tests.support.browser import OpenResident
from tests.support.browser_journeys import Journey, first_email_to, journeys, link_in, someone
from tests.support.scheduling_surgeries import schedule
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform

TOPIC = "Speeding on Nantwich Road, near the school"


async def test_a_resident_books_a_surgery_and_cancels_it_from_the_emailed_link(site: WebPlatform,
                                                                                resident: OpenResident, token):
    staff = bearer(token("cheshire", "engagement_officer"))
    session = await schedule(site.scheduling, staff, starts="10:00", ends="12:00")
    audited = []
    async for journey in journeys(resident, site.url, "surgery"):
        person = someone(journey)
        await book(journey, person)
        booking = await staff_booking(site, staff, session["id"], person["name"])
        assert (booking["status"], booking["enquiry"]["topic"]) == ("confirmed", TOPIC)

        confirmation = await first_email_to(site.sink.received, person["email"])
        cancel_link = link_in(confirmation, re.escape(site.url) + f"/{journey.lang}/bookings/{booking['id']}/cancel"
                                                                    r"\?token=[^\s>]+")
        await cancel(journey, cancel_link)
        cancelled = await site.scheduling.get(f"/v1/scheduling/bookings/{booking['id']}", headers=staff)
        assert cancelled.json()["status"] == "cancelled", cancelled.text
        journey.assert_no_script_errors()
        audited += journey.audited
    assert len(audited) == len(set(audited)) == 4 * 16


async def book(journey: Journey, person: dict[str, str]) -> None:
    await journey.open("surgeries")
    await journey.assert_heading("Book a surgery appointment")
    await journey.audit("sessions")
    await journey.follow(journey.page.locator("main h2 a"))
    await journey.audit("session")
    await journey.press("Book an appointment")

    await journey.assert_heading("Is someone in danger, or is a crime happening now?")
    await journey.audit("emergency")
    await journey.assert_reflows()
    errors = await journey.press_empty("Continue")
    assert errors == [journey.say("Select yes if someone is in danger or a crime is happening now")]
    await journey.choose("No")
    await journey.audit("emergency-filled")
    await journey.press("Continue")
    await yes_no(journey, "complaint", "Is it a complaint about a police officer or member of police staff?")
    await yes_no(journey, "victim", "Are you a victim of crime?")
    await answer_the_questions(journey, person)

    await journey.assert_heading("Check your answers")
    assert person["name"] in await journey.page.locator(".govuk-summary-list").last.inner_text()
    await journey.audit("check")
    await journey.press("Book the appointment")
    await journey.assert_heading("Appointment booked")
    await journey.audit("booked")


async def yes_no(journey: Journey, step: str, question: str) -> None:
    await journey.assert_heading(question)
    await journey.audit(step)
    await journey.choose("No")
    await journey.press("Continue")


async def answer_the_questions(journey: Journey, person: dict[str, str]) -> None:
    await journey.assert_heading("Choose a time")
    await journey.audit("slot")
    await journey.page.get_by_role("radio").first.check()
    await journey.press("Continue")

    await journey.assert_heading("What is your name?")
    await journey.audit("name")
    await journey.fill("What is your name?", person["name"])
    await journey.press("Continue")

    await journey.assert_heading("How can we contact you?")
    await journey.audit("contact")
    await journey.fill("Email address", person["email"])
    await journey.press("Continue")

    await journey.audit("area")
    await journey.page.get_by_label(journey.say("Where do you live?")).fill("CW1")
    await journey.press("Continue")

    await journey.assert_heading("What would you like to talk about?")
    await journey.audit("topic")
    await journey.choose("Road safety")
    await journey.fill("What would you like to raise?", TOPIC)
    await journey.press("Continue")


async def cancel(journey: Journey, link: str) -> None:
    await journey.visit(link)
    await journey.assert_heading("Are you sure you want to cancel your appointment?")
    await journey.audit("cancel")
    await journey.press("Yes, cancel the appointment")
    await journey.assert_heading("Your surgery appointment")
    banner = journey.page.locator(".govuk-notification-banner")
    assert journey.say("Your appointment is cancelled") in await banner.inner_text()
    await journey.audit("cancelled")


async def staff_booking(site: WebPlatform, staff: dict, session_id: str, name: str) -> dict:
    """The booking of ``name`` at the session, as staff see it."""
    detail = await site.scheduling.get(f"/v1/scheduling/sessions/{session_id}", headers=staff)
    assert detail.status_code == 200, detail.text
    [booking] = [b for b in detail.json()["bookings"] if b["enquiry"]["name"] == name]
    found = await site.scheduling.get(f"/v1/scheduling/bookings/{booking['id']}", headers=staff)
    assert found.status_code == 200, found.text
    return found.json()
