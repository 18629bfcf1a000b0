"""An office's bilingual layout: how its messages show Welsh and English (admin chooses; staff read it)."""

from __future__ import annotations

from fastapi import APIRouter

from peel.notifications.templates.entrypoints.http.dependencies import Admin, Staff, UnitOfWorkDep
from peel.notifications.templates.entrypoints.http.template_schemas import LayoutChoice
from peel.notifications.templates.service_layer import layouts

router = APIRouter(prefix="/v1/templates/layout", tags=["templates"])


@router.get("", summary="How the office's messages show Welsh and English (English first unless chosen)")
async def get_layout(principal: Staff, uow: UnitOfWorkDep) -> LayoutChoice:
    return LayoutChoice(layout=await layouts.layout_of(uow, principal.tenant))


@router.put("", summary="Choose Welsh first, English first, side by side, or each contact's language only")
async def set_layout(body: LayoutChoice, principal: Admin, uow: UnitOfWorkDep) -> LayoutChoice:
    return LayoutChoice(layout=await layouts.choose_layout(uow, principal.tenant, body.layout, principal.subject))
