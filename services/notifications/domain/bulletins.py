"""What a PCC office's e-bulletin to parish councils and residents announces."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from peel.common.contracts.consultation import ConsultationPublished

CONSULTATION_OPENED = "consultation_opened"


@dataclass(frozen=True, slots=True)
class BulletinItem:
    tenant: str
    source_id: uuid.UUID
    kind: str
    title: dict[str, str]
    happened_at: datetime
    closes_at: datetime | None


def consultation_opened(tenant: str, event: ConsultationPublished) -> BulletinItem:
    return BulletinItem(
        tenant=tenant, source_id=event.consultation_id, kind=CONSULTATION_OPENED,
        title=event.title.model_dump(exclude_none=True), happened_at=event.opens_at, closes_at=event.closes_at,
    )
