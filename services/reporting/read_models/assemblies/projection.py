"""Projects citizens' assemblies into their read model: registrants, panels and selection runs, members'
replies, recommendations with the responses and progress, and meetings held.

Each projection writes at most one row per key for a batch: the last for facts stated once, the
latest by its time for panel changes and members' replies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from peel.common.contracts.assemblies import (
    AssemblyCreated,
    AssemblyMeetingHeld,
    MemberReplied,
    MembersReplaced,
    MembersSelected,
    RecommendationMade,
    RecommendationProgressed,
    RegistrantJoined,
    RegistrantWithdrew,
    ResponseGiven,
)
from peel.common.events import Envelope
from peel.reporting.read_models._projection import Projection, last_per_key, latest_per_key, rows_of
from peel.reporting.read_models.assemblies.store import AssemblyStore


def _run(envelope: Envelope, kind: str, at: object, counts: tuple[int, int, int]) -> tuple:
    event: MembersSelected | MembersReplaced = envelope.data
    return (event.run_id, event.assembly_id, envelope.tenant, kind, at, event.algorithm, Decimal(event.seed),
            event.pool_size, event.min_probability, event.max_probability, event.gini, *counts)


def _members(envelopes: Sequence[Envelope], members: Callable, at: Callable) -> list[tuple]:
    rows = [(e.data.assembly_id, member, e.tenant, at(e.data)) for e in envelopes for member in members(e.data)]
    return latest_per_key(rows, 2, 3)


def _recommendation(envelope: Envelope, *values: object) -> tuple:
    e = envelope.data
    return (e.recommendation_id, e.assembly_id, envelope.tenant, e.number, *values)


async def assemblies_created(store: AssemblyStore, envelopes: Sequence[Envelope]) -> None:
    for envelope in envelopes:
        event: AssemblyCreated = envelope.data
        await store.save_assembly((event.assembly_id, envelope.tenant, event.title, list(event.areas),
                                   event.panel_size, [quota.model_dump() for quota in event.quotas],
                                   event.registration_closes_at))


async def members_selected(store: AssemblyStore, envelopes: Sequence[Envelope]) -> None:
    await store.add_runs(last_per_key(
        _run(e, "selection", e.data.selected_at, (len(e.data.members), 0, 0)) for e in envelopes))
    await store.panel_changed("added_at", _members(envelopes, lambda e: e.members, lambda e: e.selected_at))


async def members_replaced(store: AssemblyStore, envelopes: Sequence[Envelope]) -> None:
    await store.add_runs(last_per_key(
        _run(e, "replacement", e.data.replaced_at, (0, len(e.data.dropouts), len(e.data.replacements)))
        for e in envelopes))
    await store.panel_changed("dropped_at", _members(envelopes, lambda e: e.dropouts, lambda e: e.replaced_at))
    await store.panel_changed("added_at", _members(envelopes, lambda e: e.replacements, lambda e: e.replaced_at))


# The pool, the panel and selection runs, and members' replies.
POOL_AND_PANEL: dict[str, Projection] = {
    AssemblyCreated.type_name: assemblies_created,
    RegistrantJoined.type_name: rows_of(AssemblyStore.registrants_joined, lambda e: (
        e.data.registrant_id, e.data.assembly_id, e.tenant, dict(e.data.features), e.data.joined_at)),
    RegistrantWithdrew.type_name: rows_of(AssemblyStore.registrants_withdrew, lambda e: (
        e.data.registrant_id, e.data.assembly_id, e.tenant, e.data.withdrew_at)),
    MembersSelected.type_name: members_selected,
    MembersReplaced.type_name: members_replaced,
    MemberReplied.type_name: rows_of(AssemblyStore.set_replies, lambda e: (
        e.data.assembly_id, e.data.registrant_id, e.tenant, e.data.replied_at, e.data.reply), width=2, at=3),
}
# Recommendations with the response to each and their progress, and the meetings held.
RECOMMENDATIONS: dict[str, Projection] = {
    RecommendationMade.type_name: rows_of(AssemblyStore.recommendations_made, lambda e: _recommendation(
        e, e.data.text, e.data.support_share, e.data.made_at)),
    ResponseGiven.type_name: rows_of(AssemblyStore.responses, lambda e: _recommendation(
        e, e.data.decision, e.data.due, e.data.given_at)),
    RecommendationProgressed.type_name: rows_of(AssemblyStore.progress, lambda e: (
        e.data.recommendation_id, e.data.at, e.tenant, e.data.done), width=2),
    AssemblyMeetingHeld.type_name: rows_of(AssemblyStore.add_assembly_meetings, lambda e: (
        e.data.meeting_id, e.data.assembly_id, e.tenant, e.data.format, e.data.members, e.data.attended,
        e.data.held_at)),
}
PROJECTION: dict[str, Projection] = {**POOL_AND_PANEL, **RECOMMENDATIONS}
