"""How the notification pages' forms are read: what the notifications service is sent, or each field's problem.

A form read is ``Read(body, values, problems)``: ``problems`` ({field id: message}) empty means ``body`` may be
sent; ``values`` are what the page shows again when it is not."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from peel.web.domain.contact_details import N_, email_problem, phone_problem, tidy

FREQUENCIES = ("immediately", "daily", "weekly")
DIGESTS = ("daily", "weekly")
STATES = ("received", "shared", "on_agenda")
TIME = re.compile(r"^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$")
NOTE_LIMIT = 1000
CAP_RANGE = range(101)
CAP_PROBLEM = N_("Enter a number of emails a week from 0 to 100")
DATE_PROBLEM = N_("The date of the meeting must be a real date, like 27 3 2027")
FIELD_IDS = {"agenda_date": "agenda_date-day"}  # a service's field name -> the id its error links to
ALREADY_FURTHER = N_("Your council has already told us it did more than this. Choose a later step")


@dataclass
class Read:
    body: dict[str, Any] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)


def _values(form: Mapping[str, Any]) -> dict[str, str]:
    return {str(key): tidy(value) for key, value in form.items() if key != "csrf_token"}


def read_digest(form: Mapping[str, Any]) -> Read:
    values = _values(form)
    if values.get("frequency") not in DIGESTS:
        return Read(values=values, problems={"frequency": N_("Select how often you want a digest")})
    return Read({"frequency": values["frequency"]}, values)


def channels_of(preferences: Mapping[str, Any]) -> list[str]:
    """The channels a contact could set quiet hours for: those of their subscriptions and quiet hours, in order."""
    found = [channel for item in preferences.get("subscriptions", []) for channel in item.get("channels", [])]
    found += [item["channel"] for item in preferences.get("quiet_hours", [])]
    return list(dict.fromkeys(found))


def preference_values(preferences: Mapping[str, Any]) -> dict[str, str]:
    """The preferences as the form's fields show them."""
    values = {f"frequency-{index}": item.get("frequency", "immediately") if item.get("channels") else "unsubscribe"
              for index, item in enumerate(preferences.get("subscriptions", []))}
    for quiet in preferences.get("quiet_hours", []):
        values |= {f"quiet-{quiet['channel']}-starts": str(quiet.get("starts") or "")[:5],
                   f"quiet-{quiet['channel']}-ends": str(quiet.get("ends") or "")[:5]}
    cap = preferences.get("weekly_cap")
    return values | {"weekly_cap": "" if cap is None else str(cap)}


def read_preferences(form: Mapping[str, Any], preferences: Mapping[str, Any]) -> Read:
    values, problems = _values(form), {}
    subscriptions = [_subscription(values, index, item, problems)
                     for index, item in enumerate(preferences.get("subscriptions", []))]
    quiet = [hours for channel in channels_of(preferences) if (hours := _quiet_hours(values, channel, problems))]
    cap = _weekly_cap(values.get("weekly_cap", ""), problems)
    return Read({"subscriptions": subscriptions, "quiet_hours": quiet, "weekly_cap": cap}, values, problems)


def _subscription(values: dict[str, str], index: int, item: Mapping[str, Any], problems: dict[str, str]) -> dict:
    chosen = values.get(f"frequency-{index}", "")
    if chosen not in (*FREQUENCIES, "unsubscribe"):
        problems[f"frequency-{index}"] = N_("Select how often you want these emails")
    kept = {"sender": item.get("sender"), "topic": item.get("topic")}
    if chosen == "unsubscribe":
        return kept | {"frequency": item.get("frequency", "immediately"), "channels": []}
    return kept | {"frequency": chosen if chosen in FREQUENCIES else item.get("frequency"),
                   "channels": list(item.get("channels") or ["email"])}


def _quiet_hours(values: dict[str, str], channel: str, problems: dict[str, str]) -> dict | None:
    starts, ends = (values.get(f"quiet-{channel}-{end}", "") for end in ("starts", "ends"))
    if not starts and not ends:
        return None
    times = {}
    for end, given, missing in (("starts", starts, N_("Enter the time quiet hours start")),
                                ("ends", ends, N_("Enter the time quiet hours end"))):
        found = TIME.fullmatch(given)
        if not found:
            problems[f"quiet-{channel}-{end}"] = N_("Enter a time like 21:00") if given else missing
        else:
            times[end] = f"{int(found[1]):02d}:{found[2]}"
    if len(times) == 2 and times["starts"] == times["ends"]:
        problems[f"quiet-{channel}-ends"] = N_("Quiet hours must end at a different time from when they start")
    return {"channel": channel, **times}


def _weekly_cap(given: str, problems: dict[str, str]) -> int | None:
    if not given:
        return None
    if not (given.isascii() and given.isdigit()) or int(given) not in CAP_RANGE:
        problems["weekly_cap"] = CAP_PROBLEM
        return None
    return int(given)


def read_acknowledgement(form: Mapping[str, Any]) -> Read:
    values, problems = _values(form), {}
    state = values.get("state", "")
    if state not in STATES:
        problems["state"] = N_("Select what your council has done with the bulletin")
    agenda = _agenda_date(values, problems) if state == "on_agenda" else None
    if len(values.get("note", "")) > NOTE_LIMIT:
        problems["note"] = N_("The note must be 1000 characters or fewer")
    body = {"state": state, "agenda_date": agenda, "note": values.get("note") or None}
    return Read(body, values, problems)


def _agenda_date(values: dict[str, str], problems: dict[str, str]) -> str | None:
    parts = [values.get(f"agenda_date-{part}", "") for part in ("day", "month", "year")]
    if not any(parts):
        problems["agenda_date-day"] = N_("Enter the date of the meeting")
        return None
    try:
        day, month, year = (int(part) for part in parts)
        return date(year, month, day).isoformat() if 2000 <= year <= 2100 else _not_real(problems)
    except ValueError:
        return _not_real(problems)


def _not_real(problems: dict[str, str]) -> None:
    problems["agenda_date-day"] = DATE_PROBLEM


def acknowledgement_values(acknowledgement: Mapping[str, Any]) -> dict[str, str]:
    """What the council said before, as the form shows it."""
    values = {"state": acknowledgement.get("state") or ""}
    agenda = acknowledgement.get("agenda_date")
    if agenda:
        day = date.fromisoformat(str(agenda)[:10])
        values |= {"agenda_date-day": str(day.day), "agenda_date-month": str(day.month),
                   "agenda_date-year": str(day.year)}
    return values


def details_values(details: Mapping[str, Any]) -> dict[str, str]:
    contact = details.get("contact") or {}
    return {"email": contact.get("email") or "", "mobile": contact.get("mobile") or ""}


def read_council_details(form: Mapping[str, Any]) -> Read:
    values, problems = _values(form), {}
    correct = values.get("correct", "")
    if correct not in ("yes", "no"):
        return Read(values=values, problems={"correct": N_("Select yes if these details are correct")})
    if correct == "yes":
        return Read({"confirmed": True}, values)
    email, mobile = values.get("email", ""), values.get("mobile", "")
    found = {"email": email_problem(email) if email else N_("Enter an email address"), "mobile": phone_problem(mobile)}
    problems = {name: problem for name, problem in found.items() if problem}
    return Read({"email": email, **({"mobile": mobile} if mobile else {})}, values, problems)
