"""Signing in with the office's identity provider, with a fake provider that checks the nonce and PKCE verifier as a
real one would (the real flow against a real provider: tests/integration/test_web_staff_oidc.py)."""

from __future__ import annotations

import pytest

from peel.web.domain.staff.role_mapping import ProviderIdentity
from tests.support.staff_pages import FakeIdentityProvider, StaffPageClient, query_of

COVERS_OPEN = {("POST", "/staff/sign-in/{provider}"), ("GET", "/staff/sign-in/{provider}/callback")}
CALLBACK = "/staff/sign-in/office-idp/callback"
ANN = ProviderIdentity(provider="office-idp", subject="ann-1", tenant="cheshire", name="Ann Officer",
                       email="ann@example.gov.uk", groups=frozenset({"peel-officers", "everyone"}))


@pytest.fixture
def provider(staff: StaffPageClient) -> FakeIdentityProvider:
    fake = FakeIdentityProvider()
    staff.app.state.identity_providers = [fake]
    return fake


async def started(staff: StaffPageClient, next_path: str = "/staff/consultations") -> dict[str, str]:
    """Presses the provider's button on the sign-in page; answers what the provider was sent."""
    page = await staff.get(f"/staff/sign-in?next={next_path}")
    form = page.soup.find("form", {"action": "/staff/sign-in/office-idp"})
    token = form.find("input", {"name": "csrf_token"})["value"]
    sent = await staff.post("/staff/sign-in/office-idp", {"csrf_token": token, "next": next_path})
    assert sent.status == 200 and sent.h1 == "Signing in with Office identity provider"
    address = sent.soup.find("a", {"id": "continue"})["href"]
    assert sent.soup.find("meta", {"http-equiv": "refresh"})["content"] == f"0; url={address}"
    return query_of(address)


async def test_the_sign_in_page_has_a_button_for_each_provider(staff: StaffPageClient,
                                                                provider: FakeIdentityProvider) -> None:
    page = await staff.get("/staff/sign-in")
    assert "Sign in with Office identity provider" in page.text()


async def test_signing_in_maps_groups_to_roles_and_goes_back(staff: StaffPageClient,
                                                              provider: FakeIdentityProvider) -> None:
    asked = await started(staff)
    assert asked["redirect_uri"] == f"http://peel.test{CALLBACK}" and asked["code_challenge"]
    page = await staff.get(f"{CALLBACK}?code={provider.signs_in(ANN)}&state={asked['state']}")
    assert page.status == 303 and page.response.headers["location"] == "/staff/consultations"
    [session] = staff.staff.sessions.sessions.values()
    assert session.user.subject == "office-idp:ann-1" and session.user.roles == {"engagement_officer"}
    assert (session.user.name, session.user.email, session.user.tenant) == ("Ann Officer", ANN.email, "cheshire")


async def test_the_sign_in_cookie_is_short_lived_and_kept_from_scripts(staff: StaffPageClient,
                                                                        provider: FakeIdentityProvider) -> None:
    page = await staff.get("/staff/sign-in")
    token = page.soup.find("input", {"name": "csrf_token"})["value"]
    sent = await staff.post("/staff/sign-in/office-idp", {"csrf_token": token})
    cookie = sent.response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "path=/staff" in cookie and "samesite=lax" in cookie and "max-age=600" in cookie


async def test_an_offices_saved_mapping_replaces_the_configured_one(staff: StaffPageClient,
                                                                     provider: FakeIdentityProvider) -> None:
    await staff.staff.role_mappings.set_mapping("cheshire", {"everyone": ["viewer"]}, by="office-idp:admin")
    asked = await started(staff)
    await staff.get(f"{CALLBACK}?code={provider.signs_in(ANN)}&state={asked['state']}")
    [session] = staff.staff.sessions.sessions.values()
    assert session.user.roles == {"viewer"}


