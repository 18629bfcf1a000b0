"""The notifications area: its front page, and the bulletins, directory and sending-rules pages under it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from peel.web.domain.staff import notifications as rules
from peel.web.entrypoints.http.staff import (
    notification_bulletin_routes,
    notification_contact_routes,
    notification_directory_routes,
    notification_rules_routes,
)
from peel.web.entrypoints.http.staff.context import EDITORS, Staff, staff_page
from peel.web.service_layer.staff import notifications as use

router = APIRouter(prefix="/staff/notifications")
Editor = Annotated[Staff, Depends(staff_page(*EDITORS, section="notifications"))]


@router.get("", response_class=HTMLResponse)
async def notifications(staff: Editor) -> HTMLResponse:
    """Every notifications page, with the latest bulletins and what waits for the next one."""
    latest = (await use.bulletins(staff.apis))[:5]
    waiting = await use.waiting_items(staff.apis)
    return staff.render("staff/notifications/index.html", latest=latest, waiting=waiting,
                        status_names=rules.STATUS_NAMES, status_colours=rules.STATUS_COLOURS)


for _part in (notification_bulletin_routes, notification_contact_routes, notification_directory_routes,
              notification_rules_routes):
    router.routes.extend(_part.router.routes)  # their paths are whole: the staff package registers this router only
