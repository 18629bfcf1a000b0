"""The bulletin pages: written from the waiting items or by hand, test-sent, approved by a second person, sent now
or at a set time, paused, resumed or cancelled, and followed live while it goes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response

from peel.web.domain.staff import notifications as rules
from peel.web.domain.staff import reading
from peel.web.domain.staff.messages import N_
from peel.web.entrypoints.http.staff.context import EDITORS, Staff, staff_page
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import InvalidAnswers, NotFoundThere, Refused
from peel.web.service_layer.staff import notifications as use

router = APIRouter(prefix="/staff/notifications/bulletins")
Editor = Annotated[Staff, Depends(staff_page(*EDITORS, section="notifications"))]
SIMPLE_ACTIONS = ("approve", "send", "pause", "resume", "cancel")


@router.get("", response_class=HTMLResponse)
async def bulletins(staff: Editor) -> HTMLResponse:
    found = await use.bulletins(staff.apis)
    return staff.render("staff/notifications/bulletins.html", bulletins=found, back=staff.page.href("notifications"),
                        **_labels())


@router.get("/new", response_class=HTMLResponse)
async def new_bulletin(staff: Editor) -> HTMLResponse:
    return await _compose(staff, rules.BulletinForm())


@router.post("", response_class=HTMLResponse)
async def write_bulletin(staff: Editor, form: Form) -> Response:
    answers = rules.BulletinForm.read(fields(form), {key: form.getlist(key) for key in ("organisation_kinds", "roles")})
    try:
        checked, written = await use.write_bulletin(staff.apis, answers)
    except InvalidAnswers as refused:
        return await _compose(staff, answers, rules.service_errors(refused.errors))
    if written is None:
        return await _compose(staff, answers, checked.errors)
    return staff.redirect("notifications", "bulletins", written, done="written")


async def _compose(staff: Staff, answers: rules.BulletinForm, errors: dict[str, str] | None = None) -> HTMLResponse:
    waiting = await use.waiting_items(staff.apis)
    return staff.render("staff/notifications/compose.html", status_code=422 if errors else 200, answers=answers,
                        waiting=waiting, errors=staff.error_summary(errors) if errors else None,
                        field_errors=errors or {}, kinds=rules.ORGANISATION_KINDS, roles=rules.ROLES,
                        back=staff.page.href("notifications", "bulletins"))


@router.get("/{bulletin_id}", response_class=HTMLResponse)
async def bulletin(staff: Editor, bulletin_id: str, done: Annotated[str, Query(max_length=20)] = "",
                   live: Annotated[str, Query(pattern="^(on|off)$")] = "on") -> HTMLResponse:
    """While it is being sent the page reloads itself (a ``Refresh`` header: no script), unless turned off."""
    return await _bulletin_page(staff, bulletin_id, done=rules.DONE.get(done), live=live == "on")


async def _bulletin_page(staff: Staff, bulletin_id: str, *, status_code: int = 200, done: str | None = None,
                         errors: dict[str, str] | None = None, live: bool = False) -> HTMLResponse:
    view = await use.bulletin(staff.apis, _id(bulletin_id))
    status = view.bulletin["status"]
    page = staff.render("staff/notifications/bulletin.html", status_code=status_code, view=view, b=view.bulletin,
                        actions=rules.actions(status), refresh=rules.refreshes(status) and rules.REFRESH_SECONDS,
                        live=live,
                        wrote_it=rules.wrote_it(view.bulletin, staff.user.subject), done=done,
                        errors=staff.error_summary(errors) if errors else None, field_errors=errors or {},
                        stats=rules.count_rows(view.stats or {}, rules.STAT_NAMES),
                        excluded=rules.count_rows((view.reach or {}).get("excluded", {}), rules.EXCLUDED_NAMES),
                        back=staff.page.href("notifications", "bulletins"), **_labels())
    if live and rules.refreshes(status):
        again = staff.page.href("notifications", "bulletins", bulletin_id)
        page.headers["Refresh"] = f"{rules.REFRESH_SECONDS}; url={again}"
    return page


@router.get("/{bulletin_id}/preview", response_class=HTMLResponse)
async def preview(staff: Editor, bulletin_id: str,
                  language: Annotated[str, Query(pattern="^(en|cy|both)$")] = "both") -> HTMLResponse:
    shown = await use.preview(staff.apis, _id(bulletin_id), language)
    return staff.render("staff/notifications/preview.html", shown=shown, language=language, bulletin_id=bulletin_id,
                        back=staff.page.href("notifications", "bulletins", bulletin_id))


@router.post("/{bulletin_id}/schedule", response_class=HTMLResponse)
async def schedule(staff: Editor, form: Form, bulletin_id: str) -> Response:
    when = rules.send_at(fields(form).get("send_at", ""), reading.LONDON)
    if when is None:
        return await _bulletin_page(staff, bulletin_id, status_code=422,
                                    errors={"send_at": N_("Enter the date and time to send it")})
    try:
        await use.act(staff.apis, _id(bulletin_id), "schedule", {"send_at": when})
    except InvalidAnswers:
        return await _bulletin_page(staff, bulletin_id, status_code=422, errors={"send_at": rules.NOT_IN_FUTURE})
    return staff.redirect("notifications", "bulletins", bulletin_id, done="schedule")


@router.post("/{bulletin_id}/test-send", response_class=HTMLResponse)
async def test_send(staff: Editor, form: Form, bulletin_id: str) -> Response:
    addresses = rules.email_addresses(fields(form).get("email_addresses", ""))
    if not 1 <= len(addresses) <= 10:
        return await _bulletin_page(staff, bulletin_id, status_code=422,
                                    errors={"email_addresses": N_("Enter one to ten email addresses")})
    try:
        await use.test_send(staff.apis, _id(bulletin_id), addresses)
    except InvalidAnswers:
        return await _bulletin_page(staff, bulletin_id, status_code=422,
                                    errors={"email_addresses": N_("Enter one to ten email addresses")})
    return staff.redirect("notifications", "bulletins", bulletin_id, done="test-send")


@router.post("/{bulletin_id}/{action}", response_class=HTMLResponse)
async def act(staff: Editor, form: Form, bulletin_id: str, action: str) -> Response:
    """Approve, send now, pause, resume or cancel. The author's own approval is refused: said by the button."""
    if action not in SIMPLE_ACTIONS:
        raise NotFoundThere(action)
    try:
        await use.act(staff.apis, _id(bulletin_id), action)
    except Refused as refused:
        if action != "approve" or refused.status != 409:
            raise
        return await _refused_approval(staff, bulletin_id, refused)
    return staff.redirect("notifications", "bulletins", bulletin_id, done=action)


async def _refused_approval(staff: Staff, bulletin_id: str, refused: Refused) -> HTMLResponse:
    view = await use.bulletin(staff.apis, _id(bulletin_id))
    message = rules.OWN_APPROVAL if rules.wrote_it(view.bulletin, staff.user.subject) else str(refused.detail)
    return await _bulletin_page(staff, bulletin_id, status_code=409, errors={"approve": message})


def _id(bulletin_id: str) -> str:
    """Only a bulletin's id goes into the service's path (anything else is a page that does not exist)."""
    if not reading.is_id(bulletin_id):
        raise NotFoundThere(bulletin_id)
    return bulletin_id


def _labels() -> dict[str, object]:
    return {"status_names": rules.STATUS_NAMES, "status_colours": rules.STATUS_COLOURS}
