"""The staff pages' rules for an assembly at work: the forms for meetings, speakers, access needs, expenses,
recommendations and the office's responses, read into the scheduling service's bodies.

Each reader answers the body and the fields to fix (field id -> message marked for translation); the service checks
everything again."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from peel.web.domain.staff import reading
from peel.web.domain.staff.messages import N_

FORMATS = ("in_person", "online")
ACCESS_NEEDS = ("interpreter", "hearing_loop", "step_free", "childcare", "travel", "other")
EXPENSES = ("travel", "childcare", "care", "other")
DECISIONS = ("accepted", "accepted_in_part", "not_accepted")
DAY_MESSAGE = N_("Enter a date as year-month-day, such as 2027-03-01")

Fields = Mapping[str, str]
Errors = dict[str, str]


@dataclass(frozen=True)
class Read:
    body: dict[str, Any]
    errors: Errors


def _text(fields: Fields, name: str, message: str, errors: Errors) -> str:
    if not fields.get(name):
        errors[name] = message
    return fields.get(name, "")


def read_meeting(fields: Fields, venues: Sequence[str]) -> Read:
    """A meeting on one day, from a start to an end time (UK time); one in person is at one of the office's venues,
    one online at none."""
    errors: Errors = {}
    title = _text(fields, "title", N_("Enter the meeting's title"), errors)
    if fields.get("format") not in FORMATS:
        errors["format"] = N_("Select whether the meeting is in person or online")
    venue = fields.get("venue_id", "") if fields.get("format") == "in_person" else ""
    if fields.get("format") == "in_person" and venue not in venues:
        errors["venue_id"] = N_("Select the venue of a meeting in person")
    day = reading.day(fields.get("day", ""))
    starts, ends = reading.clock(fields.get("starts", "")), reading.clock(fields.get("ends", ""))
    if day is None:
        errors["day"] = DAY_MESSAGE
    if starts is None:
        errors["starts"] = N_("Enter the start time as hours and minutes, such as 18:30")
    if ends is None or (starts is not None and ends <= starts):
        errors["ends"] = N_("Enter an end time after the start, such as 20:30")
    if errors:
        return Read({}, errors)
    body = {"title": title, "format": fields["format"], "starts_at": _at(day, starts), "ends_at": _at(day, ends)}
    return Read(body | ({"venue_id": venue} if venue else {}), errors)


def _at(day: date | None, clock: time | None) -> str:
    assert day is not None and clock is not None
    return datetime.combine(day, clock, reading.LONDON).isoformat()


def read_speaker(fields: Fields, meetings: Sequence[str]) -> Read:
    errors: Errors = {}
    body: dict[str, Any] = {
        "name": _text(fields, "name", N_("Enter the speaker's name"), errors),
        "organisation": _text(fields, "organisation", N_("Enter the speaker's organisation"), errors),
        "topic": _text(fields, "topic", N_("Enter what the speaker talks about"), errors),
        "declaration": _text(fields, "declaration", N_("Enter the interests declared, or None declared"), errors),
    }
    meeting = fields.get("meeting_id", "")
    if meeting and meeting not in meetings:
        errors["meeting_id"] = N_("Select one of the assembly's meetings, or none")
    body["meeting_id"] = meeting or None
    return Read(body, errors)


def read_access_needs(needs: Sequence[str], details: str) -> Read:
    if any(need not in ACCESS_NEEDS for need in needs):
        return Read({}, {"needs": N_("Select only the access needs listed")})
    if len(details) > 2000:
        return Read({}, {"details": N_("Describe the needs in 2,000 characters or fewer")})
    return Read({"needs": list(dict.fromkeys(needs)), "details": details}, {})


def read_expense(fields: Fields, members: Sequence[str], meetings: Sequence[str]) -> Read:
    errors: Errors = {}
    if fields.get("member_id") not in members:
        errors["member_id"] = N_("Select the member")
    if fields.get("meeting_id") not in meetings:
        errors["meeting_id"] = N_("Select the meeting")
    if fields.get("category") not in EXPENSES:
        errors["category"] = N_("Select what the expense was for")
    pence = reading.pence(fields.get("amount", ""), 100_000) or 0
    if not pence:
        errors["amount"] = N_("Enter the amount in pounds, from 0.01 to 1,000, such as 12.50")
    body = {"meeting_id": fields.get("meeting_id"), "category": fields.get("category"), "amount_pence": pence}
    return Read(body, errors)


def read_recommendation(fields: Fields) -> Read:
    errors: Errors = {}
    text = _text(fields, "text_en", N_("Enter the recommendation in English"), errors)
    support = reading.whole(fields.get("support", "").strip().removesuffix("%"), 0, 100)
    if support is None:
        errors["support"] = N_("Enter the share of members supporting it as a percentage, from 0 to 100")
    share = (support or 0) / 100
    return Read({"text_en": text, "text_cy": fields.get("text_cy") or None, "support_share": share}, errors)


def read_response(fields: Fields) -> Read:
    errors: Errors = {}
    decision = fields.get("decision", "")
    if decision not in DECISIONS:
        errors["decision"] = N_("Select the office's decision")
    reasons = _text(fields, "reasons", N_("Enter the reasons for the decision"), errors)
    due = reading.day(fields.get("due", "")) if fields.get("due") else None
    if fields.get("due") and due is None:
        errors["due"] = DAY_MESSAGE
    if decision in DECISIONS[:2] and not fields.get("due"):
        errors["due"] = N_("Enter when it will be done, as year-month-day")
    return Read({"decision": decision, "reasons": reasons, "due": due.isoformat() if due else None}, errors)


def read_progress(fields: Fields) -> Read:
    errors: Errors = {}
    note = _text(fields, "note", N_("Enter what has been done"), errors)
    return Read({"note": note, "done": fields.get("done") == "yes"}, errors)


def attended_ids(chosen: Sequence[str], members: Sequence[str]) -> list[str] | None:
    """The members ticked as attending, when every one is on the panel."""
    return list(dict.fromkeys(chosen)) if all(one in members for one in chosen) else None


def pay_rows(payments: Sequence[Mapping[str, Any]], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Each member's pay with their name (members whose details were erased keep their pay, without a name)."""
    return [{**owed, "name": names.get(str(owed["member_id"]))} for owed in payments]
