"""The admins' settings: each read from and saved to the service that owns it, as the signed-in admin; the office's
display and its staff roles mapping are the web's own data, reached through its ports."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from peel.common.audit.store import AuditLog
from peel.web.domain.staff.identity import StaffUser
from peel.web.domain.staff.settings_files import FileProblem, file_problems
from peel.web.domain.tenants import TenantDisplay
from peel.web.service_layer.ports import InvalidAnswers, TenantDisplays
from peel.web.service_layer.staff.audit import record_change
from peel.web.service_layer.staff.ports import RoleMappings, UserApis

TOPICS = "/v1/scheduling/meeting-settings"


async def areas(apis: UserApis) -> list[dict[str, str]]:
    return await apis.consultation.get("/v1/areas")


async def populations(apis: UserApis) -> list[dict[str, Any]]:
    return await apis.reporting.get("/v1/populations")


class FileRefused(Exception):
    """The service did not load the file: every mistake it found, with its line and column."""

    def __init__(self, problems: list[FileProblem]) -> None:
        super().__init__(f"{len(problems)} mistakes")
        self.problems = problems


async def load_areas(apis: UserApis, text: str) -> None:
    """Replaces the office's whole postcode-district table with the file's."""
    await _put_csv(apis.consultation.put_text, "/v1/areas", text)


async def load_populations(apis: UserApis, text: str) -> None:
    """Replaces the office's whole set of population figures with the file's."""
    await _put_csv(apis.reporting.put_text, "/v1/populations", text)


async def _put_csv(put_text: Callable[[str, str], Awaitable[Any]], path: str, text: str) -> None:
    try:
        await put_text(path, text)
    except InvalidAnswers as refused:
        raise FileRefused(file_problems(_detail(refused))) from None


def _detail(refused: InvalidAnswers) -> list[dict[str, Any]]:
    """The service's own list of mistakes (each ``loc`` naming line and column) when the error keeps it; otherwise
    its mistakes by field, which name the column alone."""
    detail = getattr(refused, "detail", None)
    if isinstance(detail, list) and detail:
        return detail
    return [{"loc": ["body", key] if key else ["body"], "msg": message} for key, message in refused.errors.items()]


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


async def save_display(tenants: TenantDisplays, trail: AuditLog, user: StaffUser, chosen: TenantDisplay) -> None:
    """Replaces how the office's pages look, and keeps who did it on the web's own audit trail."""
    await tenants.set_display(user.tenant, chosen)
    await record_change(trail, user, "POST", "/staff/settings/display", {"tenant": user.tenant})


async def role_mapping(mappings: RoleMappings, tenant: str) -> dict[str, list[str]]:
    return await mappings.mapping(tenant)


async def save_role_mapping(mappings: RoleMappings, trail: AuditLog, user: StaffUser,
                            mapping: Mapping[str, list[str]]) -> None:
    """Replaces the office's mapping: signing in from then on gives the roles it names (who saved it is kept with
    it and on the web's own audit trail)."""
    await mappings.set_mapping(user.tenant, dict(mapping), by=user.subject)
    await record_change(trail, user, "POST", "/staff/settings/roles", {"tenant": user.tenant})
