"""A consultation, one question a page: the start page (or why it takes no answers, or what came of it), each
question, where routing goes next (the consultation service decides), the optional pages after the questions,
checking the answers and sending them (once, however often the button is pressed), and withdrawing a response."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from peel.web.domain import consultation_progress as steps
from peel.web.domain.answers import form_values, posted_values, read_answer
from peel.web.domain.consultation_problems import problems_of, routed_away
from peel.web.entrypoints.http import consultation_pages as on
from peel.web.entrypoints.http.context import CurrentPage, pages, ports, resident
from peel.web.entrypoints.http.csrf import checked_form
from peel.web.service_layer import consultations as use
from peel.web.service_layer.ports import InvalidAnswers, NotFoundThere, Refused

router = APIRouter(include_in_schema=False)
BASE = "/{lang}/{tenant}/consultations/{consultation_id}"
Form = Annotated[FormData, Depends(checked_form)]


@router.get(BASE)
async def start(request: Request, page: CurrentPage, consultation_id: uuid.UUID) -> HTMLResponse:
    found = await on.load_consultation(request, page, consultation_id)
    shown = steps.stage(found, datetime.now(UTC))
    results = await use.published_results(ports(request), found["id"], resident(request)) \
        if shown == "results" else None
    started = bool((await on.progress_of(request, found)).answers)
    return pages(request).render(page, f"consultations/{shown}.html", consultation=found, results=results,
                                 started=started, back=page.href(""))


@router.get(BASE + "/questions/{key}")
async def question_page(request: Request, page: CurrentPage, consultation_id: uuid.UUID, key: str,
                        change: bool = False) -> Response:
    found = await on.load_consultation(request, page, consultation_id)
    if steps.stage(found, datetime.now(UTC)) != "open":
        return on.to_start(page, found)
    asked = on.question_of(found, key)
    progress = await on.progress_of(request, found)
    values = form_values(asked, progress.answers.get(key))
    return on.render_question(request, page, found, asked, progress, values, change=change)


@router.post(BASE + "/questions/{key}")
async def answer_question(request: Request, page: CurrentPage, consultation_id: uuid.UUID, key: str, form: Form,
                          change: bool = False) -> Response:
    found = await on.load_consultation(request, page, consultation_id)
    asked, entered = on.question_of(found, key), on.form_fields(form)
    progress = await on.progress_of(request, found)
    reading = read_answer(asked, entered)
    values = posted_values(asked, entered)
    if reading.problems or form.get("action") == "total":
        return on.render_question(request, page, found, asked, progress, values, reading.problems, change=change)
    answers = {**progress.answers, key: reading.value}
    try:
        verdict = await use.check_answers(ports(request), found["id"], answers, resident(request))
    except Refused:
        return on.to_start(page, found)
    problems = problems_of(asked, verdict["errors"])
    if problems:
        return on.render_question(request, page, found, asked, progress, values, problems, change=change)
    progress.answers = {k: v for k, v in answers.items() if k not in routed_away(verdict["errors"])}
    await on.keep_progress(request, found, progress)
    return on.after_question(page, found, progress, verdict["next_question"], change)


@router.get(BASE + "/details/{step}")
async def details_page(request: Request, page: CurrentPage, consultation_id: uuid.UUID, step: str,
                       change: bool = False) -> Response:
    found = await on.load_consultation(request, page, consultation_id)
    if step not in steps.STEPS:
        raise NotFoundThere(step)
    if steps.stage(found, datetime.now(UTC)) != "open":
        return on.to_start(page, found)
    progress = await on.progress_of(request, found)
    return on.render_step(request, page, found, progress, step, progress.details.get(step) or "", change=change)


@router.post(BASE + "/details/{step}")
async def give_details(request: Request, page: CurrentPage, consultation_id: uuid.UUID, step: str, form: Form,
                       change: bool = False) -> Response:
    found = await on.load_consultation(request, page, consultation_id)
    if step not in steps.STEPS:
        raise NotFoundThere(step)
    progress = await on.progress_of(request, found)
    given = str(form.get("answer") or "").strip()
    value, problem = on.read_step(step, given)
    if problem:
        return on.render_step(request, page, found, progress, step, given, [problem], change=change)
    progress.details[step] = value
    progress.visited = [*progress.visited, step]
    await on.keep_progress(request, found, progress)
    following = progress.next_step(step, found, changing=change)
    return on.redirect(on.step_href(page, found, following, change) if following else on.check_href(page, found))




@router.get(BASE + "/check-answers")
async def check_your_answers(request: Request, page: CurrentPage, consultation_id: uuid.UUID) -> Response:
    found = await on.load_consultation(request, page, consultation_id)
    if steps.stage(found, datetime.now(UTC)) != "open":
        return on.to_start(page, found)
    progress = await on.progress_of(request, found)
    try:
        verdict = await use.check_answers(ports(request), found["id"], progress.answers, resident(request))
    except Refused:
        return on.to_start(page, found)
    if verdict["next_question"]:
        return on.redirect(on.question_href(page, found, verdict["next_question"], False))
    progress.idempotency_key = progress.idempotency_key or str(uuid.uuid4())
    await on.keep_progress(request, found, progress)
    return on.render_check(request, page, found, progress)


@router.post(BASE + "/check-answers")
async def send_answers(request: Request, page: CurrentPage, consultation_id: uuid.UUID, form: Form) -> Response:
    found = await on.load_consultation(request, page, consultation_id)
    progress = await on.progress_of(request, found)
    key = on.idempotency_key(form, progress)
    if progress.sent_with(key):
        return on.redirect(page.href("consultations", found["id"], "confirmation"))
    if not progress.answers:
        return on.to_start(page, found)
    try:
        receipt = await use.send(ports(request), found["id"], steps.response_body(found, progress), key,
                                 resident(request))
    except InvalidAnswers as refused:
        return on.render_check(request, page, found, progress, on.send_problems(page, found, refused))
    except Refused:
        return on.to_start(page, found)
    await on.keep_progress(request, found, steps.Progress(sent={**receipt, "idempotency_key": key}))
    return on.redirect(page.href("consultations", found["id"], "confirmation"))


@router.get(BASE + "/confirmation")
async def confirmation(request: Request, page: CurrentPage, consultation_id: uuid.UUID) -> Response:
    found = await on.load_consultation(request, page, consultation_id)
    receipt = (await on.progress_of(request, found)).sent
    if not receipt:
        return on.to_start(page, found)
    return pages(request).render(page, "consultations/confirmation.html", consultation=found, receipt=receipt,
                                 withdraw_href=on.withdraw_href(page, found, receipt))


@router.get(BASE + "/responses/{response_id}/withdraw")
async def withdraw_page(request: Request, page: CurrentPage, consultation_id: uuid.UUID, response_id: uuid.UUID,
                        token: str = "") -> HTMLResponse:
    found = await on.load_consultation(request, page, consultation_id)
    return on.render_withdraw(request, page, found, token)


@router.post(BASE + "/responses/{response_id}/withdraw")
async def withdraw(request: Request, page: CurrentPage, consultation_id: uuid.UUID, response_id: uuid.UUID,
                   form: Form) -> Response:
    found = await on.load_consultation(request, page, consultation_id)
    token = str(form.get("token") or "").strip()
    if not token:
        return on.render_withdraw(request, page, found, token, on.N_("Enter your withdrawal code"))
    if not await use.withdraw(ports(request), found["id"], str(response_id), token, resident(request)):
        return on.render_withdraw(request, page, found, token, on.N_(
            "This withdrawal code does not match the response. Check the code and try again"))
    return on.redirect(page.href("consultations", found["id"], "responses", response_id, "withdrawn"))


@router.get(BASE + "/responses/{response_id}/withdrawn")
async def withdrawn(request: Request, page: CurrentPage, consultation_id: uuid.UUID,
                    response_id: uuid.UUID) -> HTMLResponse:
    found = await on.load_consultation(request, page, consultation_id)
    return pages(request).render(page, "consultations/withdrawn.html", consultation=found)
