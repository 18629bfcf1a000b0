"""A resident asks the Police and Crime Panel a question in Chromium (one error met and fixed on the way); in
English and Welsh, with JavaScript off and on."""

from __future__ import annotations

from tests.support.browser import OpenResident
from tests.support.browser_journeys import Journey, journeys, someone
from tests.support.panel import schedule
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform

QUESTION = "How many officers patrol Crewe town centre on Friday nights?"


async def test_a_resident_asks_the_panel_a_question(site: WebPlatform, resident: OpenResident, token):
    clerk = bearer(token("cheshire", "panel_clerk"))
    meeting = await schedule(site.consultation, clerk)
    audited = []
    async for journey in journeys(resident, site.url, "panel"):
        person = someone(journey)
        await ask(journey, meeting, person)

        listed = await site.consultation.get(f"/v1/panel/meetings/{meeting['id']}/questions", headers=clerk)
        [received] = [q for q in listed.json() if q["asker"]["email"] == person["email"]]
        assert (received["status"], received["question"]) == ("received", QUESTION)
        assert received["asker"] == {"name": person["name"], "email": person["email"], "area": "CW1"}
        journey.assert_no_script_errors()
        audited += journey.audited
    assert len(audited) == len(set(audited)) == 4 * 8


async def ask(journey: Journey, meeting: dict, person: dict[str, str]) -> None:
    await journey.open("panel")
    await journey.assert_heading("Ask the Police and Crime Panel a question")
    await journey.audit("meetings")
    await journey.follow(journey.page.locator("main h3 a"))
    assert await journey.heading() == meeting["title"][journey.lang]
    await journey.audit("meeting")
    await journey.press("Ask a question")

    await journey.assert_heading("What is your question?")
    await journey.audit("question")
    await journey.assert_reflows()
    errors = await journey.press_empty("Continue")
    assert errors == [journey.say("Enter your question")]
    await journey.fill("What is your question?", QUESTION)
    await journey.audit("question-filled")
    await journey.press("Continue")

    await journey.assert_heading("Your details")
    await journey.audit("details")
    await journey.fill("Full name", person["name"])
    await journey.fill("Email address", person["email"])
    await journey.fill("Where you live (optional)", "CW1")
    await journey.press("Continue")

    await journey.assert_heading("Check your question before sending it")
    assert QUESTION in await journey.page.locator("#answers").inner_text()
    await journey.audit("check")
    await journey.press("Send question")
    await journey.assert_heading("Question sent")
    await journey.audit("sent")
