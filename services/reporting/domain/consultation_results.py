"""A consultation's results: every option of every question, with its count and share."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

ANSWERED = ""  # the option key under which a question's answers are counted, whatever their type


@dataclass(frozen=True, slots=True)
class OptionResult:
    key: str
    text: Mapping[str, str]
    count: int
    share: float


@dataclass(frozen=True, slots=True)
class QuestionResult:
    key: str
    type: str
    text: Mapping[str, str]
    answered: int
    options: tuple[OptionResult, ...]


@dataclass(frozen=True, slots=True)
class ConsultationResults:
    consultation_id: uuid.UUID
    title: Mapping[str, str]
    kind: str
    responses: int
    questions: tuple[QuestionResult, ...]


def tally(answers: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """The (question, option) pairs one response adds one to, with (question, ANSWERED) for each answer."""
    pairs = []
    for answer in answers:
        pairs.append((answer["question"], ANSWERED))
        pairs.extend((answer["question"], option) for option in answer.get("options", ()))
    return pairs


def assemble(consultation: Mapping[str, Any], responses: int, counts: Mapping[tuple[str, str], int]) -> ConsultationResults:
    """Zero-fill every option the consultation offers and compute shares of those who answered."""
    return ConsultationResults(
        consultation_id=consultation["consultation_id"],
        title=consultation["title"],
        kind=consultation["kind"],
        responses=responses,
        questions=tuple(_question(q, counts) for q in consultation["questions"]),
    )


def _question(question: Mapping[str, Any], counts: Mapping[tuple[str, str], int]) -> QuestionResult:
    answered = counts.get((question["key"], ANSWERED), 0)
    options = tuple(
        OptionResult(
            key=option["key"], text=option["text"], count=(count := counts.get((question["key"], option["key"]), 0)),
            share=round(count / answered, 4) if answered else 0.0,
        )
        for option in question.get("options", ())
    )
    return QuestionResult(key=question["key"], type=question["type"], text=question["text"], answered=answered,
                          options=options)
