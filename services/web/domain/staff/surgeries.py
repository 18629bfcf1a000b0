"""The surgeries' pure rules as staff see them: which booking details a role is shown, what may be recorded when,
and the rotation planner's forms (the request, and the proposed sessions as adjusted) read from what was typed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from peel.web.domain.staff import reading
from peel.web.domain.staff.messages import N_

BOOKING_STATUSES = {"confirmed": N_("Booked"), "cancelled": N_("Cancelled"), "attended": N_("Attended"),
                    "no_show": N_("Did not come")}
BOOKING_COLOURS = {"confirmed": "blue", "cancelled": "grey", "attended": "green", "no_show": "orange"}
DONE = {
    "cancelled": N_("The session is cancelled. Everyone booked is told, and the waitlist is closed."),
    "attendance": N_("Attendance recorded."),
    "notes": N_("The confidential notes are saved."),
    "rotation": N_("The rotation's sessions are scheduled."),
}
REASON_MISSING = N_("Enter why the session is cancelled")
NOTES_MISSING = N_("Enter the notes")
OUTCOME_MISSING = N_("Select whether they came")
WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"))


def notes_shown(booking: Mapping[str, Any], may_write: bool) -> bool:
    """Confidential notes are shown only to staff who may write them, and only when the service gave them."""
    return may_write and "notes" in booking


def attendance_open(booking: Mapping[str, Any], now: datetime) -> bool:
    """Attendance is recorded for a booking still standing once its slot has started."""
    starts = datetime.fromisoformat(str(booking["slot"]["starts_at"]))
    return booking.get("status") == "confirmed" and starts <= now and not booking.get("erased_at")


def upcoming_and_past(sessions: Iterable[Mapping[str, Any]], today: date) -> tuple[list, list]:
    """The diary: sessions from today on, soonest first; earlier ones, latest first."""
    ahead, gone = [], []
    for session in sessions:
        (ahead if date.fromisoformat(str(session["day"])) >= today else gone).append(session)
    return ahead, list(reversed(gone))


@dataclass(frozen=True)
class RotationRequest:
    """What the planner is asked for: areas, months, how often, the host's days off, weekdays and times."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, fields: Mapping[str, str], weekdays: list[str]) -> RotationRequest:
        errors: dict[str, str] = {}
        days = sorted({int(day) for day in weekdays if day in {"0", "1", "2", "3", "4"}})
        body: dict[str, Any] = {"areas": _lines(fields.get("areas", "")), "weekdays": days}
        body["first_month"] = _month(fields.get("first_month", ""), errors)
        for key, low, high in (("months", 1, 36), ("sessions_per_month", 1, 20), ("every_months", 1, 12)):
            body[key] = _whole(fields.get(key, ""), low, high, key, errors)
        body["unavailable"] = _days(_lines(fields.get("unavailable", "")), errors)
        body["starts"], body["ends"] = (_time(fields.get(key, ""), key, errors) for key in ("starts", "ends"))
        if not body["weekdays"]:
            errors["weekdays"] = N_("Select at least one weekday")
        return cls(body, errors)


ROTATION_PROBLEMS = {
    "first_month": N_("Enter the first month, like 2027-04"),
    "months": N_("Enter how many months to plan, from 1 to 36"),
    "sessions_per_month": N_("Enter how many sessions a month, from 1 to 20"),
    "every_months": N_("Enter how often each area needs a surgery, from 1 to 12 months"),
    "unavailable": N_("Enter each day the host cannot do as a date, like 2027-04-12, one a line"),
    "starts": N_("Enter a start time, like 10:00"),
    "ends": N_("Enter an end time, like 12:00"),
    "host": N_("Enter who holds the surgeries"),
    "slot_minutes": N_("Enter the minutes of each appointment, from 5 to 240"),
    "sessions": N_("Keep at least one session"),
}


@dataclass(frozen=True)
class ProposedSessions:
    """The proposal as adjusted: each kept session's day, area, venue (or online) and times."""

    host: str
    slot_minutes: str
    sessions: list[dict[str, Any]]
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, fields: Mapping[str, str]) -> ProposedSessions:
        numbers = sorted({int(m.group(1)) for key in fields if (m := re.fullmatch(r"session-([0-9]+)-day", key))})
        sessions = [_session(fields, n) for n in numbers]
        errors: dict[str, str] = {}
        if not fields.get("host"):
            errors["host"] = ROTATION_PROBLEMS["host"]
        _whole(fields.get("slot_minutes", ""), 5, 240, "slot_minutes", errors)
        if not any(one["keep"] for one in sessions):
            errors["sessions"] = ROTATION_PROBLEMS["sessions"]
        return cls(fields.get("host", ""), fields.get("slot_minutes", ""), sessions, errors)

    def body(self) -> dict[str, Any]:
        kept = [{key: one[key] for key in ("day", "area", "venue_id", "starts", "ends")}
                for one in self.sessions if one["keep"]]
        return {"host": self.host, "slot_minutes": int(self.slot_minutes), "sessions": kept}


