"""Chaser messages and what the cascade reads of councils and bulletins, on PostgreSQL.

A chaser goes to the council's clerk (or, without one, its generic inbox) by email, as a ``stakeholder``
message of source ``chaser`` whose ``source_id`` is the acknowledgement record; an address under a suppression
reaching it gets a ``suppressed`` message instead. Bulletin titles are read from the bulletins' own table.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime

import asyncpg

from peel.notifications.cascade.domain.acknowledgements import Acknowledgement
from peel.notifications.contacts.domain.consents import Channel, address_hash

INBOX = """
SELECT c.id, c.email, c.language FROM organisation_roles r JOIN contacts c ON c.id = r.contact_id
WHERE r.organisation_id = $1 AND c.tenant = $2 AND r.role IN ('clerk', 'generic_inbox')
  AND c.erased_at IS NULL AND c.email IS NOT NULL
ORDER BY r.role = 'clerk' DESC, c.id LIMIT 1
"""
SUPPRESSION = """
SELECT reason FROM suppressions
WHERE tenant = $1 AND address_hash = $2 AND channel = 'email' AND removed_at IS NULL
  AND (scope = 'global' OR (scope = 'sender' AND scope_value = $3) OR (scope = 'topic' AND scope_value = $4))
ORDER BY created_at LIMIT 1
"""
INSERT = """
INSERT INTO messages (id, tenant, client, reference, template, recipient, status, reason, created_at,
                      next_attempt_at, personalisation, channel, category, sender, topic, contact_id, priority,
                      language, source, source_id, bulletin_id, address_hash)
VALUES ($1, $2, 'notifications', $3, 'chaser', $4, $5, $6, $7, $7, $8, 'email', 'stakeholder', $9, $10, $11, 3,
        $12, 'chaser', $13, $14, $15)
ON CONFLICT (tenant, reference) DO NOTHING
RETURNING id
"""
LANGUAGES = {"cy": "cy", "en": "en"}


class PostgresChasers:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, record: Acknowledgement, reference: str, now: datetime) -> uuid.UUID | None:
        inbox = await self._connection.fetchrow(INBOX, record.organisation_id, record.tenant)
        if inbox is None:
            return None
        hashed = address_hash(Channel.EMAIL, inbox["email"])
        reason = await self._connection.fetchval(SUPPRESSION, record.tenant, hashed, record.sender, record.topic)
        status, recipient = ("suppressed", None) if reason else ("created", inbox["email"])
        personalisation = {"organisation_id": str(record.organisation_id)}
        return await self._connection.fetchval(
            INSERT, uuid.uuid4(), record.tenant, reference, recipient, status,
            f"suppressed:{reason}" if reason else None, now, personalisation, record.sender, record.topic,
            inbox["id"], LANGUAGES.get(inbox["language"], "both"), record.id, record.bulletin_id, hashed)


class PostgresCouncils:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def name(self, tenant: str, organisation_id: uuid.UUID) -> str | None:
        return await self._connection.fetchval(
            "SELECT name FROM organisations WHERE tenant = $1 AND id = $2", tenant, organisation_id)

    async def bulletin_title(self, tenant: str, bulletin_id: uuid.UUID) -> dict[str, str]:
        return await bulletin_title(self._connection, tenant, bulletin_id)


async def bulletin_title(connection: asyncpg.Connection, tenant: str, bulletin_id: uuid.UUID) -> dict[str, str]:
    """The bulletin's title ({"en", "cy"}) from the bulletins' table; empty if it is gone."""
    title = await connection.fetchval("SELECT title FROM bulletins WHERE tenant = $1 AND id = $2", tenant, bulletin_id)
    loaded = json.loads(title) if isinstance(title, str) else title
    return {key: str(value) for key, value in loaded.items()} if isinstance(loaded, dict) else {}
