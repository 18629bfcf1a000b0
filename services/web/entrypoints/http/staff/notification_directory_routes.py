"""Who the office writes to: its councils and partners, the councils' acknowledgements of a stakeholder bulletin
(and who still needs chasing), and the addresses nothing may be sent to."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response

from peel.web.domain.staff import notifications_directory as directory
from peel.web.domain.staff import reading
from peel.web.entrypoints.http.staff.context import EDITORS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import NotFoundThere
from peel.web.service_layer.staff import notifications_directory as use

router = APIRouter(prefix="/staff/notifications")
Editor = Annotated[Staff, Depends(staff_page(*EDITORS, section="notifications"))]


@router.get("/organisations", response_class=HTMLResponse)
async def organisations(staff: Editor, done: Annotated[str, Query(max_length=20)] = "") -> HTMLResponse:
    return await _organisations(staff, {}, done=directory.DONE.get(done))


async def _organisations(staff: Staff, answers: dict[str, str], *, errors: dict[str, str] | None = None,
                         done: str | None = None) -> HTMLResponse:
    found = await use.organisations(staff.apis)
    return staff.render("staff/notifications/organisations.html", status_code=422 if errors else 200,
                        organisations=found, answers=answers, kinds=directory.ORGANISATION_KINDS, done=done,
                        errors=staff.error_summary(errors) if errors else None, field_errors=errors or {},
                        back=staff.page.href("notifications"))


@router.post("/organisations", response_class=HTMLResponse)
async def record_organisation(staff: Editor, form: Form) -> Response:
    answers = fields(form)
    body, errors = directory.organisation_body(answers)
    if errors:
        return await _organisations(staff, answers, errors=errors)
    await use.record_organisation(staff.apis, body)
    return staff.redirect("notifications", "organisations", done="organisation")


@router.get("/acknowledgements", response_class=HTMLResponse)
async def acknowledgement_coverage(staff: Editor) -> HTMLResponse:
    """Every area's councils: how many of the stakeholder bulletins sent to them they acknowledged."""
    found = await use.acknowledgement_coverage(staff.apis)
    return staff.render("staff/notifications/coverage.html", found=found, back=staff.page.href("notifications"))


@router.get("/bulletins/{bulletin_id}/acknowledgements", response_class=HTMLResponse)
async def acknowledgements(staff: Editor, bulletin_id: str,
                           chase: Annotated[bool, Query()] = False) -> HTMLResponse:
    """The councils a stakeholder bulletin went to and their answers; ``chase``: only those yet to answer."""
    if not reading.is_id(bulletin_id):
        raise NotFoundThere(bulletin_id)
    found = await use.acknowledgements(staff.apis, bulletin_id, chase)
    names = {one["id"]: one["name"] for one in await use.organisations(staff.apis)}
    return staff.render("staff/notifications/acknowledgements.html", found=found, names=names, chase=chase,
                        bulletin_id=bulletin_id, states=directory.ACK_STATES,
                        back=staff.page.href("notifications", "bulletins", bulletin_id))


@router.get("/suppressions", response_class=HTMLResponse)
async def suppressions(staff: Editor, done: Annotated[str, Query(max_length=20)] = "") -> HTMLResponse:
    return await _suppressions(staff, directory.SuppressionForm(), done=directory.DONE.get(done))


async def _suppressions(staff: Staff, answers: directory.SuppressionForm, *, errors: dict[str, str] | None = None,
                        done: str | None = None) -> HTMLResponse:
    found = await use.suppressions(staff.apis)
    return staff.render("staff/notifications/suppressions.html", status_code=422 if errors else 200,
                        suppressions=found, answers=answers, reasons=directory.SUPPRESSION_REASONS,
                        errors=staff.error_summary(errors) if errors else None, field_errors=errors or {},
                        done=done, back=staff.page.href("notifications"))


@router.post("/suppressions", response_class=HTMLResponse)
async def suppress(staff: Editor, form: Form) -> Response:
    answers = directory.SuppressionForm.read(fields(form))
    errors = answers.errors()
    if errors:
        return await _suppressions(staff, answers, errors=errors)
    await use.suppress(staff.apis, answers.body())
    return staff.redirect("notifications", "suppressions", done="suppressed")


@router.post("/suppressions/{suppression_id}/lift", response_class=HTMLResponse)
async def lift(staff: Editor, form: Form, suppression_id: str) -> Response:
    reason = fields(form).get(f"reason-{suppression_id}", "") or fields(form).get("reason", "")
    if not reading.is_id(suppression_id):
        raise NotFoundThere(suppression_id)
    if not reason:
        return await _suppressions(staff, directory.SuppressionForm(),
                                   errors={f"reason-{suppression_id}": directory.LIFT_REASON_NEEDED})
    await use.lift(staff.apis, f"{suppression_id}?{urlencode({'reason': reason[:500]})}")
    return staff.redirect("notifications", "suppressions", done="lifted")
