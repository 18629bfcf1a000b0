"""Public questions to the Police and Crime Panel, counted per meeting: how many were received,
accepted, rejected (by reason), answered and published, how many answers are overdue or were
given late, and the median time to answer.

A question counts at every step it has reached: a published question is also accepted and
answered. An answer is overdue when the question was accepted, is not answered, and its
answer was due before today (in England and Wales); it was late when given after its due date.
The time to answer is in calendar days, from the day the question was accepted to the
answer's date.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from peel.reporting.domain import statistics
from peel.reporting.domain.documented import DOCUMENTED
from peel.reporting.domain.summaries import rounded

LONDON = ZoneInfo("Europe/London")


def local_date(moment: datetime) -> date:
    """The date in England and Wales at ``moment``."""
    return moment.astimezone(LONDON).date()


@dataclass(frozen=True, slots=True)
class PanelQuestion:
    """How far one question has gone, as its events told."""

    meeting_id: uuid.UUID
    meeting_date: date | None = None
    accepted_at: datetime | None = None
    answer_due: date | None = None
    rejection_reason: str | None = None
    answered_at: datetime | None = None
    answered_on: date | None = None
    answered_late: bool | None = None
    published_at: datetime | None = None

    @property
    def accepted(self) -> bool:
        return self.accepted_at is not None

    @property
    def rejected(self) -> bool:
        return self.rejection_reason is not None

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    @property
    def answer_date(self) -> date | None:
        if self.answered_at is None:
            return None
        return self.answered_on or local_date(self.answered_at)

    def is_overdue(self, today: date) -> bool:
        return self.accepted and not self.answered and self.answer_due is not None and today > self.answer_due

    @property
    def was_late(self) -> bool:
        if not self.answered:
            return False
        if self.answered_late is not None:
            return self.answered_late
        return bool(self.answer_due and self.answer_date and self.answer_date > self.answer_due)

    @property
    def days_to_answer(self) -> int | None:
        if self.accepted_at is None or self.answer_date is None:
            return None
        return (self.answer_date - local_date(self.accepted_at)).days


@dataclass(frozen=True, slots=True)
class ReasonCount:
    __pydantic_config__ = DOCUMENTED
    reason: str
    """the rejection reason's key"""
    count: int


@dataclass(frozen=True, slots=True)
class PanelFigures:
    """One meeting's questions counted (``meeting_id`` None: every meeting's)."""
    __pydantic_config__ = DOCUMENTED

    meeting_id: uuid.UUID | None
    """none for the totals of every meeting"""
    meeting_date: date | None
    received: int
    awaiting_decision: int
    """neither accepted nor rejected yet"""
    accepted: int
    """accepted, including those since answered and published"""
    rejected: int
    rejected_by_reason: tuple[ReasonCount, ...]
    """the most used reason first"""
    answered: int
    awaiting_answer: int
    """accepted and not answered yet"""
    overdue: int
    """accepted, not answered, and due before today"""
    answered_late: int
    """answered after the answer was due"""
    published: int
    median_days_to_answer: float | None
    """calendar days from acceptance to the answer's date"""


@dataclass(frozen=True, slots=True)
class PanelReport:
    __pydantic_config__ = DOCUMENTED
    today: date
    """the day overdue answers are counted on, in England and Wales"""
    totals: PanelFigures
    meetings: tuple[PanelFigures, ...]
    """by meeting date"""


def figures(questions: Sequence[PanelQuestion], today: date, meeting_id: uuid.UUID | None = None) -> PanelFigures:
    accepted = [q for q in questions if q.accepted]
    answered = [q for q in questions if q.answered]
    rejected = [q for q in questions if q.rejected]
    return PanelFigures(
        meeting_id=meeting_id, meeting_date=_meeting_date(questions) if meeting_id else None,
        received=len(questions), awaiting_decision=len(questions) - len(accepted) - len(rejected),
        accepted=len(accepted), rejected=len(rejected), rejected_by_reason=by_reason(rejected),
        answered=len(answered), awaiting_answer=sum(q.accepted and not q.answered for q in questions),
        overdue=sum(q.is_overdue(today) for q in questions), answered_late=sum(q.was_late for q in answered),
        published=sum(q.published_at is not None for q in questions),
        median_days_to_answer=median_days(q.days_to_answer for q in answered),
    )


def by_reason(rejected: Iterable[PanelQuestion]) -> tuple[ReasonCount, ...]:
    """The reasons given, the most used first (then by name)."""
    counts = Counter(q.rejection_reason for q in rejected if q.rejection_reason)
    return tuple(ReasonCount(reason, count) for reason, count in sorted(counts.items(), key=lambda rc: (-rc[1], rc[0])))


def median_days(days: Iterable[int | None]) -> float | None:
    counts = Counter(day for day in days if day is not None)
    return rounded(statistics.median({float(day): count for day, count in counts.items()}), 2)


def _meeting_date(questions: Sequence[PanelQuestion]) -> date | None:
    return max((q.meeting_date for q in questions if q.meeting_date), default=None)


def report(questions: Sequence[PanelQuestion], today: date) -> PanelReport:
    """Every meeting's figures, in the meetings' order (undated last), and the totals."""
    meetings: dict[uuid.UUID, list[PanelQuestion]] = {}
    for question in questions:
        meetings.setdefault(question.meeting_id, []).append(question)
    found = [figures(asked, today, meeting_id) for meeting_id, asked in meetings.items()]
    found.sort(key=lambda f: (f.meeting_date is None, f.meeting_date or date.min, str(f.meeting_id)))
    return PanelReport(today, figures(questions, today), tuple(found))
