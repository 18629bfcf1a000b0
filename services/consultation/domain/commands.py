"""What staff and residents ask the consultation service to do."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from peel.consultation.domain.model import ConsultationKind
from peel.consultation.domain.questions import Question, Text


@dataclass(frozen=True, slots=True)
class CreateConsultation:
    tenant: str
    title: Text
    kind: ConsultationKind
    closes_at: datetime
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class PublishConsultation:
    tenant: str
    consultation_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class SubmitResponse:
    consultation_id: uuid.UUID
    answers: Mapping[str, object]
