"""Against the real platform, whatever a page shows: a viewer's forged POST to a staff action is refused (403) and
changes nothing; another office's ids are 404s; an ended session goes back to sign in and keeps nothing half-done.
(Plain HTTP, no browser: what a forger sends is a request, not a page.)"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import httpx

from tests.support.consultations import SURVEY
from tests.support.tokens import bearer
from tests.support.web_platform import WebPlatform


@asynccontextmanager
async def signed_in(site: WebPlatform, tenant: str, *roles: str) -> AsyncIterator[httpx.AsyncClient]:
    """A browser-like client signed in through the development sign-in."""
    async with httpx.AsyncClient(base_url=site.url, headers={"Origin": site.url}) as client:
        answer = await client.post("/staff/sign-in/local", data={"tenant": tenant, "name": "Pat Example",
                                                                 "roles": list(roles), "next": "/staff/"})
        assert answer.status_code == 303, answer.text
        yield client


async def a_draft(site: WebPlatform, token) -> str:
    created = await site.consultation.post("/v1/consultations", json=SURVEY,
                                           headers=bearer(token("cheshire", "engagement_officer")))
    assert created.status_code == 201, created.text
    return created.json()["id"]


def form_token(page: httpx.Response) -> str:
    marker = 'name="csrf_token" value="'
    return page.text.split(marker, 1)[1].split('"', 1)[0]


async def status_of(site: WebPlatform, token, consultation_id: str) -> str:
    found = await site.consultation.get(f"/v1/consultations/{consultation_id}",
                                        headers=bearer(token("cheshire", "admin")))
    return found.json()["status"]


async def test_a_viewers_forged_publish_is_refused_and_changes_nothing(site: WebPlatform, token) -> None:
    draft = await a_draft(site, token)
    async with signed_in(site, "cheshire", "viewer") as viewer:
        page = await viewer.get(f"/staff/consultations/{draft}")
        assert page.status_code == 200 and f"/staff/consultations/{draft}/publish" not in page.text
        forged = await viewer.post(f"/staff/consultations/{draft}/publish",
                                   data={"csrf_token": form_token(page), "when": "now"})
        assert forged.status_code == 403
    assert await status_of(site, token, draft) == "draft"


async def test_another_offices_ids_are_not_found(site: WebPlatform, token) -> None:
    draft = await a_draft(site, token)
    async with signed_in(site, "dyfed-powys", "admin") as stranger:
        assert (await stranger.get(f"/staff/consultations/{draft}")).status_code == 404
        assert (await stranger.get(f"/staff/consultations/{draft}/results")).status_code == 404
        home = await stranger.get("/staff/")
        published = await stranger.post(f"/staff/consultations/{draft}/publish",
                                        data={"csrf_token": form_token(home), "when": "now"})
        assert published.status_code == 404
    assert await status_of(site, token, draft) == "draft"


async def test_an_ended_session_goes_back_to_sign_in_and_does_nothing(site: WebPlatform, token) -> None:
    draft = await a_draft(site, token)
    async with signed_in(site, "cheshire", "engagement_officer") as officer:
        page = await officer.get(f"/staff/consultations/{draft}/publish")
        assert page.status_code == 200
        await end_every_session(site)
        sent = await officer.post(f"/staff/consultations/{draft}/publish",
                                  data={"csrf_token": form_token(page), "when": "now"})
        assert (sent.status_code, sent.headers["location"]) == (303, "/staff/sign-in?next=/staff/")
        again = await officer.get(f"/staff/consultations/{draft}")
        assert again.status_code == 303 and again.headers["location"].startswith("/staff/sign-in")
    assert await status_of(site, token, draft) == "draft"


async def end_every_session(site: WebPlatform) -> None:
    """As if the sign-in had passed its absolute timeout."""
    connection = await asyncpg.connect(site.web_settings.dsn)
    try:
        await connection.execute("UPDATE web_staff_sessions SET started_at = started_at - interval '2 days'")
    finally:
        await connection.close()
