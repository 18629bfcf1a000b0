"""Projects consultation events into the consultation results read model, a batch at a time, type by type.

The projections commute (a submission after its erasure is ignored, an erasure removes what came
before it, a moderation decision and a closing extension count by their time, a correction by its
version), so applying a batch type by type gives what applying its events in the order they came
would give.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from peel.common.contracts.consultation import (
    ConsultationClosed,
    ConsultationClosingExtended,
    ConsultationCorrected,
    ConsultationOutcomePublished,
    ConsultationPublished,
    ConsultationResultsPublished,
    FreeTextModerated,
    ResponseErased,
    ResponseSubmitted,
)
from peel.common.events import Envelope
from peel.reporting.domain.answers import answer_rows, free_texts
from peel.reporting.read_models._projection import Projection
from peel.reporting.read_models.consultation_results.store import (
    ConsultationStore,
    Correction,
    Decision,
    Erasure,
    NewResponse,
)


async def consultations_published(store: ConsultationStore, envelopes: Sequence[Envelope]) -> None:
    for envelope in envelopes:
        await store.save_consultation(envelope.tenant, envelope.data.model_dump(mode="json", exclude_none=True),
                                      envelope.time)


async def consultations_corrected(store: ConsultationStore, envelopes: Sequence[Envelope]) -> None:
    """Keeps each place's text of the highest version; the results apply it over the text published."""
    latest: dict[tuple, Correction] = {}
    for envelope in envelopes:
        event: ConsultationCorrected = envelope.data
        for change in event.changes:
            correction = Correction(event.consultation_id, envelope.tenant, change.field, event.version,
                                    change.text.model_dump(exclude_none=True), event.corrected_at)
            key = (event.consultation_id, change.field)
            if key not in latest or latest[key].version < correction.version:
                latest[key] = correction
    await store.correct(list(latest.values()))


async def closings_extended(store: ConsultationStore, envelopes: Sequence[Envelope]) -> None:
    for envelope in envelopes:
        event: ConsultationClosingExtended = envelope.data
        await store.extend(event.consultation_id, event.closes_at, event.extended_at)


async def consultations_closed(store: ConsultationStore, envelopes: Sequence[Envelope]) -> None:
    for envelope in envelopes:
        event: ConsultationClosed = envelope.data
        await store.close(event.consultation_id, event.closed_at)


async def results_published(store: ConsultationStore, envelopes: Sequence[Envelope]) -> None:
    for envelope in envelopes:
        event: ConsultationResultsPublished = envelope.data
        await store.results_published(event.consultation_id, event.published_at)


async def outcomes_published(store: ConsultationStore, envelopes: Sequence[Envelope]) -> None:
    for envelope in envelopes:
        event: ConsultationOutcomePublished = envelope.data
        await store.outcome_published(event.consultation_id, event.outcome.model_dump(exclude_none=True),
                                      event.published_at)


async def responses_submitted(store: ConsultationStore, envelopes: Sequence[Envelope]) -> None:
    """Stores each response once (the first event for it counts), unless it has been erased."""
    responses = {}
    for envelope in envelopes:
        event: ResponseSubmitted = envelope.data
        responses.setdefault(event.response_id, new_response(envelope.tenant, event))
    await store.add_responses(list(responses.values()))


def new_response(tenant: str, event: ResponseSubmitted) -> NewResponse:
    bands = event.equality
    return NewResponse(
        response_id=event.response_id, consultation_id=event.consultation_id, tenant=tenant, area=event.area,
        bands=(bands.age_band, bands.sex, bands.ethnicity, bands.disability) if bands else (None, None, None, None),
        submitted_at=event.submitted_at, answers=answer_rows(event.answers), free_texts=free_texts(event.answers),
        channel=event.channel,
    )


async def responses_erased(store: ConsultationStore, envelopes: Sequence[Envelope]) -> None:
    await store.erase([Erasure(e.data.response_id, e.data.consultation_id, e.data.erased_at) for e in envelopes])


async def free_text_moderated(store: ConsultationStore, envelopes: Sequence[Envelope]) -> None:
    """Applies the latest decision per answer; of two at the same moment, redaction."""
    latest: dict[tuple, Decision] = {}
    for envelope in envelopes:
        event: FreeTextModerated = envelope.data
        decision = Decision(event.response_id, event.question, event.decision, event.moderated_at)
        key = (event.response_id, event.question)
        if key not in latest or _precedence(decision) > _precedence(latest[key]):
            latest[key] = decision
    await store.moderate(list(latest.values()))


def _precedence(decision: Decision) -> tuple[datetime, bool]:
    return decision.moderated_at, decision.decision == "redacted"


PROJECTION: dict[str, Projection] = {
    ConsultationPublished.type_name: consultations_published,
    ConsultationCorrected.type_name: consultations_corrected,
    ConsultationClosingExtended.type_name: closings_extended,
    ConsultationClosed.type_name: consultations_closed,
    ConsultationResultsPublished.type_name: results_published,
    ConsultationOutcomePublished.type_name: outcomes_published,
    ResponseSubmitted.type_name: responses_submitted,
    ResponseErased.type_name: responses_erased,
    FreeTextModerated.type_name: free_text_moderated,
}
