"""One way to read what a member of staff typed or what a path carries: whole numbers, amounts, ids, days, clock
times and moments in the UK.

Every reader answers the value or ``None`` and never raises, so a form field that cannot be read is a message by
that field (a 422 page), never a 500. Only ASCII digits count: ``"²".isdigit()`` is true but no number a service
takes, and ``int()`` refuses it."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
LONGEST_NUMBER = 30
"""More digits than any count or amount the pages take (and well short of what ``int()`` refuses)."""
_ID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLOCK = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})")


def whole(text: str, low: int = 0, high: int | None = None) -> int | None:
    """A whole number from ``low`` to ``high`` (both included), typed with or without spaces around it."""
    found = text.strip()
    if len(found) > LONGEST_NUMBER or not re.fullmatch(r"[0-9]+", found):
        return None
    return _within(int(found), low, high)


def signed_whole(text: str, low: int, high: int) -> int | None:
    """A whole number that may be below zero (one minus sign at most), from ``low`` to ``high``."""
    found = text.strip()
    if len(found) > LONGEST_NUMBER or not re.fullmatch(r"-?[0-9]+", found):
        return None
    return _within(int(found), low, high)


def _within(number: int, low: int, high: int | None) -> int | None:
    return number if low <= number and (high is None or number <= high) else None


def decimal(text: str) -> Decimal | None:
    """An amount such as ``-12.50`` or ``£1,200``: the pound sign and thousands' commas are allowed."""
    found = text.strip().replace("£", "", 1).replace(",", "")
    if len(found) > LONGEST_NUMBER or not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", found):
        return None
    return Decimal(found)


def pence(text: str, most: int = 999_999) -> int | None:
    """Pounds (and at most two places of pence, such as 37.50) as pence, up to ``most`` pence."""
    found = text.strip().removeprefix("£")
    if not re.fullmatch(r"[0-9]{1,6}(\.[0-9]{1,2})?", found):
        return None
    amount = round(Decimal(found) * 100)
    return amount if amount <= most else None


def listed(text: str) -> list[str]:
    """Values separated by commas, spaces or lines (such as areas or email addresses), each once, in order."""
    return list(dict.fromkeys(part for part in re.split(r"[,\s]+", text) if part))


def id_of(text: str) -> str | None:
    """A service's id (UUID text, 8-4-4-4-12 hex digits) in its usual lower-case form."""
    return text.lower() if _ID.fullmatch(text) else None


def is_id(text: str) -> bool:
    """Whether ``text`` could name a record at all: anything else never reaches a service's path."""
    return id_of(text) is not None


def day(text: str) -> date | None:
    """A calendar day written year-month-day (such as 2027-03-01), spaces around it allowed."""
    found = text.strip()
    if not _DAY.fullmatch(found):
        return None
    try:
        return date.fromisoformat(found)
    except ValueError:
        return None


def clock(text: str) -> time | None:
    """A time of day as people type it: 9:30, 09:30 or 14.00."""
    found = _CLOCK.fullmatch(text.strip())
    if not found or int(found[1]) > 23 or int(found[2]) > 59:
        return None
    return time(int(found[1]), int(found[2]))


def uk_moment(on: str, at: str) -> datetime | None:
    """The moment a day and a time in England and Wales name, with that day's offset (GMT or BST)."""
    found_day, found_clock = day(on), clock(at)
    if found_day is None or found_clock is None:
        return None
    return datetime.combine(found_day, found_clock, LONDON)
