"""The quarterly attendance planner, checked rule by rule on generated quarters (property style)."""

from __future__ import annotations

import random
import uuid
from datetime import date, time, timedelta

import pytest

from peel.common.errors import InvalidInput
from peel.scheduling.meetings.domain.meetings import When, area_key
from peel.scheduling.meetings.domain.meetings_plan import (
    NO_ATTENDEE_FREE,
    NO_MEETING,
    Attendee,
    Plan,
    PlanMeeting,
    Quarter,
    check_assignments,
    clashes,
    propose,
)

Q2 = Quarter(2027, 2)
SEEDS = range(300)


def meeting(area: str, day: date, starts: int = 19, hours: int = 2) -> PlanMeeting:
    return PlanMeeting(uuid.uuid4(), area, When(day, time(starts), time(starts + hours)))


def generated(seed: int) -> dict:
    """A quarter's worth of meetings in a few areas, attendees with dates off, and last quarter's plan."""
    rng = random.Random(seed)
    days = [Q2.first_day + timedelta(days=rng.randrange(91)) for _ in range(rng.randint(1, 6))]
    attendees = [Attendee(key, key.title(), frozenset(d for d in days if rng.random() < 0.3))
                 for key in ["commissioner", "deputy", "assistant"][:rng.randint(1, 3)]]
    areas = [f"Area {n}" for n in range(rng.randint(1, 6))]
    meetings = [meeting(rng.choice([area, area.upper() + " "]), rng.choice(days), rng.randint(9, 19),
                        rng.randint(1, 4)) for area in areas for _ in range(rng.choice([0, 1, 1, 2, 3]))]
    meetings.append(meeting(rng.choice(areas), date(2027, 7, 1)))          # next quarter: ignored
    previous = {area: {rng.choice(attendees).key} for area in areas if rng.random() < 0.7}
    return {"attendees": attendees, "meetings": meetings, "previous": previous, "areas": [*areas, "Quiet Area"]}


def planned(case: dict) -> Plan:
    return propose(Q2, case["attendees"], case["meetings"], case["previous"], case["areas"])


def chosen_options(plan: Plan, case: dict) -> dict[str, tuple[PlanMeeting, Attendee]]:
    meetings = {m.id: m for m in case["meetings"]}
    attendees = {a.key: a for a in case["attendees"]}
    return {area_key(a.area): (meetings[a.meeting_id], attendees[a.attendee]) for a in plan.assignments}


def options_for(area: str, case: dict) -> list[tuple[PlanMeeting, Attendee]]:
    return [(m, a) for m in case["meetings"] if area_key(m.area) == area and Q2.contains(m.when.day)
            for a in case["attendees"] if m.when.day not in a.unavailable]


def most_coverable(case: dict) -> int:
    """By brute force: the most areas any plan can cover."""
    areas = sorted({area_key(m.area) for m in case["meetings"] if Q2.contains(m.when.day)})

    def best(index: int, chosen: dict) -> int:
        if index == len(areas):
            return len(chosen)
        found = best(index + 1, chosen)
        for option in options_for(areas[index], case):
            if not clashes(option, chosen):
                found = max(found, best(index + 1, chosen | {areas[index]: option}))
        return found

    return best(0, {})


@pytest.mark.parametrize("seed", SEEDS)
def test_nobody_is_sent_on_a_date_they_cannot_or_to_two_meetings_at_once(seed):
    case = generated(seed)
    chosen = list(chosen_options(planned(case), case).values())
    for index, (held, attendee) in enumerate(chosen):
        assert held.when.day not in attendee.unavailable and Q2.contains(held.when.day)
        assert not any(other.key == attendee.key and held.when.overlaps(elsewhere.when)
                       for elsewhere, other in chosen[index + 1:])


@pytest.mark.parametrize("seed", SEEDS)
def test_every_area_with_a_meeting_is_covered_when_any_plan_could_and_the_rest_are_reported(seed):
    case = generated(seed)
    plan = planned(case)
    with_meetings = {area_key(m.area) for m in case["meetings"] if Q2.contains(m.when.day)}
    covered = {area_key(a.area) for a in plan.assignments}
    missed = {area_key(u.area) for u in plan.uncovered if u.reason == NO_ATTENDEE_FREE}
    no_meeting = {area_key(u.area) for u in plan.uncovered if u.reason == NO_MEETING}
    assert len(plan.assignments) == len(covered) == most_coverable(case)
    assert covered | missed == with_meetings and not covered & missed
    assert no_meeting == {area_key(a) for a in case["areas"]} - with_meetings and "quiet area" in no_meeting


def test_enough_generated_cases_assign_someone_and_repeat_an_area_for_the_checks_below_to_bite():
    repeats = empty = 0
    for seed in SEEDS:
        case = generated(seed)
        chosen = chosen_options(planned(case), case)
        previous = {area_key(area): keys for area, keys in case["previous"].items()}
        empty += not chosen
        repeats += any(attendee.key in previous.get(area, set()) for area, (_, attendee) in chosen.items())
    assert repeats >= 100, f"only {repeats} of {len(SEEDS)} cases send someone back to last quarter's area"
    assert empty <= 30, f"{empty} of {len(SEEDS)} cases assign nobody"


