"""Pre-election periods: from the notice of election to the close of the count, publicity to the areas concerned
waits (the Code of Recommended Practice on Local Authority Publicity; the PCC's own guidance for a PCC election).

A period runs from 00:00 UK time on the notice date to 00:00 UK time on the day after polling day: polls close at
22:00 and the count and the declarations follow overnight, so the office stays quiet until the day after. Times
are UK local (GMT or BST, whichever is in force on that date) and stored in UTC. No areas means the whole office.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from peel.common.errors import FieldError, InvalidInput
from peel.common.working_days import LONDON
from peel.notifications.messages.domain.checks import ELECTION, ElectionPeriod

LONGEST = timedelta(days=120)  # a notice of election comes about five weeks before the poll; this allows any kind
EARLIEST, LATEST = date(2000, 1, 1), date(2199, 12, 31)


class ElectionKind(StrEnum):
    PCC = "pcc"
    LOCAL = "local"
    MAYORAL = "mayoral"
    PARLIAMENTARY = "parliamentary"
    SENEDD = "senedd"
    BY_ELECTION = "by_election"
    REFERENDUM = "referendum"


class PeriodState(StrEnum):
    UPCOMING = "upcoming"
    IN_FORCE = "in_force"
    PAST = "past"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Cancellation:
    at: datetime
    by: str
    reason: str


@dataclass(frozen=True, slots=True)
class Period:
    id: uuid.UUID
    tenant: str
    kind: ElectionKind
    areas: tuple[str, ...]
    notice_date: date
    poll_date: date
    created_at: datetime
    created_by: str
    cancellation: Cancellation | None = None
    started_noted_at: datetime | None = None
    ended_noted_at: datetime | None = None

    @property
    def starts_at(self) -> datetime:
        return uk_midnight(self.notice_date)

    @property
    def ends_at(self) -> datetime:
        return uk_midnight(self.poll_date + timedelta(days=1))

    @property
    def held_reason(self) -> str:
        """The reason the messages rule gives a message this period holds."""
        return f"{ELECTION}:{self.id}"

    def state(self, now: datetime) -> PeriodState:
        if self.cancellation is not None:
            return PeriodState.CANCELLED
        if now < self.starts_at:
            return PeriodState.UPCOMING
        return PeriodState.IN_FORCE if now < self.ends_at else PeriodState.PAST

    def covers(self, areas: frozenset[str]) -> bool:
        """Whether a contact in ``areas`` is in the period's reach."""
        return not self.areas or bool(set(self.areas) & areas)

    def checked(self) -> ElectionPeriod:
        """The period as the messages rule sees it."""
        return ElectionPeriod(str(self.id), frozenset(self.areas), self.starts_at, self.ends_at)

    def cancel(self, by: str, reason: str, now: datetime) -> Period:
        return replace(self, cancellation=Cancellation(now, by, reason))


class Moment(StrEnum):
    STARTED = "started"
    ENDED = "ended"


def due_moments(period: Period, now: datetime) -> tuple[Moment, ...]:
    """The moments that have passed and are not yet noted, in order; none for a cancelled period."""
    if period.cancellation is not None:
        return ()
    started = period.started_noted_at is None and now >= period.starts_at
    ended = period.ended_noted_at is None and now >= period.ends_at
    return tuple(moment for moment, due in ((Moment.STARTED, started), (Moment.ENDED, ended)) if due)


def uk_midnight(day: date) -> datetime:
    """00:00 UK time on ``day``, in UTC."""
    return datetime.combine(day, time(0), LONDON).astimezone(UTC)


def new_period(tenant: str, kind: ElectionKind, areas: tuple[str, ...], notice_date: date, poll_date: date,
               staff: str, now: datetime) -> Period:
    """A period registered now; 422 when polling day comes before the notice or implausibly long after it, or a
    date is out of any sensible range."""
    for name, day in (("notice_date", notice_date), ("poll_date", poll_date)):
        if not EARLIEST <= day <= LATEST:
            raise InvalidInput([FieldError((name,), f"give a date from {EARLIEST} to {LATEST}")])
    if poll_date < notice_date:
        raise InvalidInput([FieldError(("poll_date",), "polling day cannot come before the notice of election")])
    if poll_date - notice_date > LONGEST:
        raise InvalidInput([FieldError(("poll_date",), f"polling day is more than {LONGEST.days} days after the "
                                                       "notice of election")])
    return Period(uuid.uuid4(), tenant, kind, tuple(dict.fromkeys(areas)), notice_date, poll_date, now, staff)
