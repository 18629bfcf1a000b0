"""A resident answering the demo consultation in Chromium: the consultation opened by staff, each of its pages
answered as a resident would (by the labels the office wrote, in the page's language), and the responses reporting
has counted."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.async_api import Page

from libs.cli.demo_data import consultation_body
from tests.support.browser_journeys import ERROR_SUMMARY_FOCUSED, Journey
from tests.support.servers import eventually
from tests.support.web_platform import WebPlatform

DEMO = consultation_body()
QUESTIONS = {question["key"]: question for question in DEMO["questions"]}
ROUTED_AWAY = "rural"  # asked only when rural crime matters most: never chosen here
REFERENCE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
EN_DASH = "\u2013"
ERROR_LINK_FOCUSES_FIELD = "document.activeElement !== null && document.activeElement.id === 'answer'"


async def open_demo(site: WebPlatform, officer: dict[str, str]) -> str:
    """The demo consultation, created and published by staff: its id."""
    created = await site.consultation.post("/v1/consultations", json=DEMO, headers=officer)
    assert created.status_code == 201, created.text
    consultation_id = created.json()["id"]
    opened = await site.consultation.post(f"/v1/consultations/{consultation_id}/publish", headers=officer)
    assert (opened.status_code, opened.json()["status"]) == (200, "open"), opened.text
    return consultation_id


async def responses_counted(site: WebPlatform, consultation_id: str, analyst: dict[str, str]) -> int | None:
    """How many responses reporting has counted (None while it does not know the consultation yet)."""
    found = await site.reporting.get(f"/v1/consultations/{consultation_id}/results", headers=analyst)
    return found.json()["responses"] if found.status_code == 200 else None


async def counted(site: WebPlatform, consultation_id: str, analyst: dict[str, str], expected: int) -> int:
    """Wait until reporting has counted ``expected`` responses; fail when it counts more."""

    async def reached() -> int | None:
        count = await responses_counted(site, consultation_id, analyst)
        assert count is None or count <= expected, f"reporting counted {count} responses, expected {expected}"
        return count if count == expected else None

    return await eventually(reached)


async def stored(site: WebPlatform, consultation_id: str, officer: dict[str, str]) -> int:
    """How many responses the consultation service holds whose comment awaits moderation: each journey here leaves
    a comment it agrees to publish, so one per response stored."""
    found = await site.consultation.get(f"/v1/consultations/{consultation_id}/moderation", headers=officer)
    assert found.status_code == 200, found.text
    return len(found.json()["items"])


def text(question: str, lang: str, option: str | None = None) -> str:
    """The office's words for a question (or one of its options) in ``lang``."""
    asked = QUESTIONS[question]
    said = asked["text"] if option is None else next(o for o in asked["options"] if o["key"] == option)["text"]
    return said.get(lang) or said["en"]


def rating_label(point: int, lang: str) -> str:
    label = QUESTIONS["safety"]["scale"]["labels"].get(str(point))
    return f"{point} {EN_DASH} {label[lang]}" if label else str(point)


async def summary_messages(page: Page) -> list[str]:
    return [" ".join(said.split()) for said in await page.locator(".govuk-error-summary a").all_inner_texts()]


