"""The staff pages for Panel questions: the meetings, each meeting's queue, and one question with what a clerk may do
next (accept, reject with a reason, answer, publish). Panel clerks and admins act; the pages show others no
action, and the consultation service refuses theirs whatever they send."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from peel.web.domain.staff.panel import (
    DAY_WRONG,
    DONE,
    ENGLISH_MISSING,
    STATUS_COLOURS,
    STATUSES,
    AnswerForm,
    actions_for,
    counts,
    rejection_errors,
)
from peel.web.entrypoints.http.staff import panel_meeting_routes
from peel.web.entrypoints.http.staff.context import CLERKS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import InvalidAnswers
from peel.web.service_layer.staff import panel

router = APIRouter(tags=["staff: panel"])
router.routes.extend(panel_meeting_routes.router.routes)  # "/meetings/new" before "/meetings/{meeting_id}"
Viewer = Annotated[Staff, Depends(staff_page(section="panel"))]
Clerk = Annotated[Staff, Depends(staff_page(*CLERKS, section="panel"))]
LABELS = {"statuses": STATUSES, "colours": STATUS_COLOURS}


@router.get("/staff/panel", summary="Panel meetings, soonest first")
async def meetings(staff: Viewer) -> Response:
    return staff.render("staff/panel/meetings.html", meetings=await panel.meetings(staff.apis), **LABELS)


@router.get("/staff/panel/meetings/{meeting_id}", summary="A Panel meeting's queue of questions")
async def meeting(meeting_id: str, staff: Viewer, status: str = "", overdue: bool = False) -> Response:
    found = await panel.meeting(staff.apis, meeting_id)
    wanted = status if status in STATUSES else ""
    questions = await panel.queue(staff.apis, meeting_id, status=wanted, overdue=overdue)
    summary = counts(await panel.queue(staff.apis, meeting_id)) if wanted or overdue else counts(questions)
    return staff.render("staff/panel/meeting.html", meeting=found, questions=questions, counts=summary,
                        status=wanted, overdue=overdue, back=staff.page.href("panel"), **LABELS)


@router.get("/staff/panel/questions/{question_id}", summary="A Panel question and what may be done with it")
async def question(question_id: str, staff: Viewer, done: str = "") -> Response:
    return await _question_page(staff, question_id, done=DONE.get(done))


@router.post("/staff/panel/questions/{question_id}/accept", summary="Accept a question")
async def accept(question_id: str, staff: Clerk, form: Form) -> Response:
    await panel.act(staff.apis, question_id, "accept")
    return _done(staff, question_id, "accepted")


@router.post("/staff/panel/questions/{question_id}/reject", summary="Reject a question with a reason")
async def reject(question_id: str, staff: Clerk, form: Form) -> Response:
    reason = fields(form).get("reason", "")
    known = [str(found["key"]) for found in await panel.rejection_reasons(staff.apis)]
    errors = rejection_errors(reason, known)
    if not errors:
        try:
            await panel.act(staff.apis, question_id, "reject", {"reason": reason})
            return _done(staff, question_id, "rejected")
        except InvalidAnswers:
            errors = rejection_errors("", known)
    return await _question_page(staff, question_id, errors=errors, status_code=422)


@router.post("/staff/panel/questions/{question_id}/answer", summary="Record the Commissioner's response")
async def answer(question_id: str, staff: Clerk, form: Form) -> Response:
    given = AnswerForm.read(fields(form))
    errors = given.errors
    if not errors:
        try:
            await panel.act(staff.apis, question_id, "answer", given.body())
            return _done(staff, question_id, "answered")
        except InvalidAnswers as refused:
            errors = _answer_errors(refused)
    return await _question_page(staff, question_id, answer=given, errors=errors, status_code=422)


@router.post("/staff/panel/questions/{question_id}/publish", summary="Publish an answered question")
async def publish(question_id: str, staff: Clerk, form: Form) -> Response:
    await panel.act(staff.apis, question_id, "publish")
    return _done(staff, question_id, "published")


async def _question_page(staff: Staff, question_id: str, *, status_code: int = 200,
                         errors: dict[str, str] | None = None, answer: AnswerForm | None = None,
                         done: str | None = None) -> Response:
    found = await panel.question(staff.apis, question_id)
    may_act = staff.page.may(*CLERKS)
    actions = actions_for(found.question) if may_act else ()
    reasons = await panel.rejection_reasons(staff.apis) if "reject" in actions else []
    errors = errors or {}
    context: dict[str, Any] = {"question": found.question, "meeting": found.meeting, "actions": actions,
                               "reasons": reasons, "answer": answer or AnswerForm(), "field_errors": errors,
                               "errors": staff.error_summary(errors), "done": done}
    return staff.render("staff/panel/question.html", status_code=status_code,
                        back=staff.page.href("panel", "meetings", found.meeting["id"]), **context, **LABELS)


def _done(staff: Staff, question_id: str, done: str) -> Response:
    return staff.redirect("panel", "questions", question_id, done=done)


def _answer_errors(refused: InvalidAnswers) -> dict[str, str]:
    """The service's 422 on an answer, by the form's field: the date, or else the response's words."""
    return {"answered_on": DAY_WRONG} if "answered_on" in refused.errors else {"response_en": ENGLISH_MISSING}
