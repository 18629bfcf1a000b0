"""What the Panel endpoints answer, as documented in OpenAPI."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field

from peel.reporting.entrypoints.http.schemas import ConsultationHeading, Figure, GroupHeading, RatingPoint, Text


class RejectionCount(BaseModel):
    reason: str = Field(description="the rejection reason's key")
    count: int


class PanelFiguresPublic(BaseModel):
    meeting_id: uuid.UUID | None = Field(description="none for the totals of every meeting")
    meeting_date: date | None
    received: int
    awaiting_decision: int = Field(description="neither accepted nor rejected yet")
    accepted: int = Field(description="accepted, including those since answered and published")
    rejected: int
    rejected_by_reason: list[RejectionCount] = Field(description="the most used reason first")
    answered: int
    awaiting_answer: int = Field(description="accepted and not answered yet")
    overdue: int = Field(description="accepted, not answered, and due before today")
    answered_late: int = Field(description="answered after the answer was due")
    published: int
    median_days_to_answer: Figure = Field(description="calendar days from acceptance to the answer's date")


class PanelQuestionsPublic(BaseModel):
    today: date = Field(description="the day overdue answers are counted on, in England and Wales")
    totals: PanelFiguresPublic
    meetings: list[PanelFiguresPublic] = Field(description="by meeting date")


class PreceptOptionPublic(BaseModel):
    key: str
    text: Text
    band_d_change: Figure = Field(description="pounds a year on Band D")
    percent_increase: Figure = Field(description="the Band D change as a percentage of the current Band D")
    new_band_d: Figure
    triggers_referendum: bool | None
    band_d_yearly: Figure = Field(description="the Band D change a year, to the penny")
    band_d_weekly: Figure = Field(description="the Band D change a week, to the penny")
    count: int = Field(description="respondents who chose it")
    share: float = Field(description="count / respondents who answered the precept question")
    weighted_share: Figure = Field(description="the share weighted to the population; none without figures")
    weighted_margin_of_error: Figure = Field(description="half-width of the 95% confidence interval")


class WeightingPublic(BaseModel):
    raked_on: list[str]
    weighted_respondents: int
    left_out: int
    effective_sample_size: float
    converged: bool


class AreaChoicePublic(BaseModel):
    key: str
    count: int
    share: float


class AreaChoicesPublic(GroupHeading):
    answered: int | None
    options: list[AreaChoicePublic]


class PreceptSummaryPublic(BaseModel):
    question: str
    band_d_current: Figure
    referendum_limit_pounds: Figure
    referendum_limit_percent: Figure
    answered: int
    options: list[PreceptOptionPublic]
    weighting: WeightingPublic | None = Field(description="none until population figures are uploaded")
    by_area: list[AreaChoicesPublic]


class SectionPublic(BaseModel):
    key: str
    text: Text
    answered: int = Field(description="respondents who rated the section")
    mean: Figure
    median: Figure
    supportive: int
    supportive_share: float
    distribution: list[RatingPoint]
    comments: int
    comments_approved: int = Field(description="comments approved for publishing")


class AreaSectionsPublic(GroupHeading):
    sections: list[SectionPublic]


class PlanSummaryPublic(BaseModel):
    supportive_means: str
    sections: list[SectionPublic]
    by_area: list[AreaSectionsPublic]


class PanelSummaryPublic(ConsultationHeading):
    rule: str = Field(description="how areas with few responses are suppressed")
    precept: PreceptSummaryPublic | None = Field(description="for a precept consultation")
    plan: PlanSummaryPublic | None = Field(description="for a draft Plan, section by section")
