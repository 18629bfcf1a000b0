"""Scheduling a Panel meeting from the staff pages (Panel clerks and admins): its name, place, day and rules."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from peel.web.domain.staff.panel import MEETING_DEFAULTS, MEETING_PROBLEMS, MeetingForm
from peel.web.entrypoints.http.staff.context import CLERKS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import InvalidAnswers
from peel.web.service_layer.staff import panel

router = APIRouter(tags=["staff: panel"])
Clerk = Annotated[Staff, Depends(staff_page(*CLERKS, section="panel"))]


@router.get("/staff/panel/meetings/new", summary="Schedule a Panel meeting")
async def new_meeting(staff: Clerk) -> Response:
    return _form_page(staff, MEETING_DEFAULTS, {})


@router.post("/staff/panel/meetings/new", summary="Schedule the Panel meeting")
async def schedule(staff: Clerk, form: Form) -> Response:
    given = MeetingForm.read(fields(form))
    if given.errors:
        return _form_page(staff, given.typed, given.errors)
    try:
        created = await panel.schedule_meeting(staff.apis, given.body())
    except InvalidAnswers as refused:
        return _form_page(staff, given.typed, _by_field(refused))
    return staff.redirect("panel", "meetings", created["id"])


def _form_page(staff: Staff, typed: dict[str, str], errors: dict[str, str]) -> Response:
    return staff.render("staff/panel/new_meeting.html", status_code=422 if errors else 200, typed=typed,
                        field_errors=errors, errors=staff.error_summary(errors), back=staff.page.href("panel"))


def _by_field(refused: InvalidAnswers) -> dict[str, str]:
    """The service's 422 on a meeting, by the form's fields (a start in the past is the day's problem)."""
    named = {"starts_at": "day"}
    found = {named.get(key, key): MEETING_PROBLEMS[named.get(key, key)] for key in refused.errors
             if named.get(key, key) in MEETING_PROBLEMS}
    return found or {"day": MEETING_PROBLEMS["day"]}
