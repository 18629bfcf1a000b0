"""Assisted entry: staff key in a paper form, a telephone response or an event's card on the resident's behalf, with
the channel it came through, so results show it by channel and never pool it silently."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from peel.web.adapters.translations import translations
from peel.web.domain.staff.consultation_results import CHANNEL_NAMES
from peel.web.domain.staff.consultation_results_entry import (
    ASSISTED_CHANNELS,
    BANDS,
    prefix,
    read_entry,
    service_problems,
)
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.staff.context import EDITORS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form
from peel.web.entrypoints.http.staff.results_shared import consultation_id_of
from peel.web.service_layer.ports import InvalidAnswers, Json
from peel.web.service_layer.staff import consultation_results_after as use

router = APIRouter()
Editor = Annotated[Staff, Depends(staff_page(*EDITORS, section="consultations"))]
PAGE = "staff/consultation_results/entry.html"


def _entry_page(staff: Staff, consultation: Json, *, status_code: int = 200, given: dict[str, Any] | None = None,
                values: dict[str, Any] | None = None, **context: Any) -> Response:
    return staff.render(PAGE, status_code=status_code, consultation=consultation, given=given or {},
                        values=values or {}, prefix=prefix, channels=ASSISTED_CHANNELS, channel_names=CHANNEL_NAMES,
                        bands=BANDS, back=staff.page.href("consultations", consultation.get("id", "")), **context)


@router.get("/staff/consultations/{consultation_id}/responses/new")
async def entry_page(consultation_id: str, staff: Editor, entered: str | None = None) -> Response:
    """Every question on one page; after a response is entered, a banner and the form empty for the next."""
    consultation = await use.consultation(staff.apis, consultation_id_of(consultation_id))
    done = translations(staff.page.lang).gettext(N_("The response is entered")) if entered else None
    return _entry_page(staff, consultation, done=done, entered=bool(entered))


@router.post("/staff/consultations/{consultation_id}/responses/new")
async def enter_response(consultation_id: str, staff: Editor,
                         form: Form) -> Response:
    """Sent to the consultation service as the resident's response, with its channel; its 422 shows the form again."""
    consultation_id = consultation_id_of(consultation_id)
    consultation = await use.consultation(staff.apis, consultation_id)
    posted = {key: [v for v in form.getlist(key) if isinstance(v, str)] for key in form}
    questions = consultation.get("questions", [])
    entry = read_entry(questions, posted)
    if not entry.problems:
        try:
            await use.enter_response(staff.apis, consultation_id, entry.body)
            return staff.redirect("consultations", consultation_id, "responses", "new", entered="1")
        except InvalidAnswers as refusal:
            entry.problems = service_problems(questions, refusal.errors)
    given = {key: values[0] if len(values) == 1 else values for key, values in posted.items()}
    return _entry_page(staff, consultation, status_code=422, given=given, values=entry.values,
                       errors=staff.error_summary(entry.problems), field_errors=entry.problems)
