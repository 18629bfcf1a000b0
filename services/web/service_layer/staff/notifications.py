"""The bulletin use cases: which notifications calls make each page, as the signed-in officer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peel.web.domain.staff.notifications import BulletinForm, Checked, check_bulletin, started
from peel.web.service_layer.ports import InvalidAnswers
from peel.web.service_layer.staff.ports import UserApis

BULLETINS = "/v1/bulletins"


def bulletin_path(bulletin_id: str, *parts: str) -> str:
    return "/".join((BULLETINS, bulletin_id, *parts))


async def bulletins(apis: UserApis) -> list[dict[str, Any]]:
    return await apis.notifications.get(BULLETINS)


async def waiting_items(apis: UserApis) -> list[dict[str, Any]]:
    """What the next bulletin would announce: consultations opened, outcomes published and so on."""
    return await apis.notifications.get(f"{BULLETINS}/next/items")


@dataclass(frozen=True)
class BulletinView:
    bulletin: dict[str, Any]
    reach: dict[str, Any] | None
    stats: dict[str, Any] | None


async def bulletin(apis: UserApis, bulletin_id: str) -> BulletinView:
    """The bulletin and, before it starts, who it would reach; once started, its live counts."""
    found = await apis.notifications.get(bulletin_path(bulletin_id))
    if started(found):
        return BulletinView(found, None, await apis.notifications.get(bulletin_path(bulletin_id, "stats")))
    if found["status"] == "cancelled":
        return BulletinView(found, None, None)
    return BulletinView(found, await apis.notifications.get(bulletin_path(bulletin_id, "reach")), None)


async def preview(apis: UserApis, bulletin_id: str, language: str) -> str:
    shown = await apis.notifications.get_bytes(bulletin_path(bulletin_id, "preview"), {"language": language})
    return shown.decode("utf-8", errors="replace")


async def write_bulletin(apis: UserApis, form: BulletinForm) -> tuple[Checked, str | None]:
    """The new draft's id, or what is wrong with the form (the waiting items count when none is written)."""
    pending = len(await waiting_items(apis)) if form.from_pending and not form.has_item else 1
    checked = check_bulletin(form, pending)
    if checked.errors:
        return checked, None
    written = await apis.notifications.post(BULLETINS, checked.body)
    return checked, str(written["id"])


async def act(apis: UserApis, bulletin_id: str, action: str, body: Any = None) -> dict[str, Any]:
    """Approve, send, schedule, pause, resume or cancel; the service says 409 when its state does not allow it."""
    return await apis.notifications.post(bulletin_path(bulletin_id, action), body)


async def test_send(apis: UserApis, bulletin_id: str, addresses: list[str]) -> int:
    if not addresses or len(addresses) > 10:
        raise InvalidAnswers({"email_addresses": "give one to ten email addresses"})
    sent = await act(apis, bulletin_id, "test-send", {"email_addresses": addresses})
    return len(sent.get("message_ids", []))
