"""Surgeries through the scheduling service: an office's sessions, booking one, and what a booking's link opens.

A session, booking or waitlist place names its office (``tenant``); a page of another office's is no page at all."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from peel.web.domain.surgeries import booking_body
from peel.web.service_layer.ports import Json, NotFoundThere, WebPorts


@dataclass(frozen=True)
class LinkedBooking:
    """A booking as its link shows it, with its session (for the place and the other free times)."""

    booking: Json
    session: Json

    @property
    def tenant(self) -> str:
        return self.booking["tenant"]


async def office_sessions(ports: WebPorts, tenant: str, resident: str) -> list[Json]:
    """The office's surgeries still to come that take bookings (cancelled ones are left out), soonest first."""
    listed = await ports.scheduling.get(f"/v1/public/{tenant}/surgeries", resident=resident)
    return sorted((item for item in listed if item.get("status") == "scheduled"), key=lambda item: item["starts_at"])


async def office_session(ports: WebPorts, tenant: str, session_id: str, resident: str) -> Json:
    """One of the office's sessions with its slots; another office's is not found."""
    session = await ports.scheduling.get(f"/v1/public/surgeries/{an_id(session_id)}", resident=resident)
    if session.get("tenant") != tenant:
        raise NotFoundThere(f"surgery session {session_id} is not {tenant}'s")
    return session


def an_id(value: str) -> str:
    """``value`` if it is an id the services could know; else no page is there."""
    try:
        return str(uuid.UUID(value))
    except ValueError as error:
        raise NotFoundThere(value) from error


def free_slots(session: Json) -> dict[str, Json]:
    """{slot id: slot} of the session's free slots, in order."""
    return {slot["id"]: slot for slot in session.get("slots", []) if slot.get("free")}


def is_full(session: Json) -> bool:
    return not free_slots(session)


async def book(ports: WebPorts, session: Json, answers: Mapping[str, Any], resident: str) -> Json:
    """Book the chosen slot, or join a full session's waiting list: what the confirmation page shows."""
    full = is_full(session)
    kind = "waitlist" if full else "bookings"
    made = await ports.scheduling.post(f"/v1/surgeries/{session['id']}/{kind}", resident=resident,
                                       json=booking_body(answers, full))
    done = {"kind": "waitlist" if full else "booking", "id": made["id"], "token": made["token"],
            "routes": [item["route"] for item in made.get("guidance", [])]}
    return done | ({"slot": made["slot"]} if not full else {})


async def waitlist_place(ports: WebPorts, place_id: str, token: str, resident: str) -> Json:
    return await ports.scheduling.get(f"/v1/waitlist/{place_id}", resident=resident, params={"token": token})


async def linked_booking(ports: WebPorts, booking_id: str, token: str, resident: str) -> LinkedBooking:
    booking = await ports.scheduling.get(f"/v1/bookings/{booking_id}", resident=resident, params={"token": token})
    session = await ports.scheduling.get(f"/v1/public/surgeries/{booking['session_id']}", resident=resident)
    return LinkedBooking(booking, session)


async def change_booking(ports: WebPorts, booking_id: str, action: str, token: str, resident: str,
                         **more: str) -> Json:
    """``cancel``, ``reschedule`` (with ``slot_id``) or ``erase`` the booking its link opens."""
    return await ports.scheduling.post(f"/v1/bookings/{booking_id}/{action}", resident=resident,
                                       json={"token": token, **more})


async def leave_waitlist(ports: WebPorts, place_id: str, token: str, resident: str) -> Json:
    return await ports.scheduling.post(f"/v1/waitlist/{place_id}/leave", resident=resident, json={"token": token})


async def booking_calendar(ports: WebPorts, booking_id: str, token: str, resident: str) -> bytes:
    return await ports.scheduling.get_bytes(f"/v1/bookings/{booking_id}/calendar.ics", resident=resident,
                                            params={"token": token})
