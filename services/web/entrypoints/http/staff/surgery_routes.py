"""The staff pages for surgeries: the diary of sessions, one session with its bookings, attendance, confidential
notes and waitlist, and cancelling it with a reason. Admins and engagement officers act; every staff role reads,
and the scheduling service gives confidential notes only to those who may write them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from peel.web.domain.staff.surgeries import (
    BOOKING_COLOURS,
    BOOKING_STATUSES,
    DONE,
    NOTES_MISSING,
    OUTCOME_MISSING,
    REASON_MISSING,
    attendance_open,
    notes_shown,
    upcoming_and_past,
)
from peel.web.entrypoints.http.staff import surgery_rotation_routes, surgery_session_routes
from peel.web.entrypoints.http.staff.context import EDITORS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import InvalidAnswers
from peel.web.service_layer.staff import surgeries

router = APIRouter(tags=["staff: surgeries"])
# One level of routes (as the page tests list them), "/sessions/new" before "/sessions/{session_id}".
router.routes.extend([*surgery_rotation_routes.router.routes, *surgery_session_routes.router.routes])
Reader = Annotated[Staff, Depends(staff_page(section="surgeries"))]
Editor = Annotated[Staff, Depends(staff_page(*EDITORS, section="surgeries"))]
SESSION = "/staff/surgeries/sessions/{session_id}"


@router.get("/staff/surgeries", summary="The diary of surgery sessions")
async def diary(staff: Reader, done: str = "") -> Response:
    ahead, gone = upcoming_and_past(await surgeries.diary(staff.apis), datetime.now(UTC).date())
    return staff.render("staff/surgeries/diary.html", upcoming=ahead, past=gone, done=_said(done))


@router.get(SESSION, summary="A surgery session with its bookings and waitlist")
async def session(session_id: str, staff: Reader, done: str = "") -> Response:
    return await _session_page(staff, session_id, done=_said(done))


@router.post(f"{SESSION}/cancel", summary="Cancel a session, giving the reason")
async def cancel(session_id: str, staff: Editor, form: Form) -> Response:
    reason = fields(form).get("reason", "")
    if reason:
        try:
            await surgeries.cancel_session(staff.apis, session_id, reason)
            return staff.redirect("surgeries", "sessions", session_id, done="cancelled")
        except InvalidAnswers:
            pass
    return await _session_page(staff, session_id, errors={"reason": REASON_MISSING}, typed={"reason": reason})


@router.post(f"{SESSION}/bookings/{{booking_id}}/attendance", summary="Record whether the booker came")
async def attendance(session_id: str, booking_id: str, staff: Editor, form: Form) -> Response:
    outcome = fields(form).get("outcome", "")
    if outcome in {"attended", "no_show"}:
        await surgeries.record_attendance(staff.apis, session_id, booking_id, outcome)
        return staff.redirect("surgeries", "sessions", session_id, done="attendance")
    return await _session_page(staff, session_id, errors={f"outcome-{booking_id}": OUTCOME_MISSING})


@router.post(f"{SESSION}/bookings/{{booking_id}}/notes", summary="Write a booking's confidential notes")
async def notes(session_id: str, booking_id: str, staff: Editor, form: Form) -> Response:
    text = fields(form).get("notes", "")
    if text:
        try:
            await surgeries.write_notes(staff.apis, session_id, booking_id, text)
            return staff.redirect("surgeries", "sessions", session_id, done="notes")
        except InvalidAnswers:
            pass
    return await _session_page(staff, session_id, errors={f"notes-{booking_id}": NOTES_MISSING},
                               typed={f"notes-{booking_id}": text})


async def _session_page(staff: Staff, session_id: str, *, done: str | None = None,
                        errors: dict[str, str] | None = None, typed: dict[str, str] | None = None) -> Response:
    found = await surgeries.session(staff.apis, session_id)
    may_write, now = staff.page.may(*EDITORS), datetime.now(UTC)
    bookings = [{**booking, "shows_notes": notes_shown(booking, may_write),
                 "attendance_open": may_write and attendance_open(booking, now)} for booking in found["bookings"]]
    context: dict[str, Any] = {
        "session": found, "bookings": bookings, "may_write": may_write, "statuses": BOOKING_STATUSES,
        "colours": BOOKING_COLOURS, "field_errors": errors or {}, "errors": staff.error_summary(errors or {}),
        "typed": typed or {}, "done": done, "upcoming": date.fromisoformat(found["day"]) >= now.date()}
    return staff.render("staff/surgeries/session.html", status_code=422 if errors else 200,
                        back=staff.page.href("surgeries"), **context)


def _said(done: str) -> str | None:
    return DONE.get(done)
