"""What staff see first: each consultation with its responses and free texts awaiting moderation, and the Panel
questions awaiting the clerk's decision or the Commissioner's answer.

A Panel question is *awaiting decision* while received (the clerk accepts or rejects it). Once accepted its answer
falls due ``answer_working_days`` working days later; until it is answered it is *due* up to and including that day,
and *overdue* from the day after (``answer_overdue``, the rule the Panel's own lists use).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from peel.consultation.domain.panel import answer_overdue
from peel.consultation.domain.questions import Text


@dataclass(frozen=True, slots=True)
class ConsultationCounts:
    id: uuid.UUID
    title: Text
    kind: str
    status: str
    opens_at: datetime | None
    closes_at: datetime
    responses: int = 0
    awaiting_moderation: int = 0


@dataclass(frozen=True, slots=True)
class AnswerOwed:
    """An accepted Panel question the Commissioner has yet to answer."""

    id: uuid.UUID
    meeting_id: uuid.UUID
    meeting_title: Text
    status: str
    answer_due: date


@dataclass(frozen=True, slots=True)
class PanelOverview:
    awaiting_decision: int
    due: tuple[AnswerOwed, ...]
    overdue: tuple[AnswerOwed, ...]


@dataclass(frozen=True, slots=True)
class Overview:
    consultations: tuple[ConsultationCounts, ...]
    panel: PanelOverview


def panel_overview(awaiting_decision: int, owed: Iterable[AnswerOwed], today: date) -> PanelOverview:
    """The answers owed split into due and overdue, each soonest due first."""
    ordered = sorted(owed, key=lambda q: (q.answer_due, q.id.int))
    return PanelOverview(
        awaiting_decision=awaiting_decision,
        due=tuple(q for q in ordered if not answer_overdue(q.answer_due, today)),
        overdue=tuple(q for q in ordered if answer_overdue(q.answer_due, today)),
    )
