"""The notifications service and the web pages in front of it over real HTTP, for the pages an office's emails link
to: contacts, subscriptions, councils and a sent stakeholder bulletin made through the staff API (the bulletin and
its council's inclusion are written to the database, as sending one would leave them), and the signed links to
their pages made as the emails make them."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from peel.notifications.contacts.domain.links import Links
from peel.notifications.contacts.settings import DEVELOPMENT_LINK_SECRET
from peel.web.bootstrap import create_app as web_app
from tests.support.mail_platform import notifications_with_sink
from tests.support.notification_db import connected, fetch_rows
from tests.support.servers import free_port, serving
from tests.support.web_platform import web_settings_for

TENANT = "cheshire"
SENDER, TOPIC = "office", "consultations"


@dataclass
class NotificationPages:
    url: str  # the pages, as a resident's browser opens them
    notifications: httpx.AsyncClient
    notifications_db: str
    staff: dict[str, str]

    @property
    def links(self) -> Links:
        return Links(DEVELOPMENT_LINK_SECRET.encode(), self.url)

    async def subscriber(self, email: str, language: str = "en") -> str:
        """A contact who consented to, and follows, the office's consultation emails: their id."""
        contact = await self._ok("POST", "/v1/contacts", {"email": email, "language": language})
        path = f"/v1/contacts/{contact['id']}"
        await self._ok("PUT", f"{path}/consents", [{"sender": SENDER, "topic": TOPIC, "channel": "email",
                                                    "given": True, "source": "web_form",
                                                    "wording_version": "2027-01"}])
        await self._ok("PUT", f"{path}/subscriptions", [{"sender": SENDER, "topic": TOPIC,
                                                         "frequency": "immediately"}])
        return contact["id"]

    async def council(self, clerk_email: str, name: str = "Audlem Parish Council") -> tuple[str, str]:
        """A parish council and its clerk: (organisation id, clerk's contact id)."""
        clerk = await self._ok("POST", "/v1/contacts", {"email": clerk_email, "name": "Sam Clerk", "language": "en"})
        organisation = await self._ok("POST", "/v1/organisations", {
            "name": name, "kind": "parish_council", "area": "audlem",
            "roles": [{"role": "clerk", "contact_id": clerk["id"]}]})
        return organisation["id"], clerk["id"]

    async def sent_stakeholder_bulletin(self, organisation_id: str, title: dict[str, str]) -> str:
        """A stakeholder bulletin sent to the council: its id."""
        bulletin_id, now = uuid.uuid4(), datetime.now(UTC)
        async with connected(self.notifications_db) as connection:
            await connection.execute(
                "INSERT INTO bulletins (id, tenant, title, sender, category, audience, items, status, author, "
                "approver, created_at, updated_at, approved_at, dispatched_at) VALUES ($1, $2, $3::jsonb, $4, "
                "'stakeholder', '{}'::jsonb, '[]'::jsonb, 'sent', 'author', 'approver', $5, $5, $5, $5)",
                bulletin_id, TENANT, json.dumps(title), SENDER, now)
            await connection.execute(
                "INSERT INTO acknowledgements (id, tenant, bulletin_id, organisation_id, area, sender, topic, "
                "included_at) VALUES ($1, $2, $3, $4::text::uuid, 'audlem', $5, 'cascade', $6)",
                uuid.uuid4(), TENANT, bulletin_id, organisation_id, SENDER, now)
        return str(bulletin_id)

    async def unsubscribed_how(self, contact_id: str) -> list[str]:
        """How the contact unsubscribed, each time (as the office's records keep it)."""
        rows = await fetch_rows(self.notifications_db, "SELECT how FROM unsubscriptions "
                                "WHERE contact_id = $1::text::uuid ORDER BY at", contact_id)
        return [row["how"] for row in rows]

    async def public(self, path: str) -> dict[str, Any]:
        found = await self.notifications.get(f"/v1/public/{path}")
        assert found.status_code == 200, found.text
        return found.json()

    async def _ok(self, method: str, path: str, body: Any) -> Any:
        answer = await self.notifications.request(method, path, json=body, headers=self.staff)
        assert answer.status_code in (200, 201), f"{method} {path}: {answer.status_code} {answer.text}"
        return answer.json()


@asynccontextmanager
async def notification_pages(infra, new_database: Callable[[], Awaitable[str]], topic_prefix: str, key_dir: Path,
                             staff: dict[str, str]) -> AsyncIterator[NotificationPages]:
    async with AsyncExitStack() as stack:
        notifying = await notifications_with_sink(stack, infra, new_database, topic_prefix, key_dir)
        settings = web_settings_for({"notifications": notifying.url}, dsn=await new_database(),
                                    common=notifying.common)
        url = await stack.enter_async_context(serving(web_app(settings), port=free_port()))
        client = await stack.enter_async_context(httpx.AsyncClient(base_url=notifying.url, timeout=30))
        yield NotificationPages(url, client, notifying.dsn, staff)
