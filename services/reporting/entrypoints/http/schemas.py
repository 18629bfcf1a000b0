"""What the results endpoints answer, as documented in OpenAPI."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from peel.reporting.domain.breakdown import Dimension

Text = dict[str, str]
Figure = float | None


class OptionResult(BaseModel):
    key: str
    text: Text
    count: int = Field(description="respondents who chose it (for a ranking: who ranked it first)")
    share: float = Field(description="count / respondents who answered the question")


class RatingPoint(BaseModel):
    value: float
    label: Text | None
    count: int
    share: float


class RatingSummary(BaseModel):
    kind: Literal["rating"]
    mean: Figure
    median: Figure
    distribution: list[RatingPoint]


class NumberBucket(BaseModel):
    low: float = Field(description="included")
    high: float = Field(description="excluded, except in the last bucket")
    count: int


class NumberSummary(BaseModel):
    kind: Literal["number"]
    mean: Figure
    median: Figure
    minimum: Figure
    maximum: Figure
    unit: str | None
    distribution: list[NumberBucket]


class RankedOption(BaseModel):
    key: str
    text: Text
    ranked: int = Field(description="respondents who ranked it")
    first_choices: int
    mean_rank: Figure = Field(description="1 is the most important")
    borda: int = Field(description="with n options, rank r earns n - r points; unranked earns none")


class RankingSummary(BaseModel):
    kind: Literal["ranking"]
    options: list[RankedOption]


class Spread(BaseModel):
    mean: Figure
    median: Figure
    lower_quartile: Figure
    upper_quartile: Figure
    interquartile_range: Figure


class BudgetLine(BaseModel):
    key: str
    text: Text
    current_spend: float
    answered: int
    change_percent: Spread
    change_amount: Spread = Field(description="the % change in pounds of the current spend")


class ValueCount(BaseModel):
    value: float
    count: int


class PreceptChoice(BaseModel):
    answered: int
    mean: Figure
    median: Figure
    distribution: list[ValueCount]


class BudgetSummary(BaseModel):
    kind: Literal["budget_allocation"]
    lines: list[BudgetLine]
    precept: PreceptChoice | None


class Moderation(BaseModel):
    pending: int
    approved: int
    redacted: int


class FreeTextSummary(BaseModel):
    kind: Literal["free_text"]
    publishable: int = Field(description="answers whose respondents agreed to their publication")
    moderation: Moderation
    approved: list[str] = Field(description="the approved publishable answers, oldest first")


Summary = Annotated[RatingSummary | NumberSummary | RankingSummary | BudgetSummary | FreeTextSummary,
                    Field(discriminator="kind")]


class QuestionResult(BaseModel):
    key: str
    type: str
    text: Text
    answered: int
    options: list[OptionResult]
    summary: Summary | None = Field(None, description="by question type; none for choice questions")


class ConsultationHeading(BaseModel):
    consultation_id: uuid.UUID
    title: Text
    kind: str
    responses: int
    results_embargoed: bool
    closed_at: datetime | None


class ConsultationResultsPublic(ConsultationHeading):
    results_published_at: datetime | None
    questions: list[QuestionResult]


class GroupHeading(BaseModel):
    key: str = Field(description="the area or band; 'unknown' area, 'not_given' band")
    suppressed: bool
    responses: int | None = Field(description="none when suppressed")


class GroupResult(GroupHeading):
    questions: list[QuestionResult] = Field(description="choice and rating questions; none when suppressed")


class BreakdownPublic(BaseModel):
    consultation_id: uuid.UUID
    by: Dimension
    rule: str = Field(description="how small groups are suppressed")
    groups: list[GroupResult]
