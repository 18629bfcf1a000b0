"""The Panel questions read model's store: a row per public question to the Police and Crime Panel.

Each event of a question's lifecycle fills its own columns, so that the events may be applied in
any order; ``answer_due`` comes with acceptance and again, the same, with the answer.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from peel.reporting.domain.panel_questions import PanelQuestion
from peel.reporting.read_models._store import Store

# Each step's columns: (name, type).
PANEL_STEPS: dict[str, tuple[tuple[str, str], ...]] = {
    "submitted": (("meeting_date", "date"), ("submitted_at", "timestamptz")),
    "accepted": (("accepted_at", "timestamptz"), ("answer_due", "date")),
    "rejected": (("rejected_at", "timestamptz"), ("rejection_reason", "text")),
    "answered": (("answered_at", "timestamptz"), ("answered_on", "date"), ("answered_late", "boolean"),
                 ("answer_due", "date")),
    "published": (("published_at", "timestamptz"),),
}
PANEL_STEP = """
INSERT INTO {schema}.panel_questions (question_id, tenant, meeting_id, {columns})
SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], {arrays})
ON CONFLICT (question_id) DO UPDATE SET {updates}
"""
QUESTIONS = """
SELECT meeting_id, meeting_date, accepted_at, answer_due, rejection_reason, answered_at, answered_on, answered_late,
       published_at
FROM {schema}.panel_questions WHERE tenant = $1 AND ($2::uuid IS NULL OR meeting_id = $2)
ORDER BY question_id
"""


def step_names(step: str) -> dict[str, str]:
    """The names a step's statement is completed with: its columns, their arrays and updates."""
    columns = PANEL_STEPS[step]
    return {
        "columns": ", ".join(name for name, _ in columns),
        "arrays": ", ".join(f"${number}::{kind}[]" for number, (_, kind) in enumerate(columns, start=4)),
        "updates": ", ".join(f"{name} = EXCLUDED.{name}" for name, _ in columns),
    }


class PanelQuestionStore(Store):
    async def step(self, step: str, rows: Sequence[tuple]) -> None:
        """Rows of (question id, tenant, meeting id, then the step's columns' values), one per question."""
        await self._rows(PANEL_STEP, rows, **step_names(step))

    async def panel_questions(self, tenant: str, meeting_id: uuid.UUID | None = None) -> list[PanelQuestion]:
        """The tenant's questions, of one meeting or of all."""
        return [PanelQuestion(**dict(row)) for row in await self._fetch(QUESTIONS, tenant, meeting_id)]
