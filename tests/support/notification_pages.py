"""What the notifications service's public API answers for the pages an email's links open, faked for page tests,
and the ``ports`` those tests give the web app (a fake notifications API that also takes ``PUT``)."""

from __future__ import annotations

from typing import Any

from peel.web.service_layer.ports import Json, NotFoundThere, WebPorts
from tests.support.web_pages import FakeApi, fake_ports

TENANT = "gwent"
TOKEN, FORGED = "eyJ0ZW5hbnQiOiJnd2VudCJ9.c2lnbmF0dXJlLW9mLXRoZS1saW5r", "eyJ0ZW5hbnQiOiJnd2VudCJ9.Zm9yZ2Vk"
BULLETIN_ID, ORGANISATION_ID = "b0000000-0000-4000-8000-0000000000b1", "0a000000-0000-4000-8000-0000000000c1"
KINDS = {"unsubscribe": "unsubscribe", "preferences": "preferences", "acknowledge": "acknowledgements",
         "council-details": "council-details"}  # the page's word -> the API's


class FakeNotificationsApi(FakeApi):
    async def put(self, path: str, *, resident: str, json: Any = None) -> Json:
        return self._answer("PUT", path, json, {"resident": resident})

    def sent(self, method: str, path: str) -> list[Any]:
        return [body for called_method, called, body, _ in self.calls if (called_method, called) == (method, path)]


def notification_ports() -> WebPorts:
    ports = fake_ports()
    ports.notifications = FakeNotificationsApi()
    return ports


def api_path(page: str, token: str = TOKEN, *more: str) -> str:
    return "/".join([f"/v1/public/{KINDS[page]}", token, *more])


def subscription(**changes: Any) -> Json:
    return {"tenant": TENANT, "sender": "office", "topic": "consultations", "channel": "email", "language": "en",
            "unsubscribed": False, "frequency": "immediately"} | changes


def preferences(**changes: Any) -> Json:
    return {"tenant": TENANT, "language": "en", "weekly_cap": None,
            "subscriptions": [{"sender": "office", "topic": "consultations", "frequency": "immediately",
                               "channels": ["email"]},
                              {"sender": "force", "topic": "neighbourhood-alerts", "frequency": "weekly",
                               "channels": ["email", "sms"]}],
            "quiet_hours": [{"channel": "sms", "starts": "21:00", "ends": "07:30"}]} | changes


def acknowledgement(**changes: Any) -> Json:
    return {"tenant": TENANT, "bulletin": {"id": BULLETIN_ID, "title": {"en": "Rural crime plan", "cy": "Cynllun "
                                                                          "troseddau gwledig"},
                                           "sent_at": "2027-03-01T09:00:00+00:00"},
            "organisation": {"id": ORGANISATION_ID, "name": "Llanfoist Community Council"}, "state": None,
            "agenda_date": None} | changes


def council_details(**changes: Any) -> Json:
    return {"tenant": TENANT, "organisation": {"id": ORGANISATION_ID, "name": "Llanfoist Community Council",
                                               "kind": "community_council", "area": "Monmouthshire"},
            "role": "clerk", "contact": {"name": "Rhian Price", "email": "clerk@llanfoist.example",
                                         "mobile": "07700 900 123"},
            "last_confirmed_at": "2026-02-01T10:00:00+00:00"} | changes


def opens(ports: WebPorts, page: str, answer: Json) -> None:
    """The link's page ``page`` opens ``answer`` with TOKEN, and nothing with any other token."""
    ports.notifications.on("GET", api_path(page), answer)
    ports.notifications.on("GET", api_path(page, FORGED), NotFoundThere("forged"))
