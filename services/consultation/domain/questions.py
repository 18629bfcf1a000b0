"""Questions, the rules each type applies to a resident's answer, and routing between questions.

A question with ``show_if`` is asked only when an earlier choice question was answered with
the given option (for a multi choice question: when its answer includes that option).
A ranking question asks for every option in order, or, when ``min_ranked`` is set, for at
least that many options, most important first (a partial ranking: the resident's top N).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from peel.common.contracts.consultation import (
    BudgetAnswer,
    ChoiceAnswer,
    LocalisedText,
    NumberAnswer,
    OptionSpec,
    QuestionSpec,
    RangeSpec,
    RankingAnswer,
    RatingAnswer,
    ScaleSpec,
    TextAnswer,
)
from peel.common.contracts.consultation import ShowIf as ShowIfSpec
from peel.common.errors import FieldError

if TYPE_CHECKING:
    from peel.consultation.domain.budget import Budget

MAX_SCALE_POINTS = 11
CHOICES_KEPT = 128  # per question: the distinct choice answers kept for reuse (a question has at most 100 options)
_T = TypeVar("_T")


class QuestionType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    FREE_TEXT = "free_text"
    RATING = "rating"
    RANKING = "ranking"
    NUMBER = "number"
    BUDGET_ALLOCATION = "budget_allocation"


CHOICE_TYPES = frozenset({QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE})


@dataclass(frozen=True, slots=True)
class Text:
    en: str
    cy: str | None = None

    def localised(self) -> LocalisedText:
        return LocalisedText(en=self.en, cy=self.cy)


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    text: Text


@dataclass(frozen=True, slots=True)
class PointLabel:
    """The words shown against one point of a rating scale, such as 1 = "Very poor"."""

    point: int
    text: Text


@dataclass(frozen=True, slots=True)
class Scale:
    """A rating scale of whole numbers from ``minimum`` to ``maximum``; some points may have labels."""

    minimum: int
    maximum: int
    labels: tuple[PointLabel, ...] = ()

    def problems(self) -> list[FieldError]:
        if self.minimum >= self.maximum:
            return [FieldError(("maximum",), f"must be more than the minimum ({self.minimum})")]
        points = self.maximum - self.minimum + 1
        if points > MAX_SCALE_POINTS:
            return [FieldError(("maximum",), f"a scale has at most {MAX_SCALE_POINTS} points; "
                                             f"{self.minimum} to {self.maximum} has {points}")]
        return [error for label in self.labels for error in self._label_problems(label)]

    def _label_problems(self, label: PointLabel) -> list[FieldError]:
        where = ("labels", str(label.point))
        if not self.minimum <= label.point <= self.maximum:
            return [FieldError(where, f"{label.point} is not a point of the scale {self.minimum} to {self.maximum}")]
        if [other.point for other in self.labels].count(label.point) > 1:
            return [FieldError(where, f"point {label.point} is labelled more than once")]
        return []

    def spec(self) -> ScaleSpec:
        labels = {str(label.point): label.text.localised() for label in self.labels}
        return ScaleSpec(minimum=self.minimum, maximum=self.maximum, labels=labels)


@dataclass(frozen=True, slots=True)
class NumberRange:
    """The numbers a number question accepts, from ``minimum`` to ``maximum`` inclusive."""

    minimum: float
    maximum: float
    unit: str | None = None
    integer_only: bool = False

    def problems(self) -> list[FieldError]:
        if not self.minimum < self.maximum:
            return [FieldError(("maximum",), f"must be more than the minimum ({figure(self.minimum)})")]
        if self.integer_only and math.floor(self.maximum) < math.ceil(self.minimum):
            return [FieldError(("integer_only",), f"no whole number lies between {figure(self.minimum)} "
                                                  f"and {figure(self.maximum)}")]
        return []

    def describe(self) -> str:
        unit = f" ({self.unit})" if self.unit else ""
        return f"between {figure(self.minimum)} and {figure(self.maximum)}{unit}"

    def spec(self) -> RangeSpec:
        return RangeSpec(minimum=self.minimum, maximum=self.maximum, unit=self.unit)


@dataclass(frozen=True, slots=True)
class ShowIf:
    """Routing: ask the question only when the earlier choice question ``question`` was answered ``equals``."""

    question: str
    equals: str

    def spec(self) -> ShowIfSpec:
        return ShowIfSpec(question=self.question, equals=self.equals)


class AnswerRefused(ValueError):
    """An answer that breaks its question's rules; the message says why.

    ``parts`` locate each problem inside a structured answer (such as one line of a budget),
    relative to the answer; ``code`` classifies a refusal of the whole answer.
    """

    def __init__(self, reason: str, *, parts: Sequence[FieldError] = (), code: str = "invalid") -> None:
        super().__init__(reason)
        self.parts, self.code = tuple(parts), code


Answer = ChoiceAnswer | TextAnswer | RatingAnswer | NumberAnswer | RankingAnswer | BudgetAnswer


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    type: QuestionType
    text: Text
    required: bool = True
    options: tuple[Option, ...] = ()
    max_length: int | None = None
    min_selections: int | None = None
    max_selections: int | None = None
    min_ranked: int | None = None
    scale: Scale | None = None
    range: NumberRange | None = None
    budget: Budget | None = None
    show_if: ShowIf | None = None
    option_keys: tuple[str, ...] = field(init=False, repr=False, compare=False)
    offered: frozenset[str] = field(init=False, repr=False, compare=False)  # the option keys, to look up
    choices_seen: dict[tuple[str, ...], Answer] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Worked out once: every answer to the question is checked against its option keys.

        ``choices_seen`` keeps the choice answers already accepted: frozen models, so one serves every response.
        """
        object.__setattr__(self, "option_keys", tuple(option.key for option in self.options))
        object.__setattr__(self, "offered", frozenset(self.option_keys))
        object.__setattr__(self, "choices_seen", {})

    @property
    def selection_limits(self) -> tuple[int, int]:
        """The fewest and most options a multi choice answer may pick."""
        return self.min_selections or 1, self.max_selections or len(self.options)

    @property
    def ranking_limits(self) -> tuple[int, int]:
        """The fewest and most options a ranking answer may list."""
        return self.min_ranked or len(self.options), len(self.options)

    def answer(self, value: object, *, publishable: bool = False) -> Answer:
        """The answer ``value`` gives to this question, or ``AnswerRefused`` saying why not.

        ``publishable`` is the respondent's consent to publish their free text.
        """
        if self.type is QuestionType.FREE_TEXT:
            return _free_text(self, value, publishable)
        return _RULES[self.type](self, value)

    def problems(self) -> list[FieldError]:
        """What is wrong with this question's own definition, located relative to the question."""
        return _DEFINITION_RULES[self.type](self)

    def spec(self) -> QuestionSpec:
        return QuestionSpec(
            key=self.key, type=self.type.value, text=self.text.localised(), required=self.required,
            options=tuple(OptionSpec(key=o.key, text=o.text.localised()) for o in self.options),
            scale=_spec(self.scale), range=_spec(self.range), budget=_spec(self.budget), show_if=_spec(self.show_if),
        )


