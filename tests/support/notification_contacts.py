"""Contacts recorded by an office over HTTP: a contact, their consents, what they follow."""

from __future__ import annotations

import httpx


def consent(source: str = "paper_form", topic: str = "bulletin", given: bool = True) -> dict:
    """Consent to the office's email on ``topic``, as recorded from ``source``."""
    return {"sender": "office", "topic": topic, "channel": "email", "given": given, "source": source,
            "wording_version": "2027-01"}


async def new_contact(api: httpx.AsyncClient, staff: dict, email: str, **fields: object) -> str:
    """Records a contact (``fields`` as the contacts API takes them) and gives their id."""
    created = await api.post("/v1/contacts", headers=staff, json={"email": email, **fields})
    assert created.status_code == 201, created.text
    return created.json()["id"]


async def record_consents(api: httpx.AsyncClient, staff: dict, contact_id: str, *consents: dict) -> None:
    recorded = await api.put(f"/v1/contacts/{contact_id}/consents", headers=staff, json=list(consents))
    assert recorded.status_code == 200, recorded.text


async def follow(api: httpx.AsyncClient, staff: dict, contact_id: str, **subscription: object) -> None:
    """Subscribes the contact to the office's bulletin (``subscription`` adds to or changes that)."""
    followed = await api.put(f"/v1/contacts/{contact_id}/subscriptions", headers=staff,
                             json=[{"sender": "office", "topic": "bulletin", **subscription}])
    assert followed.status_code == 200, followed.text


async def consenting_contact(api: httpx.AsyncClient, staff: dict, email: str, source: str = "paper_form",
                             **fields: object) -> str:
    """A contact who has consented to the office's bulletin by email."""
    contact_id = await new_contact(api, staff, email, **fields)
    await record_consents(api, staff, contact_id, consent(source))
    return contact_id


async def subscriber(api: httpx.AsyncClient, staff: dict, email: str, source: str = "paper_form",
                     frequency: str | None = None, **fields: object) -> str:
    """A contact who has consented to and follows the office's bulletin (at ``frequency``, if given)."""
    contact_id = await consenting_contact(api, staff, email, source, **fields)
    await follow(api, staff, contact_id, **({"frequency": frequency} if frequency else {}))
    return contact_id
