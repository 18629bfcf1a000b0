"""What a PCC office's e-bulletin to parish councils and residents announces: consultations as they open, and
"we asked, you said, we did" as each outcome is published, in its corrected words while it still waits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from peel.common.contracts.consultation import (
    ConsultationCorrected,
    ConsultationOutcomePublished,
    ConsultationPublished,
)

CONSULTATION_OPENED = "consultation_opened"
CONSULTATION_OUTCOME = "consultation_outcome"
OUTCOME_PLACE = "outcome"  # the place of the outcome's text in ConsultationCorrected


@dataclass(frozen=True, slots=True)
class BulletinItem:
    """One item for the next e-bulletin, about one consultation (``source_id``), in English and Welsh."""

    tenant: str
    source_id: uuid.UUID
    kind: str
    title: dict[str, str]
    happened_at: datetime
    closes_at: datetime | None
    outcome: dict[str, str] | None = None


def consultation_opened(tenant: str, event: ConsultationPublished) -> BulletinItem:
    return BulletinItem(
        tenant=tenant, source_id=event.consultation_id, kind=CONSULTATION_OPENED,
        title=event.title.model_dump(exclude_none=True), happened_at=event.opens_at, closes_at=event.closes_at,
    )


def consultation_outcome(tenant: str, event: ConsultationOutcomePublished, title: dict[str, str]) -> BulletinItem:
    """What the office did with what it heard, under the consultation's ``title`` (as it opened)."""
    return BulletinItem(
        tenant=tenant, source_id=event.consultation_id, kind=CONSULTATION_OUTCOME, title=title,
        happened_at=event.published_at, closes_at=None, outcome=event.outcome.model_dump(exclude_none=True),
    )


@dataclass(frozen=True, slots=True)
class OutcomeCorrection:
    """New words for a consultation's published outcome, as of the consultation's ``version``.

    A waiting item takes them when they are newer than its words: decided after the outcome it holds was
    published (a later publication replaces them), and of a higher version than any correction it took."""

    tenant: str
    consultation_id: uuid.UUID
    outcome: dict[str, str]
    version: int
    corrected_at: datetime


def outcome_correction(tenant: str, event: ConsultationCorrected) -> OutcomeCorrection | None:
    """The correction of the outcome among the event's changes; none when the outcome is not corrected."""
    change = next((change for change in event.changes if change.field == OUTCOME_PLACE), None)
    if change is None:
        return None
    return OutcomeCorrection(tenant=tenant, consultation_id=event.consultation_id,
                             outcome=change.text.model_dump(exclude_none=True), version=event.version,
                             corrected_at=event.corrected_at)