async def test_someone_whose_groups_give_no_role_is_refused_and_not_kept(staff: StaffPageClient,
                                                                         provider: FakeIdentityProvider) -> None:
    asked = await started(staff)
    stranger = ProviderIdentity(provider="office-idp", subject="zed", tenant="cheshire", name="Zed",
                                groups=frozenset({"finance"}))
    page = await staff.get(f"{CALLBACK}?code={provider.signs_in(stranger)}&state={asked['state']}")
    assert page.status == 403 and page.h1 == "You do not have a role in Peel"
    assert not staff.staff.sessions.sessions and "peel_staff=" not in page.response.headers.get("set-cookie", "")


async def test_a_tampered_state_is_refused(staff: StaffPageClient, provider: FakeIdentityProvider) -> None:
    asked = await started(staff)
    page = await staff.get(f"{CALLBACK}?code={provider.signs_in(ANN)}&state={asked['state']}x")
    assert page.status == 400 and page.h1 == "Your sign-in could not be finished"
    assert not staff.staff.sessions.sessions


async def test_a_sign_in_is_used_once(staff: StaffPageClient, provider: FakeIdentityProvider) -> None:
    asked = await started(staff)
    first = await staff.get(f"{CALLBACK}?code={provider.signs_in(ANN)}&state={asked['state']}")
    again = await staff.get(f"{CALLBACK}?code={provider.signs_in(ANN)}&state={asked['state']}")
    assert first.status == 303 and again.status == 400


async def test_a_token_for_another_sign_in_is_refused(staff: StaffPageClient, provider: FakeIdentityProvider) -> None:
    asked = await started(staff)
    code = provider.signs_in(ANN, nonce="someone-elses-nonce")
    page = await staff.get(f"{CALLBACK}?code={code}&state={asked['state']}")
    assert page.status == 400 and page.h1 == "Your sign-in could not be checked"
    assert not staff.staff.sessions.sessions


async def test_a_callback_without_a_sign_in_under_way_is_refused(staff: StaffPageClient,
                                                                 provider: FakeIdentityProvider) -> None:
    page = await staff.get(f"{CALLBACK}?code=anything&state=anything")
    assert page.status == 400 and not staff.staff.sessions.sessions


async def test_a_sign_in_cancelled_at_the_provider_says_so(staff: StaffPageClient,
                                                            provider: FakeIdentityProvider) -> None:
    asked = await started(staff)
    page = await staff.get(f"{CALLBACK}?error=access_denied&state={asked['state']}")
    assert page.status == 400 and page.h1 == "You did not finish signing in"


async def test_a_forged_start_is_refused(staff: StaffPageClient, provider: FakeIdentityProvider) -> None:
    assert (await staff.post("/staff/sign-in/office-idp", {"csrf_token": "forged"})).status == 400
    assert (await staff.post("/staff/sign-in/office-idp", {}, csrf=False)).status == 400
    foreign = await staff.post("/staff/sign-in/office-idp", {}, headers={"origin": "https://evil.example"})
    assert foreign.status == 403 and not provider.asked


async def test_an_unknown_provider_is_not_found(staff: StaffPageClient, provider: FakeIdentityProvider) -> None:
    page = await staff.get("/staff/sign-in")
    token = page.soup.find("input", {"name": "csrf_token"})["value"]
    assert (await staff.post("/staff/sign-in/nobody", {"csrf_token": token})).status == 404
    assert (await staff.get("/staff/sign-in/nobody/callback?code=a&state=b")).status == 404


async def test_a_provider_not_answering_is_a_503(staff: StaffPageClient, provider: FakeIdentityProvider) -> None:
    provider.down = True
    page = await staff.get("/staff/sign-in")
    token = page.soup.find("input", {"name": "csrf_token"})["value"]
    assert (await staff.post("/staff/sign-in/office-idp", {"csrf_token": token})).status == 503




async def test_signing_in_over_another_sign_in_ends_the_earlier_one(staff: StaffPageClient,
                                                                    provider: FakeIdentityProvider) -> None:
    asked = await started(staff)
    await staff.sign_in("viewer")  # signed in meanwhile, in another tab of this browser
    [earlier] = staff.staff.sessions.sessions
    page = await staff.get(f"{CALLBACK}?code={provider.signs_in(ANN)}&state={asked['state']}")
    assert page.status == 303 and len(staff.staff.sessions.sessions) == 2
    assert earlier in staff.staff.sessions.ended