class Respondent:
    """A resident answering the demo consultation in one :class:`Journey`, each page state audited when ``audits``
    (and checked at 320 CSS px when ``reflows``)."""

    def __init__(self, journey: Journey, consultation_id: str, *, audits: bool = True, reflows: bool = False) -> None:
        self.journey, self.consultation_id = journey, consultation_id
        self.audits, self.reflows = audits, reflows

    @property
    def page(self) -> Page:
        return self.journey.page

    @property
    def lang(self) -> str:
        return self.journey.lang

    async def audit(self, state: str) -> None:
        """A page state worth checking: audited (and checked at 320 CSS px when ``reflows``)."""
        if self.audits:
            await self.journey.audit(state)
        if self.reflows:
            await self.journey.assert_reflows()

    async def on_question(self, key: str) -> None:
        assert self.page.url.split("?")[0].endswith(f"/questions/{key}"), self.page.url
        assert (await self.journey.heading()).startswith(text(key, self.lang)), self.page.url

    async def choose(self, label: str) -> None:
        await self.page.get_by_label(label, exact=True).check()

    async def start(self) -> None:
        await self.journey.open(f"consultations/{self.consultation_id}")
        assert await self.journey.heading() == DEMO["title"][self.lang]
        await self.audit("start")
        await self.journey.press("Start now")

    async def area(self, *, with_error: bool = True) -> None:
        await self.on_question("area")
        await self.audit("area-empty")
        if with_error:
            await self.meet_the_error()
        await self.choose(text("area", self.lang, "cheshire_east"))
        await self.audit("area-filled")
        await self.journey.press("Continue")

    async def meet_the_error(self) -> None:
        """Continue with nothing chosen: the error summary (focused with JavaScript) links to the field."""
        await self.journey.press("Continue")
        assert (await self.page.title()).startswith(self.journey.say("Error:"))
        assert await summary_messages(self.page) == [self.journey.say("Select an answer")]
        if self.journey.js:
            await self.page.wait_for_function(ERROR_SUMMARY_FOCUSED)
        await self.audit("area-error")
        if self.journey.js:
            await self.page.locator(".govuk-error-summary a").first.click()
            await self.page.wait_for_function(ERROR_LINK_FOCUSES_FIELD)

    async def priority(self, choice: str = "roads") -> None:
        await self.on_question("priority")
        await self.choose(text("priority", self.lang, choice))
        await self.audit("priority-filled")
        await self.journey.press("Continue")

    async def also(self) -> None:
        await self.on_question("also")
        await self.audit("also-empty")
        for choice in ("asb", "drugs"):
            await self.choose(text("also", self.lang, choice))
        await self.journey.press("Continue")

    async def safety(self) -> None:
        await self.on_question("safety")
        await self.choose(rating_label(3, self.lang))
        await self.audit("safety-filled")
        await self.journey.press("Continue")

    async def comments(self) -> None:
        await self.on_question("comments")
        await self.page.get_by_role("textbox").fill(COMMENT)
        await self.audit("comments-filled")
        await self.journey.press("Continue")

    async def questions(self) -> None:
        """Every question the demo asks this resident, one validation error met and fixed on the first."""
        await self.start()
        await self.area()
        await self.priority()
        await self.also()
        await self.safety()
        await self.comments()

    async def details(self, email: str) -> None:
        """The optional pages: postcode, receipt email, consent to publish, the equality questions."""
        assert (await self.journey.heading()).startswith(self.journey.say("What is your postcode?"))
        await self.page.get_by_role("textbox").fill("cw1 2ab")
        await self.audit("postcode-filled")
        await self.journey.press("Continue")
        await self.journey.fill("Would you like a receipt by email?", email)
        await self.journey.press("Continue")
        await self.journey.choose("Yes, you can publish it")
        await self.journey.press("Continue")
        await self.journey.choose("Yes, I agree to answer them for this purpose")
        await self.audit("equality-filled")
        await self.journey.press("Continue")
        await self.about_you()

    async def about_you(self) -> None:
        for question, answer in EQUALITY_ANSWERS:
            await self.journey.assert_heading(question)
            await self.journey.choose(answer)
            if question == EQUALITY_ANSWERS[0][0]:
                await self.audit("age-filled")
            await self.journey.press("Continue")

    async def check_answers(self) -> dict[str, str]:
        """The check answers page, as a mapping of each row's key to its value."""
        await self.journey.assert_heading("Check your answers")
        rows = self.page.locator(".govuk-summary-list__row")
        keys = [" ".join(t.split()) for t in await rows.locator(".govuk-summary-list__key").all_inner_texts()]
        values = [" ".join(t.split()) for t in await rows.locator(".govuk-summary-list__value").all_inner_texts()]
        return dict(zip(keys, values, strict=True))

    async def change_priority(self, choice: str) -> None:
        """Change the answer to "which matters most" from check answers, and come back to it."""
        await self.journey.follow(self.page.locator("a[href$='/questions/priority?change=true']"))
        await self.on_question("priority")
        back = await self.page.locator(".govuk-back-link").get_attribute("href")
        assert back is not None and back.endswith("/check-answers"), back
        await self.choose(text("priority", self.lang, choice))
        await self.journey.press("Continue")

    async def send(self, *, twice: bool = False) -> str:
        """Send the response (pressing the button twice in quick succession when ``twice``); its reference."""
        button = self.page.get_by_role("button", name=self.journey.say("Send my response"), exact=True)
        await (button.dblclick() if twice else button.click())  # the first page asked for may be let go
        await self.page.wait_for_url(re.compile(r"/confirmation$"))
        await self.journey.assert_in_language()
        await self.journey.assert_heading("Response sent")
        reference = (await self.page.locator(".govuk-panel__body strong").inner_text()).strip()
        assert REFERENCE.match(reference), reference
        await self.audit("confirmation")
        return reference

    def asked_for(self, key: str) -> list[str]:
        """Every request the browser made for the question ``key``'s page."""
        return [url for url in self.journey.resident.requests if f"/questions/{key}" in url]


COMMENT = "More patrols near the station at night, please."
EQUALITY_ANSWERS = (("What is your age?", "35 to 44"), ("What is your sex?", "Prefer not to say"),
                    ("What is your ethnic group?", "White"), ("Do you have a disability?", "No"))


def expected_rows(lang: str, say: Callable[[str], str], priority: str, email: str) -> dict[str, str]:
    """What check answers shows for the answers a :class:`Respondent` gives (with ``priority`` as changed)."""
    return {
        text("area", lang): text("area", lang, "cheshire_east"),
        text("priority", lang): text("priority", lang, priority),
        text("also", lang): f"{text('also', lang, 'asb')} {text('also', lang, 'drugs')}",
        text("safety", lang): rating_label(3, lang),
        text("comments", lang): COMMENT,
        say("Postcode"): "CW1 2AB",
        say("Email address for a receipt"): email,
        say("Publish what you wrote"): say("Yes, you can publish it"),
        say("Questions about yourself"): say("Yes"),
        **{say(question): say(answer) for question, answer in EQUALITY_ANSWERS},
    }
