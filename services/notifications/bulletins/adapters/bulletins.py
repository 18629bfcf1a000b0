"""Bulletins in PostgreSQL (the ``bulletins`` table), and the claims of the task that dispatches them."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import asyncpg

from peel.notifications.bulletins.domain.bulletins import Bulletin, BulletinStatus, Draft, Item
from peel.notifications.contacts.domain.audience import Audience
from peel.notifications.contacts.domain.consents import Category, Channel

COLUMNS = """id, tenant, title, sender, category, audience, channels, items, status, author, approver, created_at,
updated_at, approved_at, send_at, dispatch_started_at, dispatched_at, cancelled_at"""
ADD = f"INSERT INTO bulletins ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, " \
      "$15, $16, $17, $18)"
SAVE = """
UPDATE bulletins SET title = $3, sender = $4, category = $5, audience = $6, channels = $7, items = $8, status = $9,
    approver = $11, updated_at = $13, approved_at = $14, send_at = $15, dispatch_started_at = $16,
    dispatched_at = $17, cancelled_at = $18
WHERE tenant = $2 AND id = $1 AND author = $10 AND created_at = $12
"""
GET = f"SELECT {COLUMNS} FROM bulletins WHERE tenant = $1 AND id = $2"
LIST = f"SELECT {COLUMNS} FROM bulletins WHERE tenant = $1 ORDER BY created_at DESC LIMIT 500"
# Scheduled ones come due, or dispatches interrupted (their claim lapsed); each replica takes different ones.
CLAIM = """
UPDATE bulletins SET claimed_until = $2 WHERE id IN (
    SELECT id FROM bulletins
    WHERE ((status = 'scheduled' AND send_at <= $1)
        OR (dispatch_started_at IS NOT NULL AND dispatched_at IS NULL AND status IN ('sending', 'paused')))
      AND (claimed_until IS NULL OR claimed_until < $1)
    ORDER BY send_at NULLS FIRST LIMIT $3 FOR UPDATE SKIP LOCKED)
RETURNING tenant, id
"""
UNCLAIM = "UPDATE bulletins SET claimed_until = NULL WHERE tenant = $1 AND id = $2"


def _item(data: dict[str, Any]) -> Item:
    source = data.get("source_id")
    return Item(title=data["title"], body=data["body"], kind=data.get("kind", "written"),
                source_id=uuid.UUID(source) if source else None)


def _item_data(item: Item) -> dict[str, Any]:
    return {"title": item.title, "body": item.body, "kind": item.kind,
            "source_id": str(item.source_id) if item.source_id else None}


def _audience(data: dict[str, Any], category: Category) -> Audience:
    """The audience as the bulletin reaches it: a subscription bulletin reaches role holders as subscribers."""
    return Audience(topics=tuple(data.get("topics", ())), areas=tuple(data.get("areas", ())),
                    organisation_kinds=tuple(data.get("organisation_kinds", ())), roles=tuple(data.get("roles", ())),
                    category=category)


def _audience_data(audience: Audience) -> dict[str, list[str]]:
    return {"topics": list(audience.topics), "areas": list(audience.areas),
            "organisation_kinds": list(audience.organisation_kinds), "roles": list(audience.roles)}


def _bulletin(row: asyncpg.Record) -> Bulletin:
    category = Category(row["category"])
    draft = Draft(title=row["title"], sender=row["sender"], category=category,
                  audience=_audience(row["audience"], category), items=tuple(_item(item) for item in row["items"]),
                  channels=tuple(Channel(channel) for channel in row["channels"]))
    return Bulletin(id=row["id"], tenant=row["tenant"], draft=draft, status=BulletinStatus(row["status"]),
                    author=row["author"], created_at=row["created_at"], updated_at=row["updated_at"],
                    approver=row["approver"], approved_at=row["approved_at"], send_at=row["send_at"],
                    dispatch_started_at=row["dispatch_started_at"], dispatched_at=row["dispatched_at"],
                    cancelled_at=row["cancelled_at"])


def _values(bulletin: Bulletin) -> tuple:
    draft = bulletin.draft
    return (bulletin.id, bulletin.tenant, draft.title, draft.sender, draft.category.value,
            _audience_data(draft.audience), [channel.value for channel in draft.channels],
            [_item_data(item) for item in draft.items], bulletin.status.value, bulletin.author, bulletin.approver,
            bulletin.created_at, bulletin.updated_at, bulletin.approved_at, bulletin.send_at,
            bulletin.dispatch_started_at, bulletin.dispatched_at, bulletin.cancelled_at)


class PostgresBulletins:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def add(self, bulletin: Bulletin) -> None:
        await self._connection.execute(ADD, *_values(bulletin))

    async def get(self, tenant: str, bulletin_id: uuid.UUID, for_update: bool = False) -> Bulletin | None:
        row = await self._connection.fetchrow(GET + (" FOR UPDATE" if for_update else ""), tenant, bulletin_id)
        return _bulletin(row) if row is not None else None

    async def save(self, bulletin: Bulletin) -> None:
        await self._connection.execute(SAVE, *_values(bulletin))

    async def list(self, tenant: str) -> list[Bulletin]:
        return [_bulletin(row) for row in await self._connection.fetch(LIST, tenant)]


async def claim_to_dispatch(connection: asyncpg.Connection, now: datetime, lease: timedelta,
                            limit: int = 5) -> list[tuple[str, uuid.UUID]]:
    """Bulletins to dispatch now, held by this replica until ``now + lease``."""
    rows = await connection.fetch(CLAIM, now, now + lease, limit)
    return [(row["tenant"], row["id"]) for row in rows]


async def unclaim(connection: asyncpg.Connection, tenant: str, bulletin_id: uuid.UUID) -> None:
    await connection.execute(UNCLAIM, tenant, bulletin_id)
