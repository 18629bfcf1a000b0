"""Parish, town and community councils and partners, who holds each role in them, and the yearly check that
their details are still correct (asked of the clerk, else the generic inbox; confirmed or corrected by them)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from peel.common.errors import FieldError, InvalidInput

CHECK_EVERY = timedelta(days=365)
ASK_AGAIN_AFTER = timedelta(days=30)
CHECK_TEMPLATE = "council_details_check"


class Kind(StrEnum):
    PARISH_COUNCIL = "parish_council"
    TOWN_COUNCIL = "town_council"
    COMMUNITY_COUNCIL = "community_council"
    PARTNER = "partner"


class Role(StrEnum):
    CLERK = "clerk"
    CHAIR = "chair"
    COUNCILLOR = "councillor"
    GENERIC_INBOX = "generic_inbox"


@dataclass(frozen=True, slots=True)
class RoleHolder:
    role: Role
    contact_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class Organisation:
    id: uuid.UUID
    tenant: str
    name: str
    kind: Kind
    area: str
    created_at: datetime
    created_by: str
    roles: tuple[RoleHolder, ...] = ()
    last_confirmed_at: datetime | None = None

    def holders(self, role: Role) -> list[uuid.UUID]:
        return [holder.contact_id for holder in self.roles if holder.role is role]

    def asked(self) -> uuid.UUID | None:
        """Who the yearly check goes to: the clerk, else the generic inbox."""
        return next(iter(self.holders(Role.CLERK) + self.holders(Role.GENERIC_INBOX)), None)

    def confirmed(self, now: datetime) -> Organisation:
        return replace(self, last_confirmed_at=now)

    def due_for_check(self, last_asked: datetime | None, now: datetime) -> bool:
        """Unconfirmed for a year (since it was recorded, if never) and not asked in the last 30 days."""
        checked = self.last_confirmed_at or self.created_at
        return now - checked >= CHECK_EVERY and (last_asked is None or now - last_asked >= ASK_AGAIN_AFTER)


@dataclass(frozen=True, slots=True)
class OrganisationDetails:
    name: str
    kind: Kind
    area: str
    roles: tuple[RoleHolder, ...] = field(default_factory=tuple)


def checked_roles(roles: Sequence[RoleHolder]) -> tuple[RoleHolder, ...]:
    seen: set[RoleHolder] = set()
    for index, holder in enumerate(roles):
        if holder in seen:
            raise InvalidInput([FieldError(("roles", index), "this contact holds this role already")])
        seen.add(holder)
    return tuple(roles)


def new_organisation(tenant: str, details: OrganisationDetails, staff: str, now: datetime) -> Organisation:
    return Organisation(uuid.uuid4(), tenant, details.name, details.kind, details.area, now, staff,
                        checked_roles(details.roles))


def updated(organisation: Organisation, details: OrganisationDetails) -> Organisation:
    return replace(organisation, name=details.name, kind=details.kind, area=details.area,
                   roles=checked_roles(details.roles))


@dataclass(frozen=True, slots=True)
class Correction:
    """What a clerk corrected about themselves on the council details page (``None``: unchanged)."""

    name: str | None = None
    email: str | None = None
    mobile: str | None = None

    def fields(self) -> list[str]:
        return [name for name in ("name", "email", "mobile") if getattr(self, name) is not None]


@dataclass(frozen=True, slots=True)
class CheckMessage:
    """The service email asking a council whether its details are still correct."""

    id: uuid.UUID
    tenant: str
    organisation_id: uuid.UUID
    contact_id: uuid.UUID
    address: str
    language: str
    personalisation: dict
    status: str
    reason: str | None
    held_until: datetime | None
    at: datetime

    @property
    def reference(self) -> str:
        return f"council-details-check:{self.organisation_id}:{self.at.date().isoformat()}"
