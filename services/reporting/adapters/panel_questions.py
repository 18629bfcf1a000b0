"""Public questions to the Police and Crime Panel, as the read model holds them."""

from __future__ import annotations

import uuid

from peel.reporting.adapters.reader import ResultsReader
from peel.reporting.domain.panel_questions import PanelQuestion

QUESTIONS = """
SELECT meeting_id, meeting_date, accepted_at, answer_due, rejection_reason, answered_at, answered_on, answered_late,
       published_at
FROM {schema}.panel_questions WHERE tenant = $1 AND ($2::uuid IS NULL OR meeting_id = $2)
ORDER BY question_id
"""


class PanelReader(ResultsReader):
    async def panel_questions(self, tenant: str, meeting_id: uuid.UUID | None = None) -> list[PanelQuestion]:
        """The tenant's questions, of one meeting or of all."""
        rows = await self._connection.fetch(self._sql(QUESTIONS), tenant, meeting_id)
        return [PanelQuestion(**dict(row)) for row in rows]
