"""Projects consultation events into the read models, a batch at a time, type by type."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

import asyncpg

from peel.common.contracts.consultation import (
    ConsultationClosed,
    ConsultationOutcomePublished,
    ConsultationPublished,
    ConsultationResultsPublished,
    FreeTextModerated,
    ResponseErased,
    ResponseSubmitted,
)
from peel.common.events import Envelope
from peel.common.messaging.consumer import BatchHandler
from peel.reporting.adapters.schema import LIVE
from peel.reporting.adapters.meetings_writer import MeetingsWriter
from peel.reporting.adapters.writer import Decision, Erasure, NewResponse, ReadModelWriter
from peel.reporting.domain.answers import answer_rows, free_texts
from peel.reporting.service_layer.meetings_projections import MEETING_PROJECTIONS
from peel.reporting.service_layer.panel_projections import PANEL_PROJECTIONS
from peel.reporting.service_layer.scheduling_projections import SCHEDULING_PROJECTIONS

Projection = Callable[[ReadModelWriter, Sequence[Envelope]], Awaitable[None]]


async def consultations_published(writer: ReadModelWriter, envelopes: Sequence[Envelope]) -> None:
    for envelope in envelopes:
        await writer.save_consultation(envelope.tenant, envelope.data.model_dump(mode="json", exclude_none=True),
                                       envelope.time)


async def consultations_closed(writer: ReadModelWriter, envelopes: Sequence[Envelope]) -> None:
    for envelope in envelopes:
        event: ConsultationClosed = envelope.data
        await writer.close(event.consultation_id, event.closed_at)


async def results_published(writer: ReadModelWriter, envelopes: Sequence[Envelope]) -> None:
    for envelope in envelopes:
        event: ConsultationResultsPublished = envelope.data
        await writer.results_published(event.consultation_id, event.published_at)


async def outcomes_published(writer: ReadModelWriter, envelopes: Sequence[Envelope]) -> None:
    for envelope in envelopes:
        event: ConsultationOutcomePublished = envelope.data
        await writer.outcome_published(event.consultation_id, event.outcome.model_dump(exclude_none=True),
                                       event.published_at)


async def responses_submitted(writer: ReadModelWriter, envelopes: Sequence[Envelope]) -> None:
    """Stores each response once (the first event for it counts), unless it has been erased."""
    responses = {}
    for envelope in envelopes:
        event: ResponseSubmitted = envelope.data
        responses.setdefault(event.response_id, new_response(envelope.tenant, event))
    await writer.add_responses(list(responses.values()))


def new_response(tenant: str, event: ResponseSubmitted) -> NewResponse:
    bands = event.equality
    return NewResponse(
        response_id=event.response_id, consultation_id=event.consultation_id, tenant=tenant, area=event.area,
        bands=(bands.age_band, bands.sex, bands.ethnicity, bands.disability) if bands else (None, None, None, None),
        submitted_at=event.submitted_at, answers=answer_rows(event.answers), free_texts=free_texts(event.answers),
    )


async def responses_erased(writer: ReadModelWriter, envelopes: Sequence[Envelope]) -> None:
    erasures = [Erasure(e.data.response_id, e.data.consultation_id, e.data.erased_at) for e in envelopes]
    await writer.erase(erasures)


async def free_text_moderated(writer: ReadModelWriter, envelopes: Sequence[Envelope]) -> None:
    """Applies the latest decision per answer; of two at the same moment, redaction."""
    latest: dict[tuple, Decision] = {}
    for envelope in envelopes:
        event: FreeTextModerated = envelope.data
        decision = Decision(event.response_id, event.question, event.decision, event.moderated_at)
        key = (event.response_id, event.question)
        if key not in latest or _precedence(decision) > _precedence(latest[key]):
            latest[key] = decision
    await writer.moderate(list(latest.values()))


def _precedence(decision: Decision) -> tuple[datetime, bool]:
    return decision.moderated_at, decision.decision == "redacted"


# A run of events is applied type by type, in this order. Projections of different types
# commute (a submission after its erasure is ignored, an erasure removes what came before it,
# a moderation decision counts by its time, each step of a Panel question fills its own
# columns), so the result is the one of applying them in the order they came, and a whole
# batch takes a few statements whatever its mix.
PROJECTIONS: dict[str, Projection] = {
    ConsultationPublished.type_name: consultations_published,
    ConsultationClosed.type_name: consultations_closed,
    ConsultationResultsPublished.type_name: results_published,
    ConsultationOutcomePublished.type_name: outcomes_published,
    ResponseSubmitted.type_name: responses_submitted,
    ResponseErased.type_name: responses_erased,
    FreeTextModerated.type_name: free_text_moderated,
    **PANEL_PROJECTIONS,
    **SCHEDULING_PROJECTIONS,
    **MEETING_PROJECTIONS,
}


def applying(schema: str, shared_lock: bool) -> BatchHandler:
    async def apply(connection: asyncpg.Connection, envelopes: Sequence[Envelope]) -> None:
        writer = MeetingsWriter(connection, schema, shared_lock=shared_lock)
        await writer.begin()
        by_type = defaultdict(list)
        for envelope in envelopes:
            by_type[envelope.type].append(envelope)
        for event_type, projection in PROJECTIONS.items():
            if by_type[event_type]:
                await projection(writer, by_type[event_type])

    return BatchHandler(apply)


def read_model_handlers(schema: str = LIVE, *, shared_lock: bool = True) -> dict[str, BatchHandler]:
    """One handler for every type, writing into ``schema``: the live read models (taking the swap
    lock shared), or a rebuild's copy (without it)."""
    handler = applying(schema, shared_lock)
    return dict.fromkeys(PROJECTIONS, handler)
