"""Composes template messages for delivery: each message's template version (the one it was asked for, or the
latest), filled with its values in its language and its office's layout. A message whose template or values
are gone is left out, and delivery cancels it."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import asyncpg

from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.messages.domain.outgoing import Content
from peel.notifications.templates.adapters.html import render_html
from peel.notifications.templates.adapters.versions import PostgresLayouts, PostgresTemplateVersions
from peel.notifications.templates.domain.layouts import DEFAULT_LAYOUT, Layout
from peel.notifications.templates.domain.rendering import content_of, render_parts
from peel.notifications.templates.domain.template_parts import Template
from peel.notifications.templates.service_layer.templates import lookup

if TYPE_CHECKING:
    from peel.notifications.messages.domain.messages import Message
    from peel.notifications.settings import NotificationsSettings

Key = tuple[str, str, int | None]


PREFERENCES = {"en": "Choose what we send you, and how often: {url}",
               "cy": "Dewiswch beth rydym yn ei anfon atoch, a pha mor aml: {url}"}


class TemplateComposer:
    def __init__(self, pool: asyncpg.Pool, settings: NotificationsSettings | None = None) -> None:
        self._pool = pool
        self._links = settings.links() if settings is not None else None

    async def compose(self, messages: Sequence[Message]) -> dict[uuid.UUID, Content]:
        """Each composable message's content; one look-up per template version and per office in the batch."""
        async with self._pool.acquire() as connection:
            templates = await _templates(PostgresTemplateVersions(connection), messages)
            layouts = await _layouts(PostgresLayouts(connection), {message.tenant for message in messages})
        composed = {}
        for message in messages:
            template = templates.get(_key(message))
            if template is not None and (content := _content(message, template, layouts[message.tenant],
                                                             self._preferences(message))):
                composed[message.id] = content
        return composed

    def _preferences(self, message: Message) -> Callable[[str], str] | None:
        """A subscription email to a contact ends with the link to its preferences, in each part's language."""
        links = self._links
        if links is None or message.contact_id is None or message.category.value != "subscription":
            return None
        contact = message.contact_id
        return lambda language: PREFERENCES[language].format(url=links.preferences(message.tenant, contact, language))


def _key(message: Message) -> Key:
    return message.tenant, message.template, message.template_version


async def _templates(store: PostgresTemplateVersions, messages: Sequence[Message]) -> dict[Key, Template]:
    found: dict[Key, Template] = {}
    for key in dict.fromkeys(_key(message) for message in messages):
        template = await lookup(store, *key)
        if template is not None:
            found[key] = template
    return found


async def _layouts(store: PostgresLayouts, tenants: set[str]) -> dict[str, Layout]:
    return {tenant: await store.get(tenant) or DEFAULT_LAYOUT for tenant in tenants}


def _content(message: Message, template: Template, layout: Layout,
             preferences: Callable[[str], str] | None = None) -> Content | None:
    """``None`` when the message's values no longer fill its template (erased, or forgotten once final)."""
    channel = Channel(message.channel)
    rendering = render_parts(template, message.personalisation, layout, message.language, channel)
    if rendering.missing:
        return None
    if preferences is not None and channel is Channel.EMAIL:
        rendering = replace(rendering, parts=tuple(replace(part, text=f"{part.text}\n\n{preferences(part.language)}")
                                                   for part in rendering.parts))
    return content_of(rendering, channel, render_html if channel is Channel.EMAIL else None)
