"""Bodies of the answer check for one-question-a-page journeys, and of staff's moderation lists."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from peel.consultation.domain.moderation import AwaitingModeration, ModerationDecision, Place
from peel.consultation.domain.routing import AnswersSoFar

Item = TypeVar("Item", AwaitingModeration, ModerationDecision)


class AnswersCheck(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, JsonValue] = Field(
        description="The answers given so far, as in a response: question key -> answer. A key left out has not "
                    "been asked yet; a key given as null or blank was asked and left unanswered")


class FieldProblem(BaseModel):
    """A failing field, named as a submission's 422 names it."""

    loc: list[str | int]
    msg: str
    type: str


class AnswersChecked(BaseModel):
    errors: list[FieldProblem] = Field(description="What is wrong with the answers given; nothing is stored")
    next_question: str | None = Field(description="The key of the next question to ask: the first one routing shows "
                                                  "that has no accepted answer, or null when all are answered")
    all_answered: bool = Field(description="Every question routing shows has an answer")

    @classmethod
    def of(cls, so_far: AnswersSoFar) -> AnswersChecked:
        errors = [FieldProblem(loc=["body", *e.location], msg=e.reason, type=e.code) for e in so_far.errors]
        return cls(errors=errors, next_question=so_far.next_question, all_answered=so_far.next_question is None)


class Page(BaseModel, Generic[Item]):
    """One page of a list, oldest first; ask for the next with ``after=next_after``."""

    items: list[Item]
    next_after: str | None = Field(description="Give it as `after` for the next page; null on the last page")

    @classmethod
    def of(cls, items: list[Item], limit: int) -> Page[Item]:
        return cls(items=items, next_after=place_text(items[-1].place) if len(items) == limit else None)


def place_text(place: Place) -> str:
    return f"{place.at.isoformat()}|{place.response_id}|{place.question}"


def parse_place(text: str | None) -> Place | None:
    """``after`` as ``next_after`` gave it; a ValueError says what to give instead."""
    if text is None:
        return None
    try:
        at, response_id, question = text.split("|", 2)
        place = Place(datetime.fromisoformat(at), uuid.UUID(response_id), question)
    except ValueError:
        raise ValueError("not a place in this list; give the next_after of the previous page") from None
    if place.at.tzinfo is None:
        raise ValueError("not a place in this list (its moment has no UTC offset); give the next_after of the "
                         "previous page")
    return place
