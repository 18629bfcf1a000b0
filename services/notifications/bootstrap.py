"""Wires the notifications service: each sub-domain's routes, consumers and background tasks (its
``entrypoints/wiring.py``) on one runtime, one database and one outbox.

- ``contacts``: who may be told what (contacts, consent, preferences, organisations, suppressions);
- ``templates``: versioned bilingual templates and their previews;
- ``messages``: each message's life, its checks and holds, and the providers that deliver it;
- ``bulletins``: e-bulletins, from their items to their statistics;
- ``cascade``: the parish council cascade: acknowledgements and chasers;
- ``digests``: daily and weekly digests;
- ``elections``: pre-election periods and the releases of what they hold.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from peel.common.http.app import create_service_app
from peel.common.runtime import ServiceRuntime
from peel.notifications.bulletins.entrypoints import wiring as bulletins
from peel.notifications.cascade.entrypoints import wiring as cascade
from peel.notifications.contacts.entrypoints import wiring as contacts
from peel.notifications.digests.entrypoints import wiring as digests
from peel.notifications.elections.entrypoints import wiring as elections
from peel.notifications.messages.entrypoints import wiring as messages
from peel.notifications.settings import NotificationsSettings
from peel.notifications.templates.entrypoints import wiring as templates

MIGRATIONS = Path(__file__).parent / "migrations"
SUB_DOMAINS = (contacts, templates, messages, bulletins, cascade, digests, elections)


def create_app(settings: NotificationsSettings | None = None) -> FastAPI:
    settings = settings or NotificationsSettings()
    runtime = ServiceRuntime(settings, MIGRATIONS,
                             consumers=[spec for sub in SUB_DOMAINS for spec in sub.CONSUMERS],
                             background=[task for sub in SUB_DOMAINS for task in sub.BACKGROUND])
    return create_service_app(
        settings, runtime, [router for sub in SUB_DOMAINS for router in sub.ROUTERS],
        title="Peel notifications service",
        description="Contacts and consent, bilingual templates, bulletins, reminders and delivery.",
    )
