"""Audiences in PostgreSQL: every recipient of a bulletin, with the facts the sending rule needs, in ONE
statement (tens of thousands of contacts at once), and the same facts for one message to one contact."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

import asyncpg

from peel.notifications.contacts.domain.audience import Audience, Recipient, message_language
from peel.notifications.contacts.domain.consents import Category, Channel
from peel.notifications.messages.domain.checks import Frequency, QuietHours, RecipientFacts

WEEK = timedelta(days=7)

# $1 tenant, $2 sender, $3 channels, $4 default weekly cap, $5 a week ago; `wanted` gives (contact_id, topic,
# frequency, organisation_id, organisation_area) per contact (one row per contact) and may use further parameters.
FACTS = """
, reached AS (
    SELECT w.*, c.language, c.areas || coalesce(w.organisation_area, '{}'::text[]) AS areas, c.weekly_cap,
           ch.channel,
           CASE ch.channel WHEN 'email' THEN c.email WHEN 'sms' THEN c.mobile
                           ELSE nullif(array_to_string(c.postal_address, E'\\n'), '') END AS address
    FROM wanted w JOIN contacts c ON c.id = w.contact_id AND c.tenant = $1 AND c.erased_at IS NULL
    CROSS JOIN unnest($3::text[]) AS ch (channel)
)
SELECT r.contact_id, r.channel, r.address, r.language, r.topic, r.organisation_id, r.areas, r.frequency,
       coalesce(r.weekly_cap, $4::int) AS weekly_cap, q.starts, q.ends,
       coalesce((SELECT k.given FROM consents k
                 WHERE k.contact_id = r.contact_id AND k.sender = $2 AND k.topic = r.topic AND k.channel = r.channel
                 ORDER BY k.recorded_at DESC, k.position DESC LIMIT 1), false) AS consent_given,
       (SELECT s.reason FROM suppressions s
        WHERE r.channel <> 'letter' AND s.tenant = $1 AND s.channel = r.channel AND s.removed_at IS NULL
          AND s.address_hash = encode(sha256(convert_to(r.channel || ':' || CASE r.channel
                  WHEN 'email' THEN lower(btrim(r.address, E' \\t\\r\\n'))
                  ELSE regexp_replace(r.address, '\\s', '', 'g') END, 'UTF8')), 'hex')
          AND (s.scope = 'global' OR (s.scope = 'sender' AND s.scope_value = $2)
               OR (s.scope = 'topic' AND s.scope_value = r.topic))
        ORDER BY s.scope = 'global' DESC, s.created_at LIMIT 1) AS suppression,
       (SELECT count(*) FROM messages m
        WHERE m.contact_id = r.contact_id AND m.category = 'subscription' AND m.priority > 1
          AND m.status NOT IN ('suppressed', 'cancelled') AND m.created_at > $5) AS non_urgent_this_week
