"""Conversions between the domain's objects and their rows."""

from __future__ import annotations

from typing import Any

import asyncpg

from peel.consultation.domain.lifecycle import ConsultationStatus
from peel.consultation.domain.model import Consultation, ConsultationKind
from peel.consultation.domain.questions import Option, Question, QuestionType, Text


def text_to_json(text: Text) -> dict[str, str]:
    return {"en": text.en, **({"cy": text.cy} if text.cy else {})}


def text_from_json(data: dict[str, Any]) -> Text:
    return Text(en=data["en"], cy=data.get("cy"))


def question_to_json(question: Question) -> dict[str, Any]:
    return {
        "key": question.key,
        "type": question.type.value,
        "text": text_to_json(question.text),
        "required": question.required,
        "options": [{"key": option.key, "text": text_to_json(option.text)} for option in question.options],
        "max_length": question.max_length,
        "min_selections": question.min_selections,
        "max_selections": question.max_selections,
    }


def question_from_json(data: dict[str, Any]) -> Question:
    return Question(
        key=data["key"],
        type=QuestionType(data["type"]),
        text=text_from_json(data["text"]),
        required=data["required"],
        options=tuple(Option(key=o["key"], text=text_from_json(o["text"])) for o in data["options"]),
        max_length=data.get("max_length"),
        min_selections=data.get("min_selections"),
        max_selections=data.get("max_selections"),
    )


def consultation_from_row(row: asyncpg.Record) -> Consultation:
    return Consultation(
        id=row["id"],
        tenant=row["tenant"],
        title=text_from_json(row["title"]),
        kind=ConsultationKind(row["kind"]),
        status=ConsultationStatus(row["status"]),
        closes_at=row["closes_at"],
        opens_at=row["opens_at"],
        created_at=row["created_at"],
        questions=tuple(question_from_json(q) for q in row["questions"]),
        version=row["version"],
        requires_welsh=row["requires_welsh"],
        results_embargoed=row["results_embargoed"],
        closed_at=row["closed_at"],
        outcome=text_from_json(row["outcome"]) if row["outcome"] else None,
    )
