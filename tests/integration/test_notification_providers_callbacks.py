"""The notifications service sending email through the fake GOV.UK Notify over HTTP, and Notify's receipts coming
back to its callback route: each message ends as Notify said."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import pytest
from pydantic import SecretStr

from peel.common.db.pool import create_pool
from peel.common.outbox import Outbox
from peel.notifications.bootstrap import create_app
from peel.notifications.messages.adapters.unit_of_work import NotificationsUnitOfWork
from peel.notifications.messages.service_layer.messages import send_message
from peel.notifications.settings import NotificationsSettings
from tests.support.fake_notify import API_KEY, CALLBACK_TOKEN, fake_notify
from tests.support.receipts import command
from tests.support.servers import eventually, free_port, service_settings, serving

pytestmark = pytest.mark.integration
CALLBACKS = "/v1/providers/notify/callbacks"


@dataclass
class Running:
    client: httpx.AsyncClient
    pool: asyncpg.Pool
    uow: NotificationsUnitOfWork


@pytest.fixture
async def running(infra, database: str, topic_prefix: str, key_dir: Path, tmp_path: Path) -> AsyncIterator[Running]:
    port = free_port()
    async with fake_notify(callback_url=f"http://127.0.0.1:{port}{CALLBACKS}") as fake:
        settings = service_settings(
            NotificationsSettings, dsn=database, kafka=infra.kafka_bootstrap, prefix=topic_prefix, key_dir=key_dir,
            email_provider="notify", notify_base_url=fake.url, notify_api_key=SecretStr(API_KEY),
            notify_email_template_id="e", notify_callback_token=SecretStr(CALLBACK_TOKEN),
            delivery_poll_seconds=0.1, mail_dir=tmp_path / "mail")
        async with serving(create_app(settings), port) as url, httpx.AsyncClient(base_url=url) as client:
            pool = await create_pool(database, min_size=1, max_size=2)
            yield Running(client, pool, NotificationsUnitOfWork(pool, Outbox("/peel/notifications")))
            await pool.close()


async def test_each_message_ends_as_notifys_receipt_says(running):
    outcomes = {"resident@example.org": "delivered", "perm-fail@simulator.notify": "permanent-failure",
                "temp-fail@simulator.notify": "temporary-failure"}
    sent = {}
    for n, (address, outcome) in enumerate(outcomes.items()):
        message, _ = await send_message(command(f"notify-{n}", recipient=address), running.uow)
        sent[message.id] = outcome

    async def final() -> dict | None:
        rows = await running.pool.fetch("SELECT id, status, provider FROM messages")
        statuses = {row["id"]: row["status"] for row in rows}
        return statuses if statuses == sent and {row["provider"] for row in rows} == {"notify"} else None

    assert await eventually(final, within=30) == sent


async def test_a_callback_without_the_token_is_refused(running):
    body = {"id": "n-1", "status": "delivered"}
    assert (await running.client.post(CALLBACKS, json=body)).status_code == 401
    wrong = {"Authorization": "Bearer not-the-token"}
    assert (await running.client.post(CALLBACKS, json=body, headers=wrong)).status_code == 401


@pytest.mark.parametrize(("body", "field"), [
    ({"status": "delivered"}, "id"), ({"id": "n-1"}, "status"), ([], "body"), ("x", "body"),
    ({"id": "n-1", "status": "delivered", "completed_at": "soon"}, "completed_at"),
])
async def test_a_malformed_callback_is_422_naming_the_field(running, body, field):
    answer = await running.client.post(CALLBACKS, json=body, headers={"Authorization": f"Bearer {CALLBACK_TOKEN}"})
    assert answer.status_code == 422 and field in answer.text


async def test_a_callback_for_no_message_of_ours_changes_nothing(running):
    body = {"id": "unknown", "reference": "not-a-uuid", "status": "delivered"}
    answer = await running.client.post(CALLBACKS, json=body, headers={"Authorization": f"Bearer {CALLBACK_TOKEN}"})
    assert answer.status_code == 200
    answer = await running.client.post(CALLBACKS, content=b"{not json",
                                       headers={"Authorization": f"Bearer {CALLBACK_TOKEN}",
                                                "Content-Type": "application/json"})
    assert answer.status_code == 422
