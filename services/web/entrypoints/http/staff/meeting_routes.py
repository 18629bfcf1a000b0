"""The staff pages for neighbourhood meetings: the meetings with coverage per area, one meeting with its outcome
and topics, and the quarterly attendance plan. Admins and engagement officers act; every staff role reads, and
the coverage figures are shown to the roles the reporting service answers."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from peel.web.domain.staff.meetings import (
    ATTENDED_MISSING,
    ATTENDEES_MISSING,
    DONE,
    REASON_MISSING,
    TYPES,
    UNCOVERED,
    OutcomeForm,
    assignments,
    by_area,
    chosen,
    is_quarter,
    next_quarter,
    previous_quarter,
    quarter_days,
    quarter_of,
)
from peel.web.entrypoints.http.staff import meeting_new_routes
from peel.web.entrypoints.http.staff.context import ANALYSTS, EDITORS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import InvalidAnswers
from peel.web.service_layer.staff import meetings

router = APIRouter(tags=["staff: neighbourhood meetings"])
router.routes.extend(meeting_new_routes.router.routes)  # "/meetings/new" before "/meetings/{meeting_id}"
Reader = Annotated[Staff, Depends(staff_page(section="meetings"))]
Editor = Annotated[Staff, Depends(staff_page(*EDITORS, section="meetings"))]


@router.get("/staff/meetings", summary="Neighbourhood meetings in a quarter, and coverage per area")
async def meetings_page(staff: Reader, quarter: str = "", area: str = "", done: str = "") -> Response:
    quarter = quarter if is_quarter(quarter) else quarter_of(datetime.now(UTC).date())
    since, until = quarter_days(quarter)
    found = await meetings.meetings(staff.apis, area=area, since=since, until=until)
    figures = await meetings.coverage(staff.apis, quarter) if staff.page.may(*ANALYSTS) else None
    return staff.render("staff/meetings/meetings.html", meetings=found, quarter=quarter, area=area, types=TYPES,
                        figures=figures, uncovered=UNCOVERED, done=DONE.get(done),
                        earlier=previous_quarter(quarter), later=next_quarter(quarter))


@router.get("/staff/meetings/{meeting_id}", summary="A neighbourhood meeting and its outcome")
async def meeting_page(meeting_id: str, staff: Reader, done: str = "") -> Response:
    return await _meeting_page(staff, meeting_id, done=DONE.get(done))


@router.post("/staff/meetings/{meeting_id}/outcome", summary="Record whether the office attended, and the topics")
async def outcome(meeting_id: str, staff: Editor, form: Form) -> Response:
    given = OutcomeForm.read(str(form.get("attended", "")), [str(v) for v in form.getlist("attendees")],
                             [str(v) for v in form.getlist("topics")], str(form.get("other_topics", "")))
    errors = given.errors
    if not errors:
        try:
            await meetings.record_outcome(staff.apis, meeting_id, given.body)
            return staff.redirect("meetings", meeting_id, done="outcome")
        except InvalidAnswers as refused:
            errors = ({"attendees": ATTENDEES_MISSING} if "attendees" in refused.errors
                      else {"attended": ATTENDED_MISSING})
    return await _meeting_page(staff, meeting_id, errors=errors, typed=given.body)


@router.post("/staff/meetings/{meeting_id}/cancel", summary="Cancel a meeting, giving the reason")
async def cancel(meeting_id: str, staff: Editor, form: Form) -> Response:
    reason = fields(form).get("reason", "")
    if reason:
        await meetings.cancel(staff.apis, meeting_id, reason)
        return staff.redirect("meetings", meeting_id, done="cancelled")
    return await _meeting_page(staff, meeting_id, errors={"reason": REASON_MISSING})


@router.get("/staff/meetings/plans/{quarter}", summary="A quarter's attendance plan")
async def plan(quarter: str, staff: Reader) -> Response:
    return await _plan_page(staff, quarter)


@router.post("/staff/meetings/plans/{quarter}", summary="Confirm a quarter's attendance plan")
async def confirm(quarter: str, staff: Editor, form: Form) -> Response:
    chosen_now = assignments(fields(form))
    try:
        await meetings.confirm_plan(staff.apis, quarter, chosen_now)
    except InvalidAnswers as refused:
        problems = {"plan": "; ".join(refused.errors.values())}
        return await _plan_page(staff, quarter, errors=problems, picked={a["meeting_id"]: a["attendee"]
                                                                         for a in chosen_now})
    return staff.redirect("meetings", quarter=quarter, done="plan")


async def _meeting_page(staff: Staff, meeting_id: str, *, done: str | None = None,
                        errors: dict[str, str] | None = None, typed: dict[str, Any] | None = None) -> Response:
    found = await meetings.meeting(staff.apis, meeting_id)
    settings = await meetings.settings(staff.apis)
    shown = typed or (found.get("outcome") or {})
    return staff.render("staff/meetings/meeting.html", status_code=422 if errors else 200, meeting=found,
                        settings=settings, types=TYPES, shown=shown, done=done, field_errors=errors or {},
                        errors=staff.error_summary(errors or {}), may_write=staff.page.may(*EDITORS),
                        started=datetime.fromisoformat(found["starts_at"]) <= datetime.now(UTC),
                        back=staff.page.href("meetings", quarter=quarter_of(date.fromisoformat(found["day"]))))


async def _plan_page(staff: Staff, quarter: str, *, errors: dict[str, str] | None = None,
                     picked: dict[str, str] | None = None) -> Response:
    confirmed = await meetings.confirmed_plan(staff.apis, quarter)
    may_write = staff.page.may(*EDITORS)
    proposed = await meetings.proposal(staff.apis, quarter) if may_write else None
    since, until = quarter_days(quarter)
    areas = by_area(await meetings.meetings(staff.apis, since=since, until=until))
    return staff.render("staff/meetings/plan.html", status_code=422 if errors else 200, quarter=quarter,
                        confirmed=confirmed, proposed=proposed, areas=areas, may_write=may_write,
                        picked=picked or chosen(confirmed or proposed), uncovered=UNCOVERED,
                        attendees=(await meetings.settings(staff.apis))["attendees"], types=TYPES,
                        field_errors=errors or {}, errors=_plan_summary(errors),
                        back=staff.page.href("meetings", quarter=quarter))


def _plan_summary(errors: dict[str, str] | None) -> list[dict[str, str]]:
    """The service's reasons are its own words (which meeting, which attendee): shown as given."""
    return [{"text": text, "href": "#plan"} for text in (errors or {}).values()]


