"""iCalendar (RFC 5545) files: a calendar of events, written by the ``icalendar`` package, which escapes the
values, ends lines with CRLF and folds them at 75 octets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar, Event, vText

PRODUCT = "-//Peel//Scheduling//EN"


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One event in a calendar file: a surgery session, or one resident's booking at it."""

    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    location: str | None = None
    description: str | None = None
    cancelled: bool = False


def _event(event: CalendarEvent, now: datetime) -> Event:
    """Times in UTC, as ``20260310T100000Z``."""
    return Event.new(
        uid=event.uid, stamp=now.astimezone(UTC), start=event.starts_at.astimezone(UTC),
        end=event.ends_at.astimezone(UTC), summary=event.summary,
        status="CANCELLED" if event.cancelled else "CONFIRMED",
        location=event.location or None, description=event.description or None,
    )


def render(name: str, events: Iterable[CalendarEvent], now: datetime) -> str:
    """A published calendar called ``name``: the text of an ``.ics`` file or feed."""
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODUCT)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(name))     # an extension property, which the package would not escape
    for event in events:
        calendar.add_component(_event(event, now))
    return calendar.to_ical().decode()
