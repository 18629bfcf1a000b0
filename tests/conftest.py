"""Fixtures shared by every test: spans in memory, infrastructure, fresh databases, tokens."""

from __future__ import annotations

import asyncio
import uuid
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import asyncpg
import pytest
from opentelemetry import trace
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from peel.common.auth.keys import ensure_key_pair, mint_token
from peel.common.messaging.kafka import delete_topics
from tests.support.infra import Infrastructure, infrastructure

SPANS = InMemorySpanExporter()
_provider = TracerProvider()
_provider.add_span_processor(SimpleSpanProcessor(SPANS))
trace.set_tracer_provider(_provider)
AsyncPGInstrumentor().instrument()

ISSUER, AUDIENCE = "peel-test", "peel"


@pytest.fixture(scope="session")
def spans() -> InMemorySpanExporter:
    return SPANS


@pytest.fixture(scope="session")
def infra() -> Iterator[Infrastructure]:
    with infrastructure() as found:
        yield found


@pytest.fixture(scope="session")
def key_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("keys")
    ensure_key_pair(directory)
    return directory


@pytest.fixture(scope="session")
def token(key_dir: Path):  # noqa: ANN201 - a factory
    private = (key_dir / "jwt-private.pem").read_bytes()

    def make(tenant: str = "cheshire", *roles: str, scopes: tuple[str, ...] = (), **claims) -> str:  # noqa: ANN003
        return mint_token(private, tenant=tenant, roles=roles, scopes=scopes, issuer=claims.get("issuer", ISSUER),
                          audience=claims.get("audience", AUDIENCE), ttl_seconds=claims.get("ttl", 600))

    return make


@pytest.fixture
async def new_database(infra: Infrastructure) -> AsyncIterator[Callable[[], Awaitable[str]]]:
    """Makes fresh, empty databases; all are dropped afterwards."""
    admin = await asyncpg.connect(infra.admin_dsn)
    names: list[str] = []

    async def create() -> str:
        name = f"peel_test_{uuid.uuid4().hex[:12]}"
        await admin.execute(f'CREATE DATABASE "{name}"')
        names.append(name)
        return infra.admin_dsn.rsplit("/", 1)[0] + f"/{name}"

    try:
        yield create
        for name in names:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture
async def database(new_database: Callable[[], Awaitable[str]]) -> str:
    """A fresh, empty database; dropped afterwards."""
    return await new_database()


@pytest.fixture
async def topic_prefix(infra: Infrastructure) -> AsyncIterator[str]:
    """Topics and consumer groups of one test never meet another test's; its topics go afterwards."""
    prefix = f"t{uuid.uuid4().hex[:10]}."
    yield prefix
    try:
        await asyncio.wait_for(delete_topics(infra.kafka_bootstrap, prefix), 60)
    except TimeoutError:
        warnings.warn(f"the topics of {prefix} were not deleted within 60 s; they are left behind", stacklevel=1)
