"""Leaving a waitlist and erasing a booker's or a registrant's personal data: the domain on its own."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from peel.common.errors import Conflict
from peel.scheduling.assemblies.domain.assembly_selection import RunKind, SelectionRequest, run_selection
from peel.scheduling.assemblies.domain.registration import ERASED, Registrant, RegistrantStatus
from peel.scheduling.surgeries.domain.bookings import Booking, BookingStatus, PlaceStatus, WaitlistEntry
from tests.unit.test_scheduling_assemblies import assembly, registrants
from tests.unit.test_scheduling_domain import NOW, enquiry, session

PERSONAL = ("Bloggs", "Example.org", "Nantwich")


def booking() -> Booking:
    surgery = session()
    return Booking.confirm(surgery.tenant, surgery.id, surgery.slots[0], enquiry(), NOW)


def entry() -> WaitlistEntry:
    return WaitlistEntry.join("cheshire", uuid.uuid4(), enquiry(), NOW)


def test_an_erased_booking_keeps_its_facts_and_loses_who_and_what():
    erasing = booking()
    erasing.write_notes("Confidential: lives near the school", NOW)
    event = erasing.erase(NOW + timedelta(hours=1))
    assert (event.booking_id, event.session_id, event.erased_at) == (erasing.id, erasing.session_id,
                                                                      NOW + timedelta(hours=1))
    assert not any(personal in event.model_dump_json() for personal in PERSONAL)
    assert (erasing.enquiry.booker, erasing.enquiry.topic, erasing.notes, erasing.notes_recorded_at) == (
        None, None, None, None)
    assert (erasing.enquiry.area, erasing.enquiry.topic_category.value, erasing.slot.number) == (
        "CW1", "road_safety", 0)
    assert erasing.version == 3 and erasing.erased_at == NOW + timedelta(hours=1)


def test_an_erased_booking_cannot_be_erased_again_moved_or_given_notes():
    erased = booking()
    erased.erase(NOW)
    with pytest.raises(Conflict, match="nothing left to erase"):
        erased.erase(NOW)
    with pytest.raises(Conflict, match="cannot be moved"):
        erased.move(session().slots[1], NOW)
    with pytest.raises(Conflict, match="notes cannot be written"):
        erased.write_notes("More", NOW)
    erased.cancel("session_cancelled", NOW)  # its session can still be called off
    assert erased.status is BookingStatus.CANCELLED


def test_joining_a_waitlist_is_an_event_of_facts_only():
    place = entry()
    joined = place.joined()
    assert (joined.booking_id, joined.session_id, joined.area, joined.topic_category, joined.joined_at) == (
        place.id, place.session_id, "CW1", "road_safety", NOW)
    assert not any(personal in joined.model_dump_json() for personal in PERSONAL)


def test_a_waiting_place_is_left_once_and_a_promoted_one_is_cancelled_instead():
    left, event = entry().leave(NOW)
    assert left.status is PlaceStatus.WITHDRAWN and (event.booking_id, event.left_at) == (left.id, NOW)
    with pytest.raises(Conflict, match="already given up"):
        left.leave(NOW)
    promoted = WaitlistEntry(uuid.uuid4(), "cheshire", uuid.uuid4(), enquiry(), NOW, PlaceStatus.PROMOTED)
    with pytest.raises(Conflict, match=f"cancel the booking with the same link .*/v1/bookings/{promoted.id}/cancel"):
        promoted.leave(NOW)


def test_a_place_is_erased_only_once_it_no_longer_waits():
    waiting = entry()
    with pytest.raises(Conflict, match="leave the waitlist"):
        waiting.erase(NOW)
    erased, event = waiting.leave(NOW)[0].erase(NOW)
    assert (erased.enquiry.booker, erased.enquiry.topic, erased.erased_at) == (None, None, NOW)
    assert event.booking_id == waiting.id and erased.enquiry.area == "CW1"
    with pytest.raises(Conflict, match="already erased"):
        erased.erase(NOW)


def test_an_erased_registrant_leaves_the_pool_but_an_erased_member_stays_one():
    target = assembly()
    pool = registrants(target)
    in_pool = pool[0].erased(NOW)
    assert (in_pool.status, in_pool.contact, in_pool.erased_at) == (RegistrantStatus.WITHDRAWN, ERASED, NOW)
    assert in_pool.features == pool[0].features
    member = Registrant(pool[1].id, target.id, "CODE0001", pool[1].features, pool[1].contact, NOW,
                        RegistrantStatus.SELECTED, "confirmed").erased(NOW)
    assert (member.status, member.reply, member.contact.name) == (RegistrantStatus.SELECTED, "confirmed", None)


def test_the_selection_draws_around_erased_registrants():
    target = assembly()
    pool = registrants(target)
    erased = {r.id for r in pool[:5]}
    pool = [r.erased(NOW) if r.id in erased else r for r in pool]
    outcome = run_selection(target, pool, SelectionRequest(RunKind.SELECTION, "leximin", seed=3))
    assert len(outcome.selected) == 7 and not erased & set(outcome.selected)
