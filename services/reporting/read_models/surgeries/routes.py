"""Surgeries per area and quarter, for staff of the tenant."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Request

from peel.reporting.domain.scheduling_export import SURGERY_COLUMNS, surgery_table
from peel.reporting.domain.surgeries import SurgeryReport, surgery_report
from peel.reporting.read_models._http import PER_AREA_AND_QUARTER, Analyst, Now, Period, fixed, report
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.surgeries.store import SurgeryStore

router = APIRouter(prefix="/v1", tags=["scheduling"])


async def surgeries_by_area(store: SurgeryStore, tenant: str, starts_on: date | None, ends_on: date | None,
                            now: datetime) -> SurgeryReport:
    """Sessions starting from ``starts_on`` to ``ends_on`` (both included, either open) counted per area and quarter."""
    return surgery_report(await store.sessions(tenant, starts_on, ends_on), now, starts_on, ends_on)


@report(router, "/scheduling/surgeries/by-area",
        summary="Surgeries, slots, bookings and attendance per area and quarter",
        csv_summary="Surgery figures per area and quarter as CSV", csv_rows=PER_AREA_AND_QUARTER,
        columns=fixed(SURGERY_COLUMNS), rows=surgery_table, filename="surgeries-by-area.csv")
async def get_surgeries_by_area(principal: Analyst, request: Request, now: Now, days: Period) -> SurgeryReport:
    async with reading(request.app.state.runtime.pool, SurgeryStore) as store:
        return await surgeries_by_area(store, principal.tenant, *days, now)
