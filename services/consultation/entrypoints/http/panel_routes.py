"""Public questions to the Police and Crime Panel: staff and public routes."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, status

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.common.errors import NotFound
from peel.common.events.envelope import TENANT_PATTERN
from peel.common.outbox import Outbox
from peel.common.working_days import local_date
from peel.consultation.adapters.panel import PanelUnitOfWork
from peel.consultation.domain.panel import QuestionStatus
from peel.consultation.entrypoints.http.dependencies import PublicRateLimit
from peel.consultation.entrypoints.http.panel_schemas import (
    ANSWERED_PATH,
    ASK_PATH,
    MEETING_PATH,
    Answer,
    ClosureBody,
    MeetingCreate,
    MeetingPublic,
    MeetingStaffView,
    PublishedAnswers,
    QuestionCreate,
    QuestionListed,
    QuestionReceived,
    QuestionView,
    Rejection,
    RejectionReasonBody,
)
from peel.consultation.service_layer import panel
from peel.consultation.service_layer.handlers import Clock, utc_now


async def panel_unit_of_work(request: Request) -> PanelUnitOfWork:
    runtime = request.app.state.runtime
    return PanelUnitOfWork(runtime.pool, Outbox(runtime.settings.source, runtime.settings.kafka_topic_prefix))


async def panel_clock() -> Clock:
    return utc_now


UnitOfWorkDep = Annotated[PanelUnitOfWork, Depends(panel_unit_of_work)]
Now = Annotated[Clock, Depends(panel_clock)]
CONTACT_ROLES = frozenset({Role.ADMIN, Role.PANEL_CLERK})
PanelStaff = Annotated[Principal, Depends(allow(*CONTACT_ROLES))]
PanelReader = Annotated[Principal, Depends(allow(*Role))]
Tenant = Annotated[str, Path(pattern=TENANT_PATTERN, description="The Commissioner's office, e.g. cheshire")]

MEETING_NOT_FOUND = {404: {"description": "No such Panel meeting for your tenant"}}
QUESTION_NOT_FOUND = {404: {"description": "No such Panel question for your tenant"}}
WRONG_STATE = {409: {"description": "The question's status does not allow this; the message names its status "
                                      "and what that status allows"}}

CONTACT_NOTE = ("Every staff role may read; the asker's email is given to admins and Panel clerks only "
                "(null for everyone else).")

panel_staff = APIRouter(prefix="/v1/panel", tags=["Panel questions (staff)"])
panel_public = APIRouter(tags=["Panel questions (public)"], dependencies=[PublicRateLimit])


@panel_staff.post("/meetings", status_code=status.HTTP_201_CREATED, summary="Schedule a Panel meeting")
async def schedule_meeting(body: MeetingCreate, principal: PanelStaff, uow: UnitOfWorkDep,
                           clock: Now) -> MeetingStaffView:
    meeting = await panel.schedule_meeting(body.to_command(principal.tenant), uow, clock)
    return MeetingStaffView.of(meeting, clock())


@panel_staff.get("/meetings", summary="Your tenant's Panel meetings, soonest first")
async def list_meetings(principal: PanelReader, uow: UnitOfWorkDep, clock: Now) -> list[MeetingStaffView]:
    now = clock()
    return [MeetingStaffView.of(meeting, now) for meeting in await panel.list_meetings(principal.tenant, uow, clock)]


@panel_staff.get("/meetings/{meeting_id}", summary="A Panel meeting", responses=MEETING_NOT_FOUND)
async def get_meeting(meeting_id: uuid.UUID, principal: PanelReader, uow: UnitOfWorkDep,
                      clock: Now) -> MeetingStaffView:
    return MeetingStaffView.of(await panel.get_meeting(principal.tenant, meeting_id, uow, clock), clock())


@panel_staff.get("/meetings/{meeting_id}/questions", summary="A meeting's questions, with who asked",
                 description=CONTACT_NOTE, responses=MEETING_NOT_FOUND)
async def list_questions(meeting_id: uuid.UUID, principal: PanelReader, uow: UnitOfWorkDep, clock: Now,
                         status: QuestionStatus | None = None, overdue: bool | None = None) -> list[QuestionListed]:
    listed = await panel.questions_for_meeting(principal.tenant, meeting_id, uow, clock, status=status,
                                               overdue=overdue)
    today, with_contact = local_date(clock()), _sees_contact(principal)
    return [QuestionListed.of_listing(item, today, with_contact=with_contact) for item in listed]


@panel_staff.get("/questions/{question_id}", summary="A question, as its meeting's queue lists it",
                 description=CONTACT_NOTE, responses=QUESTION_NOT_FOUND)
async def get_question(question_id: str, principal: PanelReader, uow: UnitOfWorkDep, clock: Now) -> QuestionListed:
    found = await panel.question_for_staff(principal.tenant, _question_id(question_id), uow, clock)
    return QuestionListed.of_listing(found, local_date(clock()), with_contact=_sees_contact(principal))


@panel_staff.post("/questions/{question_id}/accept", summary="Accept a question; its answer falls due",
                  responses=QUESTION_NOT_FOUND | WRONG_STATE)
async def accept_question(question_id: uuid.UUID, principal: PanelStaff, uow: UnitOfWorkDep,
                          clock: Now) -> QuestionView:
    question = await panel.accept_question(principal.tenant, question_id, uow, clock)
    return QuestionView.of(question, local_date(clock()))


@panel_staff.post("/questions/{question_id}/reject", summary="Reject a question, giving a reason",
                  responses=QUESTION_NOT_FOUND | WRONG_STATE)
async def reject_question(question_id: uuid.UUID, body: Rejection, principal: PanelStaff, uow: UnitOfWorkDep,
                          clock: Now) -> QuestionView:
    question = await panel.reject_question(principal.tenant, question_id, body.reason, uow, clock)
    return QuestionView.of(question, local_date(clock()))


@panel_staff.post("/questions/{question_id}/answer", summary="Record the Commissioner's response",
                  responses=QUESTION_NOT_FOUND | WRONG_STATE)
async def answer_question(question_id: uuid.UUID, body: Answer, principal: PanelStaff, uow: UnitOfWorkDep,
                          clock: Now) -> QuestionView:
    question = await panel.answer_question(body.to_command(principal.tenant, question_id), uow, clock)
    return QuestionView.of(question, local_date(clock()))


@panel_staff.post("/questions/{question_id}/publish", summary="Publish an answered question",
                  responses=QUESTION_NOT_FOUND | WRONG_STATE)
async def publish_question(question_id: uuid.UUID, principal: PanelStaff, uow: UnitOfWorkDep,
                           clock: Now) -> QuestionView:
    question = await panel.publish_question(principal.tenant, question_id, uow, clock)
    return QuestionView.of(question, local_date(clock()))


@panel_staff.get("/rejection-reasons", summary="The reasons a question may be rejected for")
async def rejection_reasons(principal: PanelReader, uow: UnitOfWorkDep) -> list[RejectionReasonBody]:
    return [RejectionReasonBody.of(reason) for reason in await panel.rejection_reasons(principal.tenant, uow)]


@panel_staff.post("/rejection-reasons", status_code=status.HTTP_201_CREATED, summary="Add a rejection reason",
                  responses={409: {"description": "There is already a reason with that key"}})
async def add_rejection_reason(body: RejectionReasonBody, principal: PanelStaff,
                               uow: UnitOfWorkDep) -> RejectionReasonBody:
    return RejectionReasonBody.of(await panel.add_rejection_reason(principal.tenant, body.to_domain(), uow))


@panel_staff.get("/closures", summary="Days the office is closed beyond the bank holidays")
async def closures(principal: PanelStaff, uow: UnitOfWorkDep) -> list[ClosureBody]:
    return [ClosureBody.of(closure) for closure in await panel.closures(principal.tenant, uow)]


@panel_staff.post("/closures", status_code=status.HTTP_201_CREATED,
                  summary="Add a closure day",
                  description="Meetings still taking questions close earlier when the day falls in their notice.",
                  responses={409: {"description": "The office is already closed that day"}})
async def add_closure(body: ClosureBody, principal: PanelStaff, uow: UnitOfWorkDep, clock: Now) -> ClosureBody:
    return ClosureBody.of(await panel.add_closure(principal.tenant, body.to_domain(), uow, clock))


@panel_staff.delete("/closures/{day}", status_code=status.HTTP_204_NO_CONTENT,
                    summary="Remove a closure day",
                    description="Meetings still taking questions close later when the day was in their notice.",
                    responses={404: {"description": "No closure that day"}})
async def remove_closure(day: date, principal: PanelStaff, uow: UnitOfWorkDep, clock: Now) -> None:
    await panel.remove_closure(principal.tenant, day, uow, clock)


def _sees_contact(principal: Principal) -> bool:
    """Only those who deal with the asker (admins and Panel clerks) see how to reach them."""
    return bool(principal.roles & CONTACT_ROLES)


def _question_id(given: str) -> uuid.UUID:
    """A question's id from the path; an id that cannot be one names no question of the office's (404)."""
    try:
        return uuid.UUID(given)
    except ValueError as error:
        raise NotFound(f"no Panel question {given}") from error


@panel_public.post(
    ASK_PATH,
    status_code=status.HTTP_201_CREATED,
    summary="Ask the Panel a question (no sign-in)",
    responses=MEETING_NOT_FOUND | {409: {"description": "Submissions have closed, or you have already asked"},
                                   429: {"description": "Too many requests from your address"}},
)
async def submit_question(meeting_id: uuid.UUID, body: QuestionCreate, uow: UnitOfWorkDep,
                          clock: Now) -> QuestionReceived:
    return QuestionReceived.of(await panel.submit_question(body.to_command(meeting_id), uow, clock))


@panel_public.get("/v1/public/{tenant}/panel/meetings",
                  summary="An office's Panel meetings still taking questions, soonest first, with where to ask")
async def meetings_taking_questions(tenant: Tenant, uow: UnitOfWorkDep, clock: Now) -> list[MeetingPublic]:
    now = clock()
    return [MeetingPublic.of(meeting, now) for meeting in await panel.meetings_taking_questions(tenant, uow, clock)]


@panel_public.get(MEETING_PATH, summary="A Panel meeting: its deadline and word limit", responses=MEETING_NOT_FOUND)
async def get_public_meeting(meeting_id: uuid.UUID, uow: UnitOfWorkDep, clock: Now) -> MeetingPublic:
    return MeetingPublic.of(await panel.get_public_meeting(meeting_id, uow, clock), clock())


@panel_public.get(ANSWERED_PATH, summary="A meeting's published questions and the Commissioner's responses",
                  responses=MEETING_NOT_FOUND)
async def published_answers(meeting_id: uuid.UUID, uow: UnitOfWorkDep) -> PublishedAnswers:
    return PublishedAnswers.of(*await panel.published_answers(meeting_id, uow))
