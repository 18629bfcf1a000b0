"""Residents behind a trusted proxy are told apart by the address it forwards: one resident using up the public
allowance does not hold back another. An address forwarded by a peer that is not trusted counts for nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import httpx
import pytest

from peel.consultation.bootstrap import create_app
from peel.consultation.settings import ConsultationSettings
from tests.support.servers import service_settings, serving

pytestmark = pytest.mark.e2e
LISTING = "/v1/public/offices/cheshire/consultations"
RESIDENT_A = {"X-Forwarded-For": "203.0.113.7"}
RESIDENT_B = {"X-Forwarded-For": "198.51.100.9"}


@pytest.fixture
def limited(infra, new_database: Callable[[], Awaitable[str]], topic_prefix: str,
            key_dir: Path) -> Callable[[], AbstractAsyncContextManager[httpx.AsyncClient]]:
    """Start a consultation service allowing each address two public requests a minute."""

    @asynccontextmanager
    async def start() -> AsyncIterator[httpx.AsyncClient]:
        settings = service_settings(ConsultationSettings, dsn=await new_database(), kafka=infra.kafka_bootstrap,
                                    prefix=topic_prefix, key_dir=key_dir, public_rate_limit_per_minute=2)
        async with serving(create_app(settings)) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
            yield client
    return start


async def use_up_allowance(client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
    """Two requests allowed, and the answer to the third."""
    for _ in range(2):
        assert (await client.get(LISTING, headers=headers)).status_code == 200
    return await client.get(LISTING, headers=headers)


async def test_each_forwarded_address_has_its_own_allowance(limited, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)  # the proxy on 127.0.0.1 is trusted
    async with limited() as client:
        refused = await use_up_allowance(client, RESIDENT_A)
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) >= 1
        assert (await client.get(LISTING, headers=RESIDENT_B)).status_code == 200
        assert (await client.get(LISTING)).status_code == 200
        assert (await client.get(LISTING, headers=RESIDENT_A)).status_code == 429


async def test_an_address_forwarded_by_an_untrusted_peer_is_ignored(limited, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "192.0.2.1")  # uvicorn trusts only that proxy, not 127.0.0.1
    async with limited() as client:
        for _ in range(2):
            assert (await client.get(LISTING, headers=RESIDENT_A)).status_code == 200
        refused = await client.get(LISTING, headers=RESIDENT_B)
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
