"""What staff and residents ask the consultation service to do."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from peel.common.contracts.consultation import EqualityBands
from peel.consultation.domain.channels import KeyedIn
from peel.consultation.domain.kinds import PlanSection
from peel.consultation.domain.model import ConsultationKind
from peel.consultation.domain.precept import PreceptProposal
from peel.consultation.domain.questions import Question, Text
from peel.consultation.domain.texts import Rewording


@dataclass(frozen=True, slots=True)
class CreateConsultation:
    tenant: str
    title: Text
    kind: ConsultationKind
    closes_at: datetime
    questions: tuple[Question, ...]
    opens_at: datetime | None = None
    requires_welsh: bool = False
    results_embargoed: bool = False
    precept: PreceptProposal | None = None
    summary: Text | None = None
    sections: tuple[PlanSection, ...] = ()


@dataclass(frozen=True, slots=True)
class EditConsultation:
    """Anything, while a draft; once published, only corrections of text (each one versioned).

    ``rewordings`` correct any public text by its place (see ``peel.consultation.domain.texts``);
    ``question_texts`` reword questions by key. For a draft Plan or a precept, ``questions`` are those asked
    after the kind's own, which follow ``sections`` or ``precept``. Once published, ``title`` and ``summary`` are
    corrections too, keeping a language they leave out.
    """

    tenant: str
    consultation_id: uuid.UUID
    editor: str
    title: Text | None = None
    question_texts: Mapping[str, Text] | None = None
    rewordings: Mapping[str, Rewording] | None = None
    summary: Text | None = None
    closes_at: datetime | None = None
    opens_at: datetime | None = None
    questions: tuple[Question, ...] | None = None
    requires_welsh: bool | None = None
    results_embargoed: bool | None = None
    sections: tuple[PlanSection, ...] | None = None
    """a draft Plan's sections, whose questions follow them"""
    precept: PreceptProposal | None = None
    """a precept consultation's proposal, whose question follows it"""
    unschedule: bool = False
    """take the draft's opening time away, so that publishing opens it at once"""


@dataclass(frozen=True, slots=True)
class ExtendClosing:
    """Give an open consultation more time: it closes at ``closes_at`` instead."""

    tenant: str
    consultation_id: uuid.UUID
    closes_at: datetime


@dataclass(frozen=True, slots=True)
class PublishConsultation:
    tenant: str
    consultation_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class CloseConsultation:
    tenant: str
    consultation_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class PublishResults:
    tenant: str
    consultation_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class PublishOutcome:
    tenant: str
    consultation_id: uuid.UUID
    outcome: Text


@dataclass(frozen=True, slots=True)
class SubmitResponse:
    consultation_id: uuid.UUID
    answers: Mapping[str, object]
    postcode: str | None = None
    email: str | None = None
    publishable: bool = False
    equality: EqualityBands | None = None
    idempotency_key: str | None = None
    request_fingerprint: bytes = b""
    tenant: str | None = None
    """staff's office: another office's consultation is not found (residents name none)"""
    keyed_in: KeyedIn | None = None
    """staff keying it in on a resident's behalf"""


@dataclass(frozen=True, slots=True)
class WithdrawResponse:
    consultation_id: uuid.UUID
    response_id: uuid.UUID
    withdrawal_token: str


@dataclass(frozen=True, slots=True)
class EraseResponse:
    tenant: str
    consultation_id: uuid.UUID
    response_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class ModerateFreeText:
    tenant: str
    consultation_id: uuid.UUID
    response_id: uuid.UUID
    question: str
    decision: Literal["approved", "redacted"]
    reason: str
    moderator: str


@dataclass(frozen=True, slots=True)
class LoadAreas:
    """Replace a tenant's postcode-district -> local policing area table."""

    tenant: str
    rows: tuple[tuple[str, str, str], ...]  # (postcode district, area key, area name)
