"""Events published by the consultation service on ``consultation.events``.

Events carry no direct identifiers of residents: no name, email or exact postcode; a
response carries its area, its equality-monitoring bands (only when the respondent
consented to give them) and its answers.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, SerializeAsAny

from peel.common.contracts import registry
from peel.common.events import Event, LocalisedText

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
UNKNOWN_AREA = "unknown"
Channel = Literal["online", "paper", "telephone", "event"]
"""How a response reached the office: online by the resident, or keyed in by staff from a paper form, a telephone
call or an event. Results are shown by channel, never pooled silently."""
ONLINE: Channel = "online"


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OptionSpec(_Part):
    key: Key
    text: LocalisedText


class ScaleSpec(_Part):
    """A rating scale: whole numbers from ``minimum`` to ``maximum``, labels for some points."""

    minimum: int
    maximum: int
    labels: dict[str, LocalisedText] = {}


class RangeSpec(_Part):
    minimum: float
    maximum: float
    unit: str | None = None


class BudgetLineSpec(_Part):
    key: Key
    text: LocalisedText
    current_spend: float
    min_change_percent: float
    max_change_percent: float
    step_percent: float


class PreceptLeverSpec(_Part):
    """The Band D precept change a respondent may choose, and the income each pound raises."""

    band_d_current: float
    max_change: float
    income_per_pound: float


class BudgetSpec(_Part):
    lines: tuple[BudgetLineSpec, ...]
    target_change: float
    tolerance: float
    precept: PreceptLeverSpec | None = None


class ShowIf(_Part):
    """Routing: the question is shown only when an earlier question's answer is ``equals``."""

    question: Key
    equals: str


class QuestionSpec(_Part):
    key: Key
    type: str
    text: LocalisedText
    required: bool
    options: tuple[OptionSpec, ...] = ()
    scale: ScaleSpec | None = None
    range: RangeSpec | None = None
    budget: BudgetSpec | None = None
    show_if: ShowIf | None = None


class ChoiceAnswer(_Part):
    question: Key
    type: Literal["single_choice", "multi_choice"]
    options: tuple[Key, ...]


class TextAnswer(_Part):
    question: Key
    type: Literal["free_text"]
    text: str
    publishable: bool = False


class RatingAnswer(_Part):
    question: Key
    type: Literal["rating"]
    value: int


class NumberAnswer(_Part):
    question: Key
    type: Literal["number"]
    value: float


class RankingAnswer(_Part):
    question: Key
    type: Literal["ranking"]
    order: tuple[Key, ...]


class BudgetAnswer(_Part):
    question: Key
    type: Literal["budget_allocation"]
    changes_percent: dict[str, float]
    precept_change: float | None = None


Answer = Annotated[
    ChoiceAnswer | TextAnswer | RatingAnswer | NumberAnswer | RankingAnswer | BudgetAnswer,
    Field(discriminator="type"),
]


class EqualityBands(_Part):
    """Equality monitoring, given with its own consent; any band may be withheld."""

    age_band: str | None = None
    sex: str | None = None
    ethnicity: str | None = None
    disability: str | None = None


class BandChangeSpec(_Part):
    """What a precept option means for one council-tax band, in pounds."""

    band: str
    yearly: float
    weekly: float


class PreceptOptionSpec(_Part):
    """One proposed Band D change (pounds a year) and what it means, as residents were shown it."""

    key: Key
    band_d_change: float
    percent_increase: float
    new_band_d: float
    triggers_referendum: bool
    bands: tuple[BandChangeSpec, ...] = ()


class PreceptProposalSpec(_Part):
    """A precept consultation's options, asked as the single-choice question ``question``."""

    question: Key
    band_d_current: float
    options: tuple[PreceptOptionSpec, ...]
    referendum_limit_pounds: float | None = None
    referendum_limit_percent: float | None = None


class PlanSectionSpec(_Part):
    """A section of a draft Police and Crime Plan, as residents read it before rating it."""

    key: Key
    title: LocalisedText
    summary: LocalisedText


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
    results_embargoed: bool = False
    areas: tuple[Key, ...] = ()
    precept: PreceptProposalSpec | None = None
    summary: LocalisedText | None = None
    sections: tuple[PlanSectionSpec, ...] = ()


@registry.register
class ConsultationClosed(Event):
    type_name: ClassVar[str] = "peel.consultation.consultation.closed.v1"
    aggregate_field: ClassVar[str] = "consultation_id"

    consultation_id: UUID
    closed_at: datetime


