"""The ports the assembly use cases need: assemblies, registrants, selection runs, the assembly's work, the
venues it meets at, all in a transaction that also stores events."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, Self

from peel.common.events import Event
from peel.scheduling.assemblies.domain.assemblies import Assembly
from peel.scheduling.assemblies.domain.assembly_meetings import AccessNeed, AssemblyMeeting, Expense, Speaker
from peel.scheduling.assemblies.domain.assembly_outcomes import Recommendation
from peel.scheduling.assemblies.domain.assembly_selection import SelectionRequest
from peel.scheduling.assemblies.domain.registration import Registrant, RegistrantStatus
from peel.scheduling.venues.service_layer.ports import VenueDirectory


class AlreadyRegistered(Exception):
    """This email or phone number is already registered for the assembly."""


class FormUsed(Exception):
    """This registration form was sent back before."""


class RunUnderWay(Exception):
    """The assembly already has a selection run queued or running."""


@dataclass(frozen=True, slots=True)
class AssemblyAtWork:
    """An assembly with what others owe it: members offered a place who have not replied, and recommendations
    without the Commissioner's response."""

    assembly: Assembly
    offers_awaiting_reply: int = 0
    recommendations_awaiting_response: int = 0


class Assemblies(Protocol):
    async def add(self, assembly: Assembly, now: datetime) -> None: ...

    async def get(self, tenant: str | None, assembly_id: uuid.UUID, lock: bool = False) -> Assembly | None:
        """The assembly (any tenant's when ``tenant`` is None, for public pages)."""

    async def of_tenant(self, tenant: str) -> list[Assembly]:
        """Newest first."""

    async def at_work(self, tenant: str) -> list[AssemblyAtWork]:
        """Newest first, each with its counts, read at once rather than assembly by assembly."""

    async def save(self, assembly: Assembly) -> None: ...

    async def add_invitations(self, assembly_id: uuid.UUID, codes: list[str], now: datetime) -> int:
        """How many of the codes were new."""

    async def invited(self, assembly_id: uuid.UUID, code: str) -> bool: ...


class Registrants(Protocol):
    async def add(self, tenant: str, registrant: Registrant) -> None:
        """``AlreadyRegistered`` when the email or phone number is registered for the assembly already."""

    async def get(self, assembly_id: uuid.UUID, registrant_id: uuid.UUID) -> Registrant | None:
        """Locked for update."""

    async def of_assembly(self, assembly_id: uuid.UUID) -> list[Registrant]:
        """First registered first."""

    async def set_reply(self, registrant_id: uuid.UUID, reply: str, at: datetime) -> None: ...

    async def set_status(self, ids: list[uuid.UUID], status: RegistrantStatus, at: datetime | None = None) -> None:
        """``at`` is when they withdrew, if they did."""

    async def erase(self, registrant_id: uuid.UUID, at: datetime) -> None:
        """Blank the name, contact and address, and forget the member's access needs."""

    async def use_form(self, form_token: str, issued_at: datetime, used_at: datetime) -> None:
        """Mark the registration form used; ``FormUsed`` when it was already (a racing use waits for the other's
        transaction to end)."""


class SelectionRuns(Protocol):
    async def add(self, tenant: str, assembly_id: uuid.UUID, run_id: uuid.UUID, request: SelectionRequest,
                  now: datetime) -> None:
        """Queue a run; ``RunUnderWay`` when the assembly has one queued or running."""

    async def get(self, tenant: str | None, assembly_id: uuid.UUID, run_id: uuid.UUID) -> dict | None: ...

    async def under_way(self, assembly_id: uuid.UUID) -> bool: ...

    async def latest_done(self, assembly_id: uuid.UUID) -> dict | None: ...

    async def claim(self, now: datetime, stale_before: datetime) -> dict | None:
        """The oldest queued run (or one a crashed worker left running since before ``stale_before``), marked
        running; runs another worker holds are skipped."""

    async def finish(self, run_id: uuid.UUID, now: datetime, selected: list[uuid.UUID] | None = None,
                     summary: dict | None = None, distribution: dict | None = None, error: str | None = None) -> None:
        """Done with its panel, or failed with ``error``."""


class AssemblyMeetings(Protocol):
    async def add(self, meeting: AssemblyMeeting) -> None: ...

    async def get(self, assembly_id: uuid.UUID, meeting_id: uuid.UUID) -> AssemblyMeeting | None:
        """Locked for update."""

    async def of_assembly(self, assembly_id: uuid.UUID) -> list[AssemblyMeeting]:
        """Soonest first."""

    async def record(self, meeting_id: uuid.UUID, present: dict[uuid.UUID, bool], held_at: datetime) -> None:
        """Who came (``True``) and who did not; the meeting is held."""

    async def attended(self, assembly_id: uuid.UUID) -> dict[uuid.UUID, set[uuid.UUID]]:
        """Who came, per meeting."""

    async def add_speaker(self, speaker: Speaker) -> None: ...

    async def speakers(self, assembly_id: uuid.UUID) -> list[Speaker]:
        """By name."""


class MemberCare(Protocol):
    """Access needs (confidential) and expenses of panel members."""

    async def put_needs(self, member_id: uuid.UUID, needs: list[AccessNeed], details: str, now: datetime) -> None:
        """Replace what was kept."""

    async def needs(self, member_id: uuid.UUID) -> tuple[list[AccessNeed], str] | None: ...

    async def add_expense(self, expense: Expense, now: datetime) -> None: ...

    async def expenses(self, assembly_id: uuid.UUID) -> list[Expense]:
        """First claimed first."""


class Recommendations(Protocol):
    async def next_number(self, assembly_id: uuid.UUID) -> int: ...

    async def add(self, recommendation: Recommendation) -> None: ...

    async def get(self, assembly_id: uuid.UUID, recommendation_id: uuid.UUID) -> Recommendation | None:
        """Locked for update."""

    async def of_assembly(self, assembly_id: uuid.UUID) -> list[Recommendation]:
        """By number."""

    async def save(self, recommendation: Recommendation) -> None:
        """Its response and progress."""


class AssemblyUnitOfWork(Protocol):
    assemblies: Assemblies
    registrants: Registrants
    runs: SelectionRuns
    meetings: AssemblyMeetings
    care: MemberCare
    recommendations: Recommendations
    venues: VenueDirectory

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...
