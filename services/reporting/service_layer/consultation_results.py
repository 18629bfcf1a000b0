"""Projects consultation events into results, and answers results queries."""

from __future__ import annotations

import uuid
from datetime import datetime

from peel.common.events import Envelope
from peel.common.errors import NotFound
from peel.reporting.adapters.consultation_results import ConsultationResultsStore
from peel.reporting.domain.consultation_results import ConsultationResults, assemble, tally


async def record_consultation_published(store: ConsultationResultsStore, envelope: Envelope) -> None:
    await store.save_consultation(envelope.tenant, envelope.data.model_dump(mode="json", exclude_none=True))


async def record_response_submitted(store: ConsultationResultsStore, envelope: Envelope) -> None:
    data = envelope.data.model_dump(mode="json")
    await store.count_response(
        envelope.tenant, uuid.UUID(data["consultation_id"]), datetime.fromisoformat(data["submitted_at"]),
        tally(data["answers"]),
    )


async def consultation_results(store: ConsultationResultsStore, tenant: str, consultation_id: uuid.UUID
                               ) -> ConsultationResults:
    consultation = await store.consultation(tenant, consultation_id)
    if consultation is None:
        raise NotFound(f"no results for consultation {consultation_id}")
    return assemble(dict(consultation), await store.responses(consultation_id),
                    await store.answer_counts(consultation_id))
