"""What needs doing today, from what the services answer: consultations by status with their responses and the
free text awaiting moderation, Panel questions due or overdue, this week's surgeries, the assemblies' next steps
and the bulletins awaiting a second person's approval.

Each part is worked out on its own, so one service not answering leaves only its own part unavailable."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Generic, TypeVar

from peel.web.domain.staff.messages import N_

T = TypeVar("T")
Json = Mapping[str, Any]
STATUS_ORDER = ("open", "scheduled", "draft", "closed", "results_published")
STATUS_NAMES = {"open": N_("Open"), "scheduled": N_("Scheduled"), "draft": N_("Drafts"), "closed": N_("Closed"),
                "results_published": N_("Results published")}


@dataclass(frozen=True)
class Part(Generic[T]):
    """One panel of the dashboard: what it shows, or ``available`` false when its service did not answer."""

    value: T | None = None
    available: bool = True

    @classmethod
    def unavailable(cls) -> Part[T]:
        return cls(None, available=False)


@dataclass(frozen=True)
class StatusGroup:
    status: str
    name: str
    consultations: Sequence[Json]

    @property
    def responses(self) -> int:
        return sum(int(item.get("responses", 0)) for item in self.consultations)


@dataclass(frozen=True)
class ConsultationWork:
    groups: Sequence[StatusGroup]
    to_moderate: Sequence[Json]

    @property
    def awaiting_moderation(self) -> int:
        return sum(int(item.get("awaiting_moderation", 0)) for item in self.to_moderate)


@dataclass(frozen=True)
class PanelWork:
    awaiting_decision: int
    due: Sequence[Json]
    overdue: Sequence[Json]


@dataclass(frozen=True)
class AssemblyTask:
    """One thing to do for an assembly: ``kind`` says what (``select``, ``recruiting``, ``respond``)."""

    assembly: Json
    kind: str
    count: int = 0
    until: str | None = None


@dataclass(frozen=True)
class Week:
    starts: date
    ends: date
    sessions: Sequence[Json] = field(default_factory=tuple)


def consultation_work(overview: Json) -> ConsultationWork:
    consultations = list(overview.get("consultations", []))
    groups = [StatusGroup(status, STATUS_NAMES[status], [c for c in consultations if c.get("status") == status])
              for status in STATUS_ORDER]
    others = [c for c in consultations if c.get("status") not in STATUS_NAMES]
    if others:
        groups.append(StatusGroup("other", N_("Other"), others))
    to_moderate = sorted((c for c in consultations if int(c.get("awaiting_moderation", 0)) > 0),
                         key=lambda c: -int(c["awaiting_moderation"]))
    return ConsultationWork([group for group in groups if group.consultations], to_moderate)


def panel_work(overview: Json) -> PanelWork:
    panel = overview.get("panel") or {}
    return PanelWork(int(panel.get("awaiting_decision", 0)), _by_due(panel.get("due", [])),
                     _by_due(panel.get("overdue", [])))


def _by_due(questions: Iterable[Json]) -> list[Json]:
    return sorted(questions, key=lambda question: str(question.get("answer_due", "")))


def week_of(today: date) -> Week:
    """Monday to Sunday of ``today``'s week, the days the dashboard asks the scheduling service for."""
    monday = today - timedelta(days=today.weekday())
    return Week(monday, monday + timedelta(days=6))


def this_week(sessions: Iterable[Json], today: date) -> Week:
    """The sessions from Monday to Sunday of ``today``'s week that are not cancelled, soonest first."""
    week = week_of(today)
    chosen = [s for s in sessions if week.starts <= _day(s) <= week.ends and not s.get("cancelled_at")
              and s.get("status") != "cancelled"]
    return Week(week.starts, week.ends, sorted(chosen, key=lambda s: str(s.get("starts_at", ""))))


def _day(session: Json) -> date:
    return date.fromisoformat(str(session.get("day") or str(session["starts_at"])[:10]))


TASK_ORDER = ("select", "offers", "respond", "recruiting")
COUNTED_TASKS = (("offers", "offers_awaiting_reply"), ("respond", "recommendations_awaiting_response"))


def assembly_tasks(assemblies: Iterable[Json], now: datetime) -> list[AssemblyTask]:
    """Recruiting assemblies whose registration has closed await their selection; those still recruiting say
    until when; the others list the offers of a place members have not replied to and the recommendations
    awaiting the office's response, as the scheduling service counts them."""
    tasks = []
    for assembly in assemblies:
        if assembly.get("status") == "recruiting":
            tasks.append(_recruiting(assembly, now))
        else:
            tasks.extend(_counted(assembly))
    return sorted(tasks, key=lambda task: TASK_ORDER.index(task.kind))


def _counted(assembly: Json) -> list[AssemblyTask]:
    counts = ((kind, int(assembly.get(field) or 0)) for kind, field in COUNTED_TASKS)
    return [AssemblyTask(assembly, kind, count) for kind, count in counts if count > 0]


def _recruiting(assembly: Json, now: datetime) -> AssemblyTask:
    closes = datetime.fromisoformat(str(assembly["registration_closes_at"]).replace("Z", "+00:00"))
    if closes <= now:
        return AssemblyTask(assembly, "select")
    return AssemblyTask(assembly, "recruiting", until=str(assembly["registration_closes_at"]))


def awaiting_approval(bulletins: Iterable[Json]) -> list[Json]:
    """Drafts wait for a second person to approve them, oldest first (the longest waiting at the top)."""
    return sorted((b for b in bulletins if b.get("status") == "draft"), key=lambda b: str(b.get("created_at", "")))
