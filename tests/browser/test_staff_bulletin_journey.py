"""An engagement officer writes a bulletin in Chromium (one error met and fixed on the way); their own approval is
refused; a colleague approves and sends it; it reaches the subscribers' inboxes, and its page follows the sending.
Every page state is audited with axe."""

from __future__ import annotations

from playwright.async_api import Browser, Page

from tests.support.browser import audit
from tests.support.browser_journeys import first_email_to
from tests.support.notification_contacts import subscriber
from tests.support.servers import eventually
from tests.support.staff_browser import staff_member
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform

TITLE = "Your say on policing in Crewe"
READERS = ("first.reader@example.org", "second.reader@example.org")
PROOF = "alex.author@example.org"


async def test_a_bulletin_is_written_approved_by_a_colleague_and_sent(site: WebPlatform, browser: Browser, token):
    office = bearer(token("cheshire", "engagement_officer"))
    for address in READERS:
        await subscriber(site.notifications, office, address)
    author = await staff_member(browser, site, name="Alex Author", roles=["engagement_officer"])
    colleague = await staff_member(browser, site, name="Bea Colleague", roles=["engagement_officer"])
    try:
        bulletin_page = await write(author.page, site)
        await preview_and_test(author.page, site)
        await approve_own(author.page)
        await approve_and_send(colleague.page, bulletin_page)
        for address in READERS:
            email = await first_email_to(site.sink.received, address)
            assert TITLE in email["Subject"] + str(email.get_body(preferencelist=("html", "plain")))
        await follow_sending(colleague.page, bulletin_page)
        listed = await site.notifications.get("/v1/bulletins", headers=office)
        [sent] = [one for one in listed.json() if one["title"]["en"] == TITLE]
        assert sent["author"] != sent["approver"]
    finally:
        await author.context.close()
        await colleague.context.close()
    author.assert_only_local_requests()
    colleague.assert_only_local_requests()


async def write(page: Page, site: WebPlatform) -> str:
    """The officer writes the bulletin; answers the bulletin's page address."""
    await page.goto(f"{site.url}/staff/notifications")
    assert await heading(page) == "Notifications"
    await audit(page, "staff bulletin: notifications")
    await follow(page, "Write a bulletin")
    assert await heading(page) == "Write a bulletin"
    await audit(page, "staff bulletin: compose")
    await press(page, "Save as a draft")
    assert await page.locator(".govuk-error-summary").is_visible()
    assert await page.locator(".govuk-error-summary a").all_inner_texts() == [
        "Enter the bulletin's title in English, Welsh or both",
        "Write an item, or include the items waiting for the next bulletin"]
    await audit(page, "staff bulletin: compose with errors")
    await page.get_by_label("Title in English", exact=True).fill(TITLE)
    await page.get_by_label("Title in Welsh", exact=True).fill("Eich barn ar blismona yn Crewe")
    await page.get_by_label("Item title in English").fill("Meet your neighbourhood team")
    await page.get_by_label("What it says in English").fill("We are at Crewe Library on Saturday.\n\nCome along.")
    await press(page, "Save as a draft")
    assert await heading(page) == TITLE
    assert "someone other than you must approve it" in await page.locator(".govuk-notification-banner").inner_text()
    await audit(page, "staff bulletin: draft")
    return page.url.split("?")[0]


async def preview_and_test(page: Page, site: WebPlatform) -> None:
    """The officer previews the email, then sends a test copy to themselves (an error met first)."""
    await follow(page, "Preview the email")
    assert await heading(page) == "Preview the email"
    assert TITLE in (await page.locator("iframe").get_attribute("srcdoc") or "")
    await audit(page, "staff bulletin: preview")
    await page.go_back()
    await page.get_by_label("Send a test copy to").fill("not an address")
    await press(page, "Send a test copy")
    assert await page.locator(".govuk-error-summary a").all_inner_texts() == ["Enter one to ten email addresses"]
    await audit(page, "staff bulletin: test copy refused")
    await page.get_by_label("Send a test copy to").fill(PROOF)
    await press(page, "Send a test copy")
    assert "Test copy sent" in await page.locator(".govuk-notification-banner").inner_text()
    proof = await first_email_to(site.sink.received, PROOF)
    assert "[TEST]" in proof["Subject"]


async def approve_own(page: Page) -> None:
    await press(page, "Approve this bulletin")
    summary = await page.locator(".govuk-error-summary a").all_inner_texts()
    assert summary == ["You wrote this bulletin, so you cannot approve it: ask another member of staff to approve it"]
    assert await page.locator("#status").inner_text() == "Draft"
    await audit(page, "staff bulletin: own approval refused")


async def approve_and_send(page: Page, address: str) -> None:
    await page.goto(address)
    await audit(page, "staff bulletin: colleague sees the draft")
    await press(page, "Approve this bulletin")
    assert "Bulletin approved" in await page.locator(".govuk-notification-banner").inner_text()
    assert await page.locator("#status").inner_text() == "Approved"
    await audit(page, "staff bulletin: approved")
    await press(page, "Send it now")
    assert "Sending has started" in await page.locator(".govuk-notification-banner").inner_text()
    await audit(page, "staff bulletin: sending")


async def follow_sending(page: Page, address: str) -> None:
    """The page shows the live counts; once everything is handed over it says sent."""

    async def sent() -> bool:
        await page.goto(address)
        return await page.locator("#status").inner_text() == "Sent"

    await eventually(sent, every=0.5)
    progress = await page.locator("#progress").inner_text()
    assert "2 in all" in progress
    assert await page.locator("#live").count() == 0
    await audit(page, "staff bulletin: sent")


async def press(page: Page, button: str) -> None:
    """Presses the button and waits for the page the form's answer leads to."""
    async with page.expect_navigation():
        await page.get_by_role("button", name=button).click()


async def follow(page: Page, link: str) -> None:
    async with page.expect_navigation():
        await page.get_by_role("link", name=link).click()


async def heading(page: Page) -> str:
    return " ".join((await page.locator("h1").inner_text()).split())


async def test_an_admin_finds_every_notifications_and_settings_page_accessible(site: WebPlatform, browser: Browser):
    """Each page as a new office sees it (empty), and each form's error state, audited with axe."""
    admin = await staff_member(browser, site, name="Ada Admin", roles=["admin"])
    page = admin.page
    try:
        for path in ("notifications", "notifications/bulletins", "notifications/contacts",
                     "notifications/organisations", "notifications/suppressions", "notifications/election-periods",
                     "notifications/holds", "notifications/templates", "settings", "settings/areas",
                     "settings/populations", "settings/precept", "settings/display", "settings/topics",
                     "settings/roles"):
            response = await page.goto(f"{site.url}/staff/{path}")
            assert response is not None and response.status == 200, path
            await audit(page, f"staff {path}")
        for path, button in (("notifications/suppressions", "Suppress it"),
                             ("notifications/election-periods", "Register the period"),
                             ("notifications/contacts", "Record the contact"),
                             ("settings/display", "Save how the pages look")):
            await page.goto(f"{site.url}/staff/{path}")
            if path == "settings/display":
                await page.get_by_label("Header colour").fill("#ffff00")
            await press(page, button)
            assert await page.locator(".govuk-error-summary").count() == 1, path
            await audit(page, f"staff {path}: error")
        await page.goto(f"{site.url}/staff/notifications/templates")
        async with page.expect_navigation():
            await page.locator("main table a").first.click()
        assert await page.locator("iframe, pre").count() == 1
        await audit(page, "staff notifications/templates: one template")
    finally:
        await admin.context.close()
    admin.assert_only_local_requests()
