"""Applies envelopes to reporting's read models through the consumer's own path, without Kafka: the
``project`` fixture of the projection and Panel tests."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from aiokafka.structs import ConsumerRecord

from peel.common.contracts import registry
from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.events import Envelope
from peel.common.messaging.consumer import IdempotentConsumer
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.consultation_results.reports import consultation_results
from peel.reporting.read_models.consultation_results.store import ConsultationStore
from peel.reporting.read_models.registry import handlers

MIGRATIONS = Path(__file__).parents[2] / "services" / "reporting" / "migrations"


class Projector:
    """Applies envelopes through the consumer's own path (claims, handlers, positions) without Kafka."""

    def __init__(self, pool: asyncpg.Pool, topic: str = "consultation.events", handlers_by_type: dict | None = None,
                 name: str = "test.reporting.read-models") -> None:
        self.pool, self.topic = pool, topic
        self.offset = 0
        self.consumer = IdempotentConsumer(
            name=name, topics=[topic], handlers=handlers() if handlers_by_type is None else handlers_by_type,
            registry=registry, pool=pool, bootstrap="unused", dead_letters=None,  # a failure fails the test
        )

    async def __call__(self, *envelopes: Envelope) -> None:
        records = []
        for envelope in envelopes:
            records.append(ConsumerRecord(self.topic, 0, self.offset, 0, 0, envelope.subject.encode(),
                                          envelope.to_json(), None, 0, 0, []))
            self.offset += 1
        await self.consumer.apply(records)

    async def results(self, consultation_id: uuid.UUID, tenant: str = "cheshire") -> dict:
        async with reading(self.pool, ConsultationStore) as store:
            found = await consultation_results(store, tenant, consultation_id)
        return {q.key: q for q in found.questions} | {"responses": found.responses}


@pytest.fixture
async def project(database: str) -> AsyncIterator[Projector]:
    await migrate(database, MIGRATIONS)
    pool = await create_pool(database)
    try:
        yield Projector(pool)
    finally:
        await pool.close()
