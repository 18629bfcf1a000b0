"""A meeting's closing day follows the office's calendar as it is, until it passes; the public list of meetings."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from peel.common import working_days
from peel.common.errors import Conflict
from peel.common.working_days import Closure
from peel.consultation.domain.panel import PanelMeeting
from peel.consultation.service_layer import panel
from tests.unit.panel_fakes import FakeClock, FakeUnitOfWork, ask, schedule

OFFICE_MOVE = Closure(date(2026, 3, 16), "Office move")  # a Monday in the notice of the meeting on 19 March


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))


async def closing_days(uow: FakeUnitOfWork, clock: FakeClock, meeting: PanelMeeting) -> set[date]:
    """The closing day staff, residents and storage see for ``meeting``."""
    shown = [await panel.get_meeting(meeting.tenant, meeting.id, uow, clock),
             await panel.get_public_meeting(meeting.id, uow, clock),
             *await panel.list_meetings(meeting.tenant, uow, clock), uow.meetings.rows[meeting.id]]
    return {found.submissions_close_on for found in shown if found.id == meeting.id}


async def test_a_closure_added_later_brings_forward_the_closing_day_wherever_it_is_shown(uow, clock):
    meeting = await schedule(uow, clock)
    await panel.add_closure("cheshire", OFFICE_MOVE, uow, clock)
    assert await closing_days(uow, clock, meeting) == {date(2026, 3, 11)}
    [listed] = await panel.meetings_taking_questions("cheshire", uow, clock)
    assert listed.submissions_close_on == date(2026, 3, 11)
    clock.now = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
    with pytest.raises(Conflict, match="submissions closed on 2026-03-11"):
        await ask(uow, clock, meeting)


async def test_a_closure_removed_later_puts_the_closing_day_back(uow, clock):
    await panel.add_closure("cheshire", OFFICE_MOVE, uow, clock)
    meeting = await schedule(uow, clock)
    assert meeting.submissions_close_on == date(2026, 3, 11)
    await panel.remove_closure("cheshire", OFFICE_MOVE.day, uow, clock)
    assert await closing_days(uow, clock, meeting) == {date(2026, 3, 12)}
    clock.now = datetime(2026, 3, 12, 20, 0, tzinfo=UTC)
    await ask(uow, clock, meeting)


async def test_a_closing_day_that_has_passed_stays_where_it_was(uow, clock):
    await panel.add_closure("cheshire", OFFICE_MOVE, uow, clock)
    meeting = await schedule(uow, clock)
    clock.now = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
    await panel.remove_closure("cheshire", OFFICE_MOVE.day, uow, clock)
    await panel.add_closure("cheshire", Closure(date(2026, 3, 10), "Training"), uow, clock)
    assert await closing_days(uow, clock, meeting) == {date(2026, 3, 11)}
    with pytest.raises(Conflict, match="submissions closed on 2026-03-11"):
        await ask(uow, clock, meeting)


async def test_a_meeting_a_closure_closed_is_not_reopened_when_the_closure_goes(uow, clock):
    meeting = await schedule(uow, clock)
    clock.now = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)  # the closing day as scheduled
    await panel.add_closure("cheshire", OFFICE_MOVE, uow, clock)
    await panel.remove_closure("cheshire", OFFICE_MOVE.day, uow, clock)
    assert await closing_days(uow, clock, meeting) == {date(2026, 3, 11)}
    assert await panel.meetings_taking_questions("cheshire", uow, clock) == []


async def test_a_bank_holiday_added_after_scheduling_moves_the_closing_day(uow, clock, monkeypatch):
    meeting = await schedule(uow, clock)
    usual = working_days.bank_holiday_dates
    monkeypatch.setattr(working_days, "bank_holiday_dates", lambda year: usual(year) | {OFFICE_MOVE.day})
    assert {found.submissions_close_on for found in (
        await panel.get_meeting("cheshire", meeting.id, uow, clock),
        await panel.get_public_meeting(meeting.id, uow, clock),
    )} == {date(2026, 3, 11)}


async def test_another_offices_closure_moves_nothing(uow, clock):
    meeting = await schedule(uow, clock)
    await panel.add_closure("dyfed-powys", OFFICE_MOVE, uow, clock)
    assert await closing_days(uow, clock, meeting) == {date(2026, 3, 12)}


async def test_residents_see_the_offices_meetings_still_taking_questions_soonest_first(uow, clock):
    later = await schedule(uow, clock, starts_at=datetime(2026, 4, 16, 18, 0, tzinfo=UTC))
    sooner = await schedule(uow, clock)
    closing_soon = await schedule(uow, clock, notice_working_days=10)  # closes on 5 March
    elsewhere = await schedule(uow, clock, tenant="dyfed-powys")
    clock.now = datetime(2026, 3, 6, 9, 0, tzinfo=UTC)
    listed = [meeting.id for meeting in await panel.meetings_taking_questions("cheshire", uow, clock)]
    assert listed == [sooner.id, later.id]
    assert closing_soon.id not in listed and elsewhere.id not in listed
    assert [m.id for m in await panel.meetings_taking_questions("dyfed-powys", uow, clock)] == [elsewhere.id]
    assert await panel.meetings_taking_questions("nowhere", uow, clock) == []
