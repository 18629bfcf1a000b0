"""Who gets which Peel roles: the office's identity-provider groups, each mapped to roles by an admin. The mapping is
the web's own data (its ``role_mappings`` port); a user's roles change when they next sign in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response

from peel.web.domain.staff import settings as rules
from peel.web.entrypoints.http.staff.context import ADMINS, Staff, staff_page, staff_ports
from peel.web.entrypoints.http.staff.forms import Form, fields
from peel.web.service_layer.staff import settings as use

router = APIRouter(prefix="/staff/settings")
Admin = Annotated[Staff, Depends(staff_page(*ADMINS, section="settings"))]


@router.get("/roles", response_class=HTMLResponse)
async def roles(staff: Admin, done: Annotated[str, Query(max_length=20)] = "") -> HTMLResponse:
    mapping = await use.role_mapping(staff_ports(staff.request).role_mappings, staff.user.tenant)
    return _roles_page(staff, rules.roles_text(mapping), done=rules.DONE.get(done))


def _roles_page(staff: Staff, text: str, *, errors: dict[str, str] | None = None,
                done: str | None = None) -> HTMLResponse:
    return staff.render("staff/settings/roles.html", status_code=422 if errors else 200, text=text, done=done,
                        role_names=rules.ROLE_NAMES, errors=staff.error_summary(errors) if errors else None,
                        field_errors=errors or {}, back=staff.page.href("settings"))


@router.post("/roles", response_class=HTMLResponse)
async def save_roles(staff: Admin, form: Form) -> Response:
    text = fields(form).get("mapping", "")
    checked = rules.check_roles(text)
    if checked.errors:
        return _roles_page(staff, text, errors=checked.errors)
    own = staff_ports(staff.request)
    await use.save_role_mapping(own.role_mappings, own.audit_log, staff.user, checked.value)
    return staff.redirect("settings", "roles", done="roles")
