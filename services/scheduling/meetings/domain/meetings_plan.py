"""The quarterly attendance plan: the Commissioner or a deputy at one meeting per area, in rotation.

``propose`` is pure. Its rules, most important first:

1. nobody goes to a meeting on a date they cannot attend, or to two meetings whose times overlap;
2. every area with a meeting in the quarter gets an attended meeting whenever some plan allows it
   (areas no plan can cover, and areas with no meeting at all, are reported as uncovered);
3. rotation: nobody goes to an area they went to in the previous quarter's confirmed plan while an
   attendee who did not could go instead (no single change of the plan would rotate that area);
4. fairness: no area could move from an attendee to one with at least two fewer areas without
   breaking rules 1 and 3.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from peel.common.errors import FieldError, InvalidInput
from peel.scheduling.meetings.domain.meetings import When, area_key

QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
SEARCH_STEPS = 20_000
NO_MEETING, NO_ATTENDEE_FREE, NOT_ASSIGNED = "no_meeting", "no_attendee_free", "not_assigned"


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        found = QUARTER.match(text)
        if not found or not 2000 <= int(found[1]) <= 2100:
            raise InvalidInput([FieldError(("quarter",), "give a quarter such as 2027-Q2", "bad_quarter")])
        return cls(int(found[1]), int(found[2]))

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        return Quarter(self.year + self.number // 4, self.number % 4 + 1).first_day - timedelta(days=1)

    def contains(self, day: date) -> bool:
        return day.year == self.year and (day.month - 1) // 3 + 1 == self.number

    @property
    def previous(self) -> Quarter:
        return Quarter(self.year, self.number - 1) if self.number > 1 else Quarter(self.year - 1, 4)


@dataclass(frozen=True, slots=True)
class Attendee:
    """Who may attend for the office, by key (e.g. ``commissioner``), and the dates they cannot."""

    key: str
    title: str
    unavailable: frozenset[date] = frozenset()


@dataclass(frozen=True, slots=True)
class PlanMeeting:
    id: uuid.UUID
    area: str
    when: When


@dataclass(frozen=True, slots=True)
class Assignment:
    meeting_id: uuid.UUID
    area: str
    attendee: str


@dataclass(frozen=True, slots=True)
class Uncovered:
    area: str
    reason: str          # NO_MEETING, NO_ATTENDEE_FREE (proposals) or NOT_ASSIGNED (staff left it out)


@dataclass(frozen=True, slots=True)
class Plan:
    quarter: Quarter
    assignments: tuple[Assignment, ...]
    uncovered: tuple[Uncovered, ...]


Option = tuple[PlanMeeting, Attendee]
Chosen = dict[str, Option]          # by area key


def propose(quarter: Quarter, attendees: Sequence[Attendee], meetings: Iterable[PlanMeeting],
            previous: Mapping[str, set[str]], areas: Iterable[str] = ()) -> Plan:
    """Who goes where in ``quarter``; ``previous`` maps area keys to who went there last quarter."""
    by_area = _by_area(m for m in meetings if quarter.contains(m.when.day))
    options = {key: _options(found, attendees) for key, found in by_area.items()}
    rotation = _Rotation(previous)
    chosen = _improve(_search(options, rotation), options, rotation)
    assignments = tuple(Assignment(m.id, m.area, a.key) for m, a in sorted(chosen.values(), key=_order))
    return Plan(quarter, assignments, uncovered(by_area, chosen, areas))


def uncovered(by_area: Mapping[str, Sequence[PlanMeeting]], covered: Iterable[str], areas: Iterable[str],
              reason: str = NO_ATTENDEE_FREE) -> tuple[Uncovered, ...]:
    """Known areas without a meeting in the quarter, then areas with meetings nobody attends."""
    without = {area_key(a): a for a in sorted(areas) if area_key(a) not in by_area}
    attended = {area_key(area) for area in covered}
    missed = [Uncovered(found[0].area, reason) for key, found in sorted(by_area.items()) if key not in attended]
    return tuple(Uncovered(a, NO_MEETING) for a in without.values()) + tuple(missed)


def meetings_by_area(meetings: Iterable[PlanMeeting], quarter: Quarter) -> dict[str, list[PlanMeeting]]:
    return _by_area(m for m in meetings if quarter.contains(m.when.day))


def _by_area(meetings: Iterable[PlanMeeting]) -> dict[str, list[PlanMeeting]]:
    found: dict[str, list[PlanMeeting]] = {}
    for meeting in sorted(meetings, key=lambda m: (m.when.starts_at, str(m.id))):
        found.setdefault(area_key(meeting.area), []).append(meeting)
    return found


def _options(meetings: list[PlanMeeting], attendees: Sequence[Attendee]) -> list[Option]:
    return [(m, a) for m in meetings for a in attendees if m.when.day not in a.unavailable]


def _order(option: Option) -> tuple:
    return option[0].when.starts_at, area_key(option[0].area), option[1].key


class _Rotation:
    def __init__(self, previous: Mapping[str, set[str]]) -> None:
        self._previous = {area_key(area): set(keys) for area, keys in previous.items()}

    def repeats(self, area: str, attendee: Attendee) -> bool:
        return attendee.key in self._previous.get(area, set())

    def count(self, chosen: Chosen) -> int:
        return sum(self.repeats(area, attendee) for area, (_, attendee) in chosen.items())


def clashes(option: Option, chosen: Chosen, skip: str | None = None) -> bool:
    """Whether the option's attendee is already somewhere else at an overlapping time."""
    meeting, attendee = option
    return any(other.key == attendee.key and held.when.overlaps(meeting.when)
               for area, (held, other) in chosen.items() if area != skip)


