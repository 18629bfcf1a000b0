"""A contact's preferences, its unsubscriptions, and what its wishes do to its messages, in PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

import asyncpg

from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.contacts.domain.preferences import Preferences, QuietTime, Subscription
from peel.notifications.contacts.domain.unsubscribing import Unsubscription
from peel.notifications.messages.domain.checks import Frequency

SAVE_SUBSCRIPTION = """
INSERT INTO preferences (contact_id, sender, topic, frequency, updated_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (contact_id, sender, topic) DO UPDATE SET frequency = excluded.frequency, updated_at = excluded.updated_at
"""
UNSENT = "'created', 'held'"
SUPPRESS_UNSENT = f"""
UPDATE messages SET status = 'suppressed', reason = $6, recipient = NULL
WHERE tenant = $1 AND contact_id = $2 AND sender = $3 AND topic = $4 AND channel = $5
      AND category = 'subscription' AND status IN ({UNSENT})
"""
ERASE_MESSAGES = """
UPDATE messages SET recipient = NULL, personalisation = '{}',
       status = CASE WHEN status IN ('created', 'held', 'temporary-failure') THEN 'cancelled' ELSE status END,
       cancelled_at = CASE WHEN status IN ('created', 'held', 'temporary-failure') THEN $3 ELSE cancelled_at END,
       reason = CASE WHEN status IN ('created', 'held', 'temporary-failure') THEN 'contact_erased' ELSE reason END
WHERE tenant = $1 AND contact_id = $2
"""


class PostgresPreferences:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def get(self, contact_id: uuid.UUID) -> Preferences:
        subscriptions = await self._connection.fetch(
            "SELECT sender, topic, frequency FROM preferences WHERE contact_id = $1 ORDER BY sender, topic", contact_id)
        quiet = await self._connection.fetch(
            "SELECT channel, starts, ends FROM quiet_hours WHERE contact_id = $1 ORDER BY channel", contact_id)
        cap = await self._connection.fetchval("SELECT weekly_cap FROM contacts WHERE id = $1", contact_id)
        return Preferences(
            tuple(Subscription(row["sender"], row["topic"], Frequency(row["frequency"])) for row in subscriptions),
            tuple(QuietTime(Channel(row["channel"]), row["starts"], row["ends"]) for row in quiet), cap)

    async def replace_subscriptions(self, contact_id: uuid.UUID, subscriptions: Sequence[Subscription],
                                    now: datetime) -> None:
        await self._connection.execute("DELETE FROM preferences WHERE contact_id = $1", contact_id)
        for subscription in subscriptions:
            await self.save_subscription(contact_id, subscription, now)

    async def save_subscription(self, contact_id: uuid.UUID, subscription: Subscription, now: datetime) -> None:
        await self._connection.execute(SAVE_SUBSCRIPTION, contact_id, subscription.sender, subscription.topic,
                                       subscription.frequency.value, now)

    async def remove_subscription(self, contact_id: uuid.UUID, sender: str, topic: str) -> None:
        await self._connection.execute(
            "DELETE FROM preferences WHERE contact_id = $1 AND sender = $2 AND topic = $3", contact_id, sender, topic)

    async def replace_quiet_hours(self, contact_id: uuid.UUID, quiet_hours: Sequence[QuietTime]) -> None:
        await self._connection.execute("DELETE FROM quiet_hours WHERE contact_id = $1", contact_id)
        await self._connection.executemany(
            "INSERT INTO quiet_hours (contact_id, channel, starts, ends) VALUES ($1, $2, $3, $4)",
            [(contact_id, quiet.channel.value, quiet.starts, quiet.ends) for quiet in quiet_hours])

    async def save_weekly_cap(self, contact_id: uuid.UUID, weekly_cap: int | None) -> None:
        await self._connection.execute("UPDATE contacts SET weekly_cap = $2 WHERE id = $1", contact_id, weekly_cap)


class PostgresUnsubscriptions:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, unsubscription: Unsubscription) -> None:
        u = unsubscription
        await self._connection.execute(
            "INSERT INTO unsubscriptions (id, tenant, contact_id, sender, topic, channel, message_id, at, how) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            u.id, u.tenant, u.contact_id, u.sender, u.topic, u.channel.value, u.message_id, u.at, u.how.value)


class PostgresContactMessages:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def suppress_unsent(self, tenant: str, contact_id: uuid.UUID, sender: str, topic: str, channel: Channel,
                              reason: str) -> int:
        done = await self._connection.execute(SUPPRESS_UNSENT, tenant, contact_id, sender, topic, channel.value,
                                              reason)
        return int(done.rsplit(" ", 1)[-1])

    async def erase(self, tenant: str, contact_id: uuid.UUID, now: datetime) -> None:
        await self._connection.execute(ERASE_MESSAGES, tenant, contact_id, now)