FROM reached r LEFT JOIN quiet_hours q ON q.contact_id = r.contact_id AND q.channel = r.channel
WHERE r.address IS NOT NULL
"""
# $6 topics, $7 areas, $8 organisation kinds, $9 roles, $10 whether organisations are reached at all.
AUDIENCE = """
WITH subscribed AS (
    SELECT DISTINCT ON (p.contact_id) p.contact_id, p.topic, p.frequency, NULL::uuid AS organisation_id,
           NULL::text[] AS organisation_area
    FROM preferences p JOIN contacts c ON c.id = p.contact_id
    WHERE c.tenant = $1 AND p.sender = $2 AND p.topic = ANY($6::text[])
      AND (cardinality($7::text[]) = 0 OR c.areas && $7::text[])
    ORDER BY p.contact_id, array_position($6::text[], p.topic)
), holding AS (
    SELECT DISTINCT ON (r.contact_id) r.contact_id, coalesce(($6::text[])[1], 'cascade') AS topic,
           'immediately'::text AS frequency, o.id AS organisation_id,
           ARRAY[o.area] AS organisation_area
    FROM organisations o JOIN organisation_roles r ON r.organisation_id = o.id JOIN contacts c ON c.id = r.contact_id
    WHERE $10::boolean AND o.tenant = $1
      AND (cardinality($8::text[]) = 0 OR o.kind = ANY($8::text[]))
      AND (cardinality($9::text[]) = 0 OR r.role = ANY($9::text[]))
      AND (cardinality($7::text[]) = 0 OR o.area = ANY($7::text[]) OR c.areas && $7::text[])
    ORDER BY r.contact_id, o.created_at, o.id
), wanted AS (
    SELECT * FROM holding
    UNION ALL
    SELECT * FROM subscribed s WHERE NOT EXISTS (SELECT FROM holding h WHERE h.contact_id = s.contact_id)
)""" + FACTS + " ORDER BY r.contact_id, r.channel"
# $6 the contact, $7 the topic.
ONE = """
WITH wanted AS (
    SELECT $6::uuid AS contact_id, $7::text AS topic,
           coalesce((SELECT p.frequency FROM preferences p
                     WHERE p.contact_id = $6 AND p.sender = $2 AND p.topic = $7), 'immediately') AS frequency,
           NULL::uuid AS organisation_id, NULL::text[] AS organisation_area
)""" + FACTS


class PostgresAudiences:
    def __init__(self, connection: asyncpg.Connection | asyncpg.Pool, weekly_cap_default: int = 2) -> None:
        self._connection = connection
        self._weekly_cap_default = weekly_cap_default

    async def recipients(self, tenant: str, audience: Audience, sender: str, channels: Sequence[Channel],
                         now: datetime) -> list[Recipient]:
        """Everyone the audience reaches on each of ``channels`` they have an address for, with their facts."""
        arguments = (*self._common(tenant, sender, channels, now), list(audience.topics), list(audience.areas),
                     list(audience.organisation_kinds), list(audience.roles), audience.reaches_organisations)
        if isinstance(self._connection, asyncpg.Pool):
            async with self._connection.acquire() as connection:
                rows = await _without_jit(connection, arguments)
        else:
            rows = await _without_jit(self._connection, arguments)
        return [_recipient(row, audience.category) for row in rows]

    async def facts(self, tenant: str, contact_id: uuid.UUID, sender: str, topic: str, channel: Channel,
                    now: datetime) -> Recipient | None:
        """The facts for one message to one contact; ``None`` if the contact is gone or has no such address."""
        row = await self._connection.fetchrow(ONE, *self._common(tenant, sender, [channel], now), contact_id, topic)
        return _recipient(row) if row else None

    def _common(self, tenant: str, sender: str, channels: Sequence[Channel], now: datetime) -> tuple:
        return tenant, sender, [Channel(channel).value for channel in channels], self._weekly_cap_default, now - WEEK


async def _without_jit(connection: asyncpg.Connection, arguments: tuple) -> list[asyncpg.Record]:
    """The audience statement's cost estimate would have PostgreSQL compile it first (JIT), which takes longer
    than running it; within a caller's transaction this holds until that transaction ends."""
    async with connection.transaction():
        await connection.execute("SET LOCAL jit = off")
        return await connection.fetch(AUDIENCE, *arguments)


def _recipient(row: asyncpg.Record, sent_as: Category | None = None) -> Recipient:
    quiet = QuietHours(row["starts"], row["ends"]) if row["starts"] is not None else None
    facts = RecipientFacts(consent_given=row["consent_given"], suppression=row["suppression"],
                           areas=frozenset(row["areas"]), frequency=Frequency(row["frequency"]), quiet_hours=quiet,
                           weekly_cap=row["weekly_cap"], non_urgent_this_week=row["non_urgent_this_week"])
    return Recipient(row["contact_id"], Channel(row["channel"]), row["address"], message_language(row["language"]),
                     row["topic"], facts, row["organisation_id"], sent_as)
