"""Staff record contacts, their consent and suppressions over HTTP; erasure blanks a contact everywhere it is kept."""

from __future__ import annotations

import json
import uuid

import asyncpg
import pytest

from tests.support.mail_platform import MailPlatform
from tests.support.notification_contacts import consent
from tests.support.notification_db import fetch_row
from tests.support.notification_events import notification_events
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
CONSENT = consent()


async def stored_contact(mail: MailPlatform, contact_id: str) -> asyncpg.Record:
    return await fetch_row(mail.notifications_db, "SELECT * FROM contacts WHERE id = $1::text::uuid", contact_id)


async def test_a_contact_its_consent_and_its_erasure(mail: MailPlatform, token):
    api, officer = mail.notifications, bearer(token("cheshire", "engagement_officer"))
    created = await api.post("/v1/contacts", headers=officer, json={
        "email": "resident@example.org", "language": "cy", "areas": ["crewe"], "postal_address": ["1 High St"]})
    assert created.status_code == 201, created.text
    contact = f"/v1/contacts/{created.json()['id']}"
    shown = (await api.get(contact, headers=officer)).json()
    assert (shown["email"], shown["language"], shown["areas"]) == ("resident@example.org", "cy", ["crewe"])
    assert shown["language_asked_at"] is not None

    given = await api.put(f"{contact}/consents", headers=officer, json=[CONSENT])
    withdrawn = await api.put(f"{contact}/consents", headers=officer, json=[{**CONSENT, "given": False}])
    assert (given.status_code, withdrawn.status_code) == (200, 200), (given.text, withdrawn.text)
    consents = (await api.get(f"{contact}/consents", headers=officer)).json()
    assert [record["given"] for record in consents["history"]] == [True, False]
    assert [record["given"] for record in consents["in_force"]] == [False]

    assert (await api.delete(contact, headers=officer)).status_code == 204
    assert (await api.get(contact, headers=officer)).status_code == 404
    row = await stored_contact(mail, created.json()["id"])
    assert (row["email"], row["postal_address"], row["areas"]) == (None, [], []) and row["erased_at"] is not None
    events = await notification_events(mail, "peel.notifications.contact.erased.v1")
    types = [event["type"] for event in events]
    assert types.count("peel.notifications.contact.consent_changed.v1") == 2
    assert "peel.notifications.contact.created.v1" in types
    assert not any("resident" in json.dumps(event) or "High St" in json.dumps(event) for event in events)


async def test_another_tenants_contact_is_not_found_and_residents_are_refused(mail: MailPlatform, token):
    api = mail.notifications
    created = await api.post("/v1/contacts", headers=bearer(token("cheshire", "admin")),
                             json={"email": "resident@example.org"})
    contact = f"/v1/contacts/{created.json()['id']}"
    elsewhere = bearer(token("dyfed-powys", "admin"))
    assert (await api.get(contact, headers=elsewhere)).status_code == 404
    assert (await api.put(f"{contact}/consents", headers=elsewhere, json=[CONSENT])).status_code == 404
    assert (await api.delete(contact, headers=elsewhere)).status_code == 404
    assert (await api.get(contact, headers=bearer(token("cheshire", "admin")))).status_code == 200
    assert (await api.get(contact, headers=mail.client_token("peel-consultation"))).status_code == 403
    assert (await api.get(contact)).status_code == 401


