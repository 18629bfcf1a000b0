"""The office's venues, as the scheduling service lists them: where surgeries, neighbourhood meetings and an
assembly's meetings in person are held. One reader for every form that offers a venue."""

from __future__ import annotations

from typing import Any

from peel.web.service_layer.staff.ports import UserApis

Json = dict[str, Any]


async def venues(apis: UserApis) -> list[Json]:
    """Every venue of the signed-in member of staff's office."""
    found: Any = await apis.scheduling.get("/v1/scheduling/venues")
    return list(found)
