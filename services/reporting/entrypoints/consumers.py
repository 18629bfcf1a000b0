"""The reporting consumer group: which events feed which projection."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import asyncpg

from peel.common.contracts.consultation import ConsultationPublished, ResponseSubmitted
from peel.common.events import Envelope
from peel.common.runtime import ConsumerSpec
from peel.reporting.adapters.consultation_results import ConsultationResultsStore
from peel.reporting.service_layer import consultation_results as results

Projection = Callable[[ConsultationResultsStore, Envelope], Awaitable[None]]


def _on_results(projection: Projection) -> Callable[[asyncpg.Connection, Envelope], Awaitable[None]]:
    async def handle(connection: asyncpg.Connection, envelope: Envelope) -> None:
        await projection(ConsultationResultsStore(connection), envelope)

    return handle


READ_MODELS = ConsumerSpec(
    name="reporting.read-models",
    services=("consultation", "scheduling", "notifications"),
    handlers={
        ConsultationPublished.type_name: _on_results(results.record_consultation_published),
        ResponseSubmitted.type_name: _on_results(results.record_response_submitted),
    },
)
