"""What an email's links open through the notifications service's public API: unsubscribing (or fewer emails),
a contact's preferences, a council's acknowledgement of a bulletin and a clerk's details.

The link's signed token is the only key; the service answers 404 for a forged or unknown one. What it opens names
its office (``tenant``): opened under another office's address, it is no page at all."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from peel.web.service_layer.ports import Json, NotFoundThere, WebPorts

TOKEN = re.compile(r"^[A-Za-z0-9._~:=-]{16,2048}$")
ONE_CLICK = "List-Unsubscribe=One-Click"
UNSUBSCRIBE, PREFERENCES = "unsubscribe", "preferences"
ACKNOWLEDGEMENTS, COUNCIL_DETAILS = "acknowledgements", "council-details"


def _path(kind: str, token: str, *more: str) -> str:
    if not TOKEN.fullmatch(token):
        raise NotFoundThere(f"a {kind} link's token is malformed")
    return "/".join([f"/v1/public/{kind}", quote(token, safe=""), *more])


async def opened(ports: WebPorts, kind: str, tenant: str, token: str, resident: str) -> Json:
    """What the link opens, when it is this office's."""
    found = await ports.notifications.get(_path(kind, token), resident=resident)
    if not isinstance(found, dict) or found.get("tenant") != tenant:
        raise NotFoundThere(f"the {kind} link is not {tenant}'s")
    return found


async def unsubscribe(ports: WebPorts, token: str, resident: str, *, one_click: bool = False) -> Json:
    """Stop the emails the link's message was one of, at once (sent again, it changes nothing); a mail client's
    one-click post is passed on as such, for the record of how the contact unsubscribed."""
    return await ports.notifications.post(_path(UNSUBSCRIBE, token), resident=resident,
                                          json=ONE_CLICK if one_click else None)


async def fewer_emails(ports: WebPorts, token: str, frequency: str, resident: str) -> Json:
    """Stay subscribed, with a daily or weekly digest instead of each email."""
    return await ports.notifications.post(_path(UNSUBSCRIBE, token, "fewer"), resident=resident,
                                          json={"frequency": frequency})


async def save_preferences(ports: WebPorts, token: str, preferences: dict[str, Any], resident: str) -> Json:
    return await ports.notifications.put(_path(PREFERENCES, token), resident=resident, json=preferences)


async def acknowledge(ports: WebPorts, token: str, acknowledgement: dict[str, Any], resident: str) -> Json:
    return await ports.notifications.post(_path(ACKNOWLEDGEMENTS, token), resident=resident, json=acknowledgement)


async def council_details(ports: WebPorts, token: str, answer: dict[str, Any], resident: str) -> Json:
    """``{"confirmed": true}``, or the clerk's corrections (email, mobile)."""
    return await ports.notifications.post(_path(COUNCIL_DETAILS, token), resident=resident, json=answer)
