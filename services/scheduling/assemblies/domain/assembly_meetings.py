"""An assembly at work: its meetings (workshops in person, sessions online), who attended, the expert
speakers and their declarations of interest, members' access needs, and what members are paid.

Access needs are personal and confidential: only staff who organise the assembly see them. A
member's honorarium is paid per meeting attended; expenses can be claimed only for a meeting the
member attended.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from peel.common.errors import Conflict, FieldError, InvalidInput


class MeetingFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"


class AccessNeed(StrEnum):
    INTERPRETER = "interpreter"
    HEARING_LOOP = "hearing_loop"
    STEP_FREE = "step_free"
    CHILDCARE = "childcare"
    TRAVEL = "travel"
    OTHER = "other"


class ExpenseCategory(StrEnum):
    TRAVEL = "travel"
    CHILDCARE = "childcare"
    CARE = "care"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class AssemblyMeeting:
    id: uuid.UUID
    assembly_id: uuid.UUID
    title: str
    format: MeetingFormat
    venue_id: uuid.UUID | None
    starts_at: datetime
    ends_at: datetime
    held_at: datetime | None = None

    def require_not_held(self) -> None:
        if self.held_at is not None:
            raise Conflict(f"attendance for this meeting is already recorded (at {self.held_at.isoformat()}); it "
                           "is recorded once")

    def require_started(self, now: datetime) -> None:
        if now < self.starts_at:
            raise Conflict(f"the meeting has not started yet (it starts at {self.starts_at.isoformat()}); "
                           "attendance can be recorded once the meeting has started")


def check_meeting(format: MeetingFormat, venue_id: uuid.UUID | None, starts_at: datetime, ends_at: datetime) -> None:
    errors = []
    if (format is MeetingFormat.IN_PERSON) != (venue_id is not None):
        errors.append(FieldError(("venue_id",), "an in-person meeting needs a venue; an online one has none"))
    if ends_at <= starts_at:
        errors.append(FieldError(("ends_at",), "must be after starts_at"))
    if errors:
        raise InvalidInput(errors)


def check_members(panel: Iterable[uuid.UUID], given: Iterable[uuid.UUID], field: str) -> None:
    strays = sorted(str(m) for m in set(given) - set(panel))
    if strays:
        raise InvalidInput([FieldError((field,), f"not members of the panel: {', '.join(strays)}")])


@dataclass(frozen=True, slots=True)
class Speaker:
    id: uuid.UUID
    assembly_id: uuid.UUID
    meeting_id: uuid.UUID | None
    name: str
    organisation: str
    topic: str
    declaration: str               # interests declared, or "None declared"


@dataclass(frozen=True, slots=True)
class Expense:
    id: uuid.UUID
    member_id: uuid.UUID
    meeting_id: uuid.UUID
    category: ExpenseCategory
    amount_pence: int


@dataclass(frozen=True, slots=True)
class MemberPay:
    member_id: uuid.UUID
    meetings_attended: int
    honorarium_pence: int
    expenses_pence: int

    @property
    def total_pence(self) -> int:
        return self.honorarium_pence + self.expenses_pence


def require_attended(attended: Mapping[uuid.UUID, set[uuid.UUID]], member: uuid.UUID, meeting: uuid.UUID) -> None:
    """Expenses are for meetings the member attended."""
    if member not in attended.get(meeting, set()):
        raise Conflict("the member is not recorded as attending this meeting; expenses can be claimed only for a "
                       "meeting the member attended")


def pay(panel: Iterable[uuid.UUID], attended: Mapping[uuid.UUID, set[uuid.UUID]], expenses: Iterable[Expense],
        honorarium_per_meeting_pence: int) -> list[MemberPay]:
    """Each member's honorarium (per meeting attended) and expenses for attended meetings."""
    claimed: dict[uuid.UUID, int] = {}
    for expense in expenses:
        if expense.member_id in attended.get(expense.meeting_id, set()):
            claimed[expense.member_id] = claimed.get(expense.member_id, 0) + expense.amount_pence
    result = []
    for member in panel:
        count = sum(member in present for present in attended.values())
        result.append(MemberPay(member, count, count * honorarium_per_meeting_pence, claimed.get(member, 0)))
    return result
