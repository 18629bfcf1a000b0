"""A resident registers for a citizens' assembly in Chromium with the code from their invitation letter (one error
met and fixed on the way); in English and Welsh, with JavaScript off and on."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import httpx

from peel.scheduling.assemblies.domain.registration import FASTEST_HUMAN
from tests.support.browser import OpenResident
from tests.support.browser_journeys import Journey, journeys, someone
from tests.support.scheduling_assemblies import ASSEMBLY
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform


async def test_a_resident_registers_for_an_assembly_from_their_invitation(site: WebPlatform, resident: OpenResident,
                                                                          token):
    staff = bearer(token("cheshire", "engagement_officer"))
    assembly, codes = await open_assembly(site.scheduling, staff, households=4)
    audited = []
    async for journey in journeys(resident, site.url, "assembly"):
        person = someone(journey)
        await register(journey, assembly, codes.pop(), person)

        listed = await site.scheduling.get(f"/v1/scheduling/assemblies/{assembly['id']}/registrants", headers=staff)
        [registrant] = [r for r in listed.json() if r["email"] == person["email"]]
        assert (registrant["name"], registrant["postcode"], registrant["status"]) == (
            person["name"], "CW1 2AB", "registered")
        assert registrant["features"] == {"Sex": "Female", "Age": "40+"}
        journey.assert_no_script_errors()
        audited += journey.audited
    assert len(audited) == len(set(audited)) == 4 * 9


async def open_assembly(client: httpx.AsyncClient, staff: dict, households: int) -> tuple[dict, list[str]]:
    """An assembly taking registrations for a month, and its invitation codes."""
    closes = datetime.now(UTC) + timedelta(days=30)
    body = ASSEMBLY | {"registration_closes_at": closes.isoformat(),
                       "replacement_deadline": (closes + timedelta(days=60)).date().isoformat()}
    created = await client.post("/v1/scheduling/assemblies", json=body, headers=staff)
    assert created.status_code == 201, created.text
    codes = await client.post(f"/v1/scheduling/assemblies/{created.json()['id']}/invitations",
                              json={"count": households}, headers=staff)
    assert codes.status_code == 201, codes.text
    return created.json(), codes.json()


async def register(journey: Journey, assembly: dict, code: str, person: dict[str, str]) -> None:
    await journey.open(f"assemblies/{assembly['id']}")
    assert await journey.heading() == (assembly["title"][journey.lang] or assembly["title"]["en"])
    await journey.audit("assembly")
    await journey.press("Register")

    await journey.assert_heading("What is your invitation code?")
    await journey.audit("code")
    await journey.assert_reflows()
    errors = await journey.press_empty("Continue")
    assert errors == [journey.say("Enter the code from your invitation letter")]
    await journey.fill("What is your invitation code?", code)
    await journey.audit("code-filled")
    await journey.press("Continue")
    opened = time.monotonic()  # the form this browser sends is the one the code was given with
    await answer_the_questions(journey, person)

    await journey.assert_heading("Check your answers before registering")
    assert person["email"] in await journey.page.locator("#answers").inner_text()
    await journey.audit("check")
    await asyncio.sleep(max(0.0, FASTEST_HUMAN.total_seconds() - (time.monotonic() - opened)))  # a person's pace
    await journey.press("Register")
    await journey.assert_heading("You have registered")
    await journey.audit("registered")


async def answer_the_questions(journey: Journey, person: dict[str, str]) -> None:
    await journey.assert_heading("About you")
    await journey.audit("questions")
    await journey.page.get_by_label("Female", exact=True).check()
    await journey.page.get_by_label("40+", exact=True).check()
    await journey.press("Continue")

    await journey.assert_heading("What is your home address?")
    await journey.audit("address")
    await journey.fill("First line of your address", "12 Market Street")
    await journey.fill("Postcode", "cw1 2ab")
    await journey.press("Continue")

    await journey.assert_heading("How can we contact you?")
    await journey.audit("contact")
    await journey.fill("Full name", person["name"])
    await journey.fill("Email address", person["email"])
    await journey.press("Continue")
