"""The audit trail (admins): who did what to which resource, when, across the four services and the web's own
changes (the staff roles mapping, the office's display)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from peel.web.domain.staff import audit as rules
from peel.web.entrypoints.http.staff.context import ADMINS, Staff, staff_page, staff_ports
from peel.web.service_layer.staff.audit import trail_page

router = APIRouter(tags=["staff: audit"])
Admin = Annotated[Staff, Depends(staff_page(*ADMINS, section="settings"))]


@router.get("/staff/settings/audit", summary="The audit trail of staff actions")
async def audit_trail(staff: Admin) -> HTMLResponse:
    filters, problems = rules.read_filters(staff.request.query_params)
    if problems:
        return staff.render("staff/audit.html", status_code=422, filters=filters, trail=None,
                            errors=staff.error_summary(problems), field_errors=problems, rules=rules)
    trail = await trail_page(staff.apis, staff_ports(staff.request).audit_log, staff.user.tenant, filters)
    return staff.render("staff/audit.html", filters=filters, trail=trail, rules=rules,
                        back=staff.page.href("settings"))
