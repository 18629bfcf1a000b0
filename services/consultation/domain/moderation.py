"""Moderating free text the respondent agreed to publish: what awaits a decision, and the decisions taken."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from peel.common.errors import Conflict, NotFound

Decision = Literal["approved", "redacted"]


@dataclass(frozen=True, slots=True)
class Place:
    """Where a list of free-text answers stands: its moment (submitted or moderated), response and question."""

    at: datetime
    response_id: uuid.UUID
    question: str


@dataclass(frozen=True, slots=True)
class AwaitingModeration:
    """A free-text answer its respondent agreed to publish, with no decision yet."""

    response_id: uuid.UUID
    question: str
    text: str
    submitted_at: datetime

    @property
    def place(self) -> Place:
        return Place(self.submitted_at, self.response_id, self.question)


@dataclass(frozen=True, slots=True)
class ModerationDecision:
    """One entry of the moderation log: who decided what about which answer, when, and why."""

    response_id: uuid.UUID
    question: str
    decision: Decision
    reason: str
    moderator: str
    moderated_at: datetime

    @property
    def place(self) -> Place:
        return Place(self.moderated_at, self.response_id, self.question)


def publishable_text(response_id: uuid.UUID, answers: Sequence[dict], question: str) -> dict:
    """The stored free-text answer to ``question`` that may be moderated; refused otherwise, saying why."""
    answer = next((a for a in answers if a["question"] == question), None)
    if answer is None or answer["type"] != "free_text":
        raise NotFound(f"response {response_id} has no free-text answer to {question!r}")
    if not answer.get("publishable"):
        raise Conflict(f"the answer to {question!r} in response {response_id} is private: the respondent did not "
                       "consent to publishing it, so it is never published and there is nothing to moderate; only "
                       "answers given with consent to publish can be approved or redacted")
    return answer
