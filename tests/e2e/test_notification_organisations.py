"""Staff record councils and partners and who holds their roles; a clerk confirms or corrects the council's
details from the link in the yearly check, without signing in; tenants never see each other's organisations."""

from __future__ import annotations

import uuid

import asyncpg
import pytest

from peel.notifications.contacts.domain.links import token_of
from peel.notifications.settings import NotificationsSettings
from tests.support.mail_platform import MailPlatform
from tests.support.notification_contacts import new_contact
from tests.support.notification_db import fetch_rows
from tests.support.tokens import bearer

pytestmark = pytest.mark.e2e
LINKS = NotificationsSettings().links()


async def a_contact(mail: MailPlatform, officer: dict, email: str, name: str | None = None) -> str:
    return await new_contact(mail.notifications, officer, email, name=name)


async def test_organisations_are_recorded_listed_and_changed(mail: MailPlatform, token):
    api, officer = mail.notifications, bearer(token("cheshire", "engagement_officer"))
    clerk = await a_contact(mail, officer, "clerk@audlem.example", "Ann Clerk")
    created = await api.post("/v1/organisations", headers=officer, json={
        "name": "Audlem Parish Council", "kind": "parish_council", "area": "audlem",
        "roles": [{"role": "clerk", "contact_id": clerk}]})
    assert created.status_code == 201, created.text
    organisation = created.json()
    assert (organisation["roles"], organisation["last_confirmed_at"]) == (
        [{"role": "clerk", "contact_id": clerk}], None)
    partner = await api.post("/v1/organisations", headers=officer,
                             json={"name": "Fire and Rescue", "kind": "partner", "area": "cheshire"})
    assert partner.status_code == 201

    councils = (await api.get("/v1/organisations?kind=parish_council", headers=officer)).json()
    in_audlem = (await api.get("/v1/organisations?area=audlem", headers=officer)).json()
    assert [o["name"] for o in councils] == [o["name"] for o in in_audlem] == ["Audlem Parish Council"]
    path = f"/v1/organisations/{organisation['id']}"
    changed = await api.put(path, headers=officer, json={
        "name": "Audlem PC", "kind": "parish_council", "area": "audlem",
        "roles": [{"role": "chair", "contact_id": clerk}]})
    assert changed.status_code == 200, changed.text
    assert (await api.get(path, headers=officer)).json()["roles"] == [{"role": "chair", "contact_id": clerk}]


async def test_bad_organisations_are_refused_naming_the_field_and_other_tenants_see_nothing(mail: MailPlatform, token):
    api, officer = mail.notifications, bearer(token("cheshire", "admin"))
    elsewhere = bearer(token("dyfed-powys", "admin"))
    stranger = await a_contact(mail, elsewhere, "someone@example.org")
    for body, field in (({"name": "X", "kind": "castle", "area": "a"}, "kind"),
                        ({"name": "", "kind": "partner", "area": "a"}, "name"),
                        ({"name": "X", "kind": "partner", "area": "a",
                          "roles": [{"role": "clerk", "contact_id": stranger}]}, "contact_id"),
                        ({"name": "X", "kind": "partner", "area": "a", "roles": [{"role": "mayor"}]}, "role")):
        refused = await api.post("/v1/organisations", headers=officer, json=body)
        assert refused.status_code == 422 and field in refused.text, (body, refused.text)
    made = await api.post("/v1/organisations", headers=officer, json={"name": "X", "kind": "partner", "area": "a"})
    path = f"/v1/organisations/{made.json()['id']}"
    assert (await api.get(path, headers=elsewhere)).status_code == 404
    assert (await api.get("/v1/organisations", headers=elsewhere)).json() == []
    assert (await api.get("/v1/organisations/banana", headers=officer)).status_code == 422
    assert (await api.get(path)).status_code == 401


async def test_a_clerk_confirms_then_corrects_the_councils_details_from_the_link(mail: MailPlatform, token):
    api, officer = mail.notifications, bearer(token("cheshire", "admin"))
    clerk = await a_contact(mail, officer, "clerk@audlem.example", "Ann Clerk")
    organisation = (await api.post("/v1/organisations", headers=officer, json={
        "name": "Audlem PC", "kind": "parish_council", "area": "audlem",
        "roles": [{"role": "clerk", "contact_id": clerk}]})).json()
    url = LINKS.council_details("cheshire", uuid.UUID(organisation["id"]), uuid.UUID(clerk), "cy")
    path = f"/v1/public/council-details/{token_of(url)}"

    page = (await api.get(path)).json()
    assert page == {"tenant": "cheshire", "organisation": {"id": organisation["id"], "name": "Audlem PC",
                                                           "kind": "parish_council", "area": "audlem"},
                    "role": "clerk", "contact": {"name": "Ann Clerk", "email": "clerk@audlem.example",
                                                 "mobile": None}, "last_confirmed_at": None}
    confirmed = await api.post(path, json={"confirmed": True})
    assert confirmed.status_code == 200 and confirmed.json()["last_confirmed_at"] is not None
    corrected = await api.post(path, json={"email": "clerk@audlem-pc.example", "mobile": "07700 900123"})
    assert corrected.json()["contact"] == {"name": "Ann Clerk", "email": "clerk@audlem-pc.example",
                                           "mobile": "07700 900123"}
    assert (await api.post(path, json={"email": "not an address"})).status_code == 422
    for nothing in ({}, {"confirmed": False}):
        refused = await api.post(path, json=nothing)
        assert refused.status_code == 422 and "confirmed" in refused.text
    shown = (await api.get(f"/v1/contacts/{clerk}", headers=officer)).json()
    assert (shown["email"], shown["name"]) == ("clerk@audlem-pc.example", "Ann Clerk")
    assert (await api.get(f"/v1/organisations/{organisation['id']}", headers=officer)).json()["last_confirmed_at"]
    assert [(u["what"], u["fields"]) for u in await updates(mail)] == [
        ("confirmed", []), ("corrected", ["email", "mobile"])]
    wrong_page = token_of(LINKS.preferences("cheshire", uuid.UUID(clerk), "en"))
    assert (await api.get(f"/v1/public/council-details/{wrong_page}")).status_code == 404


async def updates(mail: MailPlatform) -> list[asyncpg.Record]:
    return await fetch_rows(mail.notifications_db, "SELECT what, fields FROM organisation_updates ORDER BY at")


async def test_erasing_a_clerk_removes_their_role(mail: MailPlatform, token):
    api, officer = mail.notifications, bearer(token("cheshire", "admin"))
    clerk = await a_contact(mail, officer, "clerk@audlem.example")
    organisation = (await api.post("/v1/organisations", headers=officer, json={
        "name": "Audlem PC", "kind": "parish_council", "area": "audlem",
        "roles": [{"role": "clerk", "contact_id": clerk}]})).json()
    assert (await api.delete(f"/v1/contacts/{clerk}", headers=officer)).status_code == 204
    assert (await api.get(f"/v1/organisations/{organisation['id']}", headers=officer)).json()["roles"] == []
