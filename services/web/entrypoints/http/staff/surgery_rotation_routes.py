"""The surgery rotation planner's pages: ask for a plan, adjust the proposed sessions, accept them. The proposal
travels in the adjusting form itself, so nothing half-done is kept between the steps."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from peel.web.domain.staff.surgeries import WEEKDAYS, ProposedSessions, RotationRequest, proposal_rows
from peel.web.entrypoints.http.staff.context import EDITORS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import InvalidAnswers
from peel.web.service_layer.staff import surgeries
from peel.web.service_layer.staff.venues import venues

router = APIRouter(tags=["staff: surgeries"])
Editor = Annotated[Staff, Depends(staff_page(*EDITORS, section="surgeries"))]
STARTING = {"months": "12", "sessions_per_month": "2", "every_months": "3", "starts": "10:00", "ends": "12:00"}


@router.get("/staff/surgeries/rotation", summary="Ask the planner for a rotation of surgeries")
async def ask(staff: Editor) -> Response:
    return _ask_page(staff, STARTING, ["0", "1", "2", "3", "4"], {})


@router.post("/staff/surgeries/rotation", summary="The planner's proposal, to adjust and accept")
async def propose(staff: Editor, form: Form) -> Response:
    typed, weekdays = fields(form), [str(day) for day in form.getlist("weekdays")]
    asked = RotationRequest.read(typed, weekdays)
    if asked.errors:
        return _ask_page(staff, typed, weekdays, asked.errors)
    try:
        plan = await surgeries.propose_rotation(staff.apis, asked.values)
    except InvalidAnswers as refused:
        return _ask_page(staff, typed, weekdays, {"sessions_per_month": _their_words(refused)})
    proposed = ProposedSessions("Police and Crime Commissioner", "15", proposal_rows(plan["sessions"]))
    return await _proposal_page(staff, proposed, plan.get("longest_gap_months", {}))


@router.post("/staff/surgeries/rotation/accept", summary="Schedule the adjusted rotation's sessions")
async def accept(staff: Editor, form: Form) -> Response:
    proposed = ProposedSessions.read(fields(form))
    if proposed.errors:
        return await _proposal_page(staff, proposed, {}, status_code=422)
    try:
        await surgeries.accept_rotation(staff.apis, proposed.body())
    except InvalidAnswers as refused:
        errors = {"sessions": _their_words(refused)}
        return await _proposal_page(staff, ProposedSessions(proposed.host, proposed.slot_minutes, proposed.sessions,
                                                            errors), {}, status_code=422)
    return staff.redirect("surgeries", done="rotation")


def _ask_page(staff: Staff, typed: dict[str, str], weekdays: list[str], errors: dict[str, str]) -> Response:
    return staff.render("staff/surgeries/rotation.html", status_code=422 if errors else 200, typed=typed,
                        weekdays=weekdays, weekday_names=WEEKDAYS, field_errors=errors,
                        errors=staff.error_summary(errors), back=staff.page.href("surgeries"))


async def _proposal_page(staff: Staff, proposed: ProposedSessions, gaps: dict[str, Any], *,
                         status_code: int = 200) -> Response:
    return staff.render("staff/surgeries/proposal.html", status_code=status_code, proposed=proposed, gaps=gaps,
                        venues=await venues(staff.apis), field_errors=proposed.errors,
                        errors=staff.error_summary(proposed.errors), back=staff.page.href("surgeries", "rotation"))


def _their_words(refused: InvalidAnswers) -> str:
    """The planner's own explanation (how many sessions would do, which session is on a closed day)."""
    return "; ".join(message for message in refused.errors.values() if message) or str(refused)
