"""Writes events to the outbox inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from uuid import UUID, uuid4

import asyncpg

from peel.common.events import Envelope, Event
from peel.common.telemetry import current_traceparent

NOTIFY_CHANNEL = "peel_outbox"  # notified by the outbox_written trigger
INSERT = """
INSERT INTO outbox (event_id, topic, message_key, event_type, tenant, payload, traceparent)
VALUES ($1, $2, $3, $4, $5, $6, $7)
"""


# Work the stored events call for in the same transaction (emails to ask for, say), given its connection.
Alongside = Callable[[asyncpg.Connection, list[Envelope]], Awaitable[None]]


class Outbox:
    """Wraps events in envelopes for one service and stores them with the caller's transaction, with whatever
    ``alongside`` does for them there."""

    def __init__(self, source: str, topic_prefix: str = "", alongside: Alongside | None = None) -> None:
        self._source = source
        self._prefix = topic_prefix
        self._topics: dict[type[Event], str] = {}
        self._alongside = alongside

    def envelope(self, event: Event, tenant: str, event_id: UUID | None = None) -> Envelope:
        return Envelope.wrap(event, source=self._source, tenant=tenant, traceparent=current_traceparent(),
                             event_id=event_id)

    def topic(self, event: Event) -> str:
        kind = type(event)
        if kind not in self._topics:
            self._topics[kind] = f"{self._prefix}{event.service()}.events"
        return self._topics[kind]

    async def add(self, connection: asyncpg.Connection, events: Sequence[tuple[Event, str]]) -> list[Envelope]:
        """Store ``(event, tenant)`` pairs; a trigger wakes the relay when the transaction commits."""
        enveloped = [self._enveloped(event, tenant) for event, tenant in events]
        rows = [row for _, row in enveloped]
        if len(rows) == 1:
            await connection.execute(INSERT, *rows[0])
        elif rows:
            await connection.executemany(INSERT, rows)
        envelopes = [envelope for envelope, _ in enveloped]
        if self._alongside is not None and envelopes:
            await self._alongside(connection, envelopes)
        return envelopes

    def row(self, event: Event, tenant: str) -> tuple:
        """The outbox row's values in the order of ``INSERT``'s columns, for a statement of the caller's own."""
        return self._enveloped(event, tenant)[1]

    def _enveloped(self, event: Event, tenant: str) -> tuple[Envelope, tuple]:
        event_id = uuid4()
        envelope = self.envelope(event, tenant, event_id)
        row = (event_id, self.topic(event), envelope.subject, envelope.type, envelope.tenant, envelope.to_json(),
               envelope.traceparent)
        return envelope, row
