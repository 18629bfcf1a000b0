"""The staff dashboard: what needs doing today, for every role."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from peel.web.entrypoints.http.staff.context import Staff, staff_page
from peel.web.service_layer.staff.dashboard import todays_work

router = APIRouter(tags=["staff: dashboard"])
LONDON = ZoneInfo("Europe/London")


@router.get("/staff/", summary="What needs doing today")
async def dashboard(staff: Annotated[Staff, Depends(staff_page(section=""))]) -> HTMLResponse:
    now = datetime.now(LONDON)
    work = await todays_work(staff.apis, staff.user, now)
    return staff.render("staff/dashboard.html", work=work, today=now.date())
