"""What a resident is told when a consultation takes no responses: the state it is in and what is still allowed."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from peel.common.errors import Conflict
from peel.consultation.domain.lifecycle import ConsultationStatus

if TYPE_CHECKING:
    from peel.consultation.domain.model import Consultation

_AFTER_CLOSING = "takes no responses; a response already given can still be withdrawn with its token"


def responses_refused(consultation: Consultation) -> Conflict:
    """Why ``consultation`` takes no responses now, for a consultation that does not accept them."""
    name, status = f"consultation {consultation.id}", consultation.status
    if status is ConsultationStatus.DRAFT:
        return Conflict(f"{name} is draft (not yet published) and takes no responses until it is published and open")
    if status is ConsultationStatus.SCHEDULED:
        opens, closes = _moment(consultation.opens_at), _moment(consultation.closes_at)
        return Conflict(f"{name} is scheduled and takes no responses until it opens at {opens}; "
                        f"it takes them from then until {closes}")
    if status is ConsultationStatus.RESULTS_PUBLISHED:
        return Conflict(f"{name} is closed, its results are published, and it {_AFTER_CLOSING}")
    closed_at = _moment(consultation.closed_at or consultation.closes_at)
    return Conflict(f"{name} is closed (since {closed_at}) and {_AFTER_CLOSING}")


def _moment(moment: datetime | None) -> str:
    return moment.isoformat() if moment else "a time not yet set"
