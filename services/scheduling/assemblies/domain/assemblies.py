"""Citizens' assemblies: the remit, the panel wanted and the quotas it must meet.

An assembly recruits from invited households (each invitation letter carries a code), selects
its members through the selection engine (``peel.sortition``), and may replace drop-outs up to
its replacement deadline.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from peel.common.errors import Conflict, FieldError, InvalidInput
from peel.sortition import Quota, QuotaError, check_quotas

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"   # no 0/O or 1/I: read off a letter
CODE_LENGTH = 8


class AssemblyStatus(StrEnum):
    RECRUITING = "recruiting"
    SELECTED = "selected"


@dataclass(frozen=True, slots=True)
class Remit:
    en: str
    cy: str | None = None


@dataclass(frozen=True, slots=True)
class Assembly:
    id: uuid.UUID
    tenant: str
    title: Remit
    remit: Remit
    areas: tuple[str, ...]
    panel_size: int
    quotas: tuple[Quota, ...]
    registration_closes_at: datetime
    replacement_deadline: date
    status: AssemblyStatus = AssemblyStatus.RECRUITING
    version: int = 1
    selected: tuple[uuid.UUID, ...] = field(default=())
    honorarium_per_meeting_pence: int = 0

    @property
    def features(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(quota.feature for quota in self.quotas))

    def value_of(self, feature: str, given: str) -> str | None:
        """The quota value ``given`` matches (case and spacing ignored), or None."""
        wanted = " ".join(given.split()).casefold()
        for quota in self.quotas:
            if quota.feature == feature and " ".join(quota.value.split()).casefold() == wanted:
                return quota.value
        return None

    def registration_open(self, now: datetime) -> bool:
        return self.status is AssemblyStatus.RECRUITING and now < self.registration_closes_at

    def replacements_open(self, today: date) -> bool:
        return self.status is AssemblyStatus.SELECTED and today <= self.replacement_deadline

    def with_members(self, members: Sequence[uuid.UUID]) -> Assembly:
        return replace(self, status=AssemblyStatus.SELECTED, selected=tuple(members), version=self.version + 1)


def check_assembly(panel_size: int, quotas: Sequence[Quota], areas: Sequence[str],
                   registration_closes_at: datetime, replacement_deadline: date) -> None:
    """422 naming each field that is wrong: quotas are checked as the selection engine will read them."""
    errors = []
    try:
        check_quotas(quotas, panel_size)
    except QuotaError as error:
        where = ("panel_size",) if error.index is None else ("quotas", error.index, error.column)
        errors.append(FieldError(where, error.reason))
    if not areas:
        errors.append(FieldError(("areas",), "name at least one local policing area"))
    if replacement_deadline < registration_closes_at.date():
        errors.append(FieldError(("replacement_deadline",), "is before registration closes"))
    if errors:
        raise InvalidInput(errors)


def new_invitation_codes(count: int) -> list[str]:
    """``count`` distinct codes to print on invitation letters, one per household."""
    if not 1 <= count <= 20000:
        raise InvalidInput([FieldError(("count",), "must be between 1 and 20,000")])
    codes: set[str] = set()
    while len(codes) < count:
        codes.add("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))
    return sorted(codes)


def normalise_code(code: str) -> str:
    return "".join(code.split()).upper().replace("-", "")


def refuse_unless_recruiting(assembly: Assembly, now: datetime) -> None:
    if not assembly.registration_open(now):
        raise Conflict(f"registration for this assembly is closed ({_why_closed(assembly)}); it takes no more "
                       "registrations or invitations")


def _why_closed(assembly: Assembly) -> str:
    if assembly.status is not AssemblyStatus.RECRUITING:
        return f"the assembly is {assembly.status.value}"
    return f"it closed at {assembly.registration_closes_at.isoformat()}"
