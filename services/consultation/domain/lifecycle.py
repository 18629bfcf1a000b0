"""The states a consultation moves through, what each state allows, and how a refusal is worded.

Every refusal names the state the consultation is in and what that state allows, so that
staff know what they can do next.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from peel.common.errors import Conflict


class ConsultationStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"
    RESULTS_PUBLISHED = "results_published"


ORDER = tuple(ConsultationStatus)
ALLOWED: dict[ConsultationStatus, str] = {
    ConsultationStatus.DRAFT: "a draft can be changed in any way, and published",
    ConsultationStatus.SCHEDULED: "a scheduled consultation opens by itself at opens_at; "
                                  "its text can be corrected and it can be closed",
    ConsultationStatus.OPEN: "an open consultation takes responses; its text can be corrected, "
                             "its closing date extended, and it can be closed; "
                             "its results and outcome are published after it closes",
    ConsultationStatus.CLOSED: "a closed consultation can have its results and its outcome published, "
                               "and its text corrected",
    ConsultationStatus.RESULTS_PUBLISHED: "a consultation with published results can have its outcome "
                                          "published and its text corrected",
}


@dataclass(frozen=True, slots=True)
class Action:
    """Something asked of a consultation, the states that allow it, and why the others refuse it.

    ``too_early`` completes "it cannot <words> before ..." for a state that comes before the
    allowed ones; ``too_late`` says why a later state refuses it (``{status}`` is the state).
    """

    words: str
    allowed_in: frozenset[ConsultationStatus]
    too_early: str
    too_late: str

    def check(self, consultation_id: object, current: ConsultationStatus) -> None:
        if current not in self.allowed_in:
            raise Conflict(f"consultation {consultation_id} is {current}: {self._reason(current)}; {ALLOWED[current]}")

    def _reason(self, current: ConsultationStatus) -> str:
        if ORDER.index(current) < min(ORDER.index(state) for state in self.allowed_in):
            return f"it cannot {self.words} before {self.too_early}"
        return self.too_late.format(status=current)


def _in(*states: ConsultationStatus) -> frozenset[ConsultationStatus]:
    return frozenset(states)


_S = ConsultationStatus
PUBLISH = Action("be published", _in(_S.DRAFT), "", "it is already {status}; only a draft can be published")
OPEN = Action("open", _in(_S.SCHEDULED), "it is published", "it has already opened")
CLOSE = Action("close", _in(_S.SCHEDULED, _S.OPEN), "it is published", "it has already closed")
PUBLISH_RESULTS = Action("publish its results", _in(_S.CLOSED), "it closes", "its results are already published")
PUBLISH_OUTCOME = Action("publish its outcome", _in(_S.CLOSED, _S.RESULTS_PUBLISHED), "it closes", "")
EXTEND_CLOSING = Action("have its closing date extended", _in(_S.OPEN), "it opens", "it has already closed")
REVISE = Action("be revised", _in(_S.DRAFT), "", "it is {status}, so only corrections of text are accepted")
