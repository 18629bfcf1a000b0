"""Use cases for an assembly at work: meetings and attendance, speakers, access needs, pay, outcomes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime

from peel.common.contracts.assemblies import (
    AssemblyMeetingHeld,
    RecommendationMade,
    RecommendationProgressed,
    ResponseGiven,
)
from peel.common.errors import Conflict, FieldError, InvalidInput, NotFound
from peel.scheduling.assemblies.domain.assemblies import Assembly
from peel.scheduling.assemblies.domain.assembly_meetings import (
    AccessNeed,
    AssemblyMeeting,
    Expense,
    ExpenseCategory,
    MeetingFormat,
    MemberPay,
    Speaker,
    check_meeting,
    check_members,
    pay,
    require_attended,
)
from peel.scheduling.assemblies.domain.assembly_outcomes import (
    Decision,
    Progress,
    Recommendation,
    Response,
    check_support,
)
from peel.scheduling.assemblies.service_layer.assemblies import find_assembly
from peel.scheduling.assemblies.service_layer.ports import AssemblyUnitOfWork
from peel.scheduling.clock import Clock


@dataclass(frozen=True, slots=True)
class PlanMeeting:
    title: str
    format: MeetingFormat
    venue_id: uuid.UUID | None
    starts_at: datetime
    ends_at: datetime


async def plan_meeting(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID,
                       command: PlanMeeting) -> AssemblyMeeting:
    check_meeting(command.format, command.venue_id, command.starts_at, command.ends_at)
    meeting = AssemblyMeeting(uuid.uuid4(), assembly_id, command.title, command.format, command.venue_id,
                              command.starts_at, command.ends_at)
    async with uow:
        await find_assembly(uow, tenant, assembly_id)
        if command.venue_id and await uow.venues.get(tenant, command.venue_id) is None:
            raise InvalidInput([FieldError(("venue_id",), f"no venue {command.venue_id}")])
        await uow.meetings.add(meeting)
        await uow.commit()
    return meeting


async def _meeting(uow: AssemblyUnitOfWork, assembly_id: uuid.UUID, meeting_id: uuid.UUID) -> AssemblyMeeting:
    found = await uow.meetings.get(assembly_id, meeting_id)
    if found is None:
        raise NotFound(f"no meeting {meeting_id} in this assembly")
    return found


async def record_attendance(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID, meeting_id: uuid.UUID,
                            attended: list[uuid.UUID], now: Clock) -> AssemblyMeeting:
    """Who came: everyone on the panel not listed was absent."""
    at = now()
    async with uow:
        assembly = await _selected(uow, tenant, assembly_id)
        meeting = await _meeting(uow, assembly_id, meeting_id)
        meeting.require_not_held()
        meeting.require_started(at)
        check_members(assembly.selected, attended, "attended")
        await uow.meetings.record(meeting_id, {m: m in set(attended) for m in assembly.selected}, at)
        uow.emit(AssemblyMeetingHeld(assembly_id=assembly_id, meeting_id=meeting_id, format=meeting.format.value,
                                     members=len(assembly.selected), attended=len(set(attended)), held_at=at),
                 tenant)
        await uow.commit()
    return replace(meeting, held_at=at)


async def _selected(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID) -> Assembly:
    assembly = await find_assembly(uow, tenant, assembly_id)
    if not assembly.selected:
        raise Conflict("the assembly has no members yet; select them from the registrants first, then plan its "
                       "work")
    return assembly


async def add_speaker(uow: AssemblyUnitOfWork, tenant: str, speaker: Speaker) -> Speaker:
    async with uow:
        await find_assembly(uow, tenant, speaker.assembly_id)
        if speaker.meeting_id is not None:
            await _meeting(uow, speaker.assembly_id, speaker.meeting_id)
        await uow.meetings.add_speaker(speaker)
        await uow.commit()
    return speaker


async def set_access_needs(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID, member: uuid.UUID,
                           needs: list[AccessNeed], details: str, now: Clock) -> None:
    async with uow:
        check_members((await _selected(uow, tenant, assembly_id)).selected, [member], "member_id")
        registrant = await uow.registrants.get(assembly_id, member)
        if registrant is not None and registrant.erased_at is not None:
            raise Conflict("this member's personal data was erased on request; their access needs are not kept")
        await uow.care.put_needs(member, needs, details, now())
        await uow.commit()


async def access_needs(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID,
                       member: uuid.UUID) -> tuple[list[AccessNeed], str]:
    async with uow:
        check_members((await _selected(uow, tenant, assembly_id)).selected, [member], "member_id")
        return await uow.care.needs(member) or ([], "")


async def claim_expense(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID, member: uuid.UUID,
                        meeting_id: uuid.UUID, category: ExpenseCategory, amount_pence: int,
                        now: Clock) -> Expense:
    expense = Expense(uuid.uuid4(), member, meeting_id, category, amount_pence)
    async with uow:
        check_members((await _selected(uow, tenant, assembly_id)).selected, [member], "member_id")
        await _meeting(uow, assembly_id, meeting_id)
        require_attended(await uow.meetings.attended(assembly_id), member, meeting_id)
        await uow.care.add_expense(expense, now())
        await uow.commit()
    return expense


async def payments(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID) -> list[MemberPay]:
    async with uow:
        assembly = await find_assembly(uow, tenant, assembly_id)
        return pay(assembly.selected, await uow.meetings.attended(assembly_id),
                   await uow.care.expenses(assembly_id), assembly.honorarium_per_meeting_pence)


async def make_recommendation(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID, text_en: str,
                              text_cy: str | None, support_share: float, now: Clock) -> Recommendation:
    check_support(support_share)
    async with uow:
        await _selected(uow, tenant, assembly_id)
        made = Recommendation(uuid.uuid4(), assembly_id, await uow.recommendations.next_number(assembly_id),
                              text_en, text_cy, support_share, now())
        await uow.recommendations.add(made)
        uow.emit(RecommendationMade(assembly_id=assembly_id, recommendation_id=made.id, number=made.number,
                                    text=text_en, support_share=support_share, made_at=made.made_at), tenant)
        await uow.commit()
    return made


async def _recommendation(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID,
                          recommendation_id: uuid.UUID) -> Recommendation:
    await find_assembly(uow, tenant, assembly_id)
    found = await uow.recommendations.get(assembly_id, recommendation_id)
    if found is None:
        raise NotFound(f"no recommendation {recommendation_id}")
    return found


async def respond(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID, recommendation_id: uuid.UUID,
                  decision: Decision, reasons: str, due: date | None, now: Clock) -> Recommendation:
    async with uow:
        found = await _recommendation(uow, tenant, assembly_id, recommendation_id)
        answered = found.respond(Response(decision, reasons, due, now()))
        await uow.recommendations.save(answered)
        uow.emit(ResponseGiven(assembly_id=assembly_id, recommendation_id=found.id, number=found.number,
                               decision=decision.value, due=due, given_at=now()), tenant)
        await uow.commit()
    return answered


async def report_progress(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID,
                          recommendation_id: uuid.UUID, note: str, done: bool, now: Clock) -> Recommendation:
    async with uow:
        found = await _recommendation(uow, tenant, assembly_id, recommendation_id)
        updated = found.update(Progress(now(), note, done))
        await uow.recommendations.save(updated)
        uow.emit(RecommendationProgressed(assembly_id=assembly_id, recommendation_id=found.id, number=found.number,
                                          done=done, at=now()), tenant)
        await uow.commit()
    return updated
