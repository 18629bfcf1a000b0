"""The last steps of building a consultation: the Welsh still missing, the preview as a resident sees it (in
English or Welsh), and publishing it now or scheduling it, with the service's refusals shown on the page."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends
from fastapi.responses import Response

from peel.web.domain.staff import consultation_builder as rules
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.staff.consultation_common import EDITOR, READER, links, router, the_consultation
from peel.web.entrypoints.http.staff.context import Staff
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import InvalidAnswers, Refused
from peel.web.service_layer.staff import consultation_builder as builder

Editor = Annotated[Staff, Depends(EDITOR)]
Reader = Annotated[Staff, Depends(READER)]
EMPTY_ANSWERS = {"answer": None, "ranks": {}, "changes": {}}


@router.get("/staff/consultations/{consultation_id}/welsh")
async def welsh_check(staff: Reader, consultation_id: str) -> Response:
    """Every public text still without Welsh, with the page to add it on."""
    consultation = await the_consultation(staff, consultation_id)
    here = links(staff, consultation)
    return staff.render("staff/consultations/welsh.html", **here, missing=rules.missing_welsh(consultation),
                        back=here["here"])


@router.get("/staff/consultations/{consultation_id}/preview")
async def preview(staff: Reader, consultation_id: str, question: int = 1, language: str = "") -> Response:
    """One question at a time, drawn by the residents' own question partials, read-only, in either language."""
    consultation = await the_consultation(staff, consultation_id)
    shown = staff if language not in ("en", "cy") else replace(staff, page=replace(staff.page, lang=language))
    count = len(consultation["questions"])
    number = min(max(question, 1), max(count, 1))
    asked = consultation["questions"][number - 1] if count else None
    return shown.render("staff/consultations/preview.html", **links(staff, consultation), question=asked,
                        number=number, count=count, values=EMPTY_ANSWERS, field_errors={}, language=shown.page.lang,
                        section=_section_of(consultation, asked), back=links(staff, consultation)["here"])


def _section_of(consultation: dict[str, Any], question: dict[str, Any] | None) -> dict[str, Any] | None:
    for section in consultation.get("sections") or []:
        if question and question["key"] in (f"{section['key']}_support", f"{section['key']}_comment"):
            return section
    return None


@router.get("/staff/consultations/{consultation_id}/publish")
async def publish_page(staff: Editor, consultation_id: str) -> Response:
    consultation = await the_consultation(staff, consultation_id)
    return _publish_form(staff, consultation, {"when": "now"})


@router.post("/staff/consultations/{consultation_id}/publish")
async def publish(staff: Editor, consultation_id: str, form: Form) -> Response:
    consultation = await the_consultation(staff, consultation_id)
    answers = fields(form)
    opens_at, problems = _opening(answers, datetime.fromisoformat(consultation["closes_at"]))
    if not problems:
        try:
            await builder.publish(staff.apis.consultation, consultation["id"], opens_at)
        except Refused as refusal:
            return _publish_form(staff, consultation, answers, {"when": N_("The consultation service refused to "
                                                                           "publish it")}, str(refusal.detail))
        except InvalidAnswers:
            problems = {"opens-day": N_("The opening date must be before the closing date")}
        else:
            return staff.redirect("consultations", consultation["id"], published="1")
    return _publish_form(staff, consultation, answers, problems)


def _opening(answers: dict[str, str], closes_at: datetime) -> tuple[datetime | None, dict[str, str]]:
    when = answers.get("when")
    if when == "now":
        return None, {}
    if when != "later":
        return None, {"when": N_("Choose to publish it now or schedule it")}
    opens_at = rules.opening_time(answers.get("opens-day", ""), answers.get("opens-month", ""),
                                  answers.get("opens-year", ""), answers.get("opens-hour", ""))
    if opens_at is None:
        return None, {"opens-day": N_("Enter a real opening date and hour, such as 1 3 2027 and 9")}
    if opens_at <= datetime.now(UTC):
        return None, {"opens-day": N_("The opening date must be in the future")}
    if opens_at >= closes_at:
        return None, {"opens-day": N_("The opening date must be before the closing date")}
    return opens_at, {}


def _publish_form(staff: Staff, consultation: dict[str, Any], answers: dict[str, str],
                  problems: dict[str, str] | None = None, refusal: str = "") -> Response:
    here = links(staff, consultation)
    status = 409 if refusal else 422 if problems else 200
    return staff.render("staff/consultations/publish.html", status_code=status, **here,
                        form=answers, field_errors=problems or {}, errors=staff.error_summary(problems or {}),
                        refusal=refusal, missing=rules.missing_welsh(consultation), back=here["here"])
