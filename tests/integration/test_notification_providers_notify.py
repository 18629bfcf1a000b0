"""The Notify provider against the fake GOV.UK Notify over real HTTP: outcomes as receipts, 429s, pacing."""

import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from pydantic import SecretStr

from peel.cli.fake_notify.config import DEVELOPMENT_API_KEY
from peel.common.retries import TemporaryFailure
from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.messages.adapters.notify import NotifyKey, receipt_from_callback
from peel.notifications.messages.adapters.providers import providers_for
from peel.notifications.messages.domain.outgoing import Content, Outgoing
from peel.notifications.messages.settings import MessagesSettings
from tests.support.fake_notify import API_KEY, CALLBACK_TOKEN, fake_notify
from tests.support.servers import eventually, free_port

MAGIC = {(Channel.EMAIL, "temp-fail@simulator.notify"): "temporary-failure",
         (Channel.EMAIL, "perm-fail@simulator.notify"): "permanent-failure",
         (Channel.SMS, "07700900003"): "temporary-failure", (Channel.SMS, "07700900002"): "permanent-failure",
         (Channel.EMAIL, "resident@example.org"): "delivered", (Channel.SMS, "07700900123"): "delivered",
         (Channel.LETTER, "A Resident\n1 High Street\nCrewe\nCW1 2AB"): "delivered"}


def providers(url: str, limit: int = 3000, burst: int = 100):
    return providers_for(MessagesSettings(
        email_provider="notify", notify_base_url=url, notify_api_key=SecretStr(API_KEY), notify_email_template_id="e",
        notify_sms_template_id="s", notify_letter_template_id="l", notify_rate_per_minute=limit, notify_burst=burst))


def outgoing(channel: Channel, to: str) -> Outgoing:
    return Outgoing(uuid.uuid4(), channel, to, Content("Subject", "Body"))


async def test_each_magic_recipient_outcome_arrives_as_a_receipt():
    async with fake_notify() as fake:
        by_channel = providers(fake.url)
        sent = {outgoing(channel, to): status for (channel, to), status in MAGIC.items()}
        handovers = {message.message_id: await by_channel[message.channel].send(message) for message in sent}
        await eventually(lambda: _enough(fake.receiver.received, len(sent)))
        for provider in by_channel.values():
            await provider.close()
    assert all(handover.receipt_expected and handover.provider == "notify" for handover in handovers.values())
    assert {authorization for authorization, _ in fake.receiver.received} == {f"Bearer {CALLBACK_TOKEN}"}
    now = datetime.now(UTC)
    receipts = {receipt.message_id: receipt
                for receipt in (receipt_from_callback(body, now) for _, body in fake.receiver.received)}
    for message, status in sent.items():
        assert receipts[message.message_id].status == status
        assert receipts[message.message_id].provider_reference == handovers[message.message_id].reference


async def _enough(received: list, count: int) -> bool:
    return len(received) >= count


async def test_over_the_rate_limit_notify_answers_429_and_it_is_counted():
    async with fake_notify(rate_per_minute=3) as fake, httpx.AsyncClient(base_url=fake.url) as client:
        key = NotifyKey.parse(API_KEY)
        body = {"template_id": "e", "email_address": "resident@example.org", "personalisation": {}}
        answers = [await client.post("/v2/notifications/email", json=body,
                                     headers={"Authorization": f"Bearer {key.token()}"}) for _ in range(4)]
        stats = (await client.get("/fake/stats")).json()
    assert [answer.status_code for answer in answers] == [201, 201, 201, 429]
    assert answers[3].json()["errors"][0]["message"] == ("Exceeded rate limit for key type TEAM of 3 requests per 60 "
                                                         "seconds")
    assert (stats["accepted"], stats["rate_limited"]) == (3, 1)


async def test_a_429_is_a_temporary_failure():
    async with fake_notify(rate_per_minute=1) as fake:
        email = providers(fake.url, limit=1000)[Channel.EMAIL]
        await email.send(outgoing(Channel.EMAIL, "resident@example.org"))
        with pytest.raises(TemporaryFailure, match="429"):
            await email.send(outgoing(Channel.EMAIL, "resident@example.org"))
        await email.close()


async def test_paced_sending_never_meets_the_rate_limit():
    async with fake_notify(rate_per_minute=120) as fake, httpx.AsyncClient(base_url=fake.url) as client:
        email = providers(fake.url, limit=120, burst=12)[Channel.EMAIL]
        for _ in range(20):  # 12 at once, then 1.8 a second
            await email.send(outgoing(Channel.EMAIL, "resident@example.org"))
        await email.close()
        stats = (await client.get("/fake/stats")).json()
    assert (stats["accepted"], stats["rate_limited"]) == (20, 0)


async def test_a_wrong_key_is_refused_as_notify_does():
    async with fake_notify() as fake, httpx.AsyncClient(base_url=fake.url) as client:
        wrong = NotifyKey("5b1fe5b8-0e0a-4a35-9a53-2f5c5b3b4d01", "another-secret-of-enough-length-xx")
        answer = await client.post("/v2/notifications/email", json={"template_id": "e"},
                                   headers={"Authorization": f"Bearer {wrong.token()}"})
    assert answer.status_code == 403 and answer.json()["errors"][0]["error"] == "AuthError"


async def test_peel_serve_fake_notify_answers_with_the_development_key():
    port = free_port()
    env = {**os.environ, "PEEL_FAKE_NOTIFY_PORT": str(port), "PEEL_FAKE_NOTIFY_CALLBACK_URL": ""}
    process = subprocess.Popen([sys.executable, "-m", "peel.cli.main", "serve", "fake-notify"], env=env,
                               stdout=subprocess.DEVNULL)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            await eventually(lambda: _ready(client))
            token = NotifyKey.parse(DEVELOPMENT_API_KEY).token()
            answer = await client.post("/v2/notifications/sms", headers={"Authorization": f"Bearer {token}"},
                                       json={"template_id": "s", "phone_number": "07700900123",
                                             "personalisation": {"body": "Hi"}, "reference": "r-1"})
            assert answer.status_code == 201 and answer.json()["reference"] == "r-1"
            stored = await client.get(f"/v2/notifications/{answer.json()['id']}",
                                      headers={"Authorization": f"Bearer {token}"})
            assert stored.json()["notification_type"] == "sms"
    finally:
        process.terminate()
        process.wait(15)


async def _ready(client: httpx.AsyncClient) -> bool:
    try:
        return (await client.get("/readyz")).status_code == 200
    except httpx.HTTPError:
        return False
