"""Events published by the consultation service on ``consultation.events``.

Events carry no direct identifiers of residents: no name, email or exact postcode.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from peel.common.contracts import registry
from peel.common.events import Event, LocalisedText

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")]


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OptionSpec(_Part):
    key: Key
    text: LocalisedText


class QuestionSpec(_Part):
    key: Key
    type: str
    text: LocalisedText
    required: bool
    options: tuple[OptionSpec, ...] = ()


class ChoiceAnswer(_Part):
    question: Key
    type: Literal["single_choice", "multi_choice"]
    options: tuple[Key, ...]


class TextAnswer(_Part):
    question: Key
    type: Literal["free_text"]
    text: str


Answer = Annotated[ChoiceAnswer | TextAnswer, Field(discriminator="type")]


@registry.register
class ConsultationPublished(Event):
    type_name: ClassVar[str] = "peel.consultation.consultation.published.v1"
    aggregate_field: ClassVar[str] = "consultation_id"

    consultation_id: UUID
    title: LocalisedText
    kind: str
    opens_at: datetime
    closes_at: datetime
    questions: tuple[QuestionSpec, ...]


@registry.register
class ResponseSubmitted(Event):
    type_name: ClassVar[str] = "peel.consultation.response.submitted.v1"
    aggregate_field: ClassVar[str] = "response_id"

    response_id: UUID
    consultation_id: UUID
    submitted_at: datetime
    answers: tuple[Answer, ...]