async def test_bad_bodies_get_422_naming_the_field_and_duplicates_409(mail: MailPlatform, token):
    api, admin = mail.notifications, bearer(token("cheshire", "admin"))
    cases = [({"email": "not-an-address"}, ("body", "email")), ({"language": "fr"}, ("body", "language")),
             ({"areas": ["Crewe Town!"]}, ("body", "areas", 0)), ({"areas": ["crewe"]}, ("body", "email")),
             ({"email": "a@example.org", "postal_address": ["1 High St\u0000"]}, ("body", "postal_address", 0))]
    for body, location in cases:
        refused = await api.post("/v1/contacts", headers=admin, json=body)
        assert refused.status_code == 422 and location in {tuple(e["loc"]) for e in refused.json()["detail"]}, body
    first = await api.post("/v1/contacts", headers=admin, json={"email": "resident@example.org"})
    again = await api.post("/v1/contacts", headers=admin, json={"email": "Resident@Example.org"})
    assert (first.status_code, again.status_code) == (201, 409)
    contact = f"/v1/contacts/{first.json()['id']}/consents"
    twice = await api.put(contact, headers=admin, json=[CONSENT, CONSENT])
    missing = await api.put(contact, headers=admin, json=[{**CONSENT, "wording_version": ""}])
    assert twice.status_code == 422 and ["body", 1] in [e["loc"] for e in twice.json()["detail"]]
    assert missing.status_code == 422 and ["body", 0, "wording_version"] in [e["loc"] for e in missing.json()["detail"]]
    assert (await api.get(f"/v1/contacts/{uuid.uuid4()}", headers=admin)).status_code == 404


async def test_a_suppression_is_added_listed_and_lifted_with_a_reason(mail: MailPlatform, token):
    api, admin = mail.notifications, bearer(token("cheshire", "admin"))
    body = {"address": "resident@example.org", "reason": "complaint", "scope": "topic", "scope_value": "bulletin"}
    added = await api.post("/v1/suppressions", headers=admin, json=body)
    assert added.status_code == 201, added.text
    assert "resident" not in added.text
    assert (await api.post("/v1/suppressions", headers=admin, json=body)).status_code == 409
    bad = await api.post("/v1/suppressions", headers=admin, json={**body, "scope": "global"})
    assert bad.status_code == 422 and ["body", "scope_value"] in [e["loc"] for e in bad.json()["detail"]]
    listed = await api.get("/v1/suppressions", headers=admin, params={"address": "RESIDENT@example.org"})
    assert [s["id"] for s in listed.json()] == [added.json()["id"]]
    assert (await api.get("/v1/suppressions", headers=bearer(token("dyfed-powys", "admin")))).json() == []
    place = f"/v1/suppressions/{added.json()['id']}"
    assert (await api.delete(place, headers=admin)).status_code == 422
    lifted = await api.delete(place, headers=admin, params={"reason": "asked again by phone"})
    assert lifted.status_code == 200 and lifted.json()["removal_reason"] == "asked again by phone"
    assert (await api.delete(place, headers=admin, params={"reason": "again"})).status_code == 404
    assert (await api.get("/v1/suppressions", headers=admin)).json() == []


async def test_consent_and_suppressions_decide_whether_a_bulletin_may_go(mail: MailPlatform, token):
    api, admin = mail.notifications, bearer(token("cheshire", "admin"))
    created = await api.post("/v1/contacts", headers=admin, json={"email": "r@example.org"})
    contact = f"/v1/contacts/{created.json()['id']}"
    bulletin = {"category": "subscription", "sender": "office", "topic": "bulletin", "channel": "email"}

    async def decision(**change: str) -> dict:
        answer = await api.get(f"{contact}/may-send", headers=admin, params={**bulletin, **change})
        assert answer.status_code == 200, answer.text
        return answer.json()

    assert await decision() == {"allowed": False, "reason": "no_consent"}
    assert await decision(category="service") == {"allowed": True, "reason": None}
    await api.put(f"{contact}/consents", headers=admin, json=[CONSENT])
    assert await decision() == {"allowed": True, "reason": None}
    await api.post("/v1/suppressions", headers=admin, json={"address": "R@example.org", "reason": "hard_bounce"})
    assert await decision() == {"allowed": False, "reason": "suppressed:hard_bounce"}
    assert await decision(category="service") == {"allowed": False, "reason": "suppressed:hard_bounce"}
    refused = await api.get(f"{contact}/may-send", headers=admin, params={**bulletin, "category": "spam"})
    assert refused.status_code == 422 and ["query", "category"] in [e["loc"] for e in refused.json()["detail"]]
