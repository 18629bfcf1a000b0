"""Assemblies, registrants, selection runs and an assembly's work in memory, refusing a second registration of
an email or phone number, a registration form used twice and a second run under way, as the database does."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

from peel.scheduling.assemblies.domain.assemblies import Assembly
from peel.scheduling.assemblies.domain.assembly_meetings import AccessNeed, AssemblyMeeting, Expense, Speaker
from peel.scheduling.assemblies.domain.assembly_outcomes import Recommendation
from peel.scheduling.assemblies.domain.assembly_selection import RunStatus, SelectionRequest
from peel.scheduling.assemblies.domain.registration import ERASED, Registrant, RegistrantStatus
from peel.scheduling.assemblies.service_layer.ports import AlreadyRegistered, AssemblyAtWork, FormUsed, RunUnderWay
from tests.unit.scheduling_fakes import FakeTransaction
from tests.unit.scheduling_fakes.venues import FakeVenues


class FakeAssemblies:
    def __init__(self, registrants: FakeRegistrants, recommendations: FakeRecommendations) -> None:
        self.rows: dict[uuid.UUID, Assembly] = {}
        self.invitations: dict[uuid.UUID, set[str]] = {}
        self._registrants, self._recommendations = registrants, recommendations

    async def add(self, assembly: Assembly, now: datetime) -> None:
        self.rows[assembly.id] = assembly

    async def get(self, tenant: str | None, assembly_id: uuid.UUID, lock: bool = False) -> Assembly | None:
        found = self.rows.get(assembly_id)
        return found if found and tenant in (None, found.tenant) else None

    async def of_tenant(self, tenant: str) -> list[Assembly]:
        return [a for a in reversed(self.rows.values()) if a.tenant == tenant]

    async def at_work(self, tenant: str) -> list[AssemblyAtWork]:
        return [AssemblyAtWork(a, sum(r.awaiting_reply for r in self._registrants.rows.values()
                                      if r.assembly_id == a.id),
                               sum(m.response is None for m in self._recommendations.rows.values()
                                   if m.assembly_id == a.id)) for a in await self.of_tenant(tenant)]

    async def save(self, assembly: Assembly) -> None:
        self.rows[assembly.id] = assembly

    async def add_invitations(self, assembly_id: uuid.UUID, codes: list[str], now: datetime) -> int:
        known = self.invitations.setdefault(assembly_id, set())
        new = set(codes) - known
        known |= new
        return len(new)

    async def invited(self, assembly_id: uuid.UUID, code: str) -> bool:
        return code in self.invitations.get(assembly_id, set())


class FakeRegistrants:
    def __init__(self, care: FakeMemberCare) -> None:
        self.rows: dict[uuid.UUID, Registrant] = {}
        self.replied_at: dict[uuid.UUID, datetime] = {}
        self.used_forms: set[str] = set()
        self._care = care

    async def add(self, tenant: str, registrant: Registrant) -> None:
        contact = registrant.contact
        for other in self.rows.values():
            same = [mine for mine, theirs in ((contact.email, other.contact.email),
                                              (contact.phone, other.contact.phone)) if mine and mine == theirs]
            if other.assembly_id == registrant.assembly_id and same:
                raise AlreadyRegistered()
        self.rows[registrant.id] = registrant

    async def get(self, assembly_id: uuid.UUID, registrant_id: uuid.UUID) -> Registrant | None:
        found = self.rows.get(registrant_id)
        return found if found and found.assembly_id == assembly_id else None

    async def of_assembly(self, assembly_id: uuid.UUID) -> list[Registrant]:
        found = [r for r in self.rows.values() if r.assembly_id == assembly_id]
        return sorted(found, key=lambda r: (r.registered_at, r.id))

    async def set_reply(self, registrant_id: uuid.UUID, reply: str, at: datetime) -> None:
        self.rows[registrant_id] = replace(self.rows[registrant_id], reply=reply)
        self.replied_at[registrant_id] = at

    async def set_status(self, ids: list[uuid.UUID], status: RegistrantStatus, at: datetime | None = None) -> None:
        for registrant_id in ids:
            self.rows[registrant_id] = replace(self.rows[registrant_id], status=status)

    async def erase(self, registrant_id: uuid.UUID, at: datetime) -> None:
        self._care.forget(registrant_id)
        self.rows[registrant_id] = replace(self.rows[registrant_id], contact=ERASED, erased_at=at)

    async def use_form(self, form_token: str, issued_at: datetime, used_at: datetime) -> None:
        if form_token in self.used_forms:
            raise FormUsed()
        self.used_forms.add(form_token)


class FakeSelectionRuns:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, dict] = {}

    async def add(self, tenant: str, assembly_id: uuid.UUID, run_id: uuid.UUID, request: SelectionRequest,
                  now: datetime) -> None:
        if await self.under_way(assembly_id):
            raise RunUnderWay()
        self.rows[run_id] = {"id": run_id, "tenant": tenant, "assembly_id": assembly_id, "kind": request.kind.value,
                             "algorithm": request.algorithm, "seed": request.seed,
                             "dropouts": list(request.dropouts), "status": RunStatus.QUEUED.value,
                             "requested_at": now, "started_at": None, "finished_at": None, "selected": None,
                             "summary": None, "distribution": None, "error": None}

    async def get(self, tenant: str | None, assembly_id: uuid.UUID, run_id: uuid.UUID) -> dict | None:
        found = self.rows.get(run_id)
        return dict(found) if found and found["assembly_id"] == assembly_id and tenant in (None, found["tenant"]) \
            else None

    async def under_way(self, assembly_id: uuid.UUID) -> bool:
        return any(r["assembly_id"] == assembly_id and r["status"] in ("queued", "running")
                   for r in self.rows.values())

    async def latest_done(self, assembly_id: uuid.UUID) -> dict | None:
        done = [r for r in self.rows.values() if r["assembly_id"] == assembly_id and r["status"] == "done"]
        return dict(max(done, key=lambda r: r["finished_at"])) if done else None

    async def claim(self, now: datetime, stale_before: datetime) -> dict | None:
        waiting = [r for r in self.rows.values() if r["status"] == "queued"
                   or (r["status"] == "running" and r["started_at"] < stale_before)]
        if not waiting:
            return None
        run = min(waiting, key=lambda r: r["requested_at"])
        run.update(status=RunStatus.RUNNING.value, started_at=now)
        return dict(run)

    async def finish(self, run_id: uuid.UUID, now: datetime, selected: list[uuid.UUID] | None = None,
                     summary: dict | None = None, distribution: dict | None = None, error: str | None = None) -> None:
        status = RunStatus.FAILED if error else RunStatus.DONE
        self.rows[run_id].update(status=status.value, finished_at=now, selected=selected, summary=summary,
                                 distribution=distribution, error=error)


class FakeAssemblyMeetings:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, AssemblyMeeting] = {}
        self.present: dict[uuid.UUID, dict[uuid.UUID, bool]] = {}
        self.speaking: list[Speaker] = []

    async def add(self, meeting: AssemblyMeeting) -> None:
        self.rows[meeting.id] = meeting

    async def get(self, assembly_id: uuid.UUID, meeting_id: uuid.UUID) -> AssemblyMeeting | None:
        found = self.rows.get(meeting_id)
        return found if found and found.assembly_id == assembly_id else None

    async def of_assembly(self, assembly_id: uuid.UUID) -> list[AssemblyMeeting]:
        return sorted((m for m in self.rows.values() if m.assembly_id == assembly_id),
                      key=lambda m: (m.starts_at, m.id))

    async def record(self, meeting_id: uuid.UUID, present: dict[uuid.UUID, bool], held_at: datetime) -> None:
        self.present[meeting_id] = dict(present)
        self.rows[meeting_id] = replace(self.rows[meeting_id], held_at=held_at)

    async def attended(self, assembly_id: uuid.UUID) -> dict[uuid.UUID, set[uuid.UUID]]:
        return {meeting: {m for m, came in present.items() if came} for meeting, present in self.present.items()
                if self.rows[meeting].assembly_id == assembly_id and any(present.values())}

    async def add_speaker(self, speaker: Speaker) -> None:
        self.speaking.append(speaker)

    async def speakers(self, assembly_id: uuid.UUID) -> list[Speaker]:
        return sorted((s for s in self.speaking if s.assembly_id == assembly_id), key=lambda s: (s.name, s.id))

    def assembly_of(self, meeting_id: uuid.UUID) -> uuid.UUID:
        return self.rows[meeting_id].assembly_id


class FakeMemberCare:
    def __init__(self, meetings: FakeAssemblyMeetings) -> None:
        self.kept: dict[uuid.UUID, tuple[list[AccessNeed], str]] = {}
        self.claims: list[Expense] = []
        self._meetings = meetings

    async def put_needs(self, member_id: uuid.UUID, needs: list[AccessNeed], details: str, now: datetime) -> None:
        self.kept[member_id] = (list(needs), details)

    async def needs(self, member_id: uuid.UUID) -> tuple[list[AccessNeed], str] | None:
        return self.kept.get(member_id)

    async def add_expense(self, expense: Expense, now: datetime) -> None:
        self.claims.append(expense)

    async def expenses(self, assembly_id: uuid.UUID) -> list[Expense]:
        return [e for e in self.claims if self._meetings.assembly_of(e.meeting_id) == assembly_id]

    def forget(self, member_id: uuid.UUID) -> None:
        self.kept.pop(member_id, None)


class FakeRecommendations:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Recommendation] = {}

    async def next_number(self, assembly_id: uuid.UUID) -> int:
        return 1 + max((r.number for r in self.rows.values() if r.assembly_id == assembly_id), default=0)

    async def add(self, recommendation: Recommendation) -> None:
        self.rows[recommendation.id] = recommendation

    async def get(self, assembly_id: uuid.UUID, recommendation_id: uuid.UUID) -> Recommendation | None:
        found = self.rows.get(recommendation_id)
        return found if found and found.assembly_id == assembly_id else None

    async def of_assembly(self, assembly_id: uuid.UUID) -> list[Recommendation]:
        return sorted((r for r in self.rows.values() if r.assembly_id == assembly_id), key=lambda r: r.number)

    async def save(self, recommendation: Recommendation) -> None:
        self.rows[recommendation.id] = recommendation


def fake_assembly_work(venues: FakeVenues | None = None) -> FakeTransaction:
    """A unit of work over assemblies, their registrants, runs and work, and the tenant's venues."""
    meetings = FakeAssemblyMeetings()
    care = FakeMemberCare(meetings)
    registrants, recommendations = FakeRegistrants(care), FakeRecommendations()
    return FakeTransaction(assemblies=FakeAssemblies(registrants, recommendations), registrants=registrants,
                           runs=FakeSelectionRuns(), meetings=meetings, care=care, recommendations=recommendations,
                           venues=venues or FakeVenues())
