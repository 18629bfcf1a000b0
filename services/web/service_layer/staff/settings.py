"""The admins' settings: each read from and saved to the service that owns it, as the signed-in admin; the office's
display and its staff roles mapping are the web's own data, reached through its ports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from peel.web.domain.tenants import TenantDisplay
from peel.web.service_layer.ports import TenantDisplays
from peel.web.service_layer.staff.ports import RoleMappings, UserApis

TOPICS = "/v1/scheduling/meeting-settings"


async def areas(apis: UserApis) -> list[dict[str, str]]:
    return await apis.consultation.get("/v1/areas")


async def populations(apis: UserApis) -> list[dict[str, Any]]:
    return await apis.reporting.get("/v1/populations")


async def precept(apis: UserApis) -> dict[str, Any]:
    return await apis.consultation.get("/v1/precept-settings")


async def save_precept(apis: UserApis, settings: dict[str, Any]) -> None:
    await apis.consultation.put("/v1/precept-settings", settings)


async def topics(apis: UserApis) -> list[dict[str, str]]:
    return (await apis.scheduling.get(TOPICS)).get("topics", [])


async def save_topics(apis: UserApis, topics: list[dict[str, str]]) -> None:
    await apis.scheduling.put(f"{TOPICS}/topics", topics)


async def display(tenants: TenantDisplays, tenant: str) -> TenantDisplay:
    return await tenants.display(tenant)


async def save_display(tenants: TenantDisplays, tenant: str, chosen: TenantDisplay) -> None:
    await tenants.set_display(tenant, chosen)


async def role_mapping(mappings: RoleMappings, tenant: str) -> dict[str, list[str]]:
    return await mappings.mapping(tenant)


async def save_role_mapping(mappings: RoleMappings, tenant: str, mapping: Mapping[str, list[str]], by: str) -> None:
    """Replaces the office's mapping: signing in from then on gives the roles it names (``by`` kept with it)."""
    await mappings.set_mapping(tenant, dict(mapping), by=by)