def proposal_rows(sessions: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The service's proposed sessions as the adjustable form's rows (all kept at first)."""
    return [{"day": one["day"], "area": one["area"], "venue_id": one.get("venue_id"), "starts": str(one["starts"])[:5],
             "ends": str(one["ends"])[:5], "keep": True} for one in sessions]


def _session(fields: Mapping[str, str], number: int) -> dict[str, Any]:
    read = {key: fields.get(f"session-{number}-{key}", "") for key in ("day", "area", "venue", "starts", "ends")}
    return {"day": read["day"], "area": read["area"], "venue_id": read["venue"] or None, "starts": read["starts"],
            "ends": read["ends"], "keep": fields.get(f"session-{number}-keep") == "yes"}


def _lines(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[\n,]", text) if part.strip()]


def _month(text: str, errors: dict[str, str]) -> str:
    month = text.strip()
    found = reading.day(f"{month}-01" if len(month) == 7 else month)
    if found is None:
        errors["first_month"] = ROTATION_PROBLEMS["first_month"]
        return text
    return found.isoformat()


def _whole(text: str, low: int, high: int, key: str, errors: dict[str, str]) -> int | str:
    number = reading.whole(text, low, high)
    if number is None:
        errors[key] = ROTATION_PROBLEMS[key]
        return text
    return number


def _days(texts: list[str], errors: dict[str, str]) -> list[str]:
    days = [reading.day(text) for text in texts]
    if None in days:
        errors["unavailable"] = ROTATION_PROBLEMS["unavailable"]
        return texts
    return [day.isoformat() for day in days if day]


def _time(text: str, key: str, errors: dict[str, str]) -> str:
    """A time of day as people type it (9:30, 09:30 or 14.00)."""
    found = reading.clock(text)
    if found is None:
        errors[key] = ROTATION_PROBLEMS[key]
        return text
    return found.strftime("%H:%M")


SESSION_PROBLEMS = {
    "host": ROTATION_PROBLEMS["host"],
    "venue_id": N_("Choose a venue, or online with its policing area"),
    "day": N_("Enter the day of the session as a real date, like 2027-03-31"),
    "starts": ROTATION_PROBLEMS["starts"],
    "ends": ROTATION_PROBLEMS["ends"],
    "slot_minutes": ROTATION_PROBLEMS["slot_minutes"],
}
SESSION_DEFAULTS = {"host": "Police and Crime Commissioner", "slot_minutes": "15", "starts": "10:00",
                    "ends": "12:00", "public": "yes"}


@dataclass(frozen=True)
class NewSession:
    """One surgery session: who holds it, at a venue or online (then in a policing area), its day and times."""

    typed: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, fields: Mapping[str, str]) -> NewSession:
        typed, errors = dict(fields), {}
        if not typed.get("host"):
            errors["host"] = SESSION_PROBLEMS["host"]
        if not typed.get("venue_id") and not typed.get("policing_area"):
            errors["venue_id"] = SESSION_PROBLEMS["venue_id"]
        day = reading.day(typed.get("day", ""))
        if day is None:
            errors["day"] = SESSION_PROBLEMS["day"]
        typed["day"] = day.isoformat() if day else typed.get("day", "")
        for key in ("starts", "ends"):
            typed[key] = _time(typed.get(key, ""), key, errors)
        _whole(typed.get("slot_minutes", ""), 5, 240, "slot_minutes", errors)
        return cls(typed, errors)

    def body(self) -> dict[str, Any]:
        typed, venue = self.typed, self.typed.get("venue_id") or None
        place = {"venue_id": venue} if venue else {"online": True, "policing_area": typed["policing_area"]}
        return {"host": typed["host"], **place, "day": typed["day"], "starts": typed["starts"],
                "ends": typed["ends"], "slot_minutes": int(typed["slot_minutes"]),
                "public": typed.get("public", "yes") != "no"}
