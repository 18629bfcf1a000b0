"""What holds or shapes the office's messages: pre-election periods (publicity waits until polling day is over),
the messages held now and their release on record, and the message templates."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response

from peel.web.domain.staff import notifications_directory as directory
from peel.web.domain.staff import reading
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.staff.context import ADMINS, EDITORS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import InvalidAnswers, NotFoundThere
from peel.web.service_layer.staff import notifications_directory as use

router = APIRouter(prefix="/staff/notifications")
Editor = Annotated[Staff, Depends(staff_page(*EDITORS, section="notifications"))]
Admin = Annotated[Staff, Depends(staff_page(*ADMINS, section="notifications"))]
Done = Annotated[str, Query(max_length=20)]


@router.get("/election-periods", response_class=HTMLResponse)
async def election_periods(staff: Editor, done: Done = "") -> HTMLResponse:
    return await _periods(staff, directory.PeriodForm(), done=directory.DONE.get(done))


async def _periods(staff: Staff, answers: directory.PeriodForm, *, errors: dict[str, str] | None = None,
                   done: str | None = None) -> HTMLResponse:
    found = await use.election_periods(staff.apis)
    return staff.render("staff/notifications/election_periods.html", status_code=422 if errors else 200,
                        periods=found, answers=answers, kinds=directory.ELECTION_KINDS,
                        states=directory.PERIOD_STATES, errors=staff.error_summary(errors) if errors else None,
                        field_errors=errors or {}, done=done, back=staff.page.href("notifications"))


@router.post("/election-periods", response_class=HTMLResponse)
async def add_election_period(staff: Admin, form: Form) -> Response:
    answers = directory.PeriodForm.read(fields(form))
    errors = answers.errors()
    if errors:
        return await _periods(staff, answers, errors=errors)
    await use.add_election_period(staff.apis, answers.body())
    return staff.redirect("notifications", "election-periods", done="period")


@router.post("/election-periods/{period_id}/cancel", response_class=HTMLResponse)
async def cancel_election_period(staff: Admin, form: Form, period_id: str) -> Response:
    if not reading.is_id(period_id):
        raise NotFoundThere(period_id)
    reason = fields(form).get(f"reason-{period_id}", "")
    if not reason:
        return await _periods(staff, directory.PeriodForm(),
                              errors={f"reason-{period_id}": N_("Say why the period is cancelled")})
    await staff.apis.notifications.delete(f"/v1/election-periods/{period_id}?{urlencode({'reason': reason[:500]})}")
    return staff.redirect("notifications", "election-periods", done="period-cancelled")


@router.get("/holds", response_class=HTMLResponse)
async def holds(staff: Editor, done: Done = "") -> HTMLResponse:
    return await _holds(staff, done=directory.DONE.get(done))


async def _holds(staff: Staff, *, errors: dict[str, str] | None = None, done: str | None = None) -> HTMLResponse:
    held, releases = await use.holds(staff.apis)
    return staff.render("staff/notifications/holds.html", status_code=422 if errors else 200, held=held,
                        releases=releases, errors=staff.error_summary(errors) if errors else None,
                        field_errors=errors or {}, done=done, back=staff.page.href("notifications"))


@router.post("/holds/release", response_class=HTMLResponse)
async def release(staff: Editor, form: Form) -> Response:
    body, errors = directory.release_body(fields(form))
    if errors:
        return await _holds(staff, errors=errors)
    await use.release(staff.apis, body)
    return staff.redirect("notifications", "holds", done="released")


@router.get("/templates", response_class=HTMLResponse)
async def templates(staff: Editor, done: Done = "") -> HTMLResponse:
    found, layout = await use.templates(staff.apis)
    return staff.render("staff/notifications/templates.html", templates=found, layout=layout,
                        layouts=directory.LAYOUTS, done=directory.DONE.get(done),
                        back=staff.page.href("notifications"))


@router.post("/templates/layout", response_class=HTMLResponse)
async def choose_layout(staff: Admin, form: Form) -> Response:
    """How every message shows Welsh and English (an admin's choice)."""
    layout = fields(form).get("layout", "")
    if layout not in directory.LAYOUTS:
        raise InvalidAnswers({"layout": "choose one of the layouts"})
    await use.choose_layout(staff.apis, layout)
    return staff.redirect("notifications", "templates", done="layout")


@router.get("/templates/{key}", response_class=HTMLResponse)
async def template(staff: Editor, key: str,
                   language: Annotated[str, Query(pattern="^(en|cy|both)$")] = "both") -> HTMLResponse:
    """A template and its preview, in English, Welsh or both."""
    if not directory.is_template_key(key):
        raise NotFoundThere(key)
    found, shown = await use.template(staff.apis, key, language)
    return staff.render("staff/notifications/template.html", found=found, shown=shown, language=language,
                        back=staff.page.href("notifications", "templates"))
