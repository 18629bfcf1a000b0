"""The yearly council details check in PostgreSQL: organisations due one, claimed with SKIP LOCKED; the service
email queued as a message row (source 'template', template 'council_details_check') for the delivery task."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

import asyncpg

from peel.common.db.unit_of_work import PostgresUnitOfWork
from peel.common.outbox import Outbox
from peel.notifications.contacts.adapters.audience import PostgresAudiences
from peel.notifications.contacts.adapters.organisations import SELECT, organisation_of
from peel.notifications.contacts.domain.audience import Recipient
from peel.notifications.contacts.domain.consents import Channel, address_hash
from peel.notifications.contacts.domain.organisations import (
    ASK_AGAIN_AFTER,
    CHECK_EVERY,
    CHECK_TEMPLATE,
    CheckMessage,
    Organisation,
)
from peel.notifications.contacts.service_layer.council_checks import SENDER, TOPIC

CLIENT = "notifications"
DUE = f"""
{SELECT}
WHERE coalesce(o.last_confirmed_at, o.created_at) <= $1::timestamptz - $2::interval
  AND NOT EXISTS (SELECT FROM organisation_checks c
                  WHERE c.organisation_id = o.id AND c.asked_at > $1::timestamptz - $3::interval)
ORDER BY coalesce(o.last_confirmed_at, o.created_at), o.id
LIMIT $4 FOR UPDATE OF o SKIP LOCKED
"""
QUEUE = """
INSERT INTO messages (id, tenant, client, reference, template, recipient, status, created_at, next_attempt_at,
                      personalisation, channel, category, sender, topic, contact_id, priority, language, source,
                      address_hash, reason, held_until)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9::jsonb, 'email', 'service', $10, $11, $12, 3, $13, 'template',
        $14, $15, $16)
ON CONFLICT (tenant, reference) DO NOTHING
"""
RECORD = """
INSERT INTO organisation_checks (id, tenant, organisation_id, contact_id, message_id, asked_at)
VALUES ($1, $2, $3, $4, $5, $6)
"""


class PostgresOrganisationChecks:
    def __init__(self, connection: asyncpg.Connection, weekly_cap_default: int = 2) -> None:
        self._connection = connection
        self._audiences = PostgresAudiences(connection, weekly_cap_default)

    async def claim_due(self, now: datetime, limit: int) -> list[Organisation]:
        rows = await self._connection.fetch(DUE, now, CHECK_EVERY, ASK_AGAIN_AFTER, limit)
        return [organisation_of(row) for row in rows]

    async def recipient(self, tenant: str, contact_id: uuid.UUID, now: datetime) -> Recipient | None:
        return await self._audiences.facts(tenant, contact_id, SENDER, TOPIC, Channel.EMAIL, now)

    async def queue(self, message: CheckMessage) -> None:
        m = message
        recipient = None if m.status == "suppressed" else m.address
        await self._connection.execute(
            QUEUE, m.id, m.tenant, CLIENT, m.reference, CHECK_TEMPLATE, recipient, m.status, m.at,
            json.dumps(m.personalisation), SENDER, TOPIC, m.contact_id, m.language,
            address_hash(Channel.EMAIL, m.address), m.reason, m.held_until)

    async def record(self, organisation: Organisation, contact_id: uuid.UUID | None, message_id: uuid.UUID | None,
                     at: datetime) -> None:
        await self._connection.execute(RECORD, uuid.uuid4(), organisation.tenant, organisation.id, contact_id,
                                       message_id, at)


class ChecksUnitOfWork(PostgresUnitOfWork):
    checks: PostgresOrganisationChecks

    def __init__(self, pool: asyncpg.Pool, outbox: Outbox, weekly_cap_default: int = 2) -> None:
        super().__init__(pool, outbox)
        self._weekly_cap_default = weekly_cap_default

    def bind(self, connection: asyncpg.Connection) -> None:
        self.checks = PostgresOrganisationChecks(connection, self._weekly_cap_default)
