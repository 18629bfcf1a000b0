"""Responses to consultations known to be open, written many to a statement.

A resident's response is durable once its transaction commits, and a commit waits for the
write-ahead log to reach the disk. Written one by one, responses queue for that flush; here
every response that arrives while one statement commits goes into the next statement, so one
flush carries them all. Each statement takes a response only while its consultation is still
open at the version the answers were checked against, and a retry key only on its first use;
whatever it does not take, or any error, sends that response back the checked way. A writer
keeps one connection while responses queue: taking it from the pool for each statement would
cost more than a statement of a few responses.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import OrderedDict
from collections.abc import Callable

import asyncpg
from pydantic_core import to_json

from peel.common.errors import Unavailable
from peel.common.outbox import Outbox
from peel.consultation.adapters.responses import response_values
from peel.consultation.domain.lifecycle import ConsultationStatus
from peel.consultation.domain.model import Consultation
from peel.consultation.domain.receipts import Submission

log = logging.getLogger(__name__)

COLUMNS = (
    "id uuid, consultation_id uuid, tenant text, answers text, submitted_at timestamptz, area text, district text, "
    "token_hash bytea, version int, equality text, email text, idempotency_key text, fingerprint bytea, "
    "withdrawal_token text, event_id uuid, topic text, message_key text, event_type text, event_tenant text, "
    "payload bytea, traceparent text"
)
ADD_IF_OPEN = f"""
WITH submitted AS (
    SELECT * FROM unnest({", ".join(f"${n}::{c.split()[1]}[]" for n, c in enumerate(COLUMNS.split(", "), 1))})
        WITH ORDINALITY AS s({", ".join(c.split()[0] for c in COLUMNS.split(", "))}, position)
), accepted AS (
    SELECT s.* FROM submitted s JOIN consultations c ON c.id = s.consultation_id
    WHERE c.version = s.version AND c.status = 'open' AND c.closes_at > s.submitted_at
    FOR KEY SHARE OF c
), first_use_of_key AS (
    INSERT INTO response_idempotency (consultation_id, idempotency_key, fingerprint, response_id, submitted_at,
                                      withdrawal_token)
    SELECT consultation_id, idempotency_key, fingerprint, id, submitted_at, withdrawal_token
    FROM accepted WHERE idempotency_key IS NOT NULL
    ON CONFLICT DO NOTHING RETURNING response_id
), taken AS (
    SELECT * FROM accepted
    WHERE idempotency_key IS NULL OR id IN (SELECT response_id FROM first_use_of_key)
), response AS (
    INSERT INTO responses (id, consultation_id, tenant, answers, submitted_at, area, postcode_district,
                           withdrawal_token_hash)
    SELECT id, consultation_id, tenant, answers::jsonb, submitted_at, area, district, token_hash FROM taken
    ORDER BY position
), equality AS (
    INSERT INTO response_equality (response_id, bands)
    SELECT id, equality::jsonb FROM taken WHERE equality IS NOT NULL
), contact AS (
    INSERT INTO response_contacts (response_id, email) SELECT id, email FROM taken WHERE email IS NOT NULL
), event AS (
    INSERT INTO outbox (event_id, topic, message_key, event_type, tenant, payload, traceparent)
    SELECT event_id, topic, message_key, event_type, event_tenant, payload, traceparent FROM taken
    ORDER BY position
)
SELECT id FROM taken
"""
_KEPT = 256
WRITERS = 2  # one statement commits while the next fills
UNKNOWN_OUTCOME = (
    "the database did not confirm whether your response was stored; send it again with the same Idempotency-Key"
)


class BatchedResponseIntake:
    """The open consultations last read, and writers that each take what has queued at their turn."""

    def __init__(self, pool: Callable[[], asyncpg.Pool], outbox: Outbox, *, most_per_statement: int = 200) -> None:
        self._pool = pool
        self._outbox = outbox
        self._most = most_per_statement
        self._open: OrderedDict[uuid.UUID, Consultation] = OrderedDict()
        self._queued: list[tuple[tuple, asyncio.Future[bool]]] = []
        self._writers: set[asyncio.Task] = set()

    def known_open(self, consultation_id: uuid.UUID) -> Consultation | None:
        return self._open.get(consultation_id)

    def remember(self, consultation: Consultation) -> None:
        if consultation.status is ConsultationStatus.OPEN:
            self._open[consultation.id] = consultation
            if len(self._open) > _KEPT:
                self._open.popitem(last=False)

    def forget(self, consultation_id: uuid.UUID) -> None:
        self._open.pop(consultation_id, None)

    async def area_for(self, tenant: str, district: str | None) -> str | None:
        if district is None:
            return None
        return await self._pool().fetchval(
            "SELECT area_key FROM area_postcodes WHERE tenant = $1 AND postcode_district = $2", tenant, district
        )

    async def add_if_open(self, submission: Submission, version: int) -> bool:
        future = asyncio.get_running_loop().create_future()
        self._queued.append((self._row(submission, version), future))
        if len(self._writers) < WRITERS:
            writer = asyncio.create_task(self._write_queued(), name="response-intake")
            self._writers.add(writer)
            writer.add_done_callback(self._writers.discard)
        return await future

    def _row(self, submission: Submission, version: int) -> tuple:
        response, receipt = submission.response, submission.receipt
        values = list(response_values(submission, answers=to_json(response.answers).decode()))
        equality = response.respondent.equality
        return (
            *values, version, equality.model_dump_json(exclude_none=True) if equality else None, submission.email,
            submission.idempotency_key, submission.fingerprint, receipt.withdrawal_token,
            *self._outbox.row(response.submitted(), response.tenant),
        )

    async def _write_queued(self) -> None:
        """Statements while responses queue, on one connection until one fails (the rest then take a fresh one)."""
        while self._queued:
            try:
                async with self._pool().acquire() as connection:
                    await self._write_on(connection)
            except asyncio.CancelledError:
                self._fail_queued()
                raise
            except Exception:
                log.warning("no database connection for %d queued responses", len(self._queued), exc_info=True)
                self._fail_queued()

    async def _write_on(self, connection: asyncpg.Connection) -> None:
        while self._queued:
            batch, self._queued = self._queued[: self._most], self._queued[self._most:]
            try:
                taken = await self._write(connection, batch)
            except asyncio.CancelledError:
                _settle(batch, error=Unavailable(UNKNOWN_OUTCOME))
                raise
            except Exception:
                log.warning("a statement of %d responses failed", len(batch), exc_info=True)
                _settle(batch, error=Unavailable(UNKNOWN_OUTCOME))
                return
            _settle(batch, taken=taken)

    def _fail_queued(self) -> None:
        batch, self._queued = self._queued, []
        _settle(batch, error=Unavailable(UNKNOWN_OUTCOME))

    async def _write(self, connection: asyncpg.Connection, batch: list[tuple[tuple, asyncio.Future[bool]]]
                     ) -> set[uuid.UUID]:
        """The ids the statement took; none if PostgreSQL refused it (nothing of it was then stored)."""
        columns = [list(column) for column in zip(*(row for row, _ in batch), strict=True)]
        try:
            return {row["id"] for row in await connection.fetch(ADD_IF_OPEN, *columns)}
        except asyncpg.PostgresConnectionError:
            raise
        except asyncpg.PostgresError:
            log.warning("PostgreSQL refused a statement of %d responses; each goes the checked way", len(batch),
                        exc_info=True)
            return set()


def _settle(batch: list[tuple[tuple, asyncio.Future[bool]]], *, taken: set[uuid.UUID] = frozenset(),
            error: Exception | None = None) -> None:
    for row, future in batch:
        if future.done():
            continue  # its request was cancelled
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(row[0] in taken)
