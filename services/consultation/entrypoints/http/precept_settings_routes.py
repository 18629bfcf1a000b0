"""A tenant's precept settings: band ratios, referendum limit and current Band D for its precept consultations."""

from __future__ import annotations

from fastapi import APIRouter

from peel.consultation.entrypoints.http.dependencies import Administrator, Reader, UnitOfWorkDep
from peel.consultation.entrypoints.http.precept_settings_schemas import PreceptSettingsPublic, PreceptSettingsUpdate
from peel.consultation.service_layer.precept_settings import get_precept_settings, set_precept_settings

router = APIRouter(prefix="/v1/precept-settings", tags=["precept settings"])


@router.put("", summary="Set your band ratios, referendum limit and current Band D for new precept consultations")
async def put_precept_settings(body: PreceptSettingsUpdate, principal: Administrator,
                               uow: UnitOfWorkDep) -> PreceptSettingsPublic:
    settings = await set_precept_settings(principal.tenant, body.to_domain(), principal.subject, uow)
    return PreceptSettingsPublic.of(settings)


@router.get("", summary="Your precept settings (the statutory ratios for England if you have set none)")
async def read_precept_settings(principal: Reader, uow: UnitOfWorkDep) -> PreceptSettingsPublic:
    return PreceptSettingsPublic.of(await get_precept_settings(principal.tenant, uow))
