import json
import uuid
from datetime import UTC, date, datetime

import httpx
import jwt
import pytest
from pydantic import SecretStr

from peel.cli.fake_notify.checks import SlidingWindow, outcome_for, token_problem
from peel.common.errors import InvalidInput
from peel.common.retries import PermanentFailure, ProviderUnavailable, TechnicalFailure, TemporaryFailure
from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.messages.adapters.email import MailFolder
from peel.notifications.messages.adapters.notify import NotifyKey, NotifyProvider, receipt_from_callback, request_body
from peel.notifications.messages.adapters.pacing import DailyLimit, Pacer, TokenBucket
from peel.notifications.messages.adapters.providers import NoProvider, providers_for
from peel.notifications.messages.adapters.smtp import SmtpPool
from peel.notifications.messages.domain.outgoing import Content, Outgoing
from peel.notifications.messages.settings import MessagesSettings

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"live-key-{SERVICE_ID}-{SECRET}"
EMAIL = Outgoing(uuid.uuid4(), Channel.EMAIL, "resident@example.org", Content("Subject", "Body"))
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


async def test_the_bucket_lets_a_burst_through_then_paces_at_its_rate():
    clock = FakeClock()
    bucket = TokenBucket(rate=50, capacity=10, clock=clock, sleep=clock.sleep)
    for _ in range(10):
        await bucket.take()
    assert clock.now == 0
    for _ in range(100):
        await bucket.take()
    assert clock.now == pytest.approx(2.0)  # 100 more at 50 a second


async def test_a_quiet_spell_refills_the_bucket_only_up_to_its_capacity():
    clock = FakeClock()
    bucket = TokenBucket(rate=1, capacity=3, clock=clock, sleep=clock.sleep)
    clock.now = 1000
    for _ in range(4):
        await bucket.take()
    assert clock.now == pytest.approx(1001)


async def test_a_429_holds_everyone_back():
    clock = FakeClock()
    bucket = TokenBucket(rate=10, capacity=10, clock=clock, sleep=clock.sleep)
    bucket.slow_down(2.0)
    await bucket.take()
    assert clock.now == pytest.approx(2.1)


def test_over_the_daily_limit_waits_for_midnight_utc():
    day = [date(2026, 6, 1)]
    limit = DailyLimit(2, today=lambda: day[0])
    limit.count_one()
    limit.count_one()
    with pytest.raises(ProviderUnavailable, match="midnight UTC"):
        limit.count_one()
    day[0] = date(2026, 6, 2)
    limit.count_one()
    assert limit.used == 1


@pytest.mark.parametrize(("limit", "burst"), [(3000, 100), (3000, 1000), (30, 100), (60, 1), (1, 5)])
async def test_the_pacer_never_lets_more_than_the_limit_through_in_any_minute(limit, burst):
    clock = FakeClock()
    pacer = Pacer(limit, burst=burst, daily_limit=10**9, clock=clock, sleep=clock.sleep)
    times = []
    for _ in range(limit * 3):
        await pacer.admit()
        times.append(clock.now)
    busiest = max(sum(1 for t in times[i:i + limit + 1] if t - start < 60) for i, start in enumerate(times))
    assert busiest <= limit
    assert times[-1] < 3 * 60 / 0.9  # and close to the limit: at least 90% of it


def test_the_api_key_gives_the_service_id_and_a_signed_token():
    key = NotifyKey.parse(API_KEY)
    assert (key.service_id, key.secret) == (SERVICE_ID, SECRET)
    claims = jwt.decode(key.token(now=1_700_000_000), SECRET, algorithms=["HS256"], options={"verify_iat": False})
    assert claims == {"iss": SERVICE_ID, "iat": 1_700_000_000}
    assert jwt.get_unverified_header(key.token())["alg"] == "HS256"


@pytest.mark.parametrize("bad", ["", "short", f"{SERVICE_ID}{SECRET}", "x" * 80])
def test_a_malformed_api_key_is_refused(bad):
    with pytest.raises(ValueError, match="API key"):
        NotifyKey.parse(bad)


def test_each_channel_uses_its_field_and_the_message_id_as_reference():
    email = request_body(EMAIL, "t-email")
    assert email == {"template_id": "t-email", "reference": str(EMAIL.message_id), "email_address":
                     "resident@example.org", "personalisation": {"subject": "Subject", "body": "Body"}}
    sms = request_body(Outgoing(EMAIL.message_id, Channel.SMS, "07700900123", Content("", "Hi")), "t-sms")
    assert (sms["phone_number"], sms["personalisation"]) == ("07700900123", {"body": "Hi"})
    letter = request_body(Outgoing(EMAIL.message_id, Channel.LETTER, "A Resident\n1 High St\n\nCrewe\nCW1 2AB",
                                   Content("Title", "Letter")), "t-letter")
    assert letter["personalisation"] == {"subject": "Title", "body": "Letter", "address_line_1": "A Resident",
                                         "address_line_2": "1 High St", "address_line_3": "Crewe",
                                         "address_line_4": "CW1 2AB"}