def _spec(part: Scale | NumberRange | Budget | ShowIf | None) -> object:
    return None if part is None else part.spec()


def is_blank(value: object) -> bool:
    return value is None or value in ("", [], {}) or (isinstance(value, str) and not value.strip())


def figure(number: float | int) -> str:
    """A number as residents write it: 5 rather than 5.0."""
    return str(int(number)) if float(number).is_integer() else str(number)


def _shown(value: object) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# Answer rules, one per type.

def _single_choice(question: Question, value: object) -> Answer:
    if not isinstance(value, str):
        raise AnswerRefused("must be one option key, as a string")
    return _choice(question, (value,), _check_options)


def _multi_choice(question: Question, value: object) -> Answer:
    return _choice(question, tuple(_distinct_keys(value)), _check_selection)


def _check_selection(question: Question, keys: Sequence[str]) -> None:
    _check_options(question, keys)
    low, high = question.selection_limits
    if not low <= len(keys) <= high:
        raise AnswerRefused(f"choose between {low} and {high} options, not {len(keys)}")


def _choice(question: Question, keys: tuple[str, ...], check: Callable[[Question, Sequence[str]], None]) -> Answer:
    """The choice answer picking ``keys``: one accepted before is taken as it was, else checked and kept."""
    answer = question.choices_seen.get(keys)
    if answer is None:
        check(question, keys)
        answer = ChoiceAnswer(question=question.key, type=question.type.value, options=keys)
        if len(question.choices_seen) < CHOICES_KEPT:
            question.choices_seen[keys] = answer
    return answer


