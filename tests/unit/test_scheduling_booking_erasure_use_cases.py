"""Erasing a booker's personal data on request, by staff or through the booking's own link, over fake units of
work: only the tenant's or what the link opens, once, and nothing changes it afterwards."""

from __future__ import annotations

from datetime import time

import pytest

from peel.common.errors import Conflict, NotFound
from peel.scheduling.surgeries.service_layer import attendance, changes, erasure
from tests.support.scheduling_appointments import LINKS, book, clock, join, schedule, token
from tests.unit.scheduling_fakes.surgeries import fake_surgery_work


async def test_staff_erase_only_their_tenants_bookings_and_again_changes_nothing():
    uow, now = fake_surgery_work(), clock()
    session = await schedule(uow, now, ends=time(10, 15))
    booked = await book(uow, now, session, 0)
    await join(uow, now, session, 1)
    for tenant, row_id in (("gwent", booked.id), ("cheshire", session.id)):
        with pytest.raises(NotFound):
            await erasure.erase_by_staff(tenant, row_id, uow, now)
    erased = await erasure.erase_by_staff("cheshire", booked.id, uow, now)
    assert (erased.status, erased.id) == ("cancelled", booked.id)
    published = list(uow.published)
    now.wait(60)
    assert await erasure.erase_by_staff("cheshire", booked.id, uow, now) == erased
    assert uow.published == published
    with pytest.raises(Conflict):
        await attendance.write_notes("cheshire", booked.id, "More", uow, now)


async def test_a_booker_erases_through_their_own_link_and_the_link_changes_nothing_afterwards():
    uow, now = fake_surgery_work(), clock()
    session = await schedule(uow, now, ends=time(10, 15))
    booked = await book(uow, now, session, 0)
    waiting = await join(uow, now, session, 1)
    with pytest.raises(NotFound):
        await erasure.erase_by_link(booked.id, token(waiting), LINKS, uow, now)
    erased = await erasure.erase_by_link(booked.id, token(booked), LINKS, uow, now)
    assert erased.status == "cancelled"
    assert await erasure.erase_by_link(booked.id, token(booked), LINKS, uow, now) == erased
    with pytest.raises(Conflict):
        await changes.cancel_by_link(booked.id, token(booked), LINKS, uow, now)
    with pytest.raises(Conflict):
        await changes.reschedule_by_link(booked.id, token(booked), 0, LINKS, uow, now)


async def test_a_waiting_place_erased_through_its_link_cannot_be_left_afterwards():
    uow, now = fake_surgery_work(), clock()
    session = await schedule(uow, now, ends=time(10, 15))
    await book(uow, now, session, 0)
    waiting = await join(uow, now, session, 1)
    erased = await erasure.erase_by_link(waiting.id, token(waiting), LINKS, uow, now)
    assert erased.status == "withdrawn"
    with pytest.raises(Conflict):
        await changes.leave_waitlist(waiting.id, token(waiting), LINKS, uow, now)
