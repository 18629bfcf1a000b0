"""The admins' settings pages: precept settings, how the office's pages look, the meetings' topic list, and (from
their own modules) the staff roles mapping and the areas and population figures loaded from CSV files. Admins only:
everyone else gets the 403 page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response

from peel.web.domain.staff import settings as rules
from peel.web.entrypoints.http.context import ports
from peel.web.entrypoints.http.staff import settings_access_routes, settings_file_routes
from peel.web.entrypoints.http.staff.context import ADMINS, Staff, staff_page, staff_ports
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.ports import InvalidAnswers
from peel.web.service_layer.staff import settings as use

router = APIRouter(prefix="/staff/settings")
Admin = Annotated[Staff, Depends(staff_page(*ADMINS, section="settings"))]
Done = Annotated[str, Query(max_length=20)]


@router.get("", response_class=HTMLResponse)
async def settings(staff: Admin) -> HTMLResponse:
    return staff.render("staff/settings/index.html")


@router.get("/precept", response_class=HTMLResponse)
async def precept(staff: Admin, done: Done = "") -> HTMLResponse:
    found = await use.precept(staff.apis)
    return _precept_page(staff, rules.precept_answers(found), configured=found.get("configured", False),
                         done=rules.DONE.get(done))


def _precept_page(staff: Staff, answers: dict[str, str], *, configured: bool = True,
                  errors: dict[str, str] | None = None, done: str | None = None) -> HTMLResponse:
    return staff.render("staff/settings/precept.html", status_code=422 if errors else 200, answers=answers,
                        bands=rules.BANDS, configured=configured, done=done,
                        errors=staff.error_summary(errors) if errors else None, field_errors=errors or {},
                        back=staff.page.href("settings"))


@router.post("/precept", response_class=HTMLResponse)
async def save_precept(staff: Admin, form: Form) -> Response:
    answers = fields(form)
    checked = rules.check_precept(answers)
    if not checked.errors:
        try:
            await use.save_precept(staff.apis, checked.value)
            return staff.redirect("settings", "precept", done="precept")
        except InvalidAnswers as refused:
            checked = rules.Checked(errors={_precept_field(key): message for key, message in refused.errors.items()})
    return _precept_page(staff, answers, errors=checked.errors)


def _precept_field(key: str) -> str:
    """The service names a band (``B``) or a part of the limit; the form's fields are ``ratio_B`` and so on."""
    return f"ratio_{key}" if key in rules.BANDS else "band_d_current" if key == "band_d_current" else "limit_pounds"


@router.get("/display", response_class=HTMLResponse)
async def display(staff: Admin, done: Done = "") -> HTMLResponse:
    found = await use.display(ports(staff.request).tenants, staff.user.tenant)
    return _display_page(staff, rules.display_answers(found), done=rules.DONE.get(done))


def _display_page(staff: Staff, answers: dict[str, str], *, errors: dict[str, str] | None = None,
                  done: str | None = None) -> HTMLResponse:
    return staff.render("staff/settings/display.html", status_code=422 if errors else 200, answers=answers,
                        done=done, errors=staff.error_summary(errors) if errors else None,
                        field_errors=errors or {}, back=staff.page.href("settings"))


@router.post("/display", response_class=HTMLResponse)
async def save_display(staff: Admin, form: Form) -> Response:
    answers = fields(form)
    checked = rules.check_display(answers)
    if checked.errors:
        return _display_page(staff, answers, errors=checked.errors)
    await use.save_display(ports(staff.request).tenants, staff_ports(staff.request).audit_log, staff.user,
                           checked.value)
    return staff.redirect("settings", "display", done="display")


@router.get("/topics", response_class=HTMLResponse)
async def topics(staff: Admin, done: Done = "") -> HTMLResponse:
    found = await use.topics(staff.apis)
    return _topics_page(staff, rules.topics_text(found), done=rules.DONE.get(done))


def _topics_page(staff: Staff, text: str, *, errors: dict[str, str] | None = None,
                 done: str | None = None) -> HTMLResponse:
    return staff.render("staff/settings/topics.html", status_code=422 if errors else 200, text=text, done=done,
                        errors=staff.error_summary(errors) if errors else None, field_errors=errors or {},
                        back=staff.page.href("settings"))


@router.post("/topics", response_class=HTMLResponse)
async def save_topics(staff: Admin, form: Form) -> Response:
    text = fields(form).get("topics", "")
    checked = rules.check_topics(text)
    if not checked.errors:
        try:
            await use.save_topics(staff.apis, checked.value)
            return staff.redirect("settings", "topics", done="topics")
        except InvalidAnswers:
            checked = rules.Checked(errors={"topics": rules.TOPICS_REFUSED})
    return _topics_page(staff, text, errors=checked.errors)


# Their paths are whole: only this router is registered.
router.routes.extend([*settings_access_routes.router.routes, *settings_file_routes.router.routes])
