"""Which emails scheduling's events call for, and when each is due: asked for in the transaction that
stores the events, so an email is asked for exactly when its state change commits.

A message names its kind, whom it is about (a booking, a waitlist place or an assembly registrant)
and when it is due; the address and the wording are read when it is sent, so someone erased in the
meantime is sent nothing. A message is known by the event that asked for it (its cause), its kind
and whom it is about, so an event handled twice asks for nothing new.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from peel.common.contracts.assemblies import (
    MemberReplied,
    MembersReplaced,
    MembersSelected,
    RegistrantErased,
    RegistrantJoined,
)
from peel.common.contracts.scheduling import (
    BookingCancelled,
    BookingConfirmed,
    BookingErased,
    BookingRescheduled,
    WaitlistJoined,
)
from peel.common.events import Event


class MessageKind(StrEnum):
    BOOKING_CONFIRMED = "booking_confirmed"    # booked, or a waitlist place promoted
    BOOKING_MOVED = "booking_moved"
    BOOKING_CANCELLED = "booking_cancelled"
    BOOKING_REMINDER = "booking_reminder"
    WAITLIST_JOINED = "waitlist_joined"
    REGISTERED = "registered"
    PLACE_OFFERED = "place_offered"            # selected, or drawn as a replacement
    NOT_SELECTED = "not_selected"
    PLACE_CONFIRMED = "place_confirmed"


REMINDERS = frozenset({MessageKind.BOOKING_REMINDER})
EVERY_KIND = frozenset(MessageKind)


@dataclass(frozen=True, slots=True)
class Message:
    cause: str  # the id of the event that asked for it
    tenant: str
    kind: MessageKind
    about: uuid.UUID
    due_at: datetime | None = None  # ``None``: at once


@dataclass(frozen=True, slots=True)
class Asked:
    """What one event calls for: messages to send, pending ones to drop first, and whether the assembly's
    remaining pool is to be told it was not drawn."""

    send: tuple[Message, ...] = ()
    drop: tuple[uuid.UUID, frozenset[MessageKind]] | None = None
    pool_not_drawn: uuid.UUID | None = None  # the assembly


@dataclass(frozen=True, slots=True)
class Reminders:
    """A reminder goes ``lead`` before the appointment, unless that is within ``least_notice`` of booking."""

    lead: timedelta = timedelta(hours=24)
    least_notice: timedelta = timedelta(hours=2)

    def due(self, starts_at: datetime, booked_at: datetime) -> datetime | None:
        due = starts_at - self.lead
        return due if due >= booked_at + self.least_notice else None


@dataclass(frozen=True, slots=True)
class Cause:
    """The event that asks, with its id and tenant (from its envelope)."""

    id: str
    tenant: str
    event: Event

    def message(self, kind: MessageKind, about: uuid.UUID, due_at: datetime | None = None) -> Message:
        return Message(self.id, self.tenant, kind, about, due_at)


def asked_by(cause: Cause, reminders: Reminders) -> Asked:
    ask = _ASKING.get(type(cause.event))
    return Asked() if ask is None else ask(cause, cause.event, reminders)


def _confirmed(cause: Cause, event: BookingConfirmed, reminders: Reminders) -> Asked:
    return Asked(_with_reminder(cause, MessageKind.BOOKING_CONFIRMED, event.booking_id, event.slot_starts_at,
                                event.confirmed_at, reminders))


def _moved(cause: Cause, event: BookingRescheduled, reminders: Reminders) -> Asked:
    return Asked(_with_reminder(cause, MessageKind.BOOKING_MOVED, event.booking_id, event.slot_starts_at,
                                event.rescheduled_at, reminders), drop=(event.booking_id, REMINDERS))


def _with_reminder(cause: Cause, kind: MessageKind, booking: uuid.UUID, starts_at: datetime, at: datetime,
                   reminders: Reminders) -> tuple[Message, ...]:
    due = reminders.due(starts_at, at)
    reminder = () if due is None else (cause.message(MessageKind.BOOKING_REMINDER, booking, due),)
    return (cause.message(kind, booking), *reminder)


def _cancelled(cause: Cause, event: BookingCancelled, _: Reminders) -> Asked:
    return Asked((cause.message(MessageKind.BOOKING_CANCELLED, event.booking_id),),
                 drop=(event.booking_id, REMINDERS))


def _one(kind: MessageKind, about: str):  # noqa: ANN202 - a handler for events calling for one message
    return lambda cause, event, _: Asked((cause.message(kind, getattr(event, about)),))


def _selected(cause: Cause, event: MembersSelected, _: Reminders) -> Asked:
    return Asked(_offers(cause, event.members), pool_not_drawn=event.assembly_id)


def _replaced(cause: Cause, event: MembersReplaced, _: Reminders) -> Asked:
    return Asked(_offers(cause, event.replacements))


def _offers(cause: Cause, members: Sequence[uuid.UUID]) -> tuple[Message, ...]:
    return tuple(cause.message(MessageKind.PLACE_OFFERED, member) for member in members)


def _replied(cause: Cause, event: MemberReplied, _: Reminders) -> Asked:
    confirmed = event.reply == "confirmed"
    return Asked((cause.message(MessageKind.PLACE_CONFIRMED, event.registrant_id),) if confirmed else ())


def _erased(about: str):  # noqa: ANN202 - a handler dropping whatever waits for someone erased
    return lambda cause, event, _: Asked(drop=(getattr(event, about), EVERY_KIND))


def not_drawn(cause: Cause, pool: Sequence[uuid.UUID]) -> tuple[Message, ...]:
    """The messages telling those still in the pool after a selection that they were not drawn."""
    return tuple(cause.message(MessageKind.NOT_SELECTED, registrant) for registrant in pool)


_ASKING = {
    BookingConfirmed: _confirmed,
    BookingRescheduled: _moved,
    BookingCancelled: _cancelled,
    WaitlistJoined: _one(MessageKind.WAITLIST_JOINED, "booking_id"),
    BookingErased: _erased("booking_id"),
    RegistrantJoined: _one(MessageKind.REGISTERED, "registrant_id"),
    MembersSelected: _selected,
    MembersReplaced: _replaced,
    MemberReplied: _replied,
    RegistrantErased: _erased("registrant_id"),
}
