"""What the pages need from the world: the services' public APIs, the session store and the offices' looks.

Each API port answers the services' documented JSON (dicts), raising the errors below; the adapters speak HTTP,
and the page tests give fakes of these ports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from peel.web.domain.tenants import TenantDisplay

if TYPE_CHECKING:
    from peel.web.service_layer.staff.ports import StaffPorts

Json = dict[str, Any]


class ServiceError(Exception):
    """A service answered, or failed to, in a way a page must explain."""


class ServiceUnavailable(ServiceError):
    """The service is down or too slow: the page answers 503."""


class NotFoundThere(ServiceError):
    """The service has no such thing (or the link's token does not open it): 404."""


class Refused(ServiceError):
    """The service refused the request as it stands (a 409, or a 410 for a closed consultation)."""

    def __init__(self, status: int, detail: Any) -> None:
        super().__init__(str(detail))
        self.status = status
        self.detail = detail


@dataclass
class InvalidAnswers(ServiceError):
    """A 422: ``errors`` maps a field (the last part of its location) to the service's message."""

    errors: dict[str, str] = field(default_factory=dict)
    detail: Any = None  # the service's own list, each location whole (a CSV file's line and column)

    def __str__(self) -> str:
        return "; ".join(f"{key}: {message}" for key, message in self.errors.items())


class TooManyRequests(ServiceError):
    def __init__(self, wait_seconds: int) -> None:
        super().__init__(f"try again in {wait_seconds} seconds")
        self.wait_seconds = wait_seconds


class ServiceApi(Protocol):
    """One service's API for a resident at ``resident`` (their address is passed on for rate limits)."""

    async def get(self, path: str, *, resident: str, params: Mapping[str, Any] | None = None) -> Json: ...

    async def get_bytes(self, path: str, *, resident: str, params: Mapping[str, Any] | None = None) -> bytes: ...

    async def post(self, path: str, *, resident: str, json: Any = None,
                   headers: Mapping[str, str] | None = None) -> Json: ...


class NotificationsApi(ServiceApi, Protocol):
    """The notifications service's public API: the pages an email's links open also replace preferences."""

    async def put(self, path: str, *, resident: str, json: Any = None) -> Json: ...


class NoNotifications:
    """Until a notifications API is given, its pages answer as a service that is down (503)."""

    async def get(self, path: str, *, resident: str, params: Mapping[str, Any] | None = None) -> Json:
        raise ServiceUnavailable("no notifications API is configured")

    async def get_bytes(self, path: str, *, resident: str, params: Mapping[str, Any] | None = None) -> bytes:
        raise ServiceUnavailable("no notifications API is configured")

    async def post(self, path: str, *, resident: str, json: Any = None,
                   headers: Mapping[str, str] | None = None) -> Json:
        raise ServiceUnavailable("no notifications API is configured")

    async def put(self, path: str, *, resident: str, json: Any = None) -> Json:
        raise ServiceUnavailable("no notifications API is configured")


class SessionStore(Protocol):
    async def load(self, session_id: str) -> Json | None: ...

    async def save(self, session_id: str, data: Json) -> None: ...


class TenantDisplays(Protocol):
    async def display(self, tenant: str) -> TenantDisplay: ...

    async def set_display(self, tenant: str, display: TenantDisplay) -> None: ...


@dataclass
class WebPorts:
    """Everything the pages reach outside the process."""

    consultation: ServiceApi
    scheduling: ServiceApi
    reporting: ServiceApi
    sessions: SessionStore
    tenants: TenantDisplays
    notifications: NotificationsApi = field(default_factory=NoNotifications)
    staff: StaffPorts | None = None
