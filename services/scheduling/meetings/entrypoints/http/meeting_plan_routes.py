"""The quarterly attendance plan: staff set the attendees and topics, see a quarter's proposal, confirm it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path

from peel.scheduling.http.dependencies import Now, Reader, Staff
from peel.scheduling.meetings.domain.meetings_plan import Attendee, Plan, Quarter
from peel.scheduling.meetings.entrypoints.http.meeting_routes import MeetingWork
from peel.scheduling.meetings.entrypoints.http.meeting_schemas import (
    AssignmentView,
    AttendeeBody,
    ConfirmedPlanView,
    MeetingSettingsView,
    PlanConfirm,
    PlanView,
    TopicBody,
    UncoveredView,
)
from peel.scheduling.meetings.service_layer import meetings_plan

QuarterPath = Annotated[str, Path(pattern=r"^\d{4}-Q[1-4]$", description="e.g. 2027-Q2")]

settings = APIRouter(prefix="/v1/scheduling/meeting-settings", tags=["Neighbourhood meetings (staff)"])
plans = APIRouter(prefix="/v1/scheduling/meeting-plans", tags=["Neighbourhood meetings (staff)"])


@settings.get("", summary="Who may attend for the office, and your topic list")
async def get_settings(principal: Reader, uow: MeetingWork) -> MeetingSettingsView:
    async with uow:
        attendees = await uow.settings.attendees(principal.tenant)
        topics = await uow.settings.topics(principal.tenant)
    return MeetingSettingsView(
        attendees=[AttendeeBody(key=a.key, title=a.title, unavailable=sorted(a.unavailable)) for a in attendees],
        topics=[TopicBody(key=t.key, label=t.label) for t in topics])


@settings.put("/attendees", summary="Set who may attend (e.g. the Commissioner, a deputy) and their dates off")
async def set_attendees(body: Annotated[list[AttendeeBody], Body(max_length=20)], principal: Staff, uow: MeetingWork,
                        clock: Now) -> MeetingSettingsView:
    attendees = [Attendee(a.key, a.title, frozenset(a.unavailable)) for a in body]
    await meetings_plan.set_attendees(uow, principal.tenant, attendees, clock)
    return await get_settings(principal, uow)


@settings.put("/topics", summary="Set the topics meetings may raise")
async def set_topics(body: Annotated[list[TopicBody], Body(max_length=200)], principal: Staff, uow: MeetingWork,
                     clock: Now) -> MeetingSettingsView:
    await meetings_plan.set_topics(uow, principal.tenant, [t.to_domain() for t in body], clock)
    return await get_settings(principal, uow)


@plans.get("/{quarter}/proposal", summary="Who could go where in the quarter: one meeting per area, in rotation")
async def proposal(quarter: QuarterPath, principal: Reader, uow: MeetingWork) -> PlanView:
    return _plan_view(await meetings_plan.proposal(uow, principal.tenant, Quarter.parse(quarter)))


@plans.put("/{quarter}", summary="Confirm the quarter's plan (the proposal, possibly edited); replaces an earlier one")
async def confirm(quarter: QuarterPath, body: PlanConfirm, principal: Staff, uow: MeetingWork,
                  clock: Now) -> ConfirmedPlanView:
    given = [(a.meeting_id, a.attendee) for a in body.assignments]
    return ConfirmedPlanView(**await meetings_plan.confirm(uow, principal.tenant, Quarter.parse(quarter), given, clock))


@plans.get("/{quarter}", summary="The quarter's confirmed plan", responses={404: {"description": "None confirmed"}})
async def confirmed(quarter: QuarterPath, principal: Reader, uow: MeetingWork) -> ConfirmedPlanView:
    return ConfirmedPlanView(**await meetings_plan.confirmed(uow, principal.tenant, Quarter.parse(quarter)))


def _plan_view(plan: Plan) -> PlanView:
    return PlanView(quarter=str(plan.quarter),
                    assignments=[AssignmentView(meeting_id=a.meeting_id, area=a.area, attendee=a.attendee)
                                 for a in plan.assignments],
                    uncovered=[UncoveredView(area=u.area, reason=u.reason) for u in plan.uncovered])
