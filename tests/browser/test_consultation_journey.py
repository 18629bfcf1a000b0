"""A resident answers the demo consultation in Chromium, in English and Welsh with JavaScript off and on: every
question type it has, the question routing keeps away never shown, one error met and fixed, one answer changed
from check answers, the optional pages, and a response sent (the button pressed twice) that reporting counts once
within seconds."""

from __future__ import annotations

from tests.support.browser import OpenResident
from tests.support.browser_journeys import journeys, someone
from tests.support.consultation_journey import ROUTED_AWAY, Respondent, counted, expected_rows, open_demo, stored
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform


async def test_a_resident_answers_the_demo_consultation_and_reporting_counts_it(site: WebPlatform,
                                                                                resident: OpenResident, token):
    officer, analyst = bearer(token("cheshire", "engagement_officer")), bearer(token("cheshire", "analyst"))
    consultation_id = await open_demo(site, officer)
    audited, sent = [], 0
    async for journey in journeys(resident, site.url, "consultation"):
        answering, email = Respondent(journey, consultation_id), someone(journey)["email"]
        await answering.questions()
        await answering.details(email)
        assert await answering.check_answers() == expected_rows(journey.lang, journey.say, "roads", email)
        await answering.audit("check")
        await answering.change_priority("burglary")
        assert await answering.check_answers() == expected_rows(journey.lang, journey.say, "burglary", email)

        await answering.send(twice=True)
        sent += 1
        assert await stored(site, consultation_id, officer) == sent
        assert await counted(site, consultation_id, analyst, sent) == sent
        assert answering.asked_for(ROUTED_AWAY) == []
        journey.assert_no_script_errors()
        audited += journey.audited
    assert len(audited) == len(set(audited)) == 4 * 13
