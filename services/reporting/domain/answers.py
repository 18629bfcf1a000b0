"""What one response contributes to the results: a row per answer, and per option, rank or line.

Each answer gives a row with item ``ANSWERED`` (its value: the rating, the number or the
precept change; none for the other types); a choice adds a row per option chosen, a ranking
a row per option ranked (value: its rank, 1 the most important), a budget a row per line
(value: the % change). Free text is kept apart, with the words only when publishable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from peel.common.contracts.consultation import Answer, TextAnswer

ANSWERED = ""  # the item of the row every answer has, whatever its type


@dataclass(frozen=True, slots=True)
class AnswerRow:
    question: str
    item: str
    value: float | None = None


@dataclass(frozen=True, slots=True)
class FreeText:
    question: str
    publishable: bool
    text: str | None


def first_per_question(answers: Iterable[Answer]) -> list[Answer]:
    seen: set[str] = set()
    kept = []
    for answer in answers:
        if answer.question not in seen:
            seen.add(answer.question)
            kept.append(answer)
    return kept


def answer_rows(answers: Iterable[Answer]) -> list[AnswerRow]:
    return [row for answer in first_per_question(answers) for row in _rows(answer)]


def _rows(answer: Answer) -> Iterator[AnswerRow]:
    yield AnswerRow(answer.question, ANSWERED, _own_value(answer))
    match answer.type:
        case "single_choice" | "multi_choice":
            yield from (AnswerRow(answer.question, option) for option in dict.fromkeys(answer.options))
        case "ranking":
            yield from (AnswerRow(answer.question, option, rank)
                        for rank, option in enumerate(dict.fromkeys(answer.order), start=1))
        case "budget_allocation":
            yield from (AnswerRow(answer.question, line, change) for line, change in answer.changes_percent.items())


def _own_value(answer: Answer) -> float | None:
    match answer.type:
        case "rating" | "number":
            return float(answer.value)
        case "budget_allocation":
            return answer.precept_change
    return None


def free_texts(answers: Iterable[Answer]) -> list[FreeText]:
    return [
        FreeText(answer.question, answer.publishable, answer.text if answer.publishable else None)
        for answer in first_per_question(answers) if isinstance(answer, TextAnswer)
    ]
