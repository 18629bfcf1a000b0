"""``peel serve``: the service and, beside it, the ``peel relay`` process publishing its outbox."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from peel.cli.demo import consultation_body
from tests.support.kafka import read_all
from tests.support.servers import eventually
from tests.support.tokens import AUDIENCE, ISSUER

pytestmark = pytest.mark.integration


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def relays_of(parent: int) -> list[int]:
    """Pids of ``peel relay`` processes started for the service process ``parent``."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"relay" in command and str(parent).encode() in command:
            found.append(int(pid))
    return found


async def test_the_service_publishes_through_its_relay_process_which_stops_with_it(
    infra, database, topic_prefix, key_dir, token
):
    port = free_port()
    env = {**os.environ, "PEEL_CONSULTATION_DATABASE_URL": database, "PEEL_CONSULTATION_PORT": str(port),
           "PEEL_KAFKA_BOOTSTRAP": infra.kafka_bootstrap, "PEEL_KAFKA_TOPIC_PREFIX": topic_prefix,
           "PEEL_ENVIRONMENT": "test", "PEEL_AUTH_PUBLIC_KEY_PATH": str(key_dir / "jwt-public.pem"),
           "PEEL_AUTH_ISSUER": ISSUER, "PEEL_AUTH_AUDIENCE": AUDIENCE, "PEEL_LOG_LEVEL": "WARNING"}
    service = subprocess.Popen([sys.executable, "-m", "peel.cli.main", "serve", "consultation"], env=env)
    try:
        url = f"http://127.0.0.1:{port}"
        await eventually(lambda: _ready(url), within=60)
        assert len(relays_of(service.pid)) == 1
        staff = {"Authorization": f"Bearer {token('cheshire', 'engagement_officer')}"}
        async with httpx.AsyncClient(base_url=url) as client:
            created = (await client.post("/v1/consultations", json=consultation_body(), headers=staff)).json()
            assert (await client.post(f"/v1/consultations/{created['id']}/publish", headers=staff)).status_code == 200

        async def published() -> bool:
            records = await read_all(infra.kafka_bootstrap, f"{topic_prefix}consultation.events")
            return any(json.loads(r.value)["type"] == "peel.consultation.consultation.published.v1" for r in records)

        await eventually(published, within=30)
    finally:
        service.send_signal(signal.SIGTERM)
        await asyncio.to_thread(service.wait, 30)
    await eventually(lambda: _none_left(service.pid), within=30)


async def _ready(url: str) -> bool:
    try:
        async with httpx.AsyncClient() as client:
            return (await client.get(f"{url}/readyz")).status_code == 200
    except httpx.TransportError:
        return False


async def _none_left(parent: int) -> bool:
    return not relays_of(parent)
