"""What the journeys' handlers share: a form page, answered 422 while its form has problems; the redirect after a
POST; and a journey's answers, kept in the browser's session under the journey's name and the item's id."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import FormData

from peel.web.entrypoints.http.context import pages, save_session, session_data
from peel.web.entrypoints.http.csrf import checked_form
from peel.web.entrypoints.http.pages import Page

Form = Annotated[FormData, Depends(checked_form)]
Answers = dict[str, Any]


def see_other(url: str) -> RedirectResponse:
    """Where to go after a form is sent."""
    return RedirectResponse(url, status_code=303)


def form_page(request: Request, page: Page, template: str, problems: object, *, status_code: int | None = None,
              **context: Any) -> HTMLResponse:
    """A page with a form, answered 422 (or ``status_code``) when it shows problems."""
    status = status_code or (422 if problems else 200)
    return pages(request).render(page, template, problems=problems, status_code=status, **context)


async def journey_answers(request: Request, journey: str, item: object) -> Answers:
    """This browser's answers for one item of a journey (a meeting, an assembly, a surgery), changed in place."""
    return (await session_data(request)).setdefault(journey, {}).setdefault(str(item), {})


async def remember(request: Request, answers: Answers, updates: Answers) -> Answers:
    """The answers with the page's, kept for this browser."""
    answers.update(updates)
    await save_session(request, await session_data(request))
    return answers


async def start_over(request: Request, journey: str, item: object, kept: Answers) -> None:
    """Only ``kept`` stays for this item of the journey (what was sent, when the answers are done with)."""
    data = await session_data(request)
    data.setdefault(journey, {})[str(item)] = kept
    await save_session(request, data)
