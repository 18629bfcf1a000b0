"""Signing in (the development sign-in), out, and out everywhere; the language; a page needing sign-in."""

from __future__ import annotations

from peel.web.domain.staff.identity import StaffRole
from tests.support.staff_pages import StaffPageClient

COVERS = {("POST", "/staff/sign-out"), ("POST", "/staff/sign-out-everywhere"), ("GET", "/staff/language/{lang}")}
COVERS_OPEN = {("GET", "/staff/sign-in"), ("POST", "/staff/sign-in/local"), ("GET", "/staff/signed-out")}


async def test_the_sign_in_page_offers_the_development_sign_in(staff: StaffPageClient) -> None:
    page = await staff.get("/staff/sign-in?next=/staff/consultations")
    assert page.status == 200 and page.h1 == "Sign in"
    assert page.soup.find("input", {"name": "next"})["value"] == "/staff/consultations"


async def test_signing_in_locally_starts_a_session_and_goes_back(staff: StaffPageClient) -> None:
    page = await staff.post("/staff/sign-in/local", {"tenant": "cheshire", "name": "Ann Example",
                                                     "roles": ["analyst"], "next": "/staff/consultations"},
                            csrf=False)
    assert page.status == 303 and page.response.headers["location"] == "/staff/consultations"
    assert "peel_staff=" in page.response.headers["set-cookie"]


async def test_the_development_sign_in_names_each_missing_field(staff: StaffPageClient) -> None:
    page = await staff.post("/staff/sign-in/local", {"tenant": "Not An Office", "name": ""}, csrf=False)
    assert page.status == 422
    assert set(page.error_links()) == {"#tenant", "#name", "#roles"}


async def test_a_sign_in_never_leads_to_another_site(staff: StaffPageClient) -> None:
    page = await staff.post("/staff/sign-in/local", {"tenant": "cheshire", "name": "Ann", "roles": ["viewer"],
                                                     "next": "//evil.example/staff"}, csrf=False)
    assert page.response.headers["location"] == "/staff/"


async def test_the_local_sign_in_is_absent_when_turned_off(ports) -> None:
    import httpx

    from tests.support.web_pages import app_with

    app = app_with(ports, staff_local_sign_in=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://peel.test") as client:
        page = await client.get("/staff/sign-in")
        assert "Development sign-in" not in page.text
        assert (await client.post("/staff/sign-in/local", data={"tenant": "cheshire"})).status_code == 404


async def test_signing_out_ends_the_session(staff: StaffPageClient) -> None:
    assert (await staff.post("/staff/sign-out")).status == 303  # refused: no one is signed in
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.post("/staff/sign-out")
    assert page.response.headers["location"] == "/staff/signed-out"
    assert (await staff.get("/staff/signed-out")).h1 == "You have signed out"


async def test_signing_out_everywhere_ends_every_session_of_the_user(staff: StaffPageClient) -> None:
    assert (await staff.post("/staff/sign-out-everywhere")).status == 303
    user = await staff.sign_in(StaffRole.VIEWER)
    other = await staff.staff.sessions.start(user)
    await staff.post("/staff/sign-out-everywhere")
    assert await staff.staff.sessions.find(other.id) is None


async def test_a_forged_sign_out_is_refused(staff: StaffPageClient) -> None:
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.post("/staff/sign-out", {"csrf_token": "forged"})
    assert page.status == 400


async def test_the_language_is_the_users_choice(staff: StaffPageClient) -> None:
    assert (await staff.get("/staff/language/cy?next=/staff/")).status == 303  # refused: no one signed in
    await staff.sign_in(StaffRole.VIEWER)
    page = await staff.get("/staff/language/cy?next=/staff/signed-out")
    assert page.response.headers["location"] == "/staff/signed-out"
    assert (await staff.get("/staff/language/xx")).status == 404


async def test_the_jwks_is_published(staff: StaffPageClient) -> None:
    page = await staff.get("/.well-known/jwks.json")
    assert page.response.json()["keys"]
