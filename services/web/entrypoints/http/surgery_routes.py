"""An office's surgeries: the sessions with free times, a session, and booking it (triage first, one question a
page, check, confirmation), or joining its waiting list when it is full."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from peel.web.domain import surgeries as rules
from peel.web.entrypoints.http.context import CurrentPage, pages, ports, resident
from peel.web.entrypoints.http.journeys import Form, form_page, journey_answers, see_other, start_over
from peel.web.entrypoints.http.pages import Page
from peel.web.service_layer import surgeries
from peel.web.service_layer.ports import InvalidAnswers, Json, NotFoundThere, Refused

router = APIRouter(include_in_schema=False)
SESSION = "/{lang}/{tenant}/surgeries/{session_id}"


@router.get("/{lang}/{tenant}/surgeries")
async def listing(request: Request, page: CurrentPage) -> HTMLResponse:
    sessions = await surgeries.office_sessions(ports(request), page.tenant, resident(request))
    return pages(request).render(page, "surgeries/listing.html", sessions=sessions, back=page.href(""))


@router.get(SESSION)
async def session_page(request: Request, page: CurrentPage, session_id: str) -> HTMLResponse:
    session = await _session(request, page, session_id)
    return pages(request).render(page, "surgeries/session.html", session=session,
                                 free=list(surgeries.free_slots(session).values()), back=page.href("surgeries"))


@router.get(SESSION + "/book/call-999")
async def call_999(request: Request, page: CurrentPage, session_id: str) -> HTMLResponse:
    session = await _session(request, page, session_id)
    return pages(request).render(page, "surgeries/call_999.html", session=session,
                                 back=_step_href(page, session_id, "emergency"))


@router.get(SESSION + "/book/guidance/{route}")
async def guidance(request: Request, page: CurrentPage, session_id: str, route: str,
                   change: bool = False) -> HTMLResponse:
    session = await _session(request, page, session_id)
    if route not in rules.GUIDED:
        raise NotFoundThere(route)
    onward = "check" if change else rules.after(route, surgeries.is_full(session))
    return pages(request).render(page, f"surgeries/guidance_{route}.html", session=session,
                                 onward=_step_href(page, session_id, onward), back=_step_href(page, session_id, route))


@router.get(SESSION + "/book/check")
async def check(request: Request, page: CurrentPage, session_id: str) -> Response:
    session = await _session(request, page, session_id)
    answers = rules.still_free(await _answers(request, session_id), surgeries.free_slots(session))
    where = rules.first_unanswered(answers, surgeries.is_full(session))
    if where != "check":  # a time taken since is chosen again, and the check follows
        return _redirect(page, session_id, where, change=where == "slot" and "name" in answers)
    return _check_page(request, page, session, answers)


@router.post(SESSION + "/book/check")
async def confirm(request: Request, page: CurrentPage, session_id: str, form: Form) -> Response:
    session = await _session(request, page, session_id)
    journey = await _journey(request, session_id)
    answers = journey.get("answers", {})
    if not answers and journey.get("done"):  # sent twice: the first booked it
        return see_other(page.href("surgeries", session_id, "booked"))
    if rules.first_unanswered(answers, surgeries.is_full(session)) != "check":
        return _redirect(page, session_id, rules.first_unanswered(answers, surgeries.is_full(session)))
    try:
        done = await surgeries.book(ports(request), session, answers, resident(request))
    except Refused as refused:
        return await _refused(request, page, session, refused)
    except InvalidAnswers as invalid:
        return _invalid(request, page, session, answers, invalid)
    await start_over(request, "surgeries", session_id, {"done": done})
    return see_other(page.href("surgeries", session_id, "booked"))


@router.get(SESSION + "/booked")
async def booked(request: Request, page: CurrentPage, session_id: str) -> Response:
    session = await _session(request, page, session_id)
    done = (await _journey(request, session_id)).get("done")
    if not done:
        return see_other(page.href("surgeries", session_id))
    place = None
    if done["kind"] == "waitlist":
        place = await surgeries.waitlist_place(ports(request), done["id"], done["token"], resident(request))
    return pages(request).render(page, "surgeries/booked.html", session=session, done=done, place=place)


@router.get(SESSION + "/book/{step}")
async def question(request: Request, page: CurrentPage, session_id: str, step: str, change: bool = False) -> Response:
    session = await _session(request, page, session_id)
    answers = await _answers(request, session_id)
    full = surgeries.is_full(session)
    if not rules.is_question(step):
        raise NotFoundThere(step)
    if not rules.may_open(step, answers, full):
        return _redirect(page, session_id, rules.first_unanswered(answers, full))
    return _question_page(request, page, session, step, rules.shown_values(step, answers), {}, change)


@router.post(SESSION + "/book/{step}")
async def answer(request: Request, page: CurrentPage, session_id: str, step: str, form: Form,
                 change: bool = False) -> Response:
    session = await _session(request, page, session_id)
    full = surgeries.is_full(session)
    answers = (await _journey(request, session_id)).setdefault("answers", {})
    if not rules.is_question(step) or not rules.may_open(step, answers, full):
        return _redirect(page, session_id, rules.first_unanswered(answers, full))
    read = rules.read_answer(step, {key: str(value) for key, value in form.items()}, surgeries.free_slots(session))
    if read.errors:
        return _question_page(request, page, session, step, read.values, read.errors, change)
    answers.update(read.answers)
    await start_over(request, "surgeries", session_id, {"answers": answers})  # a booking done before is left
    return _redirect(page, session_id, rules.next_page(step, answers, full, change), change)


async def _session(request: Request, page: Page, session_id: str) -> Json:
    return await surgeries.office_session(ports(request), page.tenant, session_id, resident(request))


async def _journey(request: Request, session_id: str) -> dict[str, Any]:
    return await journey_answers(request, "surgeries", session_id)


async def _answers(request: Request, session_id: str) -> dict[str, Any]:
    return dict((await _journey(request, session_id)).get("answers", {}))


def _step_href(page: Page, session_id: str, step: str) -> str:
    return page.href("surgeries", session_id, "book", step)


def _redirect(page: Page, session_id: str, step: str, change: bool = False) -> Response:
    return see_other(_step_href(page, session_id, step) + ("?change=true" if change and step != "check" else ""))


def _question_page(request: Request, page: Page, session: Json, step: str, values: dict[str, str],
                   errors: dict[str, str], change: bool, status_code: int | None = None) -> HTMLResponse:
    full = surgeries.is_full(session)
    earlier = "check" if change else rules.before(step, full)
    back = _step_href(page, session["id"], earlier) if earlier else page.href("surgeries", session["id"])
    action = _step_href(page, session["id"], step) + ("?change=true" if change else "")
    return form_page(request, page, f"surgeries/step_{step}.html", errors, status_code=status_code, session=session,
                     full=full, values=values, action=action, back=back, free=surgeries.free_slots(session),
                     categories=rules.CATEGORIES)


def _check_page(request: Request, page: Page, session: Json, answers: dict[str, Any]) -> HTMLResponse:
    full = surgeries.is_full(session)
    slot = surgeries.free_slots(session).get(answers.get("slot", "")) if not full else None
    return pages(request).render(page, "surgeries/check.html", session=session, answers=answers, full=full,
                                 slot=slot, categories=rules.CATEGORIES, back=_step_href(page, session["id"], "topic"))


async def _refused(request: Request, page: Page, session: Json, refused: Refused) -> Response:
    """A taken time is chosen again; a session now full offers its waiting list; a second booking is explained."""
    reason = rules.refusal(refused.detail)
    if reason == "taken":
        fresh = await _session(request, page, session["id"])
        if surgeries.is_full(fresh):
            return _redirect(page, session["id"], "check")
        errors = {"slot_id": rules.N_("The time you chose has just been taken. Choose another time")}
        return _question_page(request, page, fresh, "slot", {}, errors, True, status_code=409)
    if reason in {"full", "free_again"}:
        return _redirect(page, session["id"], "check" if reason == "full" else "slot")
    if reason == "already_booked":
        return pages(request).render(page, "surgeries/already_booked.html", status_code=409, session=session)
    raise refused


def _invalid(request: Request, page: Page, session: Json, answers: dict[str, Any],
             invalid: InvalidAnswers) -> Response:
    """The service's 422 on an answer our pages let through: that question again, with our message."""
    step, errors = rules.answer_problems(invalid.errors)
    if step == "call-999":
        return _redirect(page, session["id"], step)
    if not errors:
        raise Refused(422, str(invalid))
    return _question_page(request, page, session, step, rules.shown_values(step, answers), errors, True)
