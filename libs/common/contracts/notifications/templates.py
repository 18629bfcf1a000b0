"""Events about templates published by the notifications service on ``notifications.events``; none carries an address,
a name or personalisation."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from peel.common.contracts import registry
from peel.common.events import Event


@registry.register
class TemplateVersionCreated(Event):
    """Staff wrote a new, immutable version of a template (version 1 when the template is new)."""

    type_name: ClassVar[str] = "peel.notifications.template.version_created.v1"
    aggregate_field: ClassVar[str] = "key"

    key: str
    version: int
    kind: str
    category: str
    languages: list[str]
    created_at: datetime


@registry.register
class TemplateLayoutChanged(Event):
    """An office chose how its messages show Welsh and English (cy_first, en_first, side_by_side, separate)."""

    type_name: ClassVar[str] = "peel.notifications.template.layout_changed.v1"
    aggregate_field: ClassVar[str] = "layout"

    layout: str
    changed_at: datetime
