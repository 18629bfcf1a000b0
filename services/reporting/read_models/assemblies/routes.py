"""An assembly's composition and its recommendations, for staff of the tenant that created it."""

from __future__ import annotations

import uuid
from datetime import date

from fastapi import APIRouter, Request

from peel.common.errors import NotFound
from peel.reporting.domain.assembly_composition import AssemblyFacts, Composition, composition
from peel.reporting.domain.meetings_export import RECOMMENDATION_COLUMNS, recommendation_table
from peel.reporting.domain.recommendations import Recommendations, recommendations
from peel.reporting.domain.scheduling_export import COMPOSITION_COLUMNS, composition_table
from peel.reporting.read_models._http import NO_ASSEMBLY, Analyst, Today, fixed, report
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.assemblies.store import AssemblyStore

router = APIRouter(prefix="/v1", tags=["scheduling"])


async def _created(store: AssemblyStore, tenant: str, assembly_id: uuid.UUID) -> AssemblyFacts:
    """Not found unless the tenant created the assembly."""
    assembly = await store.assembly(tenant, assembly_id)
    if assembly is None:
        raise NotFound(f"no assembly {assembly_id}")
    return assembly


async def assembly_composition(store: AssemblyStore, tenant: str, assembly_id: uuid.UUID) -> Composition:
    assembly = await _created(store, tenant, assembly_id)
    pool_size, pool = await store.pool(tenant, assembly_id)
    panel_size, panel = await store.panel(tenant, assembly_id)
    return composition(assembly, pool, panel, (pool_size, panel_size), await store.population(tenant),
                       await store.runs(tenant, assembly_id), await store.replies(tenant, assembly_id, panel_size))


async def assembly_recommendations(store: AssemblyStore, tenant: str, assembly_id: uuid.UUID,
                                   today: date) -> Recommendations:
    assembly = await _created(store, tenant, assembly_id)
    return recommendations(assembly_id, assembly.title, await store.recommendations(tenant, assembly_id),
                           await store.assembly_meetings(tenant, assembly_id), today)


@report(router, "/assemblies/{assembly_id}/composition", responses=NO_ASSEMBLY,
        summary="An assembly's pool and panel per quota value, beside its quotas and the population",
        csv_summary="An assembly's composition as CSV", columns=fixed(COMPOSITION_COLUMNS), rows=composition_table,
        filename="assembly-{assembly_id}-composition.csv")
async def get_assembly_composition(assembly_id: uuid.UUID, principal: Analyst, request: Request) -> Composition:
    async with reading(request.app.state.runtime.pool, AssemblyStore) as store:
        return await assembly_composition(store, principal.tenant, assembly_id)


@report(router, "/assemblies/{assembly_id}/recommendations", responses=NO_ASSEMBLY,
        summary="An assembly's recommendations, the response to each and its progress, and its meetings held",
        csv_summary="An assembly's recommendations as CSV", csv_rows="One row per recommendation",
        columns=fixed(RECOMMENDATION_COLUMNS), rows=recommendation_table,
        filename="assembly-{assembly_id}-recommendations.csv")
async def get_recommendations(assembly_id: uuid.UUID, principal: Analyst, request: Request,
                              today: Today) -> Recommendations:
    async with reading(request.app.state.runtime.pool, AssemblyStore) as store:
        return await assembly_recommendations(store, principal.tenant, assembly_id, today)
