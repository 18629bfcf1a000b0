"""Composes bulletin messages for delivery (source ``bulletin``): each bulletin rendered once per language
choice, layout and kind of message, then each message given its own links (unsubscribe and preferences for
subscribers; the acknowledgement page for a council's role holder). A message whose bulletin is gone or
cancelled is left out, and delivery cancels it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

import asyncpg

from peel.notifications.bulletins.adapters.bulletins import PostgresBulletins
from peel.notifications.bulletins.adapters.rendering import (
    ACKNOWLEDGE,
    PREFERENCES,
    UNSUBSCRIBE,
    Rendered,
    marker,
    render,
)
from peel.notifications.bulletins.domain.bulletins import Bulletin, BulletinStatus
from peel.notifications.contacts.domain.consents import Category, Channel
from peel.notifications.messages.domain.outgoing import Content
from peel.notifications.templates.adapters.versions import PostgresLayouts
from peel.notifications.templates.domain.layouts import DEFAULT_LAYOUT, Layout, languages_shown

if TYPE_CHECKING:
    from peel.notifications.contacts.domain.links import Links

Key = tuple[uuid.UUID, str, Layout, tuple[str, ...], bool]


class LinkSettings(Protocol):
    def links(self) -> Links: ...


class BulletinComposer:
    def __init__(self, pool: asyncpg.Pool, settings: LinkSettings) -> None:
        self._pool = pool
        self._links = settings.links()

    async def compose(self, messages: Sequence[Any]) -> dict[uuid.UUID, Content]:
        async with self._pool.acquire() as connection:
            bulletins = await _bulletins(PostgresBulletins(connection), messages)
            layouts = await _layouts(PostgresLayouts(connection), {message.tenant for message in messages})
        return compose(messages, bulletins, layouts, self._links)


def compose(messages: Sequence[Any], bulletins: dict[uuid.UUID, Bulletin], layouts: dict[str, Layout],
            links: Links) -> dict[uuid.UUID, Content]:
    """Each composable message's content, from bulletins rendered once per kind of message."""
    rendered: dict[Key, Rendered] = {}
    composed: dict[uuid.UUID, Content] = {}
    for message in messages:
        bulletin = bulletins.get(message.source_id)
        if bulletin is None or bulletin.status is BulletinStatus.CANCELLED or bulletin.tenant != message.tenant:
            continue
        layout = layouts.get(message.tenant, DEFAULT_LAYOUT)
        kinds = _links_of(message)
        key = (bulletin.id, message.language, layout, kinds, _is_test(message))
        if key not in rendered:
            rendered[key] = render(bulletin.draft, languages_shown(layout, message.language),
                                   layout is Layout.SIDE_BY_SIDE, kinds, test=_is_test(message))
        composed[message.id] = _fill(rendered[key], message, links)
    return composed


def _is_test(message: Any) -> bool:
    return message.bulletin_id is None


def _links_of(message: Any) -> tuple[str, ...]:
    if _is_test(message) or message.contact_id is None:
        return ()
    kinds = (UNSUBSCRIBE, PREFERENCES) if _category(message) is Category.SUBSCRIPTION else (PREFERENCES,)
    return kinds + ((ACKNOWLEDGE,) if _organisation(message) else ())


def _category(message: Any) -> Category:
    return Category(message.category)


def _organisation(message: Any) -> uuid.UUID | None:
    found = (message.personalisation or {}).get("organisation_id")
    return uuid.UUID(found) if found else None


def _fill(rendered: Rendered, message: Any, links: Links) -> Content:
    text, page = rendered.text, rendered.html
    for language in ("en", "cy"):
        for kind in _links_of(message):
            spot = marker(kind, language)
            if spot in text or spot in page:
                url = _url(kind, message, language, links)
                text, page = text.replace(spot, url), page.replace(spot, url.replace("&", "&amp;"))
    html = page if Channel(message.channel) is Channel.EMAIL else None
    return Content(subject=rendered.subject, text=text, html=html, language=rendered.language)


def _url(kind: str, message: Any, language: str, links: Links) -> str:
    if kind == UNSUBSCRIBE:
        return links.unsubscribe(message.tenant, message.contact_id, message.sender, message.topic or "",
                                 str(Channel(message.channel)), message.id, language)
    if kind == ACKNOWLEDGE:
        return links.acknowledge(message.tenant, message.source_id, _organisation(message), language)
    return links.preferences(message.tenant, message.contact_id, language)


async def _bulletins(store: PostgresBulletins, messages: Sequence[Any]) -> dict[uuid.UUID, Bulletin]:
    found: dict[uuid.UUID, Bulletin] = {}
    for tenant, bulletin_id in dict.fromkeys((message.tenant, message.source_id) for message in messages):
        bulletin = await store.get(tenant, bulletin_id) if bulletin_id is not None else None
        if bulletin is not None:
            found[bulletin.id] = bulletin
    return found


async def _layouts(store: PostgresLayouts, tenants: set[str]) -> dict[str, Layout]:
    return {tenant: await store.get(tenant) or DEFAULT_LAYOUT for tenant in tenants}
