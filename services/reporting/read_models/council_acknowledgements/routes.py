"""Council acknowledgement coverage per area, for the office's staff: over every stakeholder bulletin sent in
a period, or for one bulletin."""

from __future__ import annotations

import uuid
from datetime import date

from fastapi import APIRouter, Request

from peel.reporting.read_models._http import Analyst, Period, fixed, report
from peel.reporting.read_models._store import reading
from peel.reporting.read_models.council_acknowledgements.coverage import (
    COLUMNS,
    AcknowledgementCoverage,
    coverage_report,
    coverage_table,
)
from peel.reporting.read_models.council_acknowledgements.store import CouncilAcknowledgementStore

router = APIRouter(prefix="/v1/reports", tags=["notifications"])
PER_AREA = "One row per area, then the whole office"


async def coverage(store: CouncilAcknowledgementStore, tenant: str, bulletin_id: uuid.UUID | None,
                   starts_on: date | None, ends_on: date | None) -> AcknowledgementCoverage:
    rows = await store.by_area(tenant, bulletin_id, starts_on, ends_on)
    councils = await store.councils(tenant, bulletin_id, starts_on, ends_on)
    return coverage_report(rows, councils, bulletin_id, starts_on, ends_on)


@report(router, "/council-acknowledgements",
        summary="Councils sent stakeholder bulletins and how many acknowledged, shared, or put them on an agenda, "
                "per area (bulletins sent in the period)",
        csv_summary="Council acknowledgement coverage per area as CSV", csv_rows=PER_AREA,
        columns=fixed(COLUMNS), rows=coverage_table, filename="council-acknowledgements.csv")
async def get_coverage(principal: Analyst, request: Request, days: Period) -> AcknowledgementCoverage:
    async with reading(request.app.state.runtime.pool, CouncilAcknowledgementStore) as store:
        return await coverage(store, principal.tenant, None, *days)


@report(router, "/council-acknowledgements/bulletins/{bulletin_id}",
        summary="One stakeholder bulletin's council acknowledgement coverage per area",
        csv_summary="One bulletin's council acknowledgement coverage per area as CSV", csv_rows=PER_AREA,
        columns=fixed(COLUMNS), rows=coverage_table, filename="council-acknowledgements-{bulletin_id}.csv")
async def get_bulletin_coverage(bulletin_id: uuid.UUID, principal: Analyst,
                                request: Request) -> AcknowledgementCoverage:
    async with reading(request.app.state.runtime.pool, CouncilAcknowledgementStore) as store:
        return await coverage(store, principal.tenant, bulletin_id, None, None)
