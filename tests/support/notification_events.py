"""Events as other services see them: read from Kafka once the service's outbox has published them all."""

from __future__ import annotations

import json

from tests.support.kafka import read_all
from tests.support.mail_platform import MailPlatform, fetch_value
from tests.support.servers import eventually


async def published(dsn: str, kafka: str, topic: str, *types: str, kind: str = "", within: float = 20.0) -> list[dict]:
    """The events on ``topic`` whose type begins with ``kind``, once the outbox in ``dsn`` is empty, at least one
    such event has arrived and so has one of each of ``types``."""
    async def arrived() -> list[dict] | None:
        if await fetch_value(dsn, "SELECT count(*) FROM outbox"):
            return None  # not all published yet
        found = [json.loads(record.value) for record in await read_all(kafka, topic)]
        found = [event for event in found if event["type"].startswith(kind)]
        return found if found and set(types) <= {event["type"] for event in found} else None

    return await eventually(arrived, within=within)


async def notification_events(mail: MailPlatform, *types: str, kind: str = "", within: float = 20.0) -> list[dict]:
    """The notifications service's events (those whose type begins with ``kind``), as ``published`` gives them."""
    topic = f"{mail.topic_prefix}notifications.events"
    return await published(mail.notifications_db, mail.kafka_bootstrap, topic, *types, kind=kind, within=within)
