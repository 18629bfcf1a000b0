"""A resident's journey through the pages in Chromium, in one language with JavaScript on or off: opening pages,
answering questions by their labels, pressing buttons by their words (in the page's language, from the site's own
Welsh catalogue), and an axe audit of every page state met.

Every journey runs four times: in English and in Welsh, with JavaScript off and on (``VARIANTS``)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from functools import cache

from playwright.async_api import Locator, Page

from peel.web.adapters.translations import translations
from tests.support.browser import OpenResident, Resident, assert_reflows, audit
from tests.support.emails import text_of
from tests.support.servers import eventually

VARIANTS = (("en", False), ("en", True), ("cy", False), ("cy", True))
TENANT = "cheshire"
ANSWERED_WITH_ERRORS = re.compile(r"Failed to load resource: the server responded with a status of 422 ")
ERROR_SUMMARY_FOCUSED = ("document.activeElement !== null && "
                         "document.activeElement.classList.contains('govuk-error-summary')")


@cache
def words(lang: str) -> Callable[[str], str]:
    """The site's interface text in ``lang``: English as written, Welsh from the site's catalogue."""
    return translations(lang).gettext


@dataclass
class Journey:
    """One resident going through one journey: ``name`` and the variant make each audit's label."""

    name: str
    lang: str
    js: bool
    site_url: str
    resident: Resident
    audited: list[str] = field(default_factory=list)

    @property
    def page(self) -> Page:
        return self.resident.page

    def say(self, message: str) -> str:
        """What the site shows for ``message`` in this journey's language (Welsh must have its own words)."""
        said = words(self.lang)(message)
        assert self.lang == "en" or said != message, f"no Welsh for {message!r}"
        return said

    @property
    def variant(self) -> str:
        return f"{self.lang}-{'js' if self.js else 'nojs'}"

    async def open(self, path: str) -> None:
        """Open the office's page at ``path`` (under ``/{lang}/cheshire/``)."""
        await self.visit(f"{self.site_url}/{self.lang}/{TENANT}/{path}")

    async def visit(self, url: str) -> None:
        response = await self.page.goto(url)
        assert response is not None and response.ok, f"{url} answered {response and response.status}"
        await self.assert_in_language()

    async def audit(self, state: str) -> None:
        """axe on the page as it is now: no serious or critical problem."""
        label = f"{self.name}-{self.variant}-{state}"
        await audit(self.page, label)
        self.audited.append(label)

    async def assert_in_language(self) -> None:
        assert await self.page.get_attribute("html", "lang") == self.lang, self.page.url
        classes = (await self.page.get_attribute("body", "class") or "").split()
        assert ("govuk-frontend-supported" in classes) == self.js, f"body classes {classes} on {self.page.url}"

    async def heading(self) -> str:
        """The page's heading (a legend or label may be it), as shown."""
        return " ".join((await self.page.locator("h1").first.inner_text()).split())

    async def assert_heading(self, message: str, **values: object) -> None:
        expected = self.say(message) % values if values else self.say(message)
        shown = await self.heading()
        assert shown == expected, f"{shown!r} on {self.page.url}; {await self.problems()}"

    async def problems(self) -> list[str]:
        """The error summary's messages (none without one)."""
        links = self.page.locator(".govuk-error-summary a")
        return [" ".join(text.split()) for text in await links.all_inner_texts()]

    async def press(self, button: str) -> None:
        """Press the button (a start button too: a link shown as one) with these words; wait for the next page."""
        await self._go(self.page.get_by_role("button", name=self.say(button), exact=True))

    async def follow(self, link: Locator) -> None:
        """Follow the (first) link found."""
        await self._go(link.first)

    async def _go(self, target: Locator) -> None:
        async with self.page.expect_navigation():
            await target.click()
        await self.assert_in_language()

    async def choose(self, label: str, *, exact: bool = True) -> None:
        """Check the radio with this label (interface words are translated; the office's own are not)."""
        await self.page.get_by_label(self.say(label), exact=exact).check()

    async def fill(self, label: str, value: str) -> None:
        await self.page.get_by_label(self.say(label), exact=True).fill(value)

    async def press_empty(self, button: str, state: str = "error") -> list[str]:
        """Send the page's form as it is (empty): the page comes back with the error summary, which takes focus
        when JavaScript runs; it is audited. Returns the summary's messages."""
        await self.press(button)
        title = await self.page.title()
        assert title.startswith(self.say("Error:")), title
        messages = await self.problems()
        assert messages, f"no error summary on {self.page.url}"
        if self.js:
            await self.page.wait_for_function(ERROR_SUMMARY_FOCUSED)
        await self.audit(state)
        return messages

    async def assert_reflows(self) -> None:
        await assert_reflows(self.page)

    def assert_no_script_errors(self) -> None:
        """Nothing went wrong in the browser but the pages answering a form with errors (a 422, as they should)."""
        unexpected = [error for error in self.resident.console_errors if not ANSWERED_WITH_ERRORS.match(error)]
        assert not unexpected, "the browser console reported errors:\n" + "\n".join(unexpected)


async def journeys(resident: OpenResident, site_url: str, name: str) -> AsyncIterator[Journey]:
    """The journey's four variants, each in a fresh browser (so a fresh session)."""
    for lang, js in VARIANTS:
        yield Journey(name, lang, js, site_url, await resident(js=js))


def someone(journey: Journey) -> dict[str, str]:
    """A different person for each variant: some services take one request a person."""
    tag = journey.variant.replace("-", "")
    return {"name": f"Jo Bloggs {tag.upper()}", "email": f"jo.bloggs.{tag}@example.org"}


async def first_email_to(received: list[EmailMessage], address: str) -> EmailMessage:
    """The first email sent to ``address``, once it has come."""

    async def arrived() -> EmailMessage | None:
        return next((message for message in received if address in message["To"]), None)

    return await eventually(arrived)


def link_in(message: EmailMessage, pattern: str) -> str:
    """The link in the email matching ``pattern`` (a regular expression of the whole address)."""
    found = re.search(pattern, text_of(message))
    assert found, f"no link like {pattern} in {message['Subject']}:\n{text_of(message)}"
    return found[0]
