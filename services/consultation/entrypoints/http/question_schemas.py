"""Request and response bodies for questions of every type.

A question body is checked by its own type's rules as it is parsed (a 422 naming the field);
rules that span questions (routing to an earlier question) are checked by ``questions_to_domain``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, model_validator

from peel.consultation.domain.budget import Budget, BudgetLine, Consequence, PreceptLever
from peel.consultation.domain.questions import (
    NumberRange,
    Option,
    PointLabel,
    Question,
    QuestionType,
    Scale,
    ShowIf,
    Text,
)
from peel.consultation.domain.routing import check_questions

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$", description="Lower-case letters, digits and _")]
Amount = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LocalisedText(_Body):
    en: str = Field(min_length=1, max_length=20_000, description="English")
    cy: str | None = Field(default=None, min_length=1, max_length=20_000, description="Welsh (Cymraeg)")

    def to_domain(self) -> Text:
        return Text(en=self.en, cy=self.cy)

    @classmethod
    def of(cls, text: Text) -> LocalisedText:
        return cls(en=text.en, cy=text.cy)


class OptionBody(_Body):
    key: Key
    text: LocalisedText

    def to_domain(self) -> Option:
        return Option(key=self.key, text=self.text.to_domain())

    @classmethod
    def of(cls, option: Option) -> OptionBody:
        return cls(key=option.key, text=LocalisedText.of(option.text))


class ShowIfBody(_Body):
    """Routing: show the question only when an earlier choice question's answer is (or includes) ``equals``."""

    question: Key = Field(description="Key of an earlier single or multi choice question")
    equals: Key = Field(description="The option of that question that shows this one")

    def to_domain(self) -> ShowIf:
        return ShowIf(question=self.question, equals=self.equals)

    @classmethod
    def of(cls, rule: ShowIf) -> ShowIfBody:
        return cls(question=rule.question, equals=rule.equals)


class ScaleBody(_Body):
    minimum: int = Field(ge=-100, le=100)
    maximum: int = Field(ge=-100, le=100)
    labels: dict[int, LocalisedText] = Field(default={}, description='Point -> its label, e.g. {"1": {"en": "Poor"}}')

    def to_domain(self) -> Scale:
        labels = tuple(PointLabel(point=point, text=text.to_domain()) for point, text in self.labels.items())
        return Scale(minimum=self.minimum, maximum=self.maximum, labels=labels)

    @classmethod
    def of(cls, scale: Scale) -> ScaleBody:
        labels = {label.point: LocalisedText.of(label.text) for label in scale.labels}
        return cls(minimum=scale.minimum, maximum=scale.maximum, labels=labels)


class RangeBody(_Body):
    minimum: float = Field(allow_inf_nan=False)
    maximum: float = Field(allow_inf_nan=False)
    unit: str | None = Field(default=None, min_length=1, max_length=20, description='e.g. "years" or "£"')
    integer_only: bool = False

    def to_domain(self) -> NumberRange:
        return NumberRange(minimum=self.minimum, maximum=self.maximum, unit=self.unit, integer_only=self.integer_only)

    @classmethod
    def of(cls, allowed: NumberRange) -> RangeBody:
        return cls(minimum=allowed.minimum, maximum=allowed.maximum, unit=allowed.unit,
                   integer_only=allowed.integer_only)


Percent = Annotated[Amount, Field(max_digits=7, decimal_places=2)]
Pounds = Annotated[Amount, Field(max_digits=15, decimal_places=2)]


class ConsequenceBody(_Body):
    change_percent: Percent
    text: LocalisedText = Field(description="What this change would mean, e.g. \"Two fewer PCSOs\"")


class BudgetLineBody(_Body):
    key: Key
    text: LocalisedText
    current_spend: Pounds = Field(ge=0, description="Pounds a year")
    min_change_percent: Percent = Field(ge=-100, le=0)
    max_change_percent: Percent = Field(ge=0, le=1000)
    step_percent: Percent = Field(gt=0, description="Changes go in steps of this, counted from 0")
    consequences: list[ConsequenceBody] = Field(default=[], max_length=500)

    def to_domain(self) -> BudgetLine:
        consequences = tuple(Consequence(c.change_percent, c.text.to_domain()) for c in self.consequences)
        return BudgetLine(key=self.key, text=self.text.to_domain(), current_spend=self.current_spend,
                          min_change_percent=self.min_change_percent, max_change_percent=self.max_change_percent,
                          step_percent=self.step_percent, consequences=consequences)

    @classmethod
    def of(cls, line: BudgetLine) -> BudgetLineBody:
        consequences = [ConsequenceBody(change_percent=c.change_percent, text=LocalisedText.of(c.text))
                        for c in line.consequences]
        return cls(key=line.key, text=LocalisedText.of(line.text), current_spend=line.current_spend,
                   min_change_percent=line.min_change_percent, max_change_percent=line.max_change_percent,
                   step_percent=line.step_percent, consequences=consequences)


class PreceptLeverBody(_Body):
    band_d_current: Pounds = Field(gt=0, description="Band D precept now, pounds a year")
    max_change: Pounds = Field(gt=0, description="The most a resident may add to Band D, pounds a year")
    income_per_pound: Annotated[Amount, Field(gt=0, max_digits=15, decimal_places=4)] = Field(
        description="Income a year from each £1 on Band D (the tax base)")

    def to_domain(self) -> PreceptLever:
        return PreceptLever(self.band_d_current, self.max_change, self.income_per_pound)

    @classmethod
    def of(cls, lever: PreceptLever) -> PreceptLeverBody:
        return cls(band_d_current=lever.band_d_current, max_change=lever.max_change,
                   income_per_pound=lever.income_per_pound)