@pytest.mark.parametrize("seed", SEEDS)
def test_nobody_returns_to_last_quarters_area_while_someone_else_could_go(seed):
    case = generated(seed)
    chosen = chosen_options(planned(case), case)
    previous = {area_key(area): keys for area, keys in case["previous"].items()}
    for area, (_, attendee) in chosen.items():
        if attendee.key in previous.get(area, set()):
            assert all(clashes(option, chosen, skip=area) for option in options_for(area, case)
                       if option[1].key not in previous[area]), (area, attendee.key)


@pytest.mark.parametrize("seed", SEEDS)
def test_areas_are_spread_so_no_area_could_move_to_someone_with_two_fewer(seed):
    case = generated(seed)
    chosen = chosen_options(planned(case), case)
    previous = {area_key(area): keys for area, keys in case["previous"].items()}
    loads = {a.key: sum(o[1].key == a.key for o in chosen.values()) for a in case["attendees"]}
    for area, (_, attendee) in chosen.items():
        repeat = attendee.key in previous.get(area, set())
        for option in options_for(area, case):
            lighter = loads[option[1].key] + 2 <= loads[attendee.key]
            keeps_rotation = repeat or option[1].key not in previous.get(area, set())
            assert not (lighter and keeps_rotation and not clashes(option, chosen, skip=area)), (area, option[1].key)


@pytest.mark.parametrize("seed", range(20))
def test_the_same_quarter_gives_the_same_proposal(seed):
    case = generated(seed)
    assert planned(case) == planned(case)


def test_attendees_rotate_between_areas_from_last_quarter():
    people = [Attendee("commissioner", "Commissioner"), Attendee("deputy", "Deputy Commissioner")]
    meetings = [meeting(area, date(2027, 4, day)) for area, day in [("Crewe", 6), ("Chester", 13), ("Crewe", 20),
                                                                   ("Chester", 27)]]
    plan = propose(Q2, people, meetings, {"crewe": {"commissioner"}, "CHESTER": {"deputy"}}, ["Crewe", "Chester"])
    assert {(a.area, a.attendee) for a in plan.assignments} == {("Crewe", "deputy"), ("Chester", "commissioner")}
    assert plan.uncovered == ()


def test_an_area_only_covered_if_the_earlier_choice_gives_way():
    """One attendee: Crewe's first meeting clashes with Chester's only one, so Crewe takes its second."""
    alone = [Attendee("commissioner", "Commissioner")]
    crewe_first, crewe_later = meeting("Crewe", date(2027, 4, 6)), meeting("Crewe", date(2027, 5, 4))
    chester = meeting("Chester", date(2027, 4, 6), starts=20)
    plan = propose(Q2, alone, [crewe_first, crewe_later, chester], {})
    assert {a.meeting_id for a in plan.assignments} == {crewe_later.id, chester.id}


def test_an_area_whose_meetings_fall_on_everyones_days_off_is_reported():
    day = date(2027, 6, 1)
    people = [Attendee("commissioner", "Commissioner", frozenset({day})),
              Attendee("deputy", "Deputy", frozenset({day}))]
    plan = propose(Q2, people, [meeting("Macclesfield", day)], {}, ["Macclesfield", "Warrington"])
    assert plan.assignments == ()
    assert [(u.area, u.reason) for u in plan.uncovered] == [("Warrington", NO_MEETING),
                                                            ("Macclesfield", NO_ATTENDEE_FREE)]


def test_quarters_parse_and_step_back_over_the_year():
    assert Quarter.parse("2027-Q1").previous == Quarter(2026, 4) and str(Quarter.parse("2027-Q3")) == "2027-Q3"
    assert Quarter(2027, 4).last_day == date(2027, 12, 31) and Quarter(2027, 1).last_day == date(2027, 3, 31)
    assert Quarter(2027, 4).contains(date(2027, 12, 31)) and not Quarter(2027, 4).contains(date(2028, 1, 1))
    for bad in ["2027-Q5", "2027Q1", "1999-Q1", "Q1-2027"]:
        with pytest.raises(InvalidInput):
            Quarter.parse(bad)


def test_confirmed_assignments_name_each_unknown_unavailable_duplicate_or_clashing_one():
    day = date(2027, 5, 10)
    people = {"commissioner": Attendee("commissioner", "Commissioner"),
              "deputy": Attendee("deputy", "D", frozenset({day}))}
    first, overlapping, later = meeting("A", day), meeting("B", day, starts=20), meeting("C", date(2027, 8, 1))
    known = {m.id: m for m in (first, overlapping, later)}
    given = [(first.id, "commissioner"), (overlapping.id, "commissioner"), (first.id, "deputy"),
             (later.id, "commissioner"), (uuid.uuid4(), "commissioner"), (first.id, "nobody"),
             (first.id, "commissioner")]
    with pytest.raises(InvalidInput) as error:
        check_assignments(Q2, given, known, people)
    assert [(e.location, e.code) for e in error.value.errors] == [
        (("assignments", 1, "meeting_id"), "clash"), (("assignments", 2, "attendee"), "unavailable"),
        (("assignments", 3, "meeting_id"), "outside_quarter"), (("assignments", 4, "meeting_id"), "unknown_meeting"),
        (("assignments", 5, "attendee"), "unknown_attendee"), (("assignments", 6, "meeting_id"), "duplicate")]
    assert [a.attendee for a in check_assignments(Q2, given[:1], known, people)] == ["commissioner"]
