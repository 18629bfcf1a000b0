"""Writes events to the outbox inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import asyncpg

from peel.common.events import Envelope, Event
from peel.common.telemetry import current_traceparent

NOTIFY_CHANNEL = "peel_outbox"  # notified by the outbox_written trigger
INSERT = """
INSERT INTO outbox (event_id, topic, message_key, event_type, tenant, payload, traceparent)
VALUES ($1, $2, $3, $4, $5, $6, $7)
"""


class Outbox:
    """Wraps events in envelopes for one service and stores them with the caller's transaction."""

    def __init__(self, source: str, topic_prefix: str = "") -> None:
        self._source = source
        self._prefix = topic_prefix

    def envelope(self, event: Event, tenant: str) -> Envelope:
        return Envelope.wrap(event, source=self._source, tenant=tenant, traceparent=current_traceparent())

    def topic(self, event: Event) -> str:
        return f"{self._prefix}{event.service()}.events"

    async def add(self, connection: asyncpg.Connection, events: Sequence[tuple[Event, str]]) -> list[Envelope]:
        """Store ``(event, tenant)`` pairs; a trigger wakes the relay when the transaction commits."""
        envelopes = [self.envelope(event, tenant) for event, tenant in events]
        rows = [self._row(envelope, event) for envelope, (event, _) in zip(envelopes, events, strict=True)]
        if len(rows) == 1:
            await connection.execute(INSERT, *rows[0])
        elif rows:
            await connection.executemany(INSERT, rows)
        return envelopes

    def row(self, event: Event, tenant: str) -> tuple:
        """The outbox row's values in the order of ``INSERT``'s columns, for a statement of the caller's own."""
        return self._row(self.envelope(event, tenant), event)

    def _row(self, envelope: Envelope, event: Event) -> tuple:
        return (
            UUID(envelope.id),
            self.topic(event),
            envelope.subject,
            envelope.type,
            envelope.tenant,
            envelope.to_json(),
            envelope.traceparent,
        )
