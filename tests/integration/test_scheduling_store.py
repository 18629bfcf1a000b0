"""The scheduling store on real PostgreSQL: the database itself forbids double booking, and expired
confidential notes are blanked per tenant."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta

import asyncpg
import pytest

from peel.common.db.migrations import migrate
from peel.common.errors import Conflict
from peel.common.outbox import Outbox
from peel.scheduling.bootstrap import MIGRATIONS
from peel.scheduling.surgeries.adapters.bookings import PostgresBookingIntake
from peel.scheduling.surgeries.adapters.unit_of_work import PostgresSurgeryUnitOfWork
from peel.scheduling.surgeries.domain.bookings import (
    AlreadyBooked,
    Booker,
    Booking,
    Enquiry,
    NotesRetention,
    SlotTaken,
    TopicCategory,
    WaitlistEntry,
)
from peel.scheduling.surgeries.domain.sessions import Place, SurgerySession, Timetable
from peel.scheduling.surgeries.service_layer.attendance import purge_expired_notes
from peel.scheduling.surgeries.service_layer.bookings import BookSlot, SessionFull, book_slot
from peel.scheduling.surgeries.service_layer.sessions import cancel_session

pytestmark = pytest.mark.integration
NOW = datetime.now(UTC)


@pytest.fixture
async def pool(database: str) -> AsyncIterator[asyncpg.Pool]:
    await migrate(database, MIGRATIONS)
    async with asyncpg.create_pool(database, min_size=2, max_size=4) as created:
        yield created


def unit_of_work(pool: asyncpg.Pool) -> PostgresSurgeryUnitOfWork:
    return PostgresSurgeryUnitOfWork(pool, Outbox("/peel/scheduling", ""))


async def add_session(pool: asyncpg.Pool, tenant: str = "cheshire") -> SurgerySession:
    timetable = Timetable(date.today() + timedelta(days=10), time(10), time(10, 30))
    session = SurgerySession.schedule(tenant, "Police and Crime Commissioner", Place(None, True, "Crewe"), timetable,
                                      public=True, now=NOW)
    async with unit_of_work(pool) as uow:
        await uow.sessions.add(session)
        await uow.commit()
    return session


def booking(session: SurgerySession, slot: int, email: str) -> Booking:
    enquiry = Enquiry(Booker("A Resident", email, None), "CW1", TopicCategory.OTHER, "Parking")
    return Booking.confirm(session.tenant, session.id, session.slots[slot], enquiry, NOW)


async def store(pool: asyncpg.Pool, new: Booking) -> None:
    async with unit_of_work(pool) as uow:
        await uow.bookings.add(new)
        await asyncio.sleep(0.2)  # both transactions are open at once
        await uow.commit()


async def test_the_database_refuses_a_second_active_booking_of_a_slot(pool):
    session = await add_session(pool)
    outcomes = await asyncio.gather(store(pool, booking(session, 0, "a@example.org")),
                                    store(pool, booking(session, 0, "b@example.org")), return_exceptions=True)
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["NoneType", "SlotTaken"]
    with pytest.raises(asyncpg.UniqueViolationError) as refused:  # whatever the application does
        await pool.execute(
            "INSERT INTO surgery_bookings (id, tenant, session_id, slot, slot_starts_at, slot_ends_at, status, name, "
            "email, email_key, area, topic_category, topic, routes, from_waitlist, confirmed_at) "
            "SELECT gen_random_uuid(), tenant, session_id, slot, slot_starts_at, slot_ends_at, 'attended', name, "
            "'c@example.org', 'c@example.org', area, topic_category, topic, routes, from_waitlist, confirmed_at "
            "FROM surgery_bookings")
    assert refused.value.constraint_name == "surgery_bookings_one_per_slot"


async def test_a_cancelled_booking_frees_its_slot_but_one_person_holds_one_slot(pool):
    session = await add_session(pool)
    first = booking(session, 0, "a@example.org")
    await store(pool, first)
    with pytest.raises(AlreadyBooked):
        await store(pool, booking(session, 1, "A@example.org"))
    async with unit_of_work(pool) as uow:
        held = await uow.bookings.get(first.id)
        held.cancel("booker", NOW)
        await uow.bookings.save(held)
        await uow.commit()
    await store(pool, booking(session, 0, "b@example.org"))
    await store(pool, booking(session, 1, "a@example.org"))
    with pytest.raises(SlotTaken):
        await store(pool, booking(session, 1, "c@example.org"))
    waiting = WaitlistEntry.join(session.tenant, session.id, booking(session, 0, "b@example.org").enquiry, NOW)
    async with unit_of_work(pool) as uow:
        with pytest.raises(AlreadyBooked):  # a waitlist place is one per person too, held by the database
            await uow.waitlist.add(waiting)


def intake(pool: asyncpg.Pool) -> PostgresBookingIntake:
    return PostgresBookingIntake(lambda: pool, Outbox("/peel/scheduling", ""))


async def confirmed_events(pool: asyncpg.Pool) -> int:
    return await pool.fetchval("SELECT count(*) FROM outbox WHERE event_type = 'peel.scheduling.booking.confirmed.v1'")


async def test_the_one_statement_intake_stores_a_booking_with_its_event_only_while_the_session_is_as_read(pool):
    session, desk = await add_session(pool), intake(pool)
    first = booking(session, 0, "a@example.org")
    assert await desk.add_if_scheduled(first, first.confirmed(), session.version) == "booked"
    taken = booking(session, 0, "b@example.org")
    assert await desk.add_if_scheduled(taken, taken.confirmed(), session.version) == "refused"
    again = booking(session, 1, "A@example.org")  # the same person, another slot: the database says who
    with pytest.raises(AlreadyBooked):
        await desk.add_if_scheduled(again, again.confirmed(), session.version)
    late = booking(session, 0, "c@example.org")  # refused, it is told which slots the statement saw held
    assert await desk.add_or_held(late, late.confirmed(), session.version) == ("refused", {0})
    assert await confirmed_events(pool) == 1

    async with unit_of_work(pool) as uow:  # a cancellation under way holds the session
        await uow.sessions.get(session.tenant, session.id, lock="update")
        late = booking(session, 1, "c@example.org")
        waiting = asyncio.create_task(desk.add_if_scheduled(late, late.confirmed(), session.version))
        session.cancel("The Commissioner is unwell", NOW, bookings_cancelled=0)
        await uow.sessions.save(session)
        await uow.commit()
    assert await waiting == "changed"
    assert await pool.fetchval("SELECT count(*) FROM surgery_bookings") == 1 and await confirmed_events(pool) == 1


@pytest.mark.parametrize("at_once", [True, False], ids=["in one statement", "checked"])
async def test_either_path_books_free_slots_and_says_why_it_refuses(pool, at_once):
    session = await add_session(pool)
    desk = intake(pool) if at_once else None

    async def book(slot: int, email: str) -> None:
        enquiry = Enquiry(Booker("A Resident", email, None), None, TopicCategory.OTHER, "Parking")
        await book_slot(BookSlot(session.id, session.slot_id(slot), enquiry), unit_of_work(pool), intake=desk)

    await book(0, "a@example.org")
    with pytest.raises(SlotTaken):
        await book(0, "b@example.org")
    with pytest.raises(AlreadyBooked):
        await book(1, "A@example.org")
    await book(1, "b@example.org")
    with pytest.raises(SessionFull):
        await book(1, "c@example.org")
    assert await pool.fetchval("SELECT array_agg(DISTINCT area) FROM surgery_bookings") == ["Crewe"]
    assert await confirmed_events(pool) == 2
    await cancel_session(session.tenant, session.id, "Unwell", unit_of_work(pool))
    with pytest.raises(Conflict, match="is cancelled"):
        await book(0, "d@example.org")


async def test_expired_notes_are_blanked_by_their_tenants_retention_period(pool):
    sessions = {tenant: await add_session(pool, tenant) for tenant in ("cheshire", "gwent")}
    written = {}
    for tenant, session in sessions.items():
        for slot, age in enumerate((10, 100)):
            new = booking(session, slot, f"{tenant}{slot}@example.org")
            new.write_notes(f"notes {age} days old", NOW - timedelta(days=age))
            await store(pool, new)
            written[(tenant, age)] = new.id

    retention = NotesRetention(default_days=60, by_tenant={"gwent": 5})
    assert await purge_expired_notes(retention, unit_of_work(pool), lambda: NOW) == 3
    rows = await pool.fetch("SELECT id, notes, notes_recorded_at FROM surgery_bookings")
    kept = {row["id"] for row in rows if row["notes"] is not None}
    assert kept == {written[("cheshire", 10)]}
    assert all(row["notes_recorded_at"] is None for row in rows if row["id"] not in kept)
    assert await purge_expired_notes(retention, unit_of_work(pool), lambda: NOW) == 0
