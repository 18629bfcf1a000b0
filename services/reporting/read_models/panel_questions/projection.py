"""Projects the lifecycle of public questions to the Police and Crime Panel into their read model."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from peel.common.contracts.consultation import (
    PanelQuestionAccepted,
    PanelQuestionAnswered,
    PanelQuestionPublished,
    PanelQuestionRejected,
    PanelQuestionSubmitted,
)
from peel.common.events import Envelope, Event
from peel.reporting.read_models._projection import Projection
from peel.reporting.read_models.panel_questions.store import PanelQuestionStore


def panel_step(step: str, values: Callable[[Event], tuple]) -> Projection:
    """Fills the columns of one lifecycle ``step`` for each question of the batch (once per question)."""
    async def project(store: PanelQuestionStore, envelopes: Sequence[Envelope]) -> None:
        rows = {e.data.question_id: (e.data.question_id, e.tenant, e.data.meeting_id, *values(e.data))
                for e in envelopes}
        await store.step(step, list(rows.values()))

    return project


PROJECTION: dict[str, Projection] = {
    PanelQuestionSubmitted.type_name: panel_step("submitted", lambda e: (e.meeting_date, e.submitted_at)),
    PanelQuestionAccepted.type_name: panel_step("accepted", lambda e: (e.accepted_at, e.answer_due)),
    PanelQuestionRejected.type_name: panel_step("rejected", lambda e: (e.rejected_at, e.reason)),
    PanelQuestionAnswered.type_name: panel_step(
        "answered", lambda e: (e.answered_at, e.answered_on, e.overdue, e.answer_due)),
    PanelQuestionPublished.type_name: panel_step("published", lambda e: (e.published_at,)),
}
