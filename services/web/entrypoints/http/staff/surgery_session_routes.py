"""Scheduling one surgery session from the staff pages (admins and engagement officers)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from peel.web.domain.staff.surgeries import SESSION_DEFAULTS, SESSION_PROBLEMS, NewSession
from peel.web.entrypoints.http.staff.context import EDITORS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import InvalidAnswers
from peel.web.service_layer.staff import surgeries
from peel.web.service_layer.staff.venues import venues

router = APIRouter(tags=["staff: surgeries"])
Editor = Annotated[Staff, Depends(staff_page(*EDITORS, section="surgeries"))]
SERVICE_FIELDS = {"policing_area": "venue_id", "online": "venue_id"}


@router.get("/staff/surgeries/sessions/new", summary="Schedule a surgery session")
async def new_session(staff: Editor) -> Response:
    return await _form_page(staff, SESSION_DEFAULTS, {})


@router.post("/staff/surgeries/sessions/new", summary="Schedule the surgery session")
async def schedule(staff: Editor, form: Form) -> Response:
    given = NewSession.read(fields(form))
    if given.errors:
        return await _form_page(staff, given.typed, given.errors)
    try:
        created = await surgeries.schedule_session(staff.apis, given.body())
    except InvalidAnswers as refused:
        named = {SERVICE_FIELDS.get(key, key) for key in refused.errors}
        errors = {key: SESSION_PROBLEMS[key] for key in SESSION_PROBLEMS if key in named}
        return await _form_page(staff, given.typed, errors or {"day": SESSION_PROBLEMS["day"]})
    return staff.redirect("surgeries", "sessions", created["id"])


async def _form_page(staff: Staff, typed: dict[str, str], errors: dict[str, str]) -> Response:
    return staff.render("staff/surgeries/new_session.html", status_code=422 if errors else 200, typed=typed,
                        venues=await venues(staff.apis), field_errors=errors,
                        errors=staff.error_summary(errors), back=staff.page.href("surgeries"))
