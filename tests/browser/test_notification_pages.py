"""The pages an office's emails link to, in Chromium against the real notifications service: a resident gets fewer
emails then unsubscribes, changes their preferences, a council acknowledges a stakeholder bulletin and its clerk
corrects the council's details; each in English and Welsh, with JavaScript off and on, every page state audited
with axe, and no page scrolls sideways at 320 CSS px. A mail client's one-click unsubscribe (RFC 8058) is posted
as mail clients post it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.support.browser import OpenResident
from tests.support.browser_journeys import journeys, someone
from tests.support.notification_pages_platform import (
    SENDER,
    TENANT,
    TOPIC,
    NotificationPages,
    notification_pages,
)
from tests.support.tokens import bearer

TITLE = {"en": "Rural crime plan", "cy": "Cynllun troseddau gwledig"}


@pytest.fixture
async def pages(infra, new_database, topic_prefix, key_dir, token) -> AsyncIterator[NotificationPages]:
    staff = bearer(token(TENANT, "engagement_officer"))
    async with notification_pages(infra, new_database, topic_prefix, key_dir, staff) as platform:
        yield platform


async def consenting(pages: NotificationPages, contact_id: str) -> bool:
    found = await pages.notifications.get(f"/v1/contacts/{contact_id}/consents", headers=pages.staff)
    assert found.status_code == 200, found.text
    return any(record["given"] for record in found.json()["in_force"]
               if (record["sender"], record["topic"], record["channel"]) == (SENDER, TOPIC, "email"))


async def test_a_resident_gets_fewer_emails_then_unsubscribes(pages: NotificationPages,
                                                              resident: OpenResident) -> None:
    async for journey in journeys(resident, pages.url, "unsubscribe"):
        contact_id = await pages.subscriber(someone(journey)["email"], journey.lang)
        link = pages.links.unsubscribe(TENANT, contact_id, SENDER, TOPIC, "email", None, journey.lang)
        await journey.visit(link)
        await journey.assert_heading("Unsubscribe from these emails")
        await journey.audit("page")
        await journey.assert_reflows()
        await journey.press_empty("Get fewer emails")
        await journey.choose("A weekly digest")
        await journey.press("Get fewer emails")
        await journey.assert_heading("You will get fewer emails")
        await journey.audit("fewer")
        assert await consenting(pages, contact_id)
        await journey.visit(link)
        await journey.press("Unsubscribe")
        await journey.assert_heading("You have unsubscribed")
        await journey.audit("unsubscribed")
        assert not await consenting(pages, contact_id)
        assert await pages.unsubscribed_how(contact_id) == ["unsubscribe_page"]
        journey.assert_no_script_errors()


async def test_a_mail_clients_one_click_post_unsubscribes_at_once(pages: NotificationPages) -> None:
    contact_id = await pages.subscriber("one.click@example.org")
    link = pages.links.unsubscribe(TENANT, contact_id, SENDER, TOPIC, "email", None, "en")
    async with httpx.AsyncClient(timeout=30) as mail_client:
        opened = await mail_client.get(link)  # a link scanner
        assert opened.status_code == 200 and await consenting(pages, contact_id)
        posted = await mail_client.post(link, content=b"List-Unsubscribe=One-Click",
                                        headers={"content-type": "application/x-www-form-urlencoded"})
    assert posted.status_code == 200, posted.text
    assert not await consenting(pages, contact_id)
    assert await pages.unsubscribed_how(contact_id) == ["one_click_unsubscribe"]
    standing = await pages.public(f"unsubscribe/{link.rsplit('/', 1)[1]}")
    assert standing["unsubscribed"] is True


async def test_a_resident_changes_their_preferences(pages: NotificationPages, resident: OpenResident) -> None:
    async for journey in journeys(resident, pages.url, "preferences"):
        contact_id = await pages.subscriber(someone(journey)["email"], journey.lang)
        link = pages.links.preferences(TENANT, contact_id, journey.lang)
        await journey.visit(link)
        await journey.assert_heading("Your email preferences")
        await journey.audit("page")
        await journey.assert_reflows()
        await journey.fill("From", "25:00")
        await journey.press_empty("Save your preferences")
        await journey.choose("A daily digest")
        await journey.fill("From", "21:30")
        await journey.fill("Until", "7:00")
        await journey.press("Save your preferences")
        await journey.assert_heading("Your preferences are saved")
        await journey.audit("saved")
        saved = await pages.public(f"preferences/{link.rsplit('/', 1)[1]}")
        assert [entry["frequency"] for entry in saved["subscriptions"]] == ["daily"]
        assert [(quiet["starts"][:5], quiet["ends"][:5]) for quiet in saved["quiet_hours"]] == [("21:30", "07:00")]
        journey.assert_no_script_errors()


async def test_a_council_acknowledges_a_stakeholder_bulletin(pages: NotificationPages, resident: OpenResident) -> None:
    async for journey in journeys(resident, pages.url, "acknowledge"):
        organisation_id, _ = await pages.council(someone(journey)["email"])
        bulletin_id = await pages.sent_stakeholder_bulletin(organisation_id, TITLE)
        link = pages.links.acknowledge(TENANT, bulletin_id, organisation_id, journey.lang)
        await journey.visit(link)
        await journey.assert_heading("What has your council done with this bulletin?")
        assert TITLE[journey.lang] in await journey.page.locator("main").inner_text()
        await journey.audit("page")
        await journey.assert_reflows()
        await journey.choose("Put it on the agenda for a meeting")
        await journey.press_empty("Send")
        await journey.fill("Day", "14")
        await journey.fill("Month", "4")
        await journey.fill("Year", "2027")
        await journey.press("Send")
        await journey.assert_heading("Thank you")
        await journey.audit("acknowledged")
        recorded = await pages.public(f"acknowledgements/{link.rsplit('/', 1)[1]}")
        assert (recorded["state"], recorded["agenda_date"]) == ("on_agenda", "2027-04-14")
        journey.assert_no_script_errors()


async def test_a_clerk_corrects_the_councils_details(pages: NotificationPages, resident: OpenResident) -> None:
    async for journey in journeys(resident, pages.url, "council-details"):
        person = someone(journey)
        organisation_id, clerk_id = await pages.council(person["email"])
        link = pages.links.council_details(TENANT, organisation_id, clerk_id, journey.lang)
        await journey.visit(link)
        await journey.assert_heading("Are these details correct?")
        await journey.audit("page")
        await journey.assert_reflows()
        await journey.choose("No, change them")
        await journey.fill("Email address", "not an address")
        await journey.press_empty("Send")
        await journey.fill("Email address", f"new.{person['email']}")
        await journey.press("Send")
        await journey.assert_heading("Thank you")
        await journey.audit("changed")
        shown = await pages.public(f"council-details/{link.rsplit('/', 1)[1]}")
        assert shown["contact"]["email"] == f"new.{person['email']}"
        journey.assert_no_script_errors()
