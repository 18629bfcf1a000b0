"""Every read model, and what is built from them: the consumer's handlers and the service's routes.

Adding a read model is adding its package and a line here (and its tables' migration).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import asyncpg
from fastapi import APIRouter

from peel.common.events import Envelope
from peel.common.messaging.consumer import BatchHandler
from peel.reporting.adapters.schema import LIVE, SWAP_LOCK
from peel.reporting.read_models import (
    assemblies,
    consultation_results,
    council_acknowledgements,
    meetings,
    panel_questions,
    surgeries,
)
from peel.reporting.read_models._projection import ReadModel

READ_MODELS: tuple[ReadModel, ...] = (
    consultation_results.READ_MODEL,
    panel_questions.READ_MODEL,
    surgeries.READ_MODEL,
    assemblies.READ_MODEL,
    meetings.READ_MODEL,
    council_acknowledgements.READ_MODEL,
)


class UnknownReadModel(ValueError):
    """A read model was asked for by a name none has."""


def named(names: Iterable[str]) -> tuple[ReadModel, ...]:
    """The read models of these names, in the registry's order; refused if a name is unknown."""
    wanted = set(names)
    unknown = sorted(wanted - {model.name for model in READ_MODELS})
    if unknown:
        raise UnknownReadModel(f"no read model named {', '.join(unknown)}; the read models are "
                               f"{', '.join(model.name for model in READ_MODELS)}")
    return tuple(model for model in READ_MODELS if model.name in wanted)


def applying(models: Sequence[ReadModel], schema: str, shared_lock: bool) -> BatchHandler:
    """Applies a batch to each read model's store in ``schema``, type by type in its projection's order;
    with ``shared_lock`` (the live read models) holding the swap lock shared, so a swap waits for it."""
    async def apply(connection: asyncpg.Connection, envelopes: Sequence[Envelope]) -> None:
        if shared_lock:
            await connection.execute("SELECT pg_advisory_xact_lock_shared($1)", SWAP_LOCK)
        by_type: dict[str, list[Envelope]] = defaultdict(list)
        for envelope in envelopes:
            by_type[envelope.type].append(envelope)
        for model in models:
            await _project(model, model.store(connection, schema), by_type)

    return BatchHandler(apply)


async def _project(model: ReadModel, store: object, by_type: dict[str, list[Envelope]]) -> None:
    for event_type, projection in model.projection.items():
        if by_type.get(event_type):
            await projection(store, by_type[event_type])


def handlers(models: Sequence[ReadModel] = READ_MODELS, schema: str = LIVE, *,
             shared_lock: bool = True) -> dict[str, BatchHandler]:
    """One handler for every type the ``models`` project, writing into ``schema``: the live read models
    (taking the swap lock shared), or a rebuild's copies (without it)."""
    handler = applying(models, schema, shared_lock)
    return dict.fromkeys((event_type for model in models for event_type in model.projection), handler)


def routers() -> list[APIRouter]:
    return [router for model in READ_MODELS for router in model.routers]
