"""Venues, surgery sessions, the rotation plan and calendars, through their use cases over fake units of work."""

from __future__ import annotations

import uuid
from datetime import date, time

import pytest

from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.scheduling.surgeries.domain.bookings import BookingStatus
from peel.scheduling.surgeries.domain.rotation import AreaVenues, PlannedSession, RotationRequest
from peel.scheduling.surgeries.domain.sessions import Timetable
from peel.scheduling.surgeries.service_layer import calendars, rotation, sessions
from peel.scheduling.surgeries.service_layer.rotation import AcceptPlan
from peel.scheduling.surgeries.service_layer.sessions import ScheduleSession
from peel.scheduling.venues.service_layer import venues
from tests.support.scheduling_appointments import (
    LIBRARY,
    LINKS,
    SURGERY_DAY,
    add_venue,
    book,
    clock,
    join,
    schedule,
    token,
)
from tests.unit.scheduling_fakes.surgeries import fake_surgery_work


async def test_venues_stay_with_their_tenant_and_one_with_sessions_is_kept():
    uow, now = fake_surgery_work(), clock()
    venue = await venues.create_venue("cheshire", LIBRARY, uow, now)
    with pytest.raises(NotFound):
        await venues.get_venue("gwent", venue.id, uow)
    await schedule(uow, now, venue_id=venue.id)
    with pytest.raises(Conflict, match="has surgery sessions"):
        await venues.delete_venue("cheshire", venue.id, uow)
    spare = await venues.create_venue("cheshire", LIBRARY, uow, now)
    await venues.delete_venue("cheshire", spare.id, uow)
    with pytest.raises(NotFound):
        await venues.delete_venue("cheshire", spare.id, uow)
    assert list(uow.venues.rows) == [venue.id]


async def test_a_session_is_at_a_venue_of_the_tenant_or_online_never_both():
    uow, now = fake_surgery_work(), clock()
    venue = await add_venue(uow)
    timetable = Timetable(SURGERY_DAY, time(10), time(11))
    for command in (ScheduleSession("cheshire", "Deputy Commissioner", timetable, venue.id, online=True),
                    ScheduleSession("cheshire", "Deputy Commissioner", timetable, online=False),
                    ScheduleSession("cheshire", "Deputy Commissioner", timetable, uuid.uuid4())):
        with pytest.raises(InvalidInput) as refused:
            await sessions.schedule_session(command, uow, now)
        assert refused.value.errors[0].location == ("venue_id",)
    assert uow.sessions.rows == {} and uow.published == []


async def test_cancelling_a_session_cancels_its_bookings_and_waitlist_once():
    uow, now = fake_surgery_work(), clock()
    session = await schedule(uow, now, ends=time(10, 15))
    await book(uow, now, session, 0)
    await join(uow, now, session, 1)
    cancelled = await sessions.cancel_session("cheshire", session.id, "Called to the Home Office", uow, now)
    assert (cancelled.session.status.value, cancelled.free) == ("cancelled", ())
    with pytest.raises(Conflict):
        await sessions.cancel_session("cheshire", session.id, "Called to the Home Office", uow, now)
    detail = await sessions.get_session("cheshire", session.id, uow, now)
    assert [(b.status, b.cancelled_by) for b in detail.bookings] == [(BookingStatus.CANCELLED, "session_cancelled")]
    assert detail.waitlist == []


async def test_a_plan_asking_too_few_sessions_a_month_for_its_areas_names_the_field():
    uow = fake_surgery_work()
    tight = RotationRequest(tuple(AreaVenues(area, ()) for area in "ABCDE"), date(2028, 3, 1), 12, 1, 2)
    with pytest.raises(InvalidInput) as refused:
        await rotation.propose_rotation("cheshire", tight, uow)
    assert refused.value.errors[0].location == ("sessions_per_month",)


async def test_an_accepted_plan_refuses_bank_holidays_and_venues_the_tenant_has_not():
    uow, now = fake_surgery_work(), clock()
    holiday = PlannedSession(date(2027, 12, 25), "Crewe", None, time(10), time(12))
    with pytest.raises(InvalidInput) as refused:
        await rotation.accept_plan(AcceptPlan("cheshire", "Commissioner", 15, (holiday,)), uow, now)
    assert refused.value.errors[0].location == ("sessions", 0, "day")
    stray = PlannedSession(date(2027, 12, 1), "Crewe", uuid.UUID("5f0c4a52-2d4c-4b8e-9d53-0d6f5b3c1a11"), time(10),
                           time(12))
    with pytest.raises(InvalidInput) as unknown:
        await rotation.accept_plan(AcceptPlan("cheshire", "Commissioner", 15, (stray,)), uow, now)
    assert unknown.value.errors[0].location == ("sessions", 0, "venue_id")
    assert uow.sessions.rows == {}


async def test_a_calendar_file_only_opens_with_the_bookings_own_token():
    uow, now = fake_surgery_work(), clock()
    session = await schedule(uow, now)
    booked = await book(uow, now, session, 2)
    with pytest.raises(NotFound):
        await calendars.booking_calendar(booked.id, "A" * 43, LINKS, uow, now)
    assert f"UID:surgery-booking-{booked.id}@peel" in await calendars.booking_calendar(booked.id, token(booked),
                                                                                        LINKS, uow, now)
