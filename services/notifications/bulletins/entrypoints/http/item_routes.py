"""What the next e-bulletin will announce."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from peel.common.auth import Principal, Role
from peel.common.auth.dependencies import allow
from peel.notifications.bulletins.adapters.items import PostgresBulletinItems

Staff = Annotated[Principal, Depends(allow(Role.ADMIN, Role.ENGAGEMENT_OFFICER, scopes=("notifications:read",)))]
router = APIRouter(prefix="/v1/bulletins", tags=["bulletins"])


class BulletinItemPublic(BaseModel):
    """An item for the next e-bulletin: a consultation that opened (``consultation_opened``) or its published
    outcome (``consultation_outcome``)."""

    source_id: uuid.UUID = Field(description="the consultation")
    kind: str
    title: dict[str, str]
    happened_at: datetime
    closes_at: datetime | None
    outcome: dict[str, str] | None = Field(default=None, description='"We asked, you said, we did", for an outcome')


@router.get("/next/items", summary="Items waiting for your next e-bulletin")
async def next_bulletin_items(principal: Staff, request: Request) -> list[BulletinItemPublic]:
    async with request.app.state.runtime.pool.acquire() as connection:
        items = await PostgresBulletinItems(connection).pending(principal.tenant)
    return [BulletinItemPublic.model_validate(item, from_attributes=True) for item in items]
