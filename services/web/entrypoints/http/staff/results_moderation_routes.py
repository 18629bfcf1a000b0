"""Moderation: the free-text answers residents agreed to publish, awaiting a decision, each approved or redacted with
a reason that goes into the log beside who decided and when."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from peel.web.adapters.translations import translations
from peel.web.domain.language import localised
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.staff.context import EDITORS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.entrypoints.http.staff.results_shared import consultation_id_of
from peel.web.service_layer.ports import InvalidAnswers, Json
from peel.web.service_layer.staff import consultation_results_after as use

router = APIRouter()
Editor = Annotated[Staff, Depends(staff_page(*EDITORS, section="consultations"))]
After = Annotated[str | None, Query(max_length=200)]
PAGE = "staff/consultation_results/moderation.html"
DONE = {"approved": N_("The answer is approved for publishing"),
        "redacted": N_("The answer is redacted: it will not be published")}


def question_texts(consultation: Json, lang: str) -> dict[str, str]:
    return {q.get("key", ""): localised(q.get("text"), lang).text for q in consultation.get("questions", [])}


async def _queue_page(staff: Staff, consultation_id: str, *, after: str | None = None, log_after: str | None = None,
                      status_code: int = 200, **context: object) -> Response:
    queue = await use.moderation_queue(staff.apis, consultation_id, after, log_after)
    return staff.render(PAGE, status_code=status_code, consultation_id=consultation_id,
                        consultation=queue.consultation, awaiting=queue.awaiting, log=queue.log,
                        questions=question_texts(queue.consultation, staff.page.lang),
                        back=staff.page.href("consultations", consultation_id), **context)


@router.get("/staff/consultations/{consultation_id}/moderation")
async def moderation_page(consultation_id: str, staff: Editor, after: After = None, log_after: After = None,
                          decided: str | None = None) -> Response:
    """The queue, oldest first, a page at a time, and the log of decisions."""
    message = DONE.get(decided or "")
    done = translations(staff.page.lang).gettext(message) if message else None
    return await _queue_page(staff, consultation_id_of(consultation_id), after=after, log_after=log_after, done=done)


@router.post("/staff/consultations/{consultation_id}/moderation")
async def moderate(consultation_id: str, staff: Editor, form: Form) -> Response:
    """One answer approved or redacted; without a reason (or a decision) the queue is shown again saying so."""
    consultation_id, given = consultation_id_of(consultation_id), fields(form)
    problems = _problems(given)
    if not problems:
        try:
            await use.moderate(staff.apis, consultation_id, given.get("response", ""), question=given.get(
                "question", ""), decision=given["decision"], reason=given["reason"])
            return staff.redirect("consultations", consultation_id, "moderation", decided=given["decision"])
        except InvalidAnswers as refusal:
            problems = {_field(given, name): message for name, message in refusal.errors.items()}
    return await _queue_page(staff, consultation_id, status_code=422, errors=staff.error_summary(problems),
                             field_errors=problems, chosen=given)


def _problems(given: dict[str, str]) -> dict[str, str]:
    problems = {}
    if given.get("decision") not in use.DECISIONS:
        problems[_field(given, "decision")] = N_("Select approve or redact")
    if len(given.get("reason", "")) < 3:
        problems[_field(given, "reason")] = N_("Enter the reason for your decision (at least 3 characters)")
    return problems


def _field(given: dict[str, str], name: str) -> str:
    """The id of a field of the answer's own form (each answer in the queue has one)."""
    return f"{name}-{given.get('response', '')}-{given.get('question', '')}"
