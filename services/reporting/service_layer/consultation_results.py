"""Results queries: a consultation's results and their breakdown, for staff of its tenant."""

from __future__ import annotations

import uuid

from peel.common.errors import NotFound
from peel.reporting.adapters.reader import ResultsReader
from peel.reporting.domain.breakdown import BROKEN_DOWN, Breakdown, Dimension, breakdown
from peel.reporting.domain.consultation_results import Consultation, ConsultationResults, assemble


async def visible_consultation(reader: ResultsReader, tenant: str, consultation_id: uuid.UUID) -> Consultation:
    """The consultation, if it is the tenant's and published; refused while its results are embargoed."""
    consultation = await reader.consultation(tenant, consultation_id)
    if consultation is None:
        raise NotFound(f"no results for consultation {consultation_id}")
    consultation.check_results_visible()
    return consultation


async def consultation_results(reader: ResultsReader, tenant: str, consultation_id: uuid.UUID) -> ConsultationResults:
    consultation = await visible_consultation(reader, tenant, consultation_id)
    return assemble(
        consultation, await reader.responses(tenant, consultation_id), await reader.tally(tenant, consultation_id),
        await reader.free_texts(tenant, consultation_id),
    )


async def results_breakdown(reader: ResultsReader, tenant: str, consultation_id: uuid.UUID,
                            by: Dimension) -> Breakdown:
    consultation = await visible_consultation(reader, tenant, consultation_id)
    questions = [q.key for q in consultation.questions if q.type in BROKEN_DOWN]
    return breakdown(
        consultation, by, await reader.group_sizes(tenant, consultation_id, by),
        await reader.group_tallies(tenant, consultation_id, by, questions),
    )
