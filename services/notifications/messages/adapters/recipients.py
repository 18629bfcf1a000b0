"""A contact's addresses, for finding every message sent to them (subject access)."""

from __future__ import annotations

import uuid

import asyncpg

from peel.notifications.contacts.domain.consents import Channel

ADDRESSES = "SELECT email, mobile, postal_address FROM contacts WHERE tenant = $1 AND id = $2"


class PostgresContactAddresses:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def addresses(self, tenant: str, contact_id: uuid.UUID) -> dict[Channel, str] | None:
        row = await self._connection.fetchrow(ADDRESSES, tenant, contact_id)
        if row is None:
            return None
        found = {Channel.EMAIL: row["email"], Channel.SMS: row["mobile"],
                 Channel.LETTER: "\n".join(row["postal_address"] or ()) or None}
        return {channel: address for channel, address in found.items() if address}
