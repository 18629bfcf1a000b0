"""Neighbourhood meetings' use cases for staff: the scheduling service's meetings, settings and quarterly plans,
and the reporting service's coverage per area (for the roles that may read reports)."""

from __future__ import annotations

from typing import Any

from peel.web.domain.staff.meetings import is_quarter, quarter_days
from peel.web.domain.staff.reading import is_id
from peel.web.service_layer.ports import Json, NotFoundThere, ServiceUnavailable
from peel.web.service_layer.staff.ports import UserApis

MEETINGS = "/v1/scheduling/meetings"
PLANS = "/v1/scheduling/meeting-plans"


async def meetings(apis: UserApis, *, area: str = "", since: str = "", until: str = "") -> list[Json]:
    params = {key: value for key, value in (("area", area), ("from", since), ("to", until)) if value}
    found: Any = await apis.scheduling.get(MEETINGS, params)
    return list(found)


async def meeting(apis: UserApis, meeting_id: str) -> Json:
    if not is_id(meeting_id):
        raise NotFoundThere(meeting_id)
    return await apis.scheduling.get(f"{MEETINGS}/{meeting_id}")


async def settings(apis: UserApis) -> Json:
    """Who may attend for the office, and the topic list."""
    return await apis.scheduling.get("/v1/scheduling/meeting-settings")


async def record_outcome(apis: UserApis, meeting_id: str, outcome: Json) -> Json:
    await meeting(apis, meeting_id)
    return await apis.scheduling.put(f"{MEETINGS}/{meeting_id}/outcome", outcome)


async def cancel(apis: UserApis, meeting_id: str, reason: str) -> Json:
    await meeting(apis, meeting_id)
    return await apis.scheduling.post(f"{MEETINGS}/{meeting_id}/cancel", {"reason": reason})


async def coverage(apis: UserApis, quarter: str) -> Json:
    """The quarter's plan beside the meetings attended, and the meetings and topics, per area (reporting).

    The meetings page still shows the meetings while the reports cannot be read (``unavailable``)."""
    since, until = quarter_days(quarter)
    params = {"from": since, "to": until}
    try:
        return {"plan": await apis.reporting.get(f"{MEETINGS}/plan-coverage", params),
                "meetings": await apis.reporting.get(f"{MEETINGS}/by-area", params)}
    except ServiceUnavailable:
        return {"unavailable": True}


async def confirmed_plan(apis: UserApis, quarter: str) -> Json | None:
    _check(quarter)
    try:
        return await apis.scheduling.get(f"{PLANS}/{quarter}")
    except NotFoundThere:
        return None


async def proposal(apis: UserApis, quarter: str) -> Json:
    _check(quarter)
    return await apis.scheduling.get(f"{PLANS}/{quarter}/proposal")


async def confirm_plan(apis: UserApis, quarter: str, assignments: list[Json]) -> Json:
    _check(quarter)
    return await apis.scheduling.put(f"{PLANS}/{quarter}", {"assignments": assignments})


def _check(quarter: str) -> None:
    if not is_quarter(quarter):
        raise NotFoundThere(quarter)


async def add_meeting(apis: UserApis, meeting: Json) -> Json:
    return await apis.scheduling.post(MEETINGS, meeting)
