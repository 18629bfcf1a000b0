"""Render and MIME time per message of a sent bulletin, measured in this process with the service's own code:
the bulletin composer (the bulletin rendered once per language and layout, each recipient's links filled in),
the delivery's addressing (List-Unsubscribe) and the MIME builder, over a sample of the bulletin's messages."""

from __future__ import annotations

import time
import uuid
from dataclasses import replace

from peel.common.db.pool import create_pool
from peel.notifications.bulletins.adapters.composer import BulletinComposer
from peel.notifications.messages.adapters.email import mime
from peel.notifications.messages.adapters.messages import COLUMNS, _message
from peel.notifications.messages.service_layer.delivery import outgoing_for
from peel.notifications.settings import NotificationsSettings

SAMPLE = 5_000
SENDER = "Peel <no-reply@peel.localhost>"


async def render_and_mime(dsn: str, bulletin: str) -> dict:
    settings = NotificationsSettings(database_url=dsn, environment="development")
    pool = await create_pool(dsn, min_size=1, max_size=2)
    try:
        async with pool.acquire() as connection:
            rows = await connection.fetch(f"SELECT {COLUMNS} FROM messages WHERE bulletin_id = $1 AND status = 'sent' "
                                          "LIMIT $2", uuid.UUID(bulletin), SAMPLE)
        messages = [replace(_message(row), recipient=f"sample{n}@example.org") for n, row in enumerate(rows)]
        return await _timed(BulletinComposer(pool, settings), messages, settings)
    finally:
        await pool.close()


async def _timed(composer: BulletinComposer, messages: list, settings: NotificationsSettings) -> dict:
    links = settings.links()
    started = time.perf_counter()
    contents = await composer.compose(messages)
    built = [mime(outgoing_for(message, contents[message.id], links), SENDER) for message in messages]
    seconds = time.perf_counter() - started
    return {"us_per_message": seconds * 1e6 / max(len(built), 1), "sample": built[0] if built else b"",
            "measured": len(built)}
