"""The fake GOV.UK Notify served in a test, and a receiver that keeps the receipts it posts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from pydantic import SecretStr

from peel.cli.fake_notify.app import create_app
from peel.cli.fake_notify.config import FakeNotifySettings
from tests.support.servers import serving

SERVICE_ID = "5b1fe5b8-0e0a-4a35-9a53-2f5c5b3b4d01"
SECRET = "0d4a41f4-7d3c-4a8e-9f55-6b2f0c3e9a77"
API_KEY = f"test-key-{SERVICE_ID}-{SECRET}"
CALLBACK_TOKEN = "test-callback-token-0123456789"


@dataclass
class Receiver:
    """Keeps every callback it gets with its Authorization header."""

    received: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/callbacks")
        async def callback(request: Request) -> dict[str, str]:
            self.received.append((request.headers.get("authorization", ""), await request.json()))
            return {"result": "recorded"}

        return app


@dataclass
class RunningFake:
    url: str
    receiver: Receiver


@asynccontextmanager
async def fake_notify(rate_per_minute: int = 3000, delay: float = 0.05,
                      callback_url: str | None = None) -> AsyncIterator[RunningFake]:
    """The fake, its receipts going to ``callback_url`` or else to a ``Receiver`` of the test's."""
    receiver = Receiver()
    async with serving(receiver.app()) as receiver_url:
        settings = FakeNotifySettings(api_key=SecretStr(API_KEY), rate_per_minute=rate_per_minute,
                                      callback_url=callback_url or f"{receiver_url}/callbacks",
                                      callback_token=SecretStr(CALLBACK_TOKEN), callback_delay_seconds=delay)
        async with serving(create_app(settings)) as url:
            yield RunningFake(url, receiver)
