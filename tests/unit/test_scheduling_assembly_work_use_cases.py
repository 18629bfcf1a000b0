"""An assembly at work, over fake units of work: meetings and attendance, expenses tied to attendance, and the
Commissioner's responses to recommendations and their progress."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta

import pytest

from peel.common.contracts.assemblies import AssemblyMeetingHeld
from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.scheduling.assemblies.domain.assembly_meetings import AccessNeed, ExpenseCategory, MeetingFormat, Speaker
from peel.scheduling.assemblies.domain.assembly_outcomes import Decision
from peel.scheduling.assemblies.service_layer import assembly_work as work
from peel.scheduling.assemblies.service_layer.assembly_work import PlanMeeting
from tests.support.scheduling_recruitment import START, Clock, selected, set_up
from tests.unit.scheduling_fakes.assemblies import fake_assembly_work

FIRST_AT = START + timedelta(days=3)
ONLINE = PlanMeeting("Online session 1", MeetingFormat.ONLINE, None, FIRST_AT, FIRST_AT + timedelta(hours=2))


async def test_a_meeting_in_person_needs_a_venue_of_the_tenant():
    uow, clock = fake_assembly_work(), Clock()
    assembly, _ = await selected(uow, clock)
    for venue_id in (None, uuid.uuid4()):
        in_person = PlanMeeting("Workshop", MeetingFormat.IN_PERSON, venue_id, FIRST_AT, FIRST_AT + timedelta(hours=2))
        with pytest.raises(InvalidInput) as refused:
            await work.plan_meeting(uow, "cheshire", assembly.id, in_person)
        assert refused.value.errors[0].location == ("venue_id",)
    assert uow.meetings.rows == {}


async def test_attendance_is_recorded_once_after_the_meeting_starts():
    uow, clock = fake_assembly_work(), Clock()
    assembly, _ = await selected(uow, clock)
    meeting = await work.plan_meeting(uow, "cheshire", assembly.id, ONLINE)
    panel = list(assembly.selected)
    with pytest.raises(Conflict):
        await work.record_attendance(uow, "cheshire", assembly.id, meeting.id, panel, clock)
    clock.now = FIRST_AT + timedelta(minutes=30)
    held = await work.record_attendance(uow, "cheshire", assembly.id, meeting.id, panel[:5], clock)
    assert held.held_at == clock.now
    with pytest.raises(Conflict):
        await work.record_attendance(uow, "cheshire", assembly.id, meeting.id, panel[:5], clock)
    [event] = uow.events(AssemblyMeetingHeld)
    assert (event.members, event.attended) == (7, 5)


async def test_expenses_are_only_for_members_who_attended():
    uow, clock = fake_assembly_work(), Clock()
    assembly, _ = await selected(uow, clock)
    meeting = await work.plan_meeting(uow, "cheshire", assembly.id, ONLINE)
    panel = list(assembly.selected)
    clock.now = FIRST_AT + timedelta(minutes=30)
    await work.record_attendance(uow, "cheshire", assembly.id, meeting.id, panel[:5], clock)

    async def claim(member: uuid.UUID) -> None:
        await work.claim_expense(uow, "cheshire", assembly.id, member, meeting.id, ExpenseCategory.TRAVEL, 1240,
                                 clock)

    await claim(panel[0])
    with pytest.raises(Conflict):
        await claim(panel[6])
    with pytest.raises(InvalidInput):
        await claim(uuid.UUID("6f1d2c3b-4a59-4e1f-9a0b-1c2d3e4f5a6b"))
    assert [e.member_id for e in uow.care.claims] == [panel[0]]


async def test_a_response_is_given_once_with_a_date_and_progress_ends_when_done():
    uow, clock = fake_assembly_work(), Clock()
    assembly, _ = await selected(uow, clock)
    made = await work.make_recommendation(uow, "cheshire", assembly.id,
                                          "Fund late-night safe havens in each town centre", None, 0.86, clock)
    assert made.number == 1 and made.state == "awaiting_response"
    with pytest.raises(InvalidInput) as no_date:
        await work.respond(uow, "cheshire", assembly.id, made.id, Decision.ACCEPTED, "We agree.", None, clock)
    assert no_date.value.errors[0].location == ("due",)
    await work.respond(uow, "cheshire", assembly.id, made.id, Decision.ACCEPTED_IN_PART,
                       "Two towns first, then review.", date(2027, 12, 31), clock)
    with pytest.raises(Conflict):
        await work.respond(uow, "cheshire", assembly.id, made.id, Decision.NOT_ACCEPTED, "Changed our mind.", None,
                           clock)
    for note, done in (("Crewe haven open on Fridays", False), ("Chester haven open", True)):
        step = await work.report_progress(uow, "cheshire", assembly.id, made.id, note, done, clock)
    assert step.state == "done"
    with pytest.raises(Conflict):
        await work.report_progress(uow, "cheshire", assembly.id, made.id, "More", True, clock)


async def test_pay_is_an_honorarium_per_meeting_attended_and_the_expenses_claimed():
    uow, clock = fake_assembly_work(), Clock()
    assembly, _ = await selected(uow, clock, honorarium_per_meeting_pence=5000)
    meeting = await work.plan_meeting(uow, "cheshire", assembly.id, ONLINE)
    panel = list(assembly.selected)
    clock.now = FIRST_AT + timedelta(minutes=30)
    with pytest.raises(InvalidInput) as stranger:
        await work.record_attendance(uow, "cheshire", assembly.id, meeting.id, [uuid.uuid4()], clock)
    assert stranger.value.errors[0].location == ("attended",)
    await work.record_attendance(uow, "cheshire", assembly.id, meeting.id, panel[:5], clock)
    await work.claim_expense(uow, "cheshire", assembly.id, panel[0], meeting.id, ExpenseCategory.TRAVEL, 1240, clock)
    pay = {row.member_id: row for row in await work.payments(uow, "cheshire", assembly.id)}
    assert (pay[panel[0]].total_pence, pay[panel[1]].total_pence) == (5000 + 1240, 5000)
    assert (pay[panel[6]].meetings_attended, pay[panel[6]].total_pence) == (0, 0)


async def test_access_needs_are_kept_for_panel_members_only():
    uow, clock = fake_assembly_work(), Clock()
    assembly, _ = await selected(uow, clock)
    member = assembly.selected[0]
    assert await work.access_needs(uow, "cheshire", assembly.id, member) == ([], "")
    needs = [AccessNeed.INTERPRETER, AccessNeed.CHILDCARE]
    await work.set_access_needs(uow, "cheshire", assembly.id, member, needs, "British Sign Language", clock)
    assert await work.access_needs(uow, "cheshire", assembly.id, member) == (needs, "British Sign Language")
    with pytest.raises(InvalidInput) as outsider:
        await work.set_access_needs(uow, "cheshire", assembly.id, uuid.uuid4(), needs, "", clock)
    assert outsider.value.errors[0].location == ("member_id",)


async def test_a_speaker_is_at_a_meeting_of_the_assembly_and_work_waits_for_a_panel():
    uow, clock = fake_assembly_work(), Clock()
    assembly, _ = await selected(uow, clock)
    meeting = await work.plan_meeting(uow, "cheshire", assembly.id, ONLINE)
    speaker = Speaker(uuid.uuid4(), assembly.id, meeting.id, "Dr A Expert", "University of Chester",
                      "Night-time economy", "Receives research funding from the Home Office")
    assert await work.add_speaker(uow, "cheshire", speaker) == speaker
    with pytest.raises(NotFound):
        await work.add_speaker(uow, "cheshire", replace(speaker, id=uuid.uuid4(), meeting_id=uuid.uuid4()))
    assert await uow.meetings.speakers(assembly.id) == [speaker]
    unselected, _ = await set_up(uow, clock, households=1)
    with pytest.raises(Conflict, match="no members yet"):
        await work.make_recommendation(uow, "cheshire", unselected.id, "Text", None, 0.9, clock)
