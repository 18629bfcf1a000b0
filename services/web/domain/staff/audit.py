"""The audit trail page's rules: what the filters say (refused with a message by the field when wrong), and the
four services' trails merged into one, newest first, a page at a time.

Each service keeps the entries of the actions it accepted; the page pages back through them together with
``before`` (the moment of the oldest entry shown), asking each for one more than a page to know if there are older."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from peel.web.domain.staff.messages import N_

PAGE_SIZE = 50
LONGEST_FILTER = 200
SERVICES = ("consultation", "scheduling", "notifications", "reporting")
OWN = "web"
"""The web's own entries: changes to what it keeps itself (the staff roles mapping, the office's display)."""
SERVICE_NAMES = {"consultation": N_("Consultations"), "scheduling": N_("Scheduling"),
                 "notifications": N_("Notifications"), "reporting": N_("Reporting"), OWN: N_("Staff pages")}
Json = Mapping[str, Any]


@dataclass(frozen=True)
class AuditFilters:
    resource: str = ""
    actor: str = ""
    before: str = ""

    def params(self, limit: int) -> dict[str, Any]:
        """The query each service's ``GET /v1/audit`` is given."""
        wanted = {"resource": self.resource, "actor": self.actor, "before": self.before, "limit": limit}
        return {key: value for key, value in wanted.items() if value}


def read_filters(query: Mapping[str, str]) -> tuple[AuditFilters, dict[str, str]]:
    """The filters, and a message for each field that is wrong (too long, or a moment that is not one)."""
    resource, actor = query.get("resource", "").strip(), query.get("actor", "").strip()
    before = query.get("before", "").strip()
    problems = {}
    if len(resource) > LONGEST_FILTER:
        problems["resource"] = N_("Enter an id of 200 characters or fewer")
    if len(actor) > LONGEST_FILTER:
        problems["actor"] = N_("Enter a person of 200 characters or fewer")
    if before and not _is_moment(before):
        problems["before"] = N_("The page of older entries asked for is not a moment; start from the newest")
    return AuditFilters(resource, actor, before), problems


def _is_moment(value: str) -> bool:
    return moment_of(value) is not None


def moment_of(value: str) -> datetime | None:
    """An ISO 8601 moment (``Z`` for UTC allowed); one given without an offset is taken as UTC."""
    try:
        found = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


@dataclass(frozen=True)
class TrailPage:
    entries: Sequence[Json]
    older: str | None  # the ``before`` of the next page back, when there are older entries
    missing: Sequence[str]  # the services whose entries could not be read


def merged(trails: Mapping[str, Sequence[Json] | None], page_size: int = PAGE_SIZE) -> TrailPage:
    """One page, newest first, of the services' entries; ``None`` for a service that did not answer."""
    entries = sorted(_each(trails), key=lambda entry: _moment(entry["at"]), reverse=True)
    shown = entries[:page_size]
    older = shown[-1]["at"] if len(entries) > page_size and shown else None
    return TrailPage(shown, older, [name for name, entries in trails.items() if entries is None])


def _each(trails: Mapping[str, Sequence[Json] | None]) -> Iterable[Json]:
    for service, entries in trails.items():
        for entry in entries or ():
            yield {**entry, "service": entry.get("service") or service}


def _moment(value: str) -> datetime:
    found = moment_of(str(value))
    return found or datetime.min.replace(tzinfo=UTC)


def resources_of(entry: Json) -> list[tuple[str, str]]:
    """The ids the action touched, named by what they are (``consultation_id`` -> ``consultation``)."""
    return [(name.removesuffix("_id").replace("_", " "), value)
            for name, value in sorted((entry.get("resource_ids") or {}).items())]
