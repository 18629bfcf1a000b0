"""What a Panel summary reads besides results and weighting: comments approved for publishing, by area."""

from __future__ import annotations

import uuid
from collections import defaultdict

from peel.reporting.adapters.weighting import WeightingReader

APPROVED_BY_AREA = """
SELECT r.area, f.question_key, count(*) AS approved
FROM {schema}.free_texts f JOIN {schema}.responses r USING (response_id)
WHERE r.consultation_id = $1 AND r.tenant = $2 AND f.publishable AND f.moderation = 'approved'
GROUP BY r.area, f.question_key
"""


class PanelSummaryReader(WeightingReader):
    async def approved_comments(self, tenant: str, consultation_id: uuid.UUID) -> dict[str, dict[str, int]]:
        """Per area, per question, the free-text answers approved for publishing."""
        found: dict[str, dict[str, int]] = defaultdict(dict)
        for row in await self._connection.fetch(self._sql(APPROVED_BY_AREA), consultation_id, tenant):
            found[row["area"]][row["question_key"]] = row["approved"]
        return dict(found)
