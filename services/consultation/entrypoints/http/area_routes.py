"""A tenant's local policing areas: the postcode-district table, loaded from CSV."""

from __future__ import annotations

from fastapi import APIRouter, Request

from peel.common.csv_text import csv_rows
from peel.common.errors import FieldError, InvalidInput
from peel.consultation.domain.areas import parse_area_rows
from peel.consultation.domain.commands import LoadAreas
from peel.consultation.entrypoints.http.dependencies import Administrator, Reader, UnitOfWorkDep
from peel.consultation.entrypoints.http.schemas import Area
from peel.consultation.service_layer import areas

router = APIRouter(prefix="/v1/areas", tags=["areas"])
CSV_BODY = {"requestBody": {"content": {"text/csv": {"example": "postcode_district,area_key,area_name\n"
                                                                "CW1,cheshire_east,Cheshire East\n"}}}}


@router.put("", summary="Replace your postcode-district -> area table (CSV)", openapi_extra=CSV_BODY)
async def load_areas(request: Request, principal: Administrator, uow: UnitOfWorkDep) -> dict[str, int]:
    try:
        text = (await request.body()).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput([FieldError(("csv",), "the CSV must be UTF-8")]) from error
    rows = parse_area_rows(csv_rows(text))
    return {"postcode_districts": await areas.load_areas(LoadAreas(principal.tenant, rows), uow)}


@router.get("", summary="Your postcode-district -> area table")
async def list_areas(principal: Reader, uow: UnitOfWorkDep) -> list[Area]:
    rows = await areas.list_areas(principal.tenant, uow)
    return [Area(postcode_district=d, area_key=k, area_name=n) for d, k, n in rows]
