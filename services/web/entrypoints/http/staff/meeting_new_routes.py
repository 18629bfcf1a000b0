"""Adding a neighbourhood meeting the office knows of (admins and engagement officers)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from peel.web.domain.staff.meetings import MEETING_PROBLEMS, TYPES, NewMeeting
from peel.web.entrypoints.http.staff.context import EDITORS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import InvalidAnswers
from peel.web.service_layer.staff import meetings
from peel.web.service_layer.staff.venues import venues

router = APIRouter(tags=["staff: neighbourhood meetings"])
Editor = Annotated[Staff, Depends(staff_page(*EDITORS, section="meetings"))]
SERVICE_FIELDS = {"venue_id": "venue", "name": "organiser_name", "email": "organiser_email",
                  "phone": "organiser_phone"}


@router.get("/staff/meetings/new", summary="Add a neighbourhood meeting")
async def new_meeting(staff: Editor) -> Response:
    return await _form_page(staff, {"public": "yes"}, {})


@router.post("/staff/meetings/new", summary="Add the neighbourhood meeting")
async def add(staff: Editor, form: Form) -> Response:
    given = NewMeeting.read(fields(form))
    if given.errors:
        return await _form_page(staff, given.typed, given.errors)
    try:
        created = await meetings.add_meeting(staff.apis, given.body())
    except InvalidAnswers as refused:
        named = {SERVICE_FIELDS.get(key, key) for key in refused.errors}
        return await _form_page(staff, given.typed, {key: MEETING_PROBLEMS[key] for key in MEETING_PROBLEMS
                                                     if key in named} or {"day": MEETING_PROBLEMS["day"]})
    return staff.redirect("meetings", created["id"])


async def _form_page(staff: Staff, typed: dict[str, str], errors: dict[str, str]) -> Response:
    return staff.render("staff/meetings/new_meeting.html", status_code=422 if errors else 200, typed=typed,
                        types=TYPES, venues=await venues(staff.apis), field_errors=errors,
                        errors=staff.error_summary(errors), back=staff.page.href("meetings"))
