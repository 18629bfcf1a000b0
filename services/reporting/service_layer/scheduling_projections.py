"""Projects the scheduling service's events (surgeries and citizens' assemblies) into the read models.

Each projection writes at most one row per key for a batch: the last for facts an aggregate
states once, the latest by its time for attendance, panel changes and members' replies.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from decimal import Decimal

from peel.common.contracts.assemblies import (
    AssemblyCreated,
    MemberReplied,
    MembersReplaced,
    MembersSelected,
    RegistrantJoined,
    RegistrantWithdrew,
)
from peel.common.contracts.scheduling import (
    BookingAttended,
    BookingCancelled,
    BookingConfirmed,
    BookingNoShow,
    SurgerySessionCancelled,
    SurgerySessionScheduled,
    WaitlistPromoted,
)
from peel.common.events import Envelope
from peel.reporting.adapters.scheduling_writer import SchedulingWriter

Projection = Callable[[SchedulingWriter, Sequence[Envelope]], Awaitable[None]]
Write = Callable[[SchedulingWriter, list[tuple]], Awaitable[None]]


def last_per_key(rows: Iterable[tuple], width: int = 1) -> list[tuple]:
    """One row per key (its first ``width`` values): the last given."""
    return list({row[:width]: row for row in rows}.values())


def latest_per_key(rows: Iterable[tuple], width: int, at: int) -> list[tuple]:
    """One row per key (its first ``width`` values): the one with the greatest values from ``at`` on."""
    kept: dict[tuple, tuple] = {}
    for row in rows:
        key = row[:width]
        if key not in kept or row[at:] > kept[key][at:]:
            kept[key] = row
    return list(kept.values())


def rows_of(write: Write, row: Callable[[Envelope], tuple], *, at: int | None = None, width: int = 1) -> Projection:
    """A projection writing ``row`` of each envelope, one per key (the first ``width`` values)."""
    async def project(writer: SchedulingWriter, envelopes: Sequence[Envelope]) -> None:
        rows = [row(envelope) for envelope in envelopes]
        await write(writer, last_per_key(rows, width) if at is None else latest_per_key(rows, width, at))

    return project


def _booking(envelope: Envelope, *values: object) -> tuple:
    return (envelope.data.booking_id, envelope.tenant, envelope.data.session_id, *values)


def _run(envelope: Envelope, kind: str, at: object, counts: tuple[int, int, int]) -> tuple:
    event: MembersSelected | MembersReplaced = envelope.data
    return (event.run_id, event.assembly_id, envelope.tenant, kind, at, event.algorithm, Decimal(event.seed),
            event.pool_size, event.min_probability, event.max_probability, event.gini, *counts)


def _members(envelopes: Sequence[Envelope], members: Callable, at: Callable) -> list[tuple]:
    rows = [(e.data.assembly_id, member, e.tenant, at(e.data)) for e in envelopes for member in members(e.data)]
    return latest_per_key(rows, 2, 3)


async def assemblies_created(writer: SchedulingWriter, envelopes: Sequence[Envelope]) -> None:
    for envelope in envelopes:
        event: AssemblyCreated = envelope.data
        await writer.assembly((event.assembly_id, envelope.tenant, event.title, list(event.areas), event.panel_size,
                               [quota.model_dump() for quota in event.quotas], event.registration_closes_at))


async def members_selected(writer: SchedulingWriter, envelopes: Sequence[Envelope]) -> None:
    await writer.runs(last_per_key(
        _run(e, "selection", e.data.selected_at, (len(e.data.members), 0, 0)) for e in envelopes))
    await writer.panel("added_at", _members(envelopes, lambda e: e.members, lambda e: e.selected_at))


async def members_replaced(writer: SchedulingWriter, envelopes: Sequence[Envelope]) -> None:
    await writer.runs(last_per_key(
        _run(e, "replacement", e.data.replaced_at, (0, len(e.data.dropouts), len(e.data.replacements)))
        for e in envelopes))
    await writer.panel("dropped_at", _members(envelopes, lambda e: e.dropouts, lambda e: e.replaced_at))
    await writer.panel("added_at", _members(envelopes, lambda e: e.replacements, lambda e: e.replaced_at))


SCHEDULING_PROJECTIONS: dict[str, Projection] = {
    SurgerySessionScheduled.type_name: rows_of(SchedulingWriter.sessions_scheduled, lambda e: (
        e.data.session_id, e.tenant, e.data.policing_area, e.data.online, e.data.starts_at, e.data.ends_at,
        e.data.slot_count)),
    SurgerySessionCancelled.type_name: rows_of(
        SchedulingWriter.sessions_cancelled, lambda e: (e.data.session_id, e.tenant, e.data.cancelled_at)),
    BookingConfirmed.type_name: rows_of(
        SchedulingWriter.bookings_confirmed, lambda e: _booking(e, e.data.confirmed_at, e.data.from_waitlist)),
    WaitlistPromoted.type_name: rows_of(
        SchedulingWriter.bookings_confirmed, lambda e: _booking(e, e.data.promoted_at, True)),
    BookingCancelled.type_name: rows_of(
        SchedulingWriter.bookings_cancelled, lambda e: _booking(e, e.data.cancelled_at, e.data.cancelled_by)),
    BookingAttended.type_name: rows_of(
        SchedulingWriter.outcomes, lambda e: _booking(e, "attended", e.data.recorded_at), at=4),
    BookingNoShow.type_name: rows_of(
        SchedulingWriter.outcomes, lambda e: _booking(e, "no_show", e.data.recorded_at), at=4),
    AssemblyCreated.type_name: assemblies_created,
    RegistrantJoined.type_name: rows_of(SchedulingWriter.registrants_joined, lambda e: (
        e.data.registrant_id, e.data.assembly_id, e.tenant, dict(e.data.features), e.data.joined_at)),
    RegistrantWithdrew.type_name: rows_of(SchedulingWriter.registrants_withdrew, lambda e: (
        e.data.registrant_id, e.data.assembly_id, e.tenant, e.data.withdrew_at)),
    MembersSelected.type_name: members_selected,
    MembersReplaced.type_name: members_replaced,
    MemberReplied.type_name: rows_of(SchedulingWriter.replies, lambda e: (
        e.data.assembly_id, e.data.registrant_id, e.tenant, e.data.replied_at, e.data.reply), width=2, at=3),
}
