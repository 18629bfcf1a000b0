"""The states a consultation moves through, and which moves are allowed."""

from __future__ import annotations

from enum import StrEnum

from peel.common.errors import Conflict


class ConsultationStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"
    RESULTS_PUBLISHED = "results_published"


MOVES: dict[ConsultationStatus, frozenset[ConsultationStatus]] = {
    ConsultationStatus.DRAFT: frozenset({ConsultationStatus.SCHEDULED, ConsultationStatus.OPEN}),
    ConsultationStatus.SCHEDULED: frozenset({ConsultationStatus.OPEN, ConsultationStatus.CLOSED}),
    ConsultationStatus.OPEN: frozenset({ConsultationStatus.CLOSED}),
    ConsultationStatus.CLOSED: frozenset({ConsultationStatus.RESULTS_PUBLISHED}),
    ConsultationStatus.RESULTS_PUBLISHED: frozenset(),
}


def check_move(consultation_id: object, current: ConsultationStatus, to: ConsultationStatus, action: str) -> None:
    if to not in MOVES[current]:
        raise Conflict(f"consultation {consultation_id} is {current}; it cannot {action}")
