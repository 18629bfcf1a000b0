"""Services running in the test's event loop, served over real HTTP on free ports."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import uvicorn
from fastapi import FastAPI

from peel.common.settings import ServiceSettings
from tests.support.tokens import AUDIENCE, ISSUER

S = TypeVar("S", bound=ServiceSettings)


def service_settings(cls: type[S], *, dsn: str, kafka: str, prefix: str, key_dir: Path, **extra: Any) -> S:
    return cls(
        environment="test", database_url=dsn, kafka_bootstrap=kafka, kafka_topic_prefix=prefix,
        auth_public_key_path=key_dir / "jwt-public.pem", auth_issuer=ISSUER, auth_audience=AUDIENCE,
        outbox_poll_seconds=0.2, public_rate_limit_per_minute=extra.pop("public_rate_limit_per_minute", 10_000),
        **extra,
    )


@asynccontextmanager
async def serving(app: FastAPI, port: int = 0) -> AsyncIterator[str]:
    """Serve ``app`` (lifespan included) on ``port`` (a free one by default); yields its base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on",
                                           timeout_graceful_shutdown=5))
    server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign] - Ctrl-C stops pytest
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
            raise RuntimeError("the server stopped before it started")
        await asyncio.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        try:
            await asyncio.wait_for(task, 60)
        except TimeoutError:
            warnings.warn("a test server did not stop within 60 s; it is left behind", stacklevel=1)


def free_port() -> int:
    """A port free now, for a server whose address others must know before it starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


T = TypeVar("T")


async def eventually(check: Callable[[], Awaitable[T | None]], *, within: float = 20.0, every: float = 0.1) -> T:
    """Poll ``check`` until it returns something truthy; fail with its last value after ``within`` seconds."""
    deadline = time.monotonic() + within
    while True:
        value = await check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {within}s (last value: {value!r})")
        await asyncio.sleep(every)