def provider_answering(status: int, body: dict | None = None, headers: dict | None = None,
                       seen: list | None = None) -> NotifyProvider:
    def answer(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        return httpx.Response(status, json=body or {}, headers=headers)

    client = httpx.AsyncClient(base_url="https://notify.test", transport=httpx.MockTransport(answer))
    return NotifyProvider(client, NotifyKey.parse(API_KEY), "t-email", Pacer(3000, 100, 1000))


async def test_a_201_is_a_handover_awaiting_a_receipt():
    seen: list[httpx.Request] = []
    provider = provider_answering(201, {"id": "notify-1"}, seen=seen)
    handover = await provider.send(EMAIL)
    assert (handover.provider, handover.reference, handover.receipt_expected) == ("notify", "notify-1", True)
    [request] = seen
    assert request.url.path == "/v2/notifications/email"
    token = request.headers["authorization"].removeprefix("Bearer ")
    assert jwt.decode(token, SECRET, algorithms=["HS256"])["iss"] == SERVICE_ID
    assert json.loads(request.content)["reference"] == str(EMAIL.message_id)
    await provider.close()
    await provider.close()


@pytest.mark.parametrize(("status", "error", "kind", "says"), [
    (400, "BadRequestError", TechnicalFailure, "refused the message (400: BadRequestError)"),
    (400, "ValidationError", PermanentFailure, "refused the message (400: ValidationError)"),
    (403, "AuthError", TemporaryFailure, "refused our API key (403)"),
    (404, "NotFound", TemporaryFailure, "failed (404)"),
    (429, "RateLimitError", ProviderUnavailable, "slow down (429)"),
    (500, "Exception", ProviderUnavailable, "failed (500)"),
    (503, "Exception", ProviderUnavailable, "failed (503)"),
])
async def test_notify_answers_decide_whether_to_try_again(status, error, kind, says):
    """Only a ValidationError is the address's; Notify's own trouble (5xx, 429) is an outage, not the message's."""
    body = {"errors": [{"error": error, "message": "resident@example.org is not allowed"}]}
    with pytest.raises(kind) as failed:
        await provider_answering(status, body).send(EMAIL)
    assert type(failed.value) is kind and says in str(failed.value) and "resident" not in str(failed.value)


async def test_a_429_slows_the_pacer_down():
    provider = provider_answering(429, headers={"Retry-After": "3"})
    bucket = provider._pacer.bucket  # noqa: SLF001
    with pytest.raises(TemporaryFailure):
        await provider.send(EMAIL)
    assert bucket.wait_for_one() > 2.9


async def test_an_unreachable_notify_is_an_outage():
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    client = httpx.AsyncClient(base_url="https://notify.test", transport=httpx.MockTransport(refuse))
    provider = NotifyProvider(client, NotifyKey.parse(API_KEY), "t", Pacer(3000, 100, 1000))
    with pytest.raises(ProviderUnavailable, match="could not be reached"):
        await provider.send(EMAIL)


def test_a_delivery_receipt_becomes_a_receipt():
    message_id = uuid.uuid4()
    receipt = receipt_from_callback({
        "id": "740e5834-3a29-46b4-9a6f-16142fde533a", "reference": str(message_id), "to": "resident@example.org",
        "status": "delivered", "created_at": "2026-06-01T11:59:00.000000Z", "completed_at":
        "2026-06-01T12:00:01.000000Z", "sent_at": "2026-06-01T12:00:00.000000Z", "notification_type": "email",
        "template_id": "x", "template_version": 1}, NOW)
    assert (receipt.provider, receipt.provider_reference, receipt.message_id, receipt.status) == (
        "notify", "740e5834-3a29-46b4-9a6f-16142fde533a", message_id, "delivered")
    assert receipt.at == datetime(2026, 6, 1, 12, 0, 1, tzinfo=UTC)


def test_a_receipt_without_our_reference_is_still_matched_by_notify_id():
    receipt = receipt_from_callback({"id": "n-1", "reference": "not-ours", "status": "permanent-failure"}, NOW)
    assert (receipt.message_id, receipt.status, receipt.at) == (None, "permanent-failure", NOW)


def test_a_complaint_becomes_a_complaint_receipt():
    message_id = uuid.uuid4()
    receipt = receipt_from_callback({"notification_id": "n-2", "complaint_id": "c-1", "reference": str(message_id),
                                     "to": "resident@example.org", "complaint_date": "2026-06-01T10:00:00Z"}, NOW)
    assert (receipt.provider_reference, receipt.message_id, receipt.status) == ("n-2", message_id, "complaint")


@pytest.mark.parametrize(("payload", "field"), [
    ([1, 2], "body"), ("text", "body"), ({}, "body.id"), ({"id": "n"}, "body.status"),
    ({"id": "n", "status": "delivered", "completed_at": "yesterday"}, "body.completed_at"),
    ({"id": "n", "status": "delivered", "notification_type": "fax"}, "body.notification_type"),
    ({"complaint_id": "c"}, "body.notification_id"),
])
def test_a_malformed_callback_names_the_field(payload, field):
    with pytest.raises(InvalidInput) as invalid:
        receipt_from_callback(payload, NOW)
    assert field in {".".join(map(str, error.location)) for error in invalid.value.errors}


def settings(**values) -> MessagesSettings:
    return MessagesSettings(**values)


def test_without_providers_email_goes_to_the_mail_folder_and_sms_and_letters_fail(tmp_path):
    providers = providers_for(settings(mail_dir=tmp_path))
    assert isinstance(providers[Channel.EMAIL], MailFolder) and providers[Channel.EMAIL].directory == tmp_path
    assert isinstance(providers[Channel.SMS], NoProvider) and isinstance(providers[Channel.LETTER], NoProvider)


async def test_a_channel_without_a_provider_fails_technically_saying_so():
    with pytest.raises(TechnicalFailure, match="no provider for sms"):
        await providers_for(settings())[Channel.SMS].send(EMAIL)


async def test_a_mail_server_and_notify_share_the_channels():
    providers = providers_for(settings(smtp_host="mail.example", notify_api_key=SecretStr(API_KEY),
                                       notify_email_template_id="e", notify_sms_template_id="s"))
    assert isinstance(providers[Channel.EMAIL], SmtpPool)
    assert isinstance(providers[Channel.SMS], NotifyProvider)
    assert isinstance(providers[Channel.LETTER], NoProvider)  # no letter template
    for provider in providers.values():
        await provider.close()


async def test_notify_sends_email_when_chosen():
    providers = providers_for(settings(smtp_host="mail.example", email_provider="notify",
                                       notify_api_key=SecretStr(API_KEY), notify_email_template_id="e"))
    assert isinstance(providers[Channel.EMAIL], NotifyProvider)
    await providers[Channel.EMAIL].close()


@pytest.mark.parametrize(("recipient", "outcome"), [
    ("temp-fail@simulator.notify", "temporary-failure"), ("07700900003", "temporary-failure"),
    ("perm-fail@simulator.notify", "permanent-failure"), ("07700 900002", "permanent-failure"),
    ("resident@example.org", "delivered"), ("07700900123", "delivered"),
])
def test_the_fake_notify_magic_recipients(recipient, outcome):
    assert outcome_for(recipient) == outcome


def test_the_fake_notify_checks_the_token_like_notify():
    token = NotifyKey.parse(API_KEY).token(now=1000)
    assert token_problem(f"Bearer {token}", SERVICE_ID, SECRET, 30, 1020) is None
    assert "clock" in token_problem(f"Bearer {token}", SERVICE_ID, SECRET, 30, 1031)
    assert "service" in token_problem(f"Bearer {token}", "other", SECRET, 30, 1000)
    assert "API key" in token_problem(f"Bearer {token}", SERVICE_ID, "wrong-secret-" * 4, 30, 1000)
    assert "must be provided" in token_problem("", SERVICE_ID, SECRET, 30, 1000)


def test_the_fake_notify_allows_so_many_in_any_60_seconds():
    clock = FakeClock()
    window = SlidingWindow(3, clock)
    assert [window.allow() for _ in range(4)] == [True, True, True, False]
    clock.now = 59.9
    assert not window.allow()
    clock.now = 60
    assert window.allow()


def test_notify_for_email_without_its_template_leaves_email_to_the_mail_server():
    chosen = providers_for(settings(smtp_host="mail.example", email_provider="notify",
                                    notify_api_key=SecretStr(API_KEY), notify_sms_template_id="s"))
    assert isinstance(chosen[Channel.EMAIL], SmtpPool)


@pytest.mark.parametrize(("values", "refused"), [
    ({}, "SMTP_HOST is required"),
    ({"email_provider": "notify", "notify_api_key": SecretStr(API_KEY)}, "SMTP_HOST is required"),
    ({"email_provider": "notify", "notify_api_key": SecretStr(API_KEY), "notify_email_template_id": "e"}, None),
    ({"smtp_host": "mail.example", "notify_callback_token": SecretStr("secret")}, "CALLBACK_TOKEN is a placeholder"),
    ({"smtp_host": "mail.example", "notify_callback_token": SecretStr("a-long-random-token-0123456789")}, None),
])
def test_outside_development_email_needs_a_provider_and_real_secrets(values, refused):
    if refused is None:
        settings(**values)._refuse_message_placeholders()  # noqa: SLF001
        return
    with pytest.raises(ValueError, match=refused):
        settings(**values)._refuse_message_placeholders()  # noqa: SLF001
