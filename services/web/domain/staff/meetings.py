"""Neighbourhood meetings' pure rules as staff see them: quarters, what each meeting type is called, and the outcome
and attendance plan forms read from what was chosen."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from peel.web.domain.staff import reading
from peel.web.domain.staff.messages import N_

TYPES = {"pact": N_("PACT or beat meeting"), "community_forum": N_("Community forum"),
         "parish_council": N_("Parish or town council"), "police_and_crime_panel": N_("Police and Crime Panel"),
         "other": N_("Other meeting")}
UNCOVERED = {"no_meeting": N_("No meeting in the quarter"), "no_attendee_free": N_("No attendee is free"),
             "not_assigned": N_("Left out of the plan")}
DONE = {"outcome": N_("The outcome is recorded."), "cancelled": N_("The meeting is cancelled."),
        "plan": N_("The quarter's attendance plan is confirmed.")}
REASON_MISSING = N_("Enter why the meeting is cancelled")
ATTENDED_MISSING = N_("Select whether anyone attended for the office")
ATTENDEES_MISSING = N_("Select who attended")
QUARTER = re.compile(r"([0-9]{4})-Q([1-4])")


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def is_quarter(text: str) -> bool:
    return bool(QUARTER.fullmatch(text))


def next_quarter(quarter: str) -> str:
    year, number = (int(part) for part in QUARTER.fullmatch(quarter).groups())  # type: ignore[union-attr]
    return f"{year + number // 4}-Q{number % 4 + 1}"


def previous_quarter(quarter: str) -> str:
    year, number = (int(part) for part in QUARTER.fullmatch(quarter).groups())  # type: ignore[union-attr]
    return f"{year - 1}-Q4" if number == 1 else f"{year}-Q{number - 1}"


def quarter_days(quarter: str) -> tuple[str, str]:
    """The first and last day of the quarter, as the services' ``from`` and ``to``."""
    year, number = (int(part) for part in QUARTER.fullmatch(quarter).groups())  # type: ignore[union-attr]
    first = date(year, 3 * number - 2, 1)
    after = date(year + (number == 4), 1 if number == 4 else 3 * number + 1, 1)
    return first.isoformat(), date.fromordinal(after.toordinal() - 1).isoformat()


@dataclass(frozen=True)
class OutcomeForm:
    """Whether the office attended, who went and the topics raised (keys), and other topics in words."""

    body: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, attended: str, attendees: list[str], topics: list[str], other: str) -> OutcomeForm:
        errors = {}
        if attended not in {"yes", "no"}:
            errors["attended"] = ATTENDED_MISSING
        elif attended == "yes" and not attendees:
            errors["attendees"] = ATTENDEES_MISSING
        went = attended == "yes"
        others = [line.strip() for line in other.splitlines() if line.strip()]
        body = {"attended": went if attended in {"yes", "no"} else None, "attendees": attendees if went else [],
                "topics": topics, "other_topics": others}
        return cls(body, errors)


def assignments(fields: Mapping[str, str]) -> list[dict[str, str]]:
    """The plan as chosen: ``assign-<meeting id>`` names the attendee sent to it (blank: nobody)."""
    return [{"meeting_id": key.removeprefix("assign-"), "attendee": value}
            for key, value in fields.items() if key.startswith("assign-") and value]


def chosen(plan: Mapping[str, Any] | None) -> dict[str, str]:
    """{meeting id: attendee key} of a plan or proposal, to preselect the form."""
    return {str(one["meeting_id"]): str(one["attendee"]) for one in (plan or {}).get("assignments", [])}


def by_area(meetings: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """The quarter's meetings grouped by area, for the plan's form."""
    found: dict[str, list[Mapping[str, Any]]] = {}
    for meeting in meetings:
        if meeting.get("status") != "cancelled":
            found.setdefault(str(meeting["area"]), []).append(meeting)
    return dict(sorted(found.items(), key=lambda item: item[0].casefold()))


MEETING_PROBLEMS = {
    "type": N_("Select the type of meeting"),
    "area": N_("Enter the local policing area"),
    "day": N_("Enter the day of the meeting as a real date, like 2027-03-31"),
    "starts": N_("Enter a start time, like 10:00"),
    "ends": N_("Enter an end time, like 12:00"),
    "venue": N_("Choose one of your venues or say where, in words"),
    "organiser_name": N_("Enter who runs the meeting"),
    "organiser_email": N_("Enter an email address in the correct format, like name@example.com"),
    "organiser_phone": N_("Enter their phone number, like 01632 960 001"),
}


@dataclass(frozen=True)
class NewMeeting:
    """A neighbourhood meeting the office knows of: its type, area, day and times, where, who runs it."""

    typed: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, fields: Mapping[str, str]) -> NewMeeting:
        typed = dict(fields)
        errors = {key: MEETING_PROBLEMS[key] for key in ("area", "organiser_name") if not typed.get(key)}
        if typed.get("type") not in TYPES:
            errors["type"] = MEETING_PROBLEMS["type"]
        if reading.day(typed.get("day", "")) is None:
            errors["day"] = MEETING_PROBLEMS["day"]
        for key in ("starts", "ends"):
            if reading.clock(typed.get(key, "")) is None:
                errors[key] = MEETING_PROBLEMS[key]
        if bool(typed.get("venue_id")) == bool(typed.get("venue")):
            errors["venue"] = MEETING_PROBLEMS["venue"]
        return cls(typed, errors)

    def body(self) -> dict[str, Any]:
        typed = self.typed
        organiser = {"name": typed["organiser_name"], "email": typed.get("organiser_email") or None,
                     "phone": typed.get("organiser_phone") or None}
        return {"type": typed["type"], "area": typed["area"], "day": str(reading.day(typed["day"])),
                "starts": _clock(typed["starts"]), "ends": _clock(typed["ends"]),
                "venue_id": typed.get("venue_id") or None, "venue": typed.get("venue") or None,
                "organiser": organiser, "public": typed.get("public", "yes") != "no"}


def _clock(text: str) -> str:
    found = reading.clock(text)
    assert found is not None
    return found.strftime("%H:%M")
