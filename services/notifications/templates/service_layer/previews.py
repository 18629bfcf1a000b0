"""Previewing a template version in the office's layout, with sample values."""

from __future__ import annotations

from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.templates.domain.filling import Values
from peel.notifications.templates.domain.layouts import DEFAULT_LAYOUT
from peel.notifications.templates.domain.preview import Preview, preview
from peel.notifications.templates.domain.rendering import HtmlRenderer
from peel.notifications.templates.domain.template_parts import Template
from peel.notifications.templates.service_layer.ports import TemplatesUnitOfWork


async def preview_template(uow: TemplatesUnitOfWork, tenant: str, template: Template, values: Values,
                           language: str, channel: Channel, html: HtmlRenderer) -> Preview:
    async with uow:
        layout = await uow.layouts.get(tenant) or DEFAULT_LAYOUT
    return preview(template, values, layout, language, channel, html)
