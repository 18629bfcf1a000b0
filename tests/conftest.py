"""Fixtures shared by every test: spans in memory, infrastructure, fresh databases, tokens.

Each test is marked by its folder: ``unit`` (no Kafka, no PostgreSQL; ``pytest -m unit``), ``integration``
(the real broker and database), ``e2e`` (the services over HTTP) or ``browser`` (pages in Chromium; like ``e2e``,
they may use the platform). The broker and database start only when a test asks for them, through the ``infra``
fixture, which a ``unit`` test may not use.
"""

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
from tests.support.tokens import AUDIENCE, ISSUER

SPANS = InMemorySpanExporter()
_provider = TracerProvider()
_provider.add_span_processor(SimpleSpanProcessor(SPANS))
trace.set_tracer_provider(_provider)
AsyncPGInstrumentor().instrument()

FOLDER_MARKS = {"unit": pytest.mark.unit, "integration": pytest.mark.integration, "e2e": pytest.mark.e2e,
                "browser": pytest.mark.browser}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test by the folder it lives in (tests/unit, tests/integration, tests/e2e, tests/browser)."""
    tests = Path(__file__).parent
    for item in items:
        folder = item.path.relative_to(tests).parts[0] if item.path.is_relative_to(tests) else None
        if folder in FOLDER_MARKS:
            item.add_marker(FOLDER_MARKS[folder])


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A unit test never reaches Kafka or PostgreSQL: asking for them fails it before they start."""
    if item.get_closest_marker("unit") and "infra" in getattr(item, "fixturenames", ()):
        pytest.fail(f"{item.nodeid} is a unit test but uses Kafka or PostgreSQL (the infra fixture); "
                    "use fakes, or move it to tests/integration", pytrace=False)


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
def token(key_dir: Path):
    private = (key_dir / "jwt-private.pem").read_bytes()

    def make(tenant: str = "cheshire", *roles: str, scopes: tuple[str, ...] = (), **claims) -> str:
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
