"""Neighbourhood meetings in the scheduling domain: checks, cancelling, outcomes and an area's last and next."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest

from peel.common.errors import Conflict, InvalidInput
from peel.scheduling.meetings.domain.meetings import (
    Meeting,
    MeetingDetails,
    MeetingType,
    Organiser,
    Outcome,
    When,
    area_key,
    check_outcome,
    check_unique_keys,
    last_and_next,
)

NOW = datetime(2027, 4, 1, 12, tzinfo=UTC)


def details(day: date = date(2027, 4, 13), starts: time = time(19), ends: time = time(20, 30),
            **changes) -> MeetingDetails:
    base = {"type": MeetingType.PACT, "area": "Crewe", "when": When(day, starts, ends),
            "organiser": Organiser("Sergeant Pryce", "pact@example.org"), "venue_text": "Crewe Library"}
    return MeetingDetails(**(base | changes))


def outcome(**changes) -> Outcome:
    base = {"attended": True, "attendees": ("commissioner",), "topics": ("asb",), "other_topics": (),
            "recorded_at": NOW}
    return Outcome(**(base | changes))


def test_times_are_london_wall_clock_times_across_the_change_to_summer_time():
    assert When(date(2027, 3, 27), time(19), time(20)).starts_at == datetime(2027, 3, 27, 19, tzinfo=UTC)
    assert When(date(2027, 3, 29), time(19), time(20)).starts_at == datetime(2027, 3, 29, 18, tzinfo=UTC)


def test_a_meeting_needs_an_end_after_its_start_and_one_venue_or_the_other():
    with pytest.raises(InvalidInput) as error:
        Meeting.create("cheshire", details(ends=time(18), venue_id=uuid.uuid4()), NOW)
    assert [e.location for e in error.value.errors] == [("ends",), ("venue_id",)]
    with pytest.raises(InvalidInput):
        Meeting.create("cheshire", details(venue_text=None), NOW)
    assert Meeting.create("cheshire", details(), NOW).version == 1


def test_a_cancelled_meeting_cannot_change_or_be_recorded():
    cancelled = Meeting.create("cheshire", details(), NOW).cancel("Hall flooded", NOW)
    assert cancelled.version == 2 and cancelled.cancel_reason == "Hall flooded"
    for change in (lambda: cancelled.update(details(), NOW), lambda: cancelled.cancel("again", NOW),
                   lambda: cancelled.record(outcome(recorded_at=NOW + timedelta(days=30)))):
        with pytest.raises(Conflict):
            change()


def test_what_happened_is_recorded_only_once_the_meeting_has_started():
    meeting = Meeting.create("cheshire", details(), NOW)
    with pytest.raises(Conflict):
        meeting.record(outcome())
    after = meeting.when.starts_at + timedelta(minutes=5)
    assert meeting.record(outcome(recorded_at=after)).outcome.topics == ("asb",)


def test_an_outcome_names_unknown_attendees_and_topics_and_who_went_is_consistent():
    with pytest.raises(InvalidInput) as error:
        check_outcome(outcome(attendees=("commissioner", "mayor"), topics=("asb", "drones")), {"commissioner"},
                      {"asb"})
    assert [(e.location, e.code) for e in error.value.errors] == [
        (("attendees", 1), "unknown_attendee"), (("topics", 1), "unknown_topic")]
    for wrong in (outcome(attendees=()), outcome(attended=False)):
        with pytest.raises(InvalidInput):
            check_outcome(wrong, {"commissioner"}, {"asb"})
    check_outcome(outcome(attended=False, attendees=(), topics=()), set(), set())


def test_keys_given_twice_are_named():
    with pytest.raises(InvalidInput) as error:
        check_unique_keys("topics", ["asb", "roads", "asb"])
    assert error.value.errors[0].location == ("topics", 2, "key")


def generated_meetings(seed: int) -> list[Meeting]:
    rng = random.Random(seed)
    meetings = []
    for _ in range(rng.randint(0, 8)):
        found = Meeting.create("cheshire", details(day=date(2027, 4, 1) + timedelta(days=rng.randint(-60, 60))),
                               NOW - timedelta(days=90))
        meetings.append(found.cancel("off", NOW) if rng.random() < 0.3 else found)
    return meetings


def test_enough_generated_cases_have_both_a_last_and_a_next_meeting():
    both = sum(None not in last_and_next(generated_meetings(seed), NOW) for seed in range(50))
    assert both >= 20, f"only {both} of 50 generated cases have a last and a next meeting"


@pytest.mark.parametrize("seed", range(50))
def test_the_last_meeting_has_started_the_next_has_not_and_cancelled_ones_never_count(seed):
    meetings = generated_meetings(seed)
    last, upcoming = last_and_next(meetings, NOW)
    held = [m for m in meetings if m.cancelled_at is None]
    assert last is None or (last in held and all(m.when.starts_at <= last.when.starts_at for m in held
                                                 if m.when.starts_at <= NOW))
    assert upcoming is None or (upcoming in held and all(m.when.starts_at >= upcoming.when.starts_at for m in held
                                                         if m.when.starts_at > NOW))
    assert (last is None) == (not any(m.when.starts_at <= NOW for m in held))
    assert (upcoming is None) == (not any(m.when.starts_at > NOW for m in held))


def test_areas_compare_without_case_or_spacing():
    assert area_key("  Crewe   and Nantwich ") == area_key("crewe and nantwich")