class BudgetBody(_Body):
    lines: list[BudgetLineBody] = Field(min_length=1, max_length=50)
    target_change: Pounds = Field(description="Change in total spending to reach, pounds a year; negative to save")
    tolerance: Pounds = Field(ge=0, description="How far from the target still balances, pounds")
    precept: PreceptLeverBody | None = None

    def to_domain(self) -> Budget:
        return Budget(lines=tuple(line.to_domain() for line in self.lines), target_change=self.target_change,
                      tolerance=self.tolerance, precept=self.precept.to_domain() if self.precept else None)

    @classmethod
    def of(cls, budget: Budget) -> BudgetBody:
        return cls(lines=[BudgetLineBody.of(line) for line in budget.lines], target_change=budget.target_change,
                   tolerance=budget.tolerance, precept=PreceptLeverBody.of(budget.precept) if budget.precept else None)


class _QuestionCreate(_Body):
    key: Key
    text: LocalisedText
    required: bool = True
    show_if: ShowIfBody | None = None

    @model_validator(mode="after")
    def _follows_its_types_rules(self) -> Self:
        problems = self.to_domain().problems()
        if problems:
            raise ValueError("; ".join(f"{'.'.join(map(str, p.location))}: {p.reason}" for p in problems))
        return self

    def to_domain(self) -> Question:
        return Question(key=self.key, type=QuestionType(self.type), text=self.text.to_domain(),
                        required=self.required, show_if=self.show_if.to_domain() if self.show_if else None,
                        **self._details())

    def _details(self) -> dict[str, Any]:
        return {}


class _ChoiceQuestionCreate(_QuestionCreate):
    options: list[OptionBody] = Field(min_length=2, max_length=100)

    def _details(self) -> dict[str, Any]:
        return {"options": tuple(option.to_domain() for option in self.options)}


class SingleChoiceQuestionCreate(_ChoiceQuestionCreate):
    type: Literal["single_choice"]


class MultiChoiceQuestionCreate(_ChoiceQuestionCreate):
    type: Literal["multi_choice"]
    min_selections: int | None = Field(default=None, ge=1)
    max_selections: int | None = Field(default=None, ge=1)

    def _details(self) -> dict[str, Any]:
        return {**super()._details(), "min_selections": self.min_selections, "max_selections": self.max_selections}


class FreeTextQuestionCreate(_QuestionCreate):
    type: Literal["free_text"]
    max_length: int = Field(default=2000, ge=1, le=20_000)

    def _details(self) -> dict[str, Any]:
        return {"max_length": self.max_length}


class RatingQuestionCreate(_QuestionCreate):
    type: Literal["rating"]
    scale: ScaleBody

    def _details(self) -> dict[str, Any]:
        return {"scale": self.scale.to_domain()}


class RankingQuestionCreate(_ChoiceQuestionCreate):
    type: Literal["ranking"]
    options: list[OptionBody] = Field(min_length=2, max_length=20)
    min_ranked: int | None = Field(default=None, ge=1, description="Rank at least this many (top N); unset: rank all")

    def _details(self) -> dict[str, Any]:
        return {**super()._details(), "min_ranked": self.min_ranked}


class NumberQuestionCreate(_QuestionCreate):
    type: Literal["number"]
    range: RangeBody

    def _details(self) -> dict[str, Any]:
        return {"range": self.range.to_domain()}


class BudgetAllocationQuestionCreate(_QuestionCreate):
    type: Literal["budget_allocation"]
    budget: BudgetBody

    def _details(self) -> dict[str, Any]:
        return {"budget": self.budget.to_domain()}


QuestionCreate = Annotated[
    SingleChoiceQuestionCreate | MultiChoiceQuestionCreate | FreeTextQuestionCreate | RatingQuestionCreate
    | RankingQuestionCreate | NumberQuestionCreate | BudgetAllocationQuestionCreate,
    Field(discriminator="type"),
]


def questions_to_domain(bodies: Sequence[_QuestionCreate]) -> tuple[Question, ...]:
    """The questions, checked together (unique keys, routing to earlier questions); ``InvalidInput`` if not."""
    questions = tuple(body.to_domain() for body in bodies)
    check_questions(questions)
    return questions


class QuestionPublic(BaseModel):
    """A question as residents and staff see it; the fields its type does not use are null or empty."""

    key: str
    type: QuestionType
    text: LocalisedText
    required: bool
    options: list[OptionBody] = []
    max_length: int | None = None
    min_selections: int | None = None
    max_selections: int | None = None
    min_ranked: int | None = None
    scale: ScaleBody | None = None
    range: RangeBody | None = None
    budget: BudgetBody | None = None
    show_if: ShowIfBody | None = None

    @classmethod
    def of(cls, question: Question) -> QuestionPublic:
        q = question
        return cls(
            key=q.key, type=q.type, text=LocalisedText.of(q.text), required=q.required,
            options=[OptionBody.of(option) for option in q.options], max_length=q.max_length,
            min_selections=q.min_selections, max_selections=q.max_selections, min_ranked=q.min_ranked,
            scale=ScaleBody.of(q.scale) if q.scale else None, range=RangeBody.of(q.range) if q.range else None,
            budget=BudgetBody.of(q.budget) if q.budget else None,
            show_if=ShowIfBody.of(q.show_if) if q.show_if else None,
        )
