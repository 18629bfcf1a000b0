"""A tenant's local policing areas, loaded from CSV."""

from __future__ import annotations

from peel.consultation.domain.commands import LoadAreas
from peel.consultation.service_layer.unit_of_work import UnitOfWork


async def load_areas(command: LoadAreas, uow: UnitOfWork) -> int:
    async with uow:
        await uow.areas.replace(command.tenant, command.rows)
        await uow.commit()
    return len(command.rows)


async def list_areas(tenant: str, uow: UnitOfWork) -> list[tuple[str, str, str]]:
    async with uow:
        return await uow.areas.list(tenant)
