"""What an office's home page and feed list: its open, upcoming and most recently closed consultations."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from peel.consultation.domain.lifecycle import ConsultationStatus
from peel.consultation.domain.model import Consultation

CLOSED_LISTED = 20
CLOSED = (ConsultationStatus.CLOSED, ConsultationStatus.RESULTS_PUBLISHED)


@dataclass(frozen=True, slots=True)
class OfficeListing:
    """Open ones soonest closing first, upcoming ones soonest opening first, closed ones newest closed first."""

    open: tuple[Consultation, ...]
    upcoming: tuple[Consultation, ...]
    closed: tuple[Consultation, ...]


def office_listing(found: Iterable[Consultation], closed_listed: int = CLOSED_LISTED) -> OfficeListing:
    """The published consultations among ``found`` in their lists; drafts are never listed."""
    found = list(found)
    return OfficeListing(
        open=_sorted(found, (ConsultationStatus.OPEN,), lambda c: c.closes_at),
        upcoming=_sorted(found, (ConsultationStatus.SCHEDULED,), lambda c: c.opens_at or c.closes_at),
        closed=_sorted(found, CLOSED, lambda c: c.closed_at or c.closes_at, newest=True)[:closed_listed],
    )


def last_changed(consultation: Consultation) -> datetime:
    """When residents last saw it change; rows from before that was kept fall back to when it closed or opened."""
    c = consultation
    return c.updated_at or c.closed_at or c.opens_at or c.created_at


def _sorted(found: list[Consultation], statuses: tuple[ConsultationStatus, ...],
            when: Callable[[Consultation], datetime], *, newest: bool = False) -> tuple[Consultation, ...]:
    listed = sorted((c for c in found if c.status in statuses), key=lambda c: (when(c), c.id.int), reverse=newest)
    return tuple(listed)
