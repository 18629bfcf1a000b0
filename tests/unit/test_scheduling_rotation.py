"""The surgery rotation planner's guarantees, on generated requests."""

from __future__ import annotations

import itertools
import random
import uuid
from datetime import date

import pytest

from peel.common.errors import InvalidInput
from peel.common.working_days import bank_holiday_dates
from peel.scheduling.surgeries.domain.rotation import AreaVenues, RotationRequest, plan_rotation

AREAS = ["Crewe", "Chester", "Macclesfield", "Warrington", "Widnes", "Congleton", "Northwich", "Ellesmere Port"]


def generated(seed: int) -> RotationRequest:
    rng = random.Random(seed)
    areas = tuple(AreaVenues(name, tuple(uuid.uuid4() for _ in range(rng.randint(0, 3))))
                  for name in rng.sample(AREAS, rng.randint(1, len(AREAS))))
    every = rng.randint(1, 6)
    fewest = -(-len(areas) // every)
    per_month = rng.randint(fewest, max(fewest, 4))
    first = date(2026 + rng.randint(0, 2), rng.randint(1, 12), rng.randint(1, 28))
    unavailable = frozenset(date.fromordinal(first.toordinal() + rng.randint(0, 360))
                            for _ in range(rng.randint(0, 40)))
    return RotationRequest(areas, first, rng.randint(3, 18), per_month, every, unavailable)


def test_most_generated_requests_are_planned_so_the_checks_below_really_run():
    refused = 0
    for seed in range(60):
        try:
            plan_rotation(generated(seed))
        except InvalidInput:
            refused += 1
    assert refused <= 6, f"{refused} of 60 generated requests were refused: the property below checks too few plans"


@pytest.mark.parametrize("seed", range(60))
def test_every_area_is_visited_within_its_window_on_days_the_host_can_do(seed):
    request = generated(seed)
    try:
        plan = plan_rotation(request)
    except InvalidInput as refused:          # a month too full of unavailable days is refused, by name
        assert refused.errors[0].location == ("unavailable",)
        return
    assert len(plan.sessions) == request.months * request.sessions_per_month
    for area, gap in plan.longest_gap_months.items():
        assert gap <= request.every_months - 1, (area, gap)
    for session in plan.sessions:
        assert session.day.weekday() < 5
        assert session.day not in bank_holiday_dates(session.day.year)
        assert session.day not in request.unavailable
    venues = [s.venue_id for s in plan.sessions]
    assert all(a != b for a, b in itertools.pairwise(venues) if a is not None)
    own = {a.area: set(a.venues) for a in request.areas}
    assert all(s.venue_id is None or s.venue_id in own[s.area] for s in plan.sessions)


def test_the_areas_take_turns():
    areas = tuple(AreaVenues(name, (uuid.uuid4(),)) for name in AREAS[:4])
    plan = plan_rotation(RotationRequest(areas, date(2027, 1, 1), 8, 1, 4))
    assert [s.area for s in plan.sessions] == [a.area for a in areas] * 2
    assert plan.longest_gap_months == {a.area: 3 for a in areas}


def test_too_few_sessions_a_month_for_the_window_is_refused_with_what_would_do():
    areas = tuple(AreaVenues(name, ()) for name in AREAS[:7])
    with pytest.raises(InvalidInput) as refused:
        plan_rotation(RotationRequest(areas, date(2027, 1, 1), 12, 2, 3))
    assert refused.value.errors[0].location == ("sessions_per_month",)
    assert "at least 3 sessions a month" in refused.value.errors[0].reason


def test_bank_holidays_are_avoided():
    plan = plan_rotation(RotationRequest((AreaVenues("Crewe", ()),), date(2027, 12, 1), 1, 20, 1,
                                         weekdays=frozenset({0, 1, 2, 3, 4})))
    days = {s.day for s in plan.sessions}
    assert date(2027, 12, 27) not in days and date(2027, 12, 28) not in days   # substitute Christmas holidays
    assert len(days) == 20
