"""The signed link a booker keeps to cancel, reschedule or fetch their booking.

The token is an HMAC of the tenant and the booking's id under the service's link secret: nothing
is stored, and a token for one booking (or one tenant) does not open another. Emails link to pages
(in English under ``/en``, in Welsh under ``/cy``), which send the token back to the API's actions.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

LANGUAGES = ("en", "cy")
BOOKING_PAGES = {"booking": "/{lang}/bookings/{booking_id}", "cancel": "/{lang}/bookings/{booking_id}/cancel",
                 "reschedule": "/{lang}/bookings/{booking_id}/move",
                 "calendar": "/{lang}/bookings/{booking_id}/calendar.ics",
                 "erase": "/{lang}/bookings/{booking_id}/erase"}
WAITLIST_PAGES = {"waitlist": "/{lang}/waitlist/{entry_id}", "leave": "/{lang}/waitlist/{entry_id}/leave"}


def booking_token(secret: bytes, tenant: str, booking_id: uuid.UUID) -> str:
    mac = hmac.new(secret, f"peel.scheduling.booking/{tenant}/{booking_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def token_matches(secret: bytes, tenant: str, booking_id: uuid.UUID, token: str) -> bool:
    return hmac.compare_digest(booking_token(secret, tenant, booking_id).encode(), token.encode())


@dataclass(frozen=True, slots=True)
class LinkKey:
    """The secret that signs booking links."""

    secret: bytes

    def token(self, tenant: str, booking_id: uuid.UUID) -> str:
        return booking_token(self.secret, tenant, booking_id)

    def opens(self, tenant: str, booking_id: uuid.UUID, token: str) -> bool:
        return token_matches(self.secret, tenant, booking_id, token)


def booking_paths(booking_id: uuid.UUID, token: str) -> dict[str, str]:
    """The booking's signed links, as the service's own paths: to see, cancel and move it, and its calendar file."""
    base = f"/v1/bookings/{booking_id}"
    return {"booking": f"{base}?token={token}", "cancel": f"{base}/cancel?token={token}",
            "reschedule": f"{base}/reschedule?token={token}", "calendar": f"{base}/calendar.ics?token={token}"}


def waitlist_paths(place_id: uuid.UUID, token: str) -> dict[str, str]:
    """A waitlist place's signed links: to see it and to leave the list."""
    base = f"/v1/waitlist/{place_id}"
    return {"place": f"{base}?token={token}", "leave": f"{base}/leave?token={token}"}


def page_links(pages: Mapping[str, str], lang: str, token: str, **ids: object) -> dict[str, str]:
    """Each page's path in ``lang``, for the thing ``ids`` name, with the token the page sends back."""
    return {name: f"{page.format(lang=lang, **ids)}?token={token}" for name, page in pages.items()}