def _loads(chosen: Chosen) -> dict[str, int]:
    loads: dict[str, int] = {}
    for _, attendee in chosen.values():
        loads[attendee.key] = loads.get(attendee.key, 0) + 1
    return loads


def _search(options: dict[str, list[Option]], rotation: _Rotation) -> Chosen:
    """A plan covering as many areas as any can: depth first, the most constrained area first."""
    order = sorted(options, key=lambda area: (len(options[area]), area))
    best: Chosen = {}
    steps = 0

    def visit(index: int, chosen: Chosen) -> bool:
        nonlocal best, steps
        steps += 1
        if len(chosen) > len(best):
            best = dict(chosen)
        if index == len(order) or len(best) == len(order):
            return len(best) == len(order)
        if steps > SEARCH_STEPS or len(chosen) + len(order) - index <= len(best):
            return False
        area, loads = order[index], _loads(chosen)
        ranked = sorted(options[area], key=lambda o: (rotation.repeats(area, o[1]), loads.get(o[1].key, 0)))
        for option in (o for o in ranked if not clashes(o, chosen)):
            if visit(index + 1, chosen | {area: option}):
                return True
        return visit(index + 1, chosen)

    visit(0, {})
    return best


def _score(chosen: Chosen, rotation: _Rotation) -> tuple[int, int]:
    return rotation.count(chosen), sum(n * n for n in _loads(chosen).values())


def _improve(chosen: Chosen, options: dict[str, list[Option]], rotation: _Rotation) -> Chosen:
    """Change one area at a time while that means fewer repeats, or the same repeats spread more evenly."""
    improved = True
    while improved:
        improved = False
        for area in sorted(chosen):
            better = _better_option(area, chosen, options[area], rotation)
            if better is not None:
                chosen, improved = chosen | {area: better}, True
    return chosen


def _better_option(area: str, chosen: Chosen, options: list[Option], rotation: _Rotation) -> Option | None:
    score = _score(chosen, rotation)
    for option in options:
        if not clashes(option, chosen, skip=area) and _score(chosen | {area: option}, rotation) < score:
            return option
    return None


def check_assignments(quarter: Quarter, given: Sequence[tuple[uuid.UUID, str]],
                      meetings: Mapping[uuid.UUID, PlanMeeting],
                      attendees: Mapping[str, Attendee]) -> tuple[Assignment, ...]:
    """The assignments staff confirm, or 422 naming each one that is unknown, unavailable or clashes."""
    errors, kept, seen = [], [], set()
    for index, (meeting_id, key) in enumerate(given):
        meeting, attendee = meetings.get(meeting_id), attendees.get(key)
        problem = _problem(quarter, meeting, attendee, (meeting_id, key) in seen, kept)
        seen.add((meeting_id, key))
        if problem:
            errors.append(FieldError(("assignments", index, problem[0]), problem[1], problem[2]))
        else:
            kept.append((meeting, attendee))
    if errors:
        raise InvalidInput(errors)
    return tuple(Assignment(m.id, m.area, a.key) for m, a in kept)


def _problem(quarter: Quarter, meeting: PlanMeeting | None, attendee: Attendee | None, repeated: bool,
             kept: list[Option]) -> tuple[str, str, str] | None:
    if meeting is None:
        return "meeting_id", "not one of your meetings, or cancelled", "unknown_meeting"
    if not quarter.contains(meeting.when.day):
        return "meeting_id", f"the meeting is not in {quarter}", "outside_quarter"
    if attendee is None:
        return "attendee", "not one of your attendees", "unknown_attendee"
    if meeting.when.day in attendee.unavailable:
        return "attendee", f"cannot attend on {meeting.when.day.isoformat()}", "unavailable"
    if repeated:
        return "meeting_id", "this attendee is already assigned to this meeting", "duplicate"
    if clashes((meeting, attendee), {str(i): option for i, option in enumerate(kept)}):
        return "meeting_id", "this attendee is at another meeting at that time", "clash"
    return None
