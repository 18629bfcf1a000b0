import json
import logging
from types import SimpleNamespace

import httpx
import pytest
from pydantic import SecretStr, ValidationError

from peel.common.auth import TokenVerifier
from peel.common.auth.keys import ensure_key_pair
from peel.common.notify.client import NotificationsClient, ServiceTokens
from peel.common.notify.emails import OutgoingEmail
from peel.common.retries import PermanentFailure, TemporaryFailure
from peel.consultation.entrypoints.receipts import RECEIPTS
from peel.consultation.settings import ConsultationSettings
from peel.notifications.settings import NotificationsSettings

EMAIL = OutgoingEmail("cheshire", "resident@example.org", "consultation-receipt-1", {"response_id": "1"},
                      "consultation_receipt")
REAL = {"PEEL_ENVIRONMENT": "production", "PEEL_PG_PASSWORD": "a-real-secret-from-the-vault",
        "PEEL_AUTH_JWKS_URL": "https://login.example.police.uk/jwks"}


def tokens(key_dir=None, **configured: str) -> ServiceTokens:
    key = key_dir / "jwt-private.pem" if key_dir else None
    return ServiceTokens({t: SecretStr(v) for t, v in configured.items()}, key, "peel-test", "peel",
                         "peel-consultation")


def client(answer: int, seen: list | None = None) -> NotificationsClient:
    requests = [] if seen is None else seen

    def handle(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(answer, json={})

    http = httpx.AsyncClient(base_url="http://notifications", transport=httpx.MockTransport(handle))
    return NotificationsClient(http, tokens(cheshire="a-configured-token"))


async def test_development_mints_a_short_token_for_the_tenant_with_the_send_scope(tmp_path):
    _, public = ensure_key_pair(tmp_path)
    minted = tokens(tmp_path).for_tenant("dyfed-powys")
    principal = await TokenVerifier(issuer="peel-test", audience="peel", public_key=public.read_text()).verify(minted)
    assert (principal.tenant, principal.scopes, principal.subject) == (
        "dyfed-powys", frozenset({"notifications:send"}), "peel-consultation")


def test_a_configured_token_wins_and_none_without_a_key_is_temporary(tmp_path):
    assert tokens(tmp_path, cheshire="configured").for_tenant("cheshire") == "configured"
    with pytest.raises(TemporaryFailure, match="no notifications token is configured for the tenant dyfed-powys"):
        tokens(cheshire="configured").for_tenant("dyfed-powys")
    with pytest.raises(TemporaryFailure, match="signing key could not be read"):
        tokens(tmp_path / "nowhere").for_tenant("cheshire")


async def test_the_receipt_is_posted_with_the_tenants_token():
    seen: list[httpx.Request] = []
    await client(201, seen).send(EMAIL)
    await client(200).send(EMAIL)
    [request] = seen
    assert request.url.path == "/v1/messages" and request.headers["Authorization"] == "Bearer a-configured-token"
    assert json.loads(request.content) == {
        "template": "consultation_receipt", "email_address": "resident@example.org",
        "reference": "consultation-receipt-1", "personalisation": {"response_id": "1"},
    }


@pytest.mark.parametrize(("answer", "failure"), [(422, PermanentFailure), (409, PermanentFailure),
                                                 (401, TemporaryFailure), (503, TemporaryFailure),
                                                 (429, TemporaryFailure)])
async def test_answers_decide_whether_to_try_again(answer, failure):
    with pytest.raises(failure):
        await client(answer).send(EMAIL)


async def test_an_unreachable_service_is_a_temporary_failure():
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    http = httpx.AsyncClient(base_url="http://notifications", transport=httpx.MockTransport(refuse))
    with pytest.raises(TemporaryFailure, match="could not be reached"):
        await NotificationsClient(http, tokens(cheshire="t")).send(EMAIL)


async def test_without_a_notifications_url_receipts_are_not_sent_and_that_is_logged_once(caplog):
    runtime = SimpleNamespace(settings=ConsultationSettings(environment="test", notifications_url=None), pool=None)
    with caplog.at_level(logging.INFO, logger="peel.common.notify.worker"):
        await RECEIPTS.run(runtime)  # type: ignore[arg-type]
    assert [r.getMessage() for r in caplog.records] == [
        "emails are not sent: PEEL_CONSULTATION_NOTIFICATIONS_URL is not set; they wait"]


def test_outside_development_receipts_need_real_tokens(monkeypatch):
    for name, value in {**REAL, "PEEL_CONSULTATION_NOTIFICATIONS_URL": "http://notifications:8103"}.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match="PEEL_CONSULTATION_NOTIFICATIONS_TOKENS is required"):
        ConsultationSettings()
    monkeypatch.setenv("PEEL_CONSULTATION_NOTIFICATIONS_TOKENS", '{"cheshire": "changeme"}')
    with pytest.raises(ValidationError, match=r"placeholders for \['cheshire'\]"):
        ConsultationSettings()
    monkeypatch.setenv("PEEL_CONSULTATION_NOTIFICATIONS_TOKENS", '{"cheshire": "eyJ.a-real.token"}')
    settings = ConsultationSettings()
    assert settings.notifications_tokens["cheshire"].get_secret_value() == "eyJ.a-real.token"
    assert settings.signing_key_path is None


def test_development_mints_with_the_key_beside_the_public_one(tmp_path):
    settings = ConsultationSettings(environment="development", auth_public_key_path=tmp_path / "jwt-public.pem")
    assert settings.signing_key_path == tmp_path / "jwt-private.pem"


def test_outside_development_notifications_need_a_mail_server_and_real_secrets(monkeypatch, tmp_path):
    for name, value in REAL.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match="PEEL_NOTIFICATIONS_SMTP_HOST is required"):
        NotificationsSettings()
    monkeypatch.setenv("PEEL_NOTIFICATIONS_SMTP_HOST", "smtp.example.police.uk")
    monkeypatch.setenv("PEEL_NOTIFICATIONS_SMTP_USERNAME", "peel")
    with pytest.raises(ValidationError, match="PEEL_NOTIFICATIONS_SMTP_PASSWORD is a placeholder"):
        NotificationsSettings()
    monkeypatch.setenv("PEEL_NOTIFICATIONS_SMTP_PASSWORD", "a-real-secret")
    with pytest.raises(ValidationError, match="PEEL_NOTIFICATIONS_LINK_SECRET is a placeholder"):
        NotificationsSettings()
    monkeypatch.setenv("PEEL_NOTIFICATIONS_LINK_SECRET", "a-real-link-secret")
    assert NotificationsSettings().smtp_host == "smtp.example.police.uk"


def test_development_writes_emails_under_the_local_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("PEEL_LOCAL_DIR", str(tmp_path))
    assert NotificationsSettings(environment="development").mail_directory == tmp_path / "mail"
