"""The ports the template handlers talk through."""

from __future__ import annotations

from typing import Protocol, Self

from peel.common.events import Event
from peel.notifications.templates.domain.layouts import Layout
from peel.notifications.templates.domain.template_parts import Template, TemplateKind


class TemplateVersions(Protocol):
    """A tenant's stored template versions (built-in templates are not stored)."""

    async def add(self, tenant: str, template: Template) -> bool:
        """Store the version; ``False`` when that version of that key exists already."""

    async def get(self, tenant: str, key: str, version: int | None = None) -> Template | None:
        """That version, or the latest one when ``version`` is ``None``."""

    async def latest_all(self, tenant: str, kind: TemplateKind | None = None) -> list[Template]:
        """The latest version of each of the tenant's stored templates."""


class Layouts(Protocol):
    async def get(self, tenant: str) -> Layout | None: ...

    async def set(self, tenant: str, layout: Layout, staff: str) -> None: ...


class TemplatesUnitOfWork(Protocol):
    versions: TemplateVersions
    layouts: Layouts

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...
