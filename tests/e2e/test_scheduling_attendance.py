"""Staff record attendance and keep confidential notes that viewers never see; calendars for bookers and
subscribers. Recording before the slot starts, and a calendar link that does not open, are in
tests/unit/test_scheduling_booking_use_cases.py and tests/unit/test_scheduling_session_use_cases.py."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from peel.scheduling.http.dependencies import scheduling_clock
from tests.support.kafka import read_all
from tests.support.platform import Scheduling
from tests.support.scheduling_surgeries import add_venue, book, schedule, someone
from tests.support.servers import eventually
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
NOTES = "Discussed repeated speeding; referred to the roads policing unit."


def after_the_session(scheduling: Scheduling, session: dict) -> None:
    later = datetime.fromisoformat(session["ends_at"]) + timedelta(minutes=5)

    async def clock():
        return lambda: later

    scheduling.app.dependency_overrides[scheduling_clock] = clock


async def test_attendance_is_recorded_and_notes_stay_with_staff_who_write_them(scheduling: Scheduling, token, infra,
                                                                                 topic_prefix):
    client, officer = scheduling.client, bearer(token("cheshire", "engagement_officer"))
    viewer, analyst = bearer(token("cheshire", "viewer")), bearer(token("cheshire", "analyst"))
    session = await schedule(client, officer)
    came = (await book(client, session["id"], 0)).json()
    missed = (await book(client, session["id"], 1, **someone(1))).json()

    after_the_session(scheduling, session)
    for booking, outcome in ((came, "attended"), (missed, "no_show")):
        recorded = await client.post(f"/v1/scheduling/bookings/{booking['id']}/attendance",
                                     json={"outcome": outcome}, headers=officer)
        assert recorded.status_code == 200 and recorded.json()["status"] == outcome, recorded.text
    assert (await client.post(f"/v1/scheduling/bookings/{came['id']}/attendance", json={"outcome": "maybe"},
                              headers=officer)).json()["detail"][0]["loc"] == ["body", "outcome"]
    assert (await client.put(f"/v1/scheduling/bookings/{came['id']}/notes", json={"notes": NOTES},
                             headers=viewer)).status_code == 403
    written = await client.put(f"/v1/scheduling/bookings/{came['id']}/notes", json={"notes": NOTES}, headers=officer)
    assert written.status_code == 200 and written.json()["notes"] == NOTES

    assert (await client.get(f"/v1/scheduling/bookings/{came['id']}", headers=officer)).json()["notes"] == NOTES
    for reader in (viewer, analyst):
        one = await client.get(f"/v1/scheduling/bookings/{came['id']}", headers=reader)
        detail = await client.get(f"/v1/scheduling/sessions/{session['id']}", headers=reader)
        assert one.status_code == detail.status_code == 200
        assert "notes" not in one.json() and NOTES not in one.text and "roads policing" not in detail.text
        assert all("notes" not in booking for booking in detail.json()["bookings"])
    staff_detail = (await client.get(f"/v1/scheduling/sessions/{session['id']}", headers=officer)).json()
    assert [booking.get("notes") for booking in staff_detail["bookings"]] == [NOTES, None]

    async def outcomes() -> list[str] | None:
        records = await read_all(infra.kafka_bootstrap, f"{topic_prefix}scheduling.events")
        types = [json.loads(record.value)["type"] for record in records]
        wanted = {"peel.scheduling.booking.attended.v1", "peel.scheduling.booking.no_show.v1"}
        return types if wanted <= set(types) else None

    assert "roads policing" not in str(await eventually(outcomes))


async def test_a_booking_has_a_calendar_file_and_the_public_sessions_a_feed(scheduling: Scheduling, token):
    client, admin = scheduling.client, bearer(token("cheshire", "admin"))
    venue = await add_venue(client, admin, name="Wyvern House, Room 1; ground floor")
    session = await schedule(client, admin, online=False, policing_area=None, venue_id=venue["id"])
    online = await schedule(client, admin, host="Deputy Police and Crime Commissioner")
    await schedule(client, admin, public=False)
    booked = (await book(client, session["id"], 2)).json()

    ics = await client.get(booked["links"]["calendar"])
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    text = ics.text
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 1 and f"UID:surgery-booking-{booked['id']}@peel" in text
    assert "LOCATION:Wyvern House\\, Room 1\\; ground floor\\, Prince Albert" in text.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "Bloggs" not in text and "Nantwich" not in text
    slot_start = datetime.fromisoformat(booked["slot"]["starts_at"])
    assert f"DTSTART:{slot_start.astimezone(UTC).strftime('%Y%m%d')}" in text

    feed = await client.get("/v1/public/cheshire/surgeries.ics")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert feed.text.count("BEGIN:VEVENT") == 2
    assert f"UID:surgery-session-{online['id']}@peel" in feed.text
    assert "SUMMARY:Surgery with Deputy Police and Crime Commissioner" in feed.text
    await client.post(f"/v1/scheduling/sessions/{online['id']}/cancel", json={"reason": "Ill"}, headers=admin)
    assert "STATUS:CANCELLED" in (await client.get("/v1/public/cheshire/surgeries.ics")).text
    assert (await client.get("/v1/public/gwent/surgeries.ics")).text.count("BEGIN:VEVENT") == 0
