"""Surgery figures and assembly compositions, for staff of the tenant."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from peel.common.errors import NotFound
from peel.reporting.adapters.scheduling_reader import SchedulingReader
from peel.reporting.domain.assembly_composition import Composition, composition
from peel.reporting.domain.surgeries import SurgeryReport, surgery_report


async def surgeries_by_area(reader: SchedulingReader, tenant: str, starts_on: date | None, ends_on: date | None,
                            now: datetime) -> SurgeryReport:
    """Sessions starting from ``starts_on`` to ``ends_on`` (both included, either open) counted per area and quarter."""
    return surgery_report(await reader.sessions(tenant, starts_on, ends_on), now, starts_on, ends_on)


async def assembly_composition(reader: SchedulingReader, tenant: str, assembly_id: uuid.UUID) -> Composition:
    """Not found unless the tenant created the assembly."""
    assembly = await reader.assembly(tenant, assembly_id)
    if assembly is None:
        raise NotFound(f"no assembly {assembly_id}")
    pool_size, pool = await reader.pool(tenant, assembly_id)
    panel_size, panel = await reader.panel(tenant, assembly_id)
    return composition(assembly, pool, panel, (pool_size, panel_size), await reader.population(tenant),
                       await reader.runs(tenant, assembly_id), await reader.replies(tenant, assembly_id, panel_size))
