"""Bookings and the waitlist through their use cases over fake units of work: one place per person, never two
bookings of a slot, waiting only for a full session, signed links, moves, cancellations and attendance."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import time, timedelta

import pytest

from peel.common.errors import Conflict, InvalidInput, NotFound
from peel.scheduling.surgeries.domain.bookings import Booker, BookingStatus
from peel.scheduling.surgeries.service_layer import attendance, bookings, changes, sessions
from peel.scheduling.surgeries.service_layer.bookings import BookSlot
from tests.support.scheduling_appointments import LINKS, book, clock, enquiry, join, schedule, token
from tests.unit.scheduling_fakes.surgeries import FakeIntake, fake_surgery_work


async def test_a_booking_opens_only_with_its_own_token():
    uow, now = fake_surgery_work(), clock()
    session = await schedule(uow, now)
    mine, other = await book(uow, now, session, 1), await book(uow, now, session, 2, enquiry(2))
    assert (await bookings.linked_booking(mine.id, token(mine), LINKS, uow)).booking.id == mine.id
    with pytest.raises(NotFound):
        await bookings.linked_booking(mine.id, token(other), LINKS, uow)


async def test_one_booking_per_person_per_session_and_one_per_slot():
    uow, now = fake_surgery_work(), clock()
    session = await schedule(uow, now)
    await book(uow, now, session, 0, enquiry(phone="07700 900123"))
    same_email = replace(enquiry(), booker=Booker("Jo Bloggs", "  JO.BLOGGS@example.ORG", None))
    same_phone = replace(enquiry(), booker=Booker("Jo Bloggs", "jo@elsewhere.org", "+44 7700 900123"))
    for again, slot in ((same_email, 1), (same_phone, 2)):
        with pytest.raises(Conflict, match="one booking per person per session"):
            await book(uow, now, session, slot, again)
    with pytest.raises(Conflict, match="slot 0 has just been taken"):
        await book(uow, now, session, 0, enquiry(1))
    with pytest.raises(InvalidInput) as no_such:
        await book(uow, now, session, 7, enquiry(1))
    assert no_such.value.errors[0].location == ("slot",)


async def test_a_full_session_has_a_waitlist_and_a_place_is_held_once_per_person():
    uow, now = fake_surgery_work(), clock()
    session = await schedule(uow, now, ends=time(10, 15))
    with pytest.raises(Conflict, match="book one instead"):
        await join(uow, now, session, 0)
    booked = await book(uow, now, session, 0)
    with pytest.raises(Conflict, match="is full; join its waitlist"):
        await book(uow, now, session, 0, enquiry(1))
    waiting = await join(uow, now, session, 1)
    await join(uow, now, session, 2)
    for already in (1, 0):  # waiting already, and booked already
        with pytest.raises(Conflict):
            await join(uow, now, session, already)
    with pytest.raises(NotFound):
        await bookings.linked_booking(waiting.id, token(waiting), LINKS, uow)
    await changes.cancel_by_link(booked.id, token(booked), LINKS, uow, now)
    with pytest.raises(Conflict):
        await changes.cancel_by_link(booked.id, token(booked), LINKS, uow, now)
    promoted = (await bookings.linked_booking(waiting.id, token(waiting), LINKS, uow)).booking
    assert (promoted.status, promoted.from_waitlist, promoted.slot.number) == (BookingStatus.CONFIRMED, True, 0)


async def test_a_booking_moves_only_to_a_free_slot_of_its_session_while_confirmed():
    uow, now = fake_surgery_work(), clock()
    session, elsewhere = await schedule(uow, now), await schedule(uow, now)
    booked = await book(uow, now, session, 0)
    await book(uow, now, session, 2, enquiry(1))

    async def move(slot: int | uuid.UUID) -> None:
        await changes.reschedule_by_link(booked.id, token(booked), slot, LINKS, uow, now)

    for taken in (2, session.slot_id(2)):
        with pytest.raises(Conflict):
            await move(taken)
    for wrong, field in ((9, "slot"), (elsewhere.slot_id(1), "slot_id")):
        with pytest.raises(InvalidInput) as refused:
            await move(wrong)
        assert refused.value.errors[0].location == (field,)
    await move(session.slot_id(1))
    with pytest.raises(NotFound):
        await changes.cancel_by_staff("gwent", booked.id, uow, now)
    cancelled = await changes.cancel_by_staff("cheshire", booked.id, uow, now)
    assert cancelled.booking.cancelled_by == "staff"
    with pytest.raises(Conflict):
        await move(0)


async def test_a_waitlist_place_is_seen_and_left_only_through_its_own_link_and_once():
    uow, now = fake_surgery_work(), clock()
    session = await schedule(uow, now, ends=time(10, 15))
    booked = await book(uow, now, session, 0)
    first, second, third = [await join(uow, now, session, number) for number in (1, 2, 3)]
    for place_id, key in ((first.id, token(second)), (session.id, token(first))):
        with pytest.raises(NotFound):
            await changes.leave_waitlist(place_id, key, LINKS, uow, now)
    with pytest.raises(NotFound):
        await changes.waitlist_place(first.id, token(second), LINKS, uow)
    await changes.leave_waitlist(first.id, token(first), LINKS, uow, now)
    with pytest.raises(Conflict, match="already given up"):
        await changes.leave_waitlist(first.id, token(first), LINKS, uow, now)
    await changes.cancel_by_link(booked.id, token(booked), LINKS, uow, now)  # second is promoted
    with pytest.raises(Conflict, match=f"/v1/bookings/{second.id}/cancel"):
        await changes.leave_waitlist(second.id, token(second), LINKS, uow, now)
    assert (await changes.waitlist_place(third.id, token(third), LINKS, uow))[1] == 1


async def test_attendance_is_recorded_only_once_the_slot_has_started():
    uow, now = fake_surgery_work(), clock()
    session = await schedule(uow, now)
    came = await book(uow, now, session, 0)
    with pytest.raises(Conflict, match="after it starts"):
        await attendance.record_attendance("cheshire", came.id, True, uow, now)
    now.now = session.timetable.ends_at + timedelta(minutes=5)
    recorded = await attendance.record_attendance("cheshire", came.id, True, uow, now)
    assert recorded.booking.status is BookingStatus.ATTENDED


async def test_a_known_session_is_booked_in_one_step_and_a_changed_one_through_the_checked_path():
    uow, now = fake_surgery_work(), clock()
    intake = FakeIntake(uow)
    session = await schedule(uow, now, ends=time(10, 35))  # two slots
    first = await bookings.book_slot(BookSlot(session.id, 0, enquiry()), uow, now, intake=intake)
    assert intake.known == {session.id: session} and first.booking.id in uow.rows.bookings
    with pytest.raises(Conflict, match="slot 0 has just been taken"):
        await bookings.book_slot(BookSlot(session.id, 0, enquiry(1)), uow, now, intake=intake)
    await bookings.book_slot(BookSlot(session.id, 1, enquiry(1)), uow, now, intake=intake)
    with pytest.raises(Conflict, match="is full; join its waitlist"):
        await bookings.book_slot(BookSlot(session.id, 1, enquiry(2)), uow, now, intake=intake)
    await sessions.cancel_session("cheshire", session.id, "Unwell", uow, now)
    with pytest.raises(Conflict, match="is cancelled"):
        await bookings.book_slot(BookSlot(session.id, 1, enquiry(3)), uow, now, intake=intake)
    assert session.id not in intake.known
