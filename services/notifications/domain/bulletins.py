"""What a PCC office's e-bulletin to parish councils and residents announces: consultations as they open, and
"we asked, you said, we did" as each outcome is published."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from peel.common.contracts.consultation import ConsultationOutcomePublished, ConsultationPublished

CONSULTATION_OPENED = "consultation_opened"
CONSULTATION_OUTCOME = "consultation_outcome"


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
