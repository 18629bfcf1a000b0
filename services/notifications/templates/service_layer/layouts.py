"""An office's bilingual layout: English first unless it chooses otherwise."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from peel.common.contracts.notifications.templates import TemplateLayoutChanged
from peel.notifications.templates.domain.layouts import DEFAULT_LAYOUT, Layout
from peel.notifications.templates.service_layer.ports import TemplatesUnitOfWork


async def layout_of(uow: TemplatesUnitOfWork, tenant: str) -> Layout:
    async with uow:
        return await uow.layouts.get(tenant) or DEFAULT_LAYOUT


async def choose_layout(uow: TemplatesUnitOfWork, tenant: str, layout: Layout, staff: str,
                        clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Layout:
    async with uow:
        await uow.layouts.set(tenant, layout, staff)
        uow.emit(TemplateLayoutChanged(layout=layout.value, changed_at=clock()), tenant)
        await uow.commit()
    return layout
