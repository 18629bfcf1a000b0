"""Building a consultation: which consultation-service calls each builder page makes, as the signed-in user.

The draft lives in the consultation service alone: each save sends the whole change at once, so nothing
half-done is kept by the web service."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from peel.web.service_layer.staff.ports import BoundApi

BASE = "/v1/consultations"


async def office_consultations(api: BoundApi) -> list[dict[str, Any]]:
    return await api.get(BASE)


async def consultation(api: BoundApi, consultation_id: str) -> dict[str, Any]:
    return await api.get(f"{BASE}/{consultation_id}")


async def precept_settings(api: BoundApi) -> dict[str, Any]:
    return await api.get("/v1/precept-settings")


async def create_draft(api: BoundApi, body: dict[str, Any]) -> dict[str, Any]:
    return await api.post(BASE, body)


async def revise(api: BoundApi, consultation_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """A draft's changed fields (only those given); a published one's texts only, as the service allows."""
    return await api.patch(f"{BASE}/{consultation_id}", changes)


async def save_questions(api: BoundApi, consultation_id: str, questions: list[dict[str, Any]]) -> dict[str, Any]:
    return await revise(api, consultation_id, {"questions": questions})


async def publish(api: BoundApi, consultation_id: str, opens_at: datetime | None) -> dict[str, Any]:
    """Open now, or schedule for ``opens_at``: the opening time is set first, then the service publishes."""
    moment = opens_at or datetime.now(UTC)
    await revise(api, consultation_id, {"opens_at": moment.isoformat()})
    return await api.post(f"{BASE}/{consultation_id}/publish")
