"""The surgeries' use cases for staff: the scheduling service's sessions, bookings and rotation planner.

Each call carries the user's token: the service shows confidential notes only to roles that may write them, and
refuses a reader's changes."""

from __future__ import annotations

from typing import Any

from peel.web.domain.staff.reading import is_id
from peel.web.service_layer.ports import Json, NotFoundThere
from peel.web.service_layer.staff.ports import UserApis

SESSIONS = "/v1/scheduling/sessions"
BOOKINGS = "/v1/scheduling/bookings"
ROTATION = "/v1/scheduling/rotation-plans"


def _checked(*ids: str) -> None:
    if not all(is_id(one) for one in ids):
        raise NotFoundThere("/".join(ids))


async def diary(apis: UserApis) -> list[Json]:
    found: Any = await apis.scheduling.get(SESSIONS)
    return list(found)


async def session(apis: UserApis, session_id: str) -> Json:
    """A session with its bookings and waitlist (notes only when the user's role may write them)."""
    _checked(session_id)
    return await apis.scheduling.get(f"{SESSIONS}/{session_id}")


async def cancel_session(apis: UserApis, session_id: str, reason: str) -> Json:
    _checked(session_id)
    return await apis.scheduling.post(f"{SESSIONS}/{session_id}/cancel", {"reason": reason})


async def booking_of_session(apis: UserApis, session_id: str, booking_id: str) -> Json:
    """The booking, when it is in the session the page names (another session's or office's: 404)."""
    _checked(session_id, booking_id)
    booking = await apis.scheduling.get(f"{BOOKINGS}/{booking_id}")
    if str(booking.get("session_id")) != session_id:
        raise NotFoundThere(booking_id)
    return booking


async def record_attendance(apis: UserApis, session_id: str, booking_id: str, outcome: str) -> Json:
    await booking_of_session(apis, session_id, booking_id)
    return await apis.scheduling.post(f"{BOOKINGS}/{booking_id}/attendance", {"outcome": outcome})


async def write_notes(apis: UserApis, session_id: str, booking_id: str, notes: str) -> Json:
    await booking_of_session(apis, session_id, booking_id)
    return await apis.scheduling.put(f"{BOOKINGS}/{booking_id}/notes", {"notes": notes})


async def propose_rotation(apis: UserApis, request: Json) -> Json:
    return await apis.scheduling.post(ROTATION, request)


async def accept_rotation(apis: UserApis, plan: Json) -> list[str]:
    found: Any = await apis.scheduling.post(f"{ROTATION}/accept", plan)
    return list(found)


async def schedule_session(apis: UserApis, session: Json) -> Json:
    return await apis.scheduling.post(SESSIONS, session)
