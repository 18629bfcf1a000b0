"""Questions to the Police and Crime Panel: the meetings taking questions, a meeting's rules and answered questions,
and asking one (the question, the asker's details, check, sent)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from peel.web.domain import panel as rules
from peel.web.entrypoints.http.context import CurrentPage, pages, ports, resident
from peel.web.entrypoints.http.journeys import Form, form_page, journey_answers, remember, see_other, start_over
from peel.web.entrypoints.http.pages import Page
from peel.web.service_layer import panel
from peel.web.service_layer.ports import InvalidAnswers, Json

router = APIRouter(include_in_schema=False)
MEETING = "/{lang}/{tenant}/panel/meetings/{meeting_id}"


@router.get("/{lang}/{tenant}/panel")
async def meetings(request: Request, page: CurrentPage) -> HTMLResponse:
    taking = await panel.meetings_taking_questions(ports(request), page.tenant, resident(request))
    return pages(request).render(page, "panel/meetings.html", meetings=taking, back=page.href(""))


@router.get(MEETING)
async def meeting(request: Request, page: CurrentPage, meeting_id: uuid.UUID) -> HTMLResponse:
    found, answered = await panel.meeting_and_answers(ports(request), page.tenant, meeting_id, resident(request))
    return pages(request).render(page, "panel/meeting.html", meeting=found, answered=answered["answers"],
                                 back=page.href("panel"))


@router.get(MEETING + "/question")
async def question(request: Request, page: CurrentPage, meeting_id: uuid.UUID) -> Response:
    found, answers = await _asking(request, page, meeting_id)
    if not found["open_for_questions"]:
        return _closed(request, page, found)
    return _question_page(request, page, found, answers.get("question", ""), {})


@router.post(MEETING + "/question")
async def write_question(request: Request, page: CurrentPage, meeting_id: uuid.UUID, form: Form) -> Response:
    found, answers = await _asking(request, page, meeting_id)
    text = str(form.get("question") or "")
    problems = rules.question_problems(text, found["word_limit"])
    if problems:
        return _question_page(request, page, found, text, problems)
    return _next(page, meeting_id, await remember(request, answers, {"question": text.strip()}))


@router.get(MEETING + "/details")
async def details(request: Request, page: CurrentPage, meeting_id: uuid.UUID) -> Response:
    found, answers = await _asking(request, page, meeting_id)
    return _details_page(request, page, found, rules.Asker.from_form(answers), {})


@router.post(MEETING + "/details")
async def give_details(request: Request, page: CurrentPage, meeting_id: uuid.UUID, form: Form) -> Response:
    found, answers = await _asking(request, page, meeting_id)
    asker = rules.Asker.from_form(form)
    problems = rules.asker_problems(asker)
    if problems:
        return _details_page(request, page, found, asker, problems)
    return _next(page, meeting_id, await remember(request, answers, asker.answers()))


@router.get(MEETING + "/check")
async def check(request: Request, page: CurrentPage, meeting_id: uuid.UUID) -> Response:
    found, answers = await _asking(request, page, meeting_id)
    missing = rules.first_unanswered(answers)
    if not found["open_for_questions"]:
        return _closed(request, page, found)
    if missing:
        return see_other(page.href("panel", "meetings", meeting_id, missing))
    return _check_page(request, page, found, answers, [])


@router.post(MEETING + "/check")
async def send(request: Request, page: CurrentPage, meeting_id: uuid.UUID, form: Form) -> Response:
    found, answers = await _asking(request, page, meeting_id)
    if "sent" in answers or rules.first_unanswered(answers):  # sent already (a second click): its confirmation
        step = "sent" if "sent" in answers else "check"
        return see_other(page.href("panel", "meetings", meeting_id, step))
    try:
        received = await panel.send_question(ports(request), meeting_id,
                                             rules.question_body(answers["question"], rules.Asker.from_form(answers)),
                                             resident(request))
    except panel.QuestionsClosed:
        return _closed(request, page, found)
    except panel.AlreadyAsked:
        errors = [{"text": rules.ALREADY_ASKED, "href": page.href("panel", "meetings", meeting_id, "details")}]
        return _check_page(request, page, found, answers, errors, status_code=409)
    except InvalidAnswers as refused:
        return _check_page(request, page, found, answers, _change_links(page, meeting_id, refused), status_code=422)
    await start_over(request, "panel", meeting_id, {"sent": received})
    return see_other(page.href("panel", "meetings", meeting_id, "sent"))


@router.get(MEETING + "/sent")
async def sent(request: Request, page: CurrentPage, meeting_id: uuid.UUID) -> Response:
    found, answers = await _asking(request, page, meeting_id)
    if "sent" not in answers:
        return see_other(page.href("panel", "meetings", meeting_id))
    return pages(request).render(page, "panel/sent.html", meeting=found, received=answers["sent"])


async def _asking(request: Request, page: Page, meeting_id: uuid.UUID) -> tuple[Json, dict[str, Any]]:
    """This office's meeting and the answers given so far for it in this browser."""
    found = await panel.office_meeting(ports(request), page.tenant, meeting_id, resident(request))
    return found, await journey_answers(request, "panel", meeting_id)


def _next(page: Page, meeting_id: uuid.UUID, answers: dict[str, Any]) -> Response:
    """The first page still to fill in, else the check page (so a Change round trip comes back to it)."""
    return see_other(page.href("panel", "meetings", meeting_id, rules.first_unanswered(answers) or "check"))


def _question_page(request: Request, page: Page, meeting: Json, text: str, problems: dict[str, str]) -> Response:
    return form_page(request, page, "panel/question.html", problems, meeting=meeting, question=text,
                     words=rules.word_count(text), back=page.href("panel", "meetings", meeting["id"]))


def _details_page(request: Request, page: Page, meeting: Json, asker: rules.Asker,
                  problems: dict[str, str]) -> Response:
    return form_page(request, page, "panel/details.html", problems, meeting=meeting, asker=asker,
                     back=page.href("panel", "meetings", meeting["id"], "question"))


def _check_page(request: Request, page: Page, meeting: Json, answers: dict[str, Any], errors: list[dict[str, str]],
                *, status_code: int = 200) -> Response:
    return form_page(request, page, "panel/check.html", errors, status_code=status_code, meeting=meeting,
                     answers=answers, back=page.href("panel", "meetings", meeting["id"], "details"))


def _closed(request: Request, page: Page, meeting: Json) -> Response:
    return pages(request).render(page, "panel/closed.html", meeting=meeting, status_code=409,
                                 back=page.href("panel", "meetings", meeting["id"]))


def _change_links(page: Page, meeting_id: uuid.UUID, refused: InvalidAnswers) -> list[dict[str, str]]:
    """The fields the service refused, each leading to the page that asks for it."""
    return [{"text": message, "href": page.href("panel", "meetings", meeting_id,
                                                "question" if field == "question" else "details")}
            for field, message in rules.service_problems(refused.errors).items()]
