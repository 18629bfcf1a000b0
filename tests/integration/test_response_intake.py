"""The one-statement intake on real PostgreSQL: many responses to a statement, each with its rows and event."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from peel.common.contracts.consultation import EqualityBands
from peel.common.db.migrations import migrate
from peel.common.db.pool import create_pool
from peel.common.errors import Conflict
from peel.common.outbox import Outbox
from peel.consultation.adapters.response_intake import BatchedResponseIntake
from peel.consultation.adapters.unit_of_work import ConsultationUnitOfWork
from peel.consultation.bootstrap import MIGRATIONS
from peel.consultation.domain.commands import (
    CloseConsultation,
    CreateConsultation,
    PublishConsultation,
    SubmitResponse,
)
from peel.consultation.domain.model import ConsultationKind
from peel.consultation.domain.questions import Option, Question, QuestionType, Text
from peel.consultation.service_layer import handlers, responses

pytestmark = pytest.mark.integration

QUESTIONS = (Question("priority", QuestionType.SINGLE_CHOICE, Text("Which?"),
                      options=(Option("asb", Text("ASB")), Option("roads", Text("Roads")))),)


class CountingIntake(BatchedResponseIntake):
    """The real intake, counting its statements and what they took."""

    statements = 0
    taken = 0

    async def _write(self, connection, batch):
        taken = await super()._write(connection, batch)
        self.statements, self.taken = self.statements + 1, self.taken + len(taken)
        return taken


@pytest.fixture
async def service(database: str):
    await migrate(database, MIGRATIONS)
    pool = await create_pool(database)
    outbox = Outbox("/peel/consultation")
    yield (lambda: ConsultationUnitOfWork(pool, outbox)), CountingIntake(lambda: pool, outbox), pool
    await pool.close()


async def open_consultation(new_uow) -> uuid.UUID:
    closes = datetime.now(UTC) + timedelta(days=7)
    created = await handlers.create_consultation(
        CreateConsultation("cheshire", Text("Priorities"), ConsultationKind.SURVEY, closes, QUESTIONS), new_uow())
    await handlers.publish_consultation(PublishConsultation("cheshire", created.id), new_uow())
    return created.id


def response(consultation_id: uuid.UUID, n: int, **extra) -> SubmitResponse:
    return SubmitResponse(consultation_id, {"priority": "asb" if n % 2 else "roads"}, **extra)


async def test_many_responses_share_statements_and_keep_every_row_and_event(service):
    new_uow, intake, pool = service
    consultation_id = await open_consultation(new_uow)
    await responses.submit_response(response(consultation_id, 0), new_uow(), intake=intake)
    commands = [response(consultation_id, n, email=f"r{n}@example.org" if n % 3 == 0 else None,
                         equality=EqualityBands(age_band="35_44") if n % 2 else None) for n in range(1, 101)]
    receipts = await asyncio.gather(*(responses.submit_response(c, new_uow(), intake=intake) for c in commands))
    assert intake.taken == 100 and intake.statements < 100
    async with pool.acquire() as connection:
        ids = {row["id"] for row in await connection.fetch("SELECT id FROM responses")}
        events = [json.loads(row["payload"]) for row in await connection.fetch("SELECT payload FROM outbox")]
        equality = await connection.fetchval("SELECT count(*) FROM response_equality")
        contacts = await connection.fetchval("SELECT count(*) FROM response_contacts")
    assert {r.response_id for r in receipts} <= ids and len(ids) == 101
    submitted = [e for e in events if e["type"] == "peel.consultation.response.submitted.v1"]
    assert sorted(e["data"]["response_id"] for e in submitted) == sorted(map(str, ids))
    assert (equality, contacts) == (50, 33)


async def test_a_key_is_taken_once_and_a_closed_consultation_takes_nothing(service):
    new_uow, intake, pool = service
    consultation_id = await open_consultation(new_uow)
    await responses.submit_response(response(consultation_id, 0), new_uow(), intake=intake)
    retried = response(consultation_id, 1, idempotency_key="k", request_fingerprint=b"f")
    receipts = await asyncio.gather(*(responses.submit_response(retried, new_uow(), intake=intake)
                                      for _ in range(10)))
    assert len({r.response_id for r in receipts}) == 1
    await handlers.close_consultation(CloseConsultation("cheshire", consultation_id), new_uow())
    taken = intake.taken
    with pytest.raises(Conflict, match="closed"):
        await responses.submit_response(response(consultation_id, 2), new_uow(), intake=intake)
    assert intake.taken == taken and intake.known_open(consultation_id) is None
    async with pool.acquire() as connection:
        assert await connection.fetchval("SELECT count(*) FROM responses") == 2


async def test_a_refused_statement_stores_nothing_and_sends_each_response_the_checked_way(service):
    new_uow, intake, pool = service
    consultation_id = await open_consultation(new_uow)
    await responses.submit_response(response(consultation_id, 0), new_uow(), intake=intake)
    async with pool.acquire() as connection:
        await connection.execute("ALTER TABLE response_contacts ADD CONSTRAINT no_example CHECK (email NOT LIKE "
                                 "'%@refused.example')")
    commands = [response(consultation_id, n, email="a@refused.example" if n == 3 else None) for n in range(1, 6)]
    results = await asyncio.gather(*(responses.submit_response(c, new_uow(), intake=intake) for c in commands),
                                   return_exceptions=True)
    assert sum(isinstance(r, asyncpg.CheckViolationError) for r in results) == 1
    async with pool.acquire() as connection:
        assert await connection.fetchval("SELECT count(*) FROM responses") == 5
        submitted = "SELECT count(*) FROM outbox WHERE event_type LIKE '%response.submitted%'"
        assert await connection.fetchval(submitted) == 5
