"""The demo office's notifications: residents subscribed to its e-bulletin (with their consent on record, a few
without, some preferring a weekly digest, a third Welsh-speaking), two parish councils with their clerks, an
e-bulletin and a stakeholder bulletin to the councils, each approved by a second officer and sent. The emails land
under ``.local/mail/`` with their unsubscribe, preferences and acknowledgement links."""

from __future__ import annotations

import random
import time

import httpx

from peel.cli.demo_data import AREAS

SENDER, TOPIC = "office", "bulletin"
COUNCILS = (("Audlem Parish Council", "cheshire_east"), ("Frodsham Town Council", "cheshire_west"))
RESIDENTS = 24


def seed_notifications(client: httpx.Client, author: dict, approver: dict, rng: random.Random) -> dict:
    """Contacts, councils and two sent bulletins; their ids and statistics."""
    residents = [_resident(client, author, number, rng) for number in range(RESIDENTS)]
    councils = [_council(client, author, name, area, number) for number, (name, area) in enumerate(COUNCILS)]
    bulletin = _send(client, author, approver, _bulletin_body())
    cascade = _send(client, author, approver, _cascade_body())
    return {"residents": len(residents), "councils": councils, "bulletin": bulletin, "cascade": cascade,
            "stats": _stats_when_sent(client, author, bulletin)}


def _resident(client: httpx.Client, staff: dict, number: int, rng: random.Random) -> str:
    language = "cy" if number % 3 == 0 else "en"
    contact = _created(client.post("/v1/contacts", headers=staff, json={
        "email": f"resident{number}@example.org", "language": language, "language_asked_how": "web_form",
        "areas": [rng.choice(sorted(AREAS))]}))
    frequency = "weekly" if number % 8 == 7 else "immediately"
    client.put(f"/v1/contacts/{contact}/subscriptions", headers=staff,
               json=[{"sender": SENDER, "topic": TOPIC, "frequency": frequency}]).raise_for_status()
    if number % 12 != 11:  # a few subscribed on an old list, their consent never recorded: they are not sent it
        client.put(f"/v1/contacts/{contact}/consents", headers=staff, json=[{
            "sender": SENDER, "topic": TOPIC, "channel": "email", "given": True, "source": "web_form",
            "wording_version": "2027-01"}]).raise_for_status()
    return contact


def _council(client: httpx.Client, staff: dict, name: str, area: str, number: int) -> str:
    clerk = _created(client.post("/v1/contacts", headers=staff, json={
        "email": f"clerk{number}@parish.example.org", "language": "en", "areas": [area],
        "name": f"Clerk of {name}"}))
    return _created(client.post("/v1/organisations", headers=staff, json={
        "name": name, "kind": "town_council" if "Town" in name else "parish_council", "area": area,
        "roles": [{"role": "clerk", "contact_id": clerk}]}))


def _bulletin_body() -> dict:
    return {"title": {"en": "Your police and crime news", "cy": "Eich newyddion plismona a throseddu"},
            "sender": SENDER, "category": "subscription", "audience": {"topics": [TOPIC]},
            "items": ["from-pending", {
                "title": {"en": "Surgeries in your area", "cy": "Cymorthfeydd yn eich ardal"},
                "body": {"en": "The Commissioner holds 15-minute surgeries every month across Cheshire.",
                         "cy": "Mae'r Comisiynydd yn cynnal cymorthfeydd 15 munud bob mis ar draws Swydd Gaer."}}]}


def _cascade_body() -> dict:
    return {"title": {"en": "For parish and town councils: the draft Police and Crime Plan",
                      "cy": "I gynghorau plwyf a thref: cynllun drafft yr Heddlu a Throseddu"},
            "sender": SENDER, "category": "stakeholder",
            "audience": {"topics": ["cascade"], "organisation_kinds": ["parish_council", "town_council"],
                         "roles": ["clerk"]},
            "items": [{"title": {"en": "Please share the consultation with residents",
                                 "cy": "Rhannwch yr ymgynghoriad â thrigolion os gwelwch yn dda"},
                       "body": {"en": "Tell us when you have shared it, or when it is on your agenda.",
                                "cy": "Rhowch wybod i ni pan fyddwch wedi'i rannu, neu pan fydd ar eich agenda."}}]}


def _send(client: httpx.Client, author: dict, approver: dict, body: dict) -> str:
    """Drafted by one officer, approved by another, sent."""
    bulletin = _created(client.post("/v1/bulletins", headers=author, json=body))
    client.post(f"/v1/bulletins/{bulletin}/approve", headers=approver).raise_for_status()
    client.post(f"/v1/bulletins/{bulletin}/send", headers=approver).raise_for_status()
    return bulletin


def _stats_when_sent(client: httpx.Client, staff: dict, bulletin: str, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        stats = client.get(f"/v1/bulletins/{bulletin}/stats", headers=staff).json()
        if (stats.get("status") == "sent" and not stats.get("queued")) or time.monotonic() > deadline:
            return stats
        time.sleep(0.5)


def _created(response: httpx.Response) -> str:
    response.raise_for_status()
    return response.json()["id"]
