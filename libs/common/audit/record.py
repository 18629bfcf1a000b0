"""What one audit entry says: who (the staff member, their office and roles) did what (the method, the route's
template and a short action name) to which resource (the path's ids), with what answer, and when.

Kept pure so the rules (which requests are staff actions, what an action is called) are tested without a server."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class AuditEntry:
    tenant: str
    subject: str
    roles: tuple[str, ...]
    method: str
    route: str
    action: str
    resource_ids: Mapping[str, str] = field(default_factory=dict)
    status: int = 200
    at: datetime | None = None

    @property
    def resources(self) -> list[str]:
        """The ids the action touched, searched when the office asks what happened to one of them."""
        return sorted(set(self.resource_ids.values()))


def is_staff_action(method: str, status: int, roles: object) -> bool:
    """A change (not a read) a member of staff made (a token with roles, not a machine's scopes) that was done."""
    return method in WRITES and 200 <= status < 300 and bool(roles)


def action_of(route: str) -> str:
    """The route's last literal segment: ``/v1/consultations/{consultation_id}/publish`` -> ``publish``,
    ``DELETE /v1/areas/{area_key}`` -> ``areas`` (the method says what was done to it)."""
    literal = [part for part in route.split("/") if part and not _is_parameter(part)]
    return literal[-1] if literal else route


def _is_parameter(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def resource_ids_of(path_params: Mapping[str, Any]) -> dict[str, str]:
    """The path's parameters as text, the ids of the resources the action was about."""
    return {str(name): str(value) for name, value in path_params.items()}


def entry_for(principal: Any, method: str, route: str, path_params: Mapping[str, Any], status: int) -> AuditEntry:
    return AuditEntry(tenant=principal.tenant, subject=principal.subject, roles=tuple(sorted(principal.roles)),
                      method=method, route=route, action=action_of(route),
                      resource_ids=resource_ids_of(path_params), status=status)
