"""What an assembly concludes and what the Commissioner does about it.

The assembly makes recommendations (with the share of members supporting each); the
Commissioner gives a formal response to each (accepted, accepted in part, not accepted, with
reasons and a date by which it will be done), published; progress updates follow until done.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from peel.common.errors import Conflict, FieldError, InvalidInput


class Decision(StrEnum):
    ACCEPTED = "accepted"
    ACCEPTED_IN_PART = "accepted_in_part"
    NOT_ACCEPTED = "not_accepted"


@dataclass(frozen=True, slots=True)
class Progress:
    at: datetime
    note: str
    done: bool


@dataclass(frozen=True, slots=True)
class Response:
    decision: Decision
    reasons: str
    due: date | None
    given_at: datetime


@dataclass(frozen=True, slots=True)
class Recommendation:
    id: uuid.UUID
    assembly_id: uuid.UUID
    number: int
    text_en: str
    text_cy: str | None
    support_share: float
    made_at: datetime
    response: Response | None = None
    progress: tuple[Progress, ...] = field(default=())

    @property
    def state(self) -> str:
        if self.response is None:
            return "awaiting_response"
        if self.progress and self.progress[-1].done:
            return "done"
        return self.response.decision.value

    def respond(self, response: Response) -> Recommendation:
        if self.response is not None:
            raise Conflict(f"this recommendation already has the Commissioner's response "
                           f"({self.response.decision.value}); it is given once: report progress on it instead")
        if response.decision is not Decision.NOT_ACCEPTED and response.due is None:
            raise InvalidInput([FieldError(("due",), "give the date by which it will be done")])
        return replace(self, response=response)

    def update(self, progress: Progress) -> Recommendation:
        if self.response is None or self.response.decision is Decision.NOT_ACCEPTED:
            raise Conflict(f"this recommendation is {self.state.replace('_', ' ')}; progress is reported on "
                           "recommendations the Commissioner accepted, once the response is given")
        if self.state == "done":
            raise Conflict("this recommendation is already done; no more progress can be reported on it")
        return replace(self, progress=(*self.progress, progress))


def check_support(share: float) -> None:
    if not 0.0 <= share <= 1.0:
        raise InvalidInput([FieldError(("support_share",), "is a share between 0 and 1")])
