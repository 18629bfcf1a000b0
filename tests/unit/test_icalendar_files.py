"""Calendar files as written: escaped and folded so that calendar programs read back exactly what was meant."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar

from peel.common.working_days import LONDON
from peel.scheduling.surgeries.domain.icalendar import CalendarEvent, render

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
AWKWARD = "Room 1, Wyvern House; Winsford\\Cheshire\nCW7"


def event(**changes: object) -> CalendarEvent:
    values: dict = {"uid": "surgery-session-1@peel", "starts_at": datetime(2026, 6, 10, 10, tzinfo=LONDON),
                    "ends_at": datetime(2026, 6, 10, 12, tzinfo=LONDON), "summary": "Surgery with the PCC"}
    return CalendarEvent(**(values | changes))


def parsed(text: str) -> icalendar.Event:
    [only] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    return only


def test_text_is_escaped():
    text = render("Surgeries", [event(location=AWKWARD)], NOW)
    assert "LOCATION:Room 1\\, Wyvern House\\; Winsford\\\\Cheshire\\nCW7\r\n" in text
    assert str(parsed(text)["LOCATION"]) == AWKWARD


def test_carriage_returns_become_line_breaks():
    text = render("Surgeries", [event(description="one\r\ntwo\rthree")], NOW)
    assert "DESCRIPTION:one\\ntwo\\nthree\r\n" in text


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    description = "Ŵ" * 100
    text = render("Surgeries", [event(description=description)], NOW)
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert any(line.startswith(" Ŵ") for line in lines)
    assert f"DESCRIPTION:{description}" in text.replace("\r\n ", "")
    assert str(parsed(text)["DESCRIPTION"]) == description


def test_what_is_written_reads_back_as_it_was_meant():
    happening = event(summary="Surgery, with; the PCC", location=AWKWARD, description="Bring ID.\nStep-free.",
                      cancelled=True)
    read = parsed(render("Surgeries", [happening], NOW))
    assert str(read["UID"]) == happening.uid and str(read["STATUS"]) == "CANCELLED"
    assert (str(read["SUMMARY"]), str(read["LOCATION"]), str(read["DESCRIPTION"])) == (
        happening.summary, happening.location, happening.description)
    assert (read.start, read.end, read.DTSTAMP) == (happening.starts_at, happening.ends_at, NOW)


def test_times_are_written_in_utc():
    text = render("Surgeries", [event()], NOW)
    assert "DTSTART:20260610T090000Z\r\n" in text and "DTEND:20260610T110000Z\r\n" in text
    assert "DTSTAMP:20260302T090000Z\r\n" in text


def test_the_calendar_says_who_made_it_and_what_it_is_called():
    text = render("Commissioner's surgeries, Crewe; Nantwich", [event()], NOW)
    assert "VERSION:2.0\r\n" in text and "PRODID:-//Peel//Scheduling//EN\r\n" in text
    assert "CALSCALE:GREGORIAN\r\n" in text and "METHOD:PUBLISH\r\n" in text
    assert "X-WR-CALNAME:Commissioner's surgeries\\, Crewe\\; Nantwich\r\n" in text


def test_an_event_without_a_place_or_description_leaves_them_out():
    text = render("Surgeries", [event(location="", description=None)], NOW)
    assert "LOCATION" not in text and "DESCRIPTION" not in text and "STATUS:CONFIRMED\r\n" in text


def test_a_calendar_with_no_events_is_still_a_calendar():
    text = render("Surgeries", [], NOW)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert icalendar.Calendar.from_ical(text).walk("VEVENT") == []
