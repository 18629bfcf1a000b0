"""What the consultation pages share: reading the consultation and the resident's progress, rendering a question
or an optional page, and the links between the pages."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from peel.web.domain import consultation_progress as steps
from peel.web.domain.answers import PRECEPT_CHANGE, Problem
from peel.web.domain.consultation_budget import running_total
from peel.web.domain.consultation_progress import Progress
from peel.web.entrypoints.http.context import pages, ports, resident, save_session, session_data
from peel.web.entrypoints.http.pages import Page
from peel.web.service_layer import consultations as use
from peel.web.service_layer.ports import Json, NotFoundThere


def N_(message: str) -> str:  # noqa: N802 - the gettext marker
    return message


def read_step(step: str, given: str) -> tuple[Any, Problem | None]:
    if step == "postcode":
        postcode, fine = steps.read_postcode(given)
        return postcode, None if fine else Problem("answer", N_("Enter a full UK postcode, like CW1 2AB"))
    if step == "email":
        email, fine = steps.read_email(given)
        return email, None if fine else Problem("answer", N_("Enter an email address in the correct format, "
                                                              "like name@example.com"))
    options = steps.EQUALITY.get(step, ("yes", "no"))
    return (given if given in options else None), None


def render_question(request: Request, page: Page, found: Json, asked: Json, progress: Progress,
                    values: dict[str, Any], problems: Sequence[Problem] = (), *, change: bool) -> HTMLResponse:
    total = None
    if asked["type"] == "budget_allocation":
        changes = {name.removeprefix("line-"): value for name, value in values.get("changes", {}).items()}
        total = running_total(asked["budget"], changes, values.get(PRECEPT_CHANGE))
    return pages(request).render(
        page, "consultations/question.html", status_code=422 if problems else 200, consultation=found,
        question=asked, values=values, problems=[p.as_dict() for p in problems], total=total,
        section=steps.plan_section(asked["key"], found),
        back=back_from_question(page, found, progress, asked["key"], change))


def render_step(request: Request, page: Page, found: Json, progress: Progress, step: str, value: str,
                problems: list[Problem] | None = None, *, change: bool) -> HTMLResponse:
    back = check_href(page, found) if change else back_from_step(page, found, progress, step)
    return pages(request).render(page, f"consultations/details/{step_template(step)}.html", consultation=found,
                                 step=step, value=value, options=steps.EQUALITY.get(step, ()), back=back,
                                 problems=[p.as_dict() for p in problems or []], status_code=422 if problems else 200)


def step_template(step: str) -> str:
    return step if step in {"postcode", "email", "publish", "equality"} else "about_you"


def after_question(page: Page, found: Json, progress: Progress, following: str | None, change: bool) -> Response:
    if following:
        return redirect(question_href(page, found, following, change))
    if change:
        return redirect(check_href(page, found))
    first = progress.next_step(None, found)
    return redirect(step_href(page, found, first, False) if first else check_href(page, found))


def back_from_question(page: Page, found: Json, progress: Progress, key: str, change: bool) -> str:
    if change:
        return check_href(page, found)
    before = progress.previous_question(key, found)
    return question_href(page, found, before, False) if before else page.href("consultations", found["id"])


def back_from_step(page: Page, found: Json, progress: Progress, step: str | None) -> str:
    """The page before ``step`` (before checking the answers when None)."""
    before = steps.STEPS[:steps.STEPS.index(step)] if step else steps.STEPS
    earlier = [s for s in before if progress.applies(s, found)]
    if earlier:
        return step_href(page, found, earlier[-1], False)
    last = progress.previous_question(None, found)
    return question_href(page, found, last, False) if last else page.href("consultations", found["id"])


def question_href(page: Page, found: Json, key: str, change: bool) -> str:
    return page.href("consultations", found["id"], "questions", key) + ("?change=true" if change else "")


def step_href(page: Page, found: Json, step: str, change: bool) -> str:
    return page.href("consultations", found["id"], "details", step) + ("?change=true" if change else "")


def check_href(page: Page, found: Json) -> str:
    return page.href("consultations", found["id"], "check-answers")


def to_start(page: Page, found: Json) -> RedirectResponse:
    """To the start page, which says why the consultation takes no answers now."""
    return redirect(page.href("consultations", found["id"]))


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def load_consultation(request: Request, page: Page, consultation_id: uuid.UUID) -> Json:
    return await use.consultation(ports(request), page.tenant, str(consultation_id), resident(request))


def question_of(found: Json, key: str) -> Json:
    asked = steps.question(key, found)
    if asked is None:
        raise NotFoundThere(key)
    return dict(asked)


def form_fields(form: FormData) -> dict[str, list[str]]:
    return {name: [str(value) for value in form.getlist(name)] for name in form}


async def progress_of(request: Request, found: Json) -> Progress:
    return use.progress(await session_data(request), found["id"])


async def keep_progress(request: Request, found: Json, progress: Progress) -> None:
    await save_session(request, use.keep(await session_data(request), found["id"], progress))


def render_check(request: Request, page: Page, found: Json, progress: Progress,
                 problems: list[dict[str, Any]] | None = None) -> HTMLResponse:
    asked = [q for q in found["questions"] if q["key"] in progress.answers]
    shown_steps = [step for step in steps.STEPS if progress.applies(step, found)]
    return pages(request).render(page, "consultations/check_answers.html", consultation=found, asked=asked,
                                 progress=progress, steps=shown_steps, problems=problems or [],
                                 status_code=422 if problems else 200,
                                 back=back_from_step(page, found, progress, None))


def idempotency_key(form: FormData, progress: Progress) -> str:
    """The key the check answers page was rendered with, so pressing Send twice sends one response."""
    given = str(form.get("idempotency_key") or "")
    try:
        return str(uuid.UUID(given))
    except ValueError:
        return progress.idempotency_key or str(uuid.uuid4())


def send_problems(page: Page, found: Json, refused: Exception) -> list[dict[str, Any]]:
    errors = getattr(refused, "errors", {}) or {}
    messages = {"email": N_("Enter an email address in the correct format, like name@example.com"),
                "postcode": N_("Enter a full UK postcode, like CW1 2AB")}
    problems = [{"href": step_href(page, found, name, True), "message": message, "values": {}, "en": False}
                for name, message in messages.items() if name in errors]
    return problems or [{"href": "#send", "message": N_("Some of your answers could not be accepted. Change them "
                                                         "and send them again"), "values": {}, "en": False}]


def withdraw_href(page: Page, found: Json, receipt: Json) -> str:
    path = page.href("consultations", found["id"], "responses", receipt["id"], "withdraw")
    return f"{path}?{urlencode({'token': receipt['withdrawal_token']})}"


def render_withdraw(request: Request, page: Page, found: Json, token: str, problem: str | None = None) -> HTMLResponse:
    problems = [Problem("token", problem).as_dict()] if problem else []
    return pages(request).render(page, "consultations/withdraw.html", consultation=found, token=token,
                                 problems=problems, status_code=422 if problem else 200,
                                 back=page.href("consultations", found["id"]))