@registry.register
class ConsultationResultsPublished(Event):
    type_name: ClassVar[str] = "peel.consultation.consultation.results_published.v1"
    aggregate_field: ClassVar[str] = "consultation_id"

    consultation_id: UUID
    published_at: datetime


@registry.register
class ConsultationOutcomePublished(Event):
    """"We asked, you said, we did": what the office did with what it heard."""

    type_name: ClassVar[str] = "peel.consultation.consultation.outcome_published.v1"
    aggregate_field: ClassVar[str] = "consultation_id"

    consultation_id: UUID
    outcome: LocalisedText
    published_at: datetime


@registry.register
class ResponseSubmitted(Event):
    type_name: ClassVar[str] = "peel.consultation.response.submitted.v1"
    aggregate_field: ClassVar[str] = "response_id"

    response_id: UUID
    consultation_id: UUID
    submitted_at: datetime
    answers: tuple[SerializeAsAny[Answer], ...]  # each answer dumps by its own model, found without the union
    area: str = UNKNOWN_AREA
    equality: EqualityBands | None = None
    channel: Channel = ONLINE  # events published before channels were recorded were all online


@registry.register
class ResponseErased(Event):
    """A response withdrawn by its respondent or erased on request: every copy must go."""

    type_name: ClassVar[str] = "peel.consultation.response.erased.v1"
    aggregate_field: ClassVar[str] = "response_id"

    response_id: UUID
    consultation_id: UUID
    erased_at: datetime
    reason: Literal["withdrawn", "erasure_request"]


@registry.register
class FreeTextModerated(Event):
    type_name: ClassVar[str] = "peel.consultation.response.free_text_moderated.v1"
    aggregate_field: ClassVar[str] = "response_id"

    response_id: UUID
    consultation_id: UUID
    question: Key
    decision: Literal["approved", "redacted"]
    moderated_at: datetime


@registry.register
class PanelQuestionSubmitted(Event):
    type_name: ClassVar[str] = "peel.consultation.panel_question.submitted.v1"
    aggregate_field: ClassVar[str] = "question_id"

    question_id: UUID
    meeting_id: UUID
    meeting_date: date
    submitted_at: datetime
    word_count: int


@registry.register
class PanelQuestionAccepted(Event):
    type_name: ClassVar[str] = "peel.consultation.panel_question.accepted.v1"
    aggregate_field: ClassVar[str] = "question_id"

    question_id: UUID
    meeting_id: UUID
    accepted_at: datetime
    answer_due: date


@registry.register
class PanelQuestionRejected(Event):
    type_name: ClassVar[str] = "peel.consultation.panel_question.rejected.v1"
    aggregate_field: ClassVar[str] = "question_id"

    question_id: UUID
    meeting_id: UUID
    rejected_at: datetime
    reason: Key


@registry.register
class PanelQuestionAnswered(Event):
    type_name: ClassVar[str] = "peel.consultation.panel_question.answered.v1"
    aggregate_field: ClassVar[str] = "question_id"

    question_id: UUID
    meeting_id: UUID
    answered_at: datetime
    answer_due: date
    overdue: bool
    answered_on: date | None = None


@registry.register
class PanelQuestionPublished(Event):
    type_name: ClassVar[str] = "peel.consultation.panel_question.published.v1"
    aggregate_field: ClassVar[str] = "question_id"

    question_id: UUID
    meeting_id: UUID
    published_at: datetime


class TextChange(_Part):
    """One public text after a correction, named by its place: ``title``, ``summary``,
    ``questions.<key>.text``, ``questions.<key>.options.<key>``, ``questions.<key>.scale.<point>``,
    ``questions.<key>.budget.<line>``, ``questions.<key>.budget.<line>.consequences.<change>``,
    ``sections.<key>.title``, ``sections.<key>.summary`` or ``outcome``."""

    field: str
    text: LocalisedText


@registry.register
class ConsultationCorrected(Event):
    """The text of a published consultation corrected: the meaning stays, the words change."""

    type_name: ClassVar[str] = "peel.consultation.consultation.corrected.v1"
    aggregate_field: ClassVar[str] = "consultation_id"

    consultation_id: UUID
    version: int
    corrected_at: datetime
    changes: tuple[TextChange, ...]


@registry.register
class ConsultationClosingExtended(Event):
    """An open consultation given more time: it now closes at ``closes_at``."""

    type_name: ClassVar[str] = "peel.consultation.consultation.closing_extended.v1"
    aggregate_field: ClassVar[str] = "consultation_id"

    consultation_id: UUID
    closes_at: datetime
    previous_closes_at: datetime
    extended_at: datetime
