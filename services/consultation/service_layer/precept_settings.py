"""A tenant's precept settings: set by its administrators, read by its staff and its new precept consultations."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, Self

from peel.consultation.domain.precept_settings import ENGLAND, PreceptSettings
from peel.consultation.service_layer.handlers import Clock, utc_now


class PreceptSettingsStore(Protocol):
    async def get(self, tenant: str) -> PreceptSettings | None: ...

    async def replace(self, tenant: str, settings: PreceptSettings, editor: str, now: datetime) -> None: ...


class PreceptSettingsUnitOfWork(Protocol):
    precept_settings: PreceptSettingsStore

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    async def commit(self) -> None: ...


async def set_precept_settings(tenant: str, settings: PreceptSettings, editor: str, uow: PreceptSettingsUnitOfWork,
                               clock: Clock = utc_now) -> PreceptSettings:
    settings.check()
    async with uow:
        await uow.precept_settings.replace(tenant, settings, editor, clock())
        await uow.commit()
    return settings


async def get_precept_settings(tenant: str, uow: PreceptSettingsUnitOfWork) -> PreceptSettings:
    """The tenant's settings, or the statutory ratios for England without a limit if it has set none."""
    async with uow:
        return await uow.precept_settings.get(tenant) or ENGLAND
