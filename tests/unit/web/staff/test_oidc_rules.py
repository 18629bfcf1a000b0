"""Who a person signed in at an identity provider is in Peel: their groups mapped to roles; and the identity
providers' settings refused when they cannot work."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from peel.web.bootstrap import default_role_mappings
from peel.web.domain.staff.role_mapping import ProviderIdentity, cleaned, mapping_problems, roles_for, staff_user
from peel.web.settings import WebSettings

MAPPING = {"peel-admins": ["admin"], "peel-officers": ["engagement_officer", "analyst"], "peel-viewers": ["viewer"]}
ANN = ProviderIdentity(provider="entra", subject="0a1b", tenant="cheshire", name="Ann Officer",
                       email="ann@example.gov.uk", groups=frozenset({"peel-officers", "peel-viewers", "finance"}))
PROVIDER = {"name": "Office", "issuer": "https://login.example/v2.0", "client_id": "peel", "tenant": "cheshire"}


def test_every_group_gives_its_roles() -> None:
    assert roles_for(ANN.groups, MAPPING) == {"engagement_officer", "analyst", "viewer"}
    assert roles_for({"finance"}, MAPPING) == frozenset()
    assert roles_for({"odd"}, {"odd": ["superuser"]}) == frozenset()


def test_the_staff_user_is_namespaced_by_provider_and_keeps_name_and_email() -> None:
    user = staff_user(ANN, MAPPING)
    assert user is not None and user.subject == "entra:0a1b" and user.tenant == "cheshire"
    assert (user.name, user.email) == ("Ann Officer", "ann@example.gov.uk")


def test_no_role_is_no_staff_user() -> None:
    assert staff_user(ProviderIdentity("entra", "x", "cheshire", "X", groups=frozenset({"finance"})), MAPPING) is None
    assert staff_user(ProviderIdentity("entra", "x", "Not An Office", "X", groups=ANN.groups), MAPPING) is None


def test_a_nameless_person_is_called_by_their_email_or_subject() -> None:
    assert staff_user(ProviderIdentity("e", "s1", "cheshire", "", "a@b.c", ANN.groups), MAPPING).name == "a@b.c"
    assert staff_user(ProviderIdentity("e", "s1", "cheshire", "", "", ANN.groups), MAPPING).name == "s1"


def test_a_mapping_an_admin_saves_is_checked_and_cleaned() -> None:
    assert mapping_problems(MAPPING) == {}
    assert set(mapping_problems({" ": ["admin"], "ok": [], "odd": ["superuser"]})) == {" ", "ok", "odd"}
    assert cleaned({" peel-admins ": ["admin", "admin"], "none": [], "odd": ["superuser"]}) == {
        "peel-admins": ["admin"]}


def test_providers_are_read_from_json_with_their_defaults() -> None:
    settings = WebSettings(oidc_providers={"entra": PROVIDER | {"role_mapping": MAPPING}})
    entra = settings.oidc_providers["entra"]
    assert (entra.groups_claim, entra.scopes) == ("groups", ["openid", "profile", "email"])
    assert default_role_mappings(settings) == {"cheshire": {group: sorted(roles) for group, roles in MAPPING.items()}}


@pytest.mark.parametrize("wrong", [
    pytest.param({"role_mapping": {"g": ["superuser"]}}, id="unknown role"),
    pytest.param({"tenant": ""}, id="no office"),
    pytest.param({"tenant_claim": "office"}, id="an office and a claim"),
    pytest.param({"tenant": "Not An Office"}, id="not an office"),
    pytest.param({"scopes": ["profile"]}, id="no openid scope"),
])
def test_a_provider_that_cannot_work_is_refused(wrong: dict) -> None:
    with pytest.raises(ValidationError):
        WebSettings(oidc_providers={"entra": PROVIDER | wrong})


def test_a_provider_key_must_be_usable_in_its_address() -> None:
    for key in ("local", "Entra ID"):
        with pytest.raises(ValidationError):
            WebSettings(oidc_providers={key: PROVIDER})


def test_outside_development_a_provider_is_reached_over_https() -> None:
    production = {"environment": "production", "secret_key": "x" * 40, "pg_password": "a-real-secret",
                  "auth_jwks_url": "https://peel.example/.well-known/jwks.json"}
    assert WebSettings(**production, oidc_providers={"entra": PROVIDER}).oidc_providers
    with pytest.raises(ValidationError, match="HTTPS"):
        WebSettings(**production, oidc_providers={"entra": PROVIDER | {"issuer": "http://login.example"}})