def _distinct_keys(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise AnswerRefused("must be a list of option keys")
    if len(set(value)) != len(value):
        raise AnswerRefused("lists an option more than once")
    return value


def _check_options(question: Question, chosen: Sequence[str]) -> None:
    unknown = [key for key in chosen if key not in question.offered]
    if unknown:
        choices = list(question.option_keys)
        raise AnswerRefused(f"{', '.join(map(repr, unknown))} is not an option; choose from {choices}")


def _free_text(question: Question, value: object, publishable: bool) -> Answer:
    if not isinstance(value, str):
        raise AnswerRefused("must be text")
    text = value.strip()
    if question.max_length is not None and len(text) > question.max_length:
        raise AnswerRefused(f"is {len(text)} characters long; the limit is {question.max_length}")
    return TextAnswer(question=question.key, type="free_text", text=text, publishable=publishable)


def _rating(question: Question, value: object) -> Answer:
    scale = required_part(question.scale)
    if not _is_number(value) or not float(value).is_integer() or not scale.minimum <= value <= scale.maximum:
        raise AnswerRefused(f"must be a whole number from {scale.minimum} to {scale.maximum}, not {_shown(value)}")
    return RatingAnswer(question=question.key, type="rating", value=int(value))


def _ranking(question: Question, value: object) -> Answer:
    keys = _distinct_keys(value)
    _check_options(question, keys)
    low, high = question.ranking_limits
    if len(keys) < low:
        left_out = [key for key in question.option_keys if key not in keys]
        wanted = f"rank all {high} options" if low == high else f"rank at least {low} options, not {len(keys)}"
        raise AnswerRefused(f"{wanted}; not ranked: {', '.join(map(repr, left_out))}")
    return RankingAnswer(question=question.key, type="ranking", order=tuple(keys))


def _number(question: Question, value: object) -> Answer:
    allowed = required_part(question.range)
    if not _is_number(value):
        raise AnswerRefused(f"must be a number, not {_shown(value)}")
    if allowed.integer_only and not float(value).is_integer():
        raise AnswerRefused(f"must be a whole number, not {figure(value)}")
    if not allowed.minimum <= value <= allowed.maximum:
        raise AnswerRefused(f"must be {allowed.describe()}, not {figure(value)}")
    return NumberAnswer(question=question.key, type="number", value=float(value))


def _budget_allocation(question: Question, value: object) -> Answer:
    return required_part(question.budget).check(value).answer(question.key)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def required_part(part: _T | None) -> _T:
    if part is None:
        raise AnswerRefused("this question is not set up to take answers")
    return part


_RULES: dict[QuestionType, Callable[[Question, object], Answer]] = {
    QuestionType.SINGLE_CHOICE: _single_choice,
    QuestionType.MULTI_CHOICE: _multi_choice,
    QuestionType.RATING: _rating,
    QuestionType.RANKING: _ranking,
    QuestionType.NUMBER: _number,
    QuestionType.BUDGET_ALLOCATION: _budget_allocation,
}


# Definition rules, one per type: what makes a question unable to take answers.

def _choice_problems(question: Question) -> list[FieldError]:
    problems = _option_problems(question)
    low, high = question.selection_limits
    if question.type is QuestionType.MULTI_CHOICE and not problems and not 1 <= low <= high <= len(question.options):
        problems.append(FieldError(("max_selections",), "need 1 <= min_selections <= max_selections <= "
                                                        f"{len(question.options)} (the number of options)"))
    return problems


def _option_problems(question: Question) -> list[FieldError]:
    keys = question.option_keys
    if len(keys) < 2:
        return [FieldError(("options",), f"a {question.type} question needs at least 2 options, not {len(keys)}")]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    return [FieldError(("options",), f"option keys must be unique within a question; repeated: {repeated}")] \
        if repeated else []


def _free_text_problems(question: Question) -> list[FieldError]:
    if question.max_length is not None and question.max_length < 1:
        return [FieldError(("max_length",), "must be at least 1")]
    return []


def _ranking_problems(question: Question) -> list[FieldError]:
    problems = _option_problems(question)
    if not problems and question.min_ranked is not None and not 1 <= question.min_ranked <= len(question.options):
        problems.append(FieldError(("min_ranked",), f"must be from 1 to {len(question.options)} "
                                                    "(the number of options)"))
    return problems


def _part_problems(name: str) -> Callable[[Question], list[FieldError]]:
    def problems(question: Question) -> list[FieldError]:
        part = getattr(question, name)
        if part is None:
            return [FieldError((name,), f"a {question.type} question needs a {name}", "missing")]
        return [FieldError((name, *error.location), error.reason, error.code) for error in part.problems()]
    return problems


_DEFINITION_RULES: dict[QuestionType, Callable[[Question], list[FieldError]]] = {
    QuestionType.SINGLE_CHOICE: _choice_problems,
    QuestionType.MULTI_CHOICE: _choice_problems,
    QuestionType.FREE_TEXT: _free_text_problems,
    QuestionType.RATING: _part_problems("scale"),
    QuestionType.RANKING: _ranking_problems,
    QuestionType.NUMBER: _part_problems("range"),
    QuestionType.BUDGET_ALLOCATION: _part_problems("budget"),
}
