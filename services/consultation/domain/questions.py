"""Questions and the rules each type applies to a resident's answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from peel.common.contracts.consultation import ChoiceAnswer, TextAnswer


class QuestionType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    FREE_TEXT = "free_text"


@dataclass(frozen=True, slots=True)
class Text:
    en: str
    cy: str | None = None


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    text: Text


class AnswerRefused(ValueError):
    """An answer that breaks its question's rules; the message says why."""


Answer = ChoiceAnswer | TextAnswer


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

    @property
    def option_keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)

    def answer(self, value: object) -> Answer:
        """The answer ``value`` gives to this question, or ``AnswerRefused`` saying why not."""
        return _RULES[self.type](self, value)


def is_blank(value: object) -> bool:
    return value is None or value == "" or value == [] or (isinstance(value, str) and not value.strip())


def _single_choice(question: Question, value: object) -> Answer:
    if not isinstance(value, str):
        raise AnswerRefused("must be one option key, as a string")
    _check_options(question, [value])
    return ChoiceAnswer(question=question.key, type="single_choice", options=(value,))


def _multi_choice(question: Question, value: object) -> Answer:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise AnswerRefused("must be a list of option keys")
    if len(set(value)) != len(value):
        raise AnswerRefused("lists an option more than once")
    _check_options(question, value)
    low, high = question.min_selections or 1, question.max_selections or len(question.options)
    if not low <= len(value) <= high:
        raise AnswerRefused(f"choose between {low} and {high} options, not {len(value)}")
    return ChoiceAnswer(question=question.key, type="multi_choice", options=tuple(value))


def _check_options(question: Question, chosen: list[str]) -> None:
    unknown = [key for key in chosen if key not in question.option_keys]
    if unknown:
        raise AnswerRefused(f"{', '.join(map(repr, unknown))} is not an option; choose from {list(question.option_keys)}")


def _free_text(question: Question, value: object) -> Answer:
    if not isinstance(value, str):
        raise AnswerRefused("must be text")
    text = value.strip()
    if question.max_length is not None and len(text) > question.max_length:
        raise AnswerRefused(f"is {len(text)} characters long; the limit is {question.max_length}")
    return TextAnswer(question=question.key, type="free_text", text=text)


_RULES: dict[QuestionType, Callable[[Question, object], Answer]] = {
    QuestionType.SINGLE_CHOICE: _single_choice,
    QuestionType.MULTI_CHOICE: _multi_choice,
    QuestionType.FREE_TEXT: _free_text,
}
