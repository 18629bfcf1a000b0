"""The one rule deciding what happens to a message to a known contact before it is sent: it goes, waits
(quiet hours, a pre-election period) or is suppressed (no consent, a suppression, the weekly cap), or it joins the
contact's next digest. Single messages and whole bulletins are decided by this same function.

Urgent messages (priority 1) and ``service`` messages are never held for quiet hours' sake when the sender says
so; ``service`` messages go on through a pre-election period; only non-urgent ``subscription`` messages count
towards, and are stopped by, the weekly cap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum

from peel.common.working_days import LONDON
from peel.notifications.contacts.domain.consents import NO_CONSENT, Category

URGENT = 1
QUIET_HOURS = "quiet_hours"
ELECTION = "election"
WEEKLY_CAP = "weekly_cap"


class Frequency(StrEnum):
    IMMEDIATELY = "immediately"
    DAILY = "daily"
    WEEKLY = "weekly"


class Outcome(StrEnum):
    SEND = "created"
    HOLD = "held"
    SUPPRESS = "suppressed"
    DIGEST = "digest"


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A channel's quiet time, UK local; ``starts`` after ``ends`` spans midnight (21:00 to 08:00)."""

    starts: time
    ends: time

    def end_after(self, moment: datetime) -> datetime | None:
        """When the quiet time around ``moment`` ends; ``None`` if ``moment`` is not in it."""
        local = moment.astimezone(LONDON)
        now = local.time()
        inside = self.starts <= now < self.ends if self.starts < self.ends else now >= self.starts or now < self.ends
        if not inside:
            return None
        day = local.date() if now < self.ends else local.date() + timedelta(days=1)
        return datetime.combine(day, self.ends, LONDON)


@dataclass(frozen=True, slots=True)
class ElectionPeriod:
    """A pre-election period in force over ``areas`` (empty: everywhere) until ``ends_at``."""

    id: str
    areas: frozenset[str]
    starts_at: datetime
    ends_at: datetime

    def covers(self, areas: frozenset[str], moment: datetime) -> bool:
        return self.starts_at <= moment < self.ends_at and (not self.areas or bool(self.areas & areas))


@dataclass(frozen=True, slots=True)
class Sending:
    """What is being sent, as far as the checks care."""

    category: Category
    priority: int = 3
    respect_quiet_hours: bool = True
    publicity: bool = False  # publicity other than a subscription message (held before an election too)


@dataclass(frozen=True, slots=True)
class RecipientFacts:
    """What is known of the contact for this message's sender, topic and channel."""

    consent_given: bool
    suppression: str | None = None  # the reason of a suppression reaching the address, if any
    areas: frozenset[str] = frozenset()
    frequency: Frequency = Frequency.IMMEDIATELY
    quiet_hours: QuietHours | None = None
    weekly_cap: int | None = None
    non_urgent_this_week: int = 0


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Outcome
    reason: str | None = None
    held_until: datetime | None = None


def decide(sending: Sending, facts: RecipientFacts, elections: Sequence[ElectionPeriod], now: datetime) -> Decision:
    """Suppression first, then consent, the cap, an election, a digest, quiet hours; otherwise it goes.

    An election comes before the digest: a digest subscriber's messages are held like everyone's."""
    if facts.suppression is not None:
        return Decision(Outcome.SUPPRESS, f"suppressed:{facts.suppression}")
    subscription = sending.category is Category.SUBSCRIPTION
    if subscription and not facts.consent_given:
        return Decision(Outcome.SUPPRESS, NO_CONSENT)
    if subscription and _over_cap(sending, facts):
        return Decision(Outcome.SUPPRESS, WEEKLY_CAP)
    election = _election(sending, facts, elections, now)
    if election is not None:
        return election
    if subscription and facts.frequency is not Frequency.IMMEDIATELY:
        return Decision(Outcome.DIGEST, facts.frequency.value)
    return _quiet(sending, facts, now) or Decision(Outcome.SEND)


def _over_cap(sending: Sending, facts: RecipientFacts) -> bool:
    capped = facts.weekly_cap is not None and facts.non_urgent_this_week >= facts.weekly_cap
    return sending.priority != URGENT and capped


def _election(sending: Sending, facts: RecipientFacts, elections: Sequence[ElectionPeriod],
              now: datetime) -> Decision | None:
    if sending.category is Category.SUBSCRIPTION or sending.publicity:
        period = next((period for period in elections if period.covers(facts.areas, now)), None)
        if period is not None:
            return Decision(Outcome.HOLD, f"{ELECTION}:{period.id}", period.ends_at)
    return None


def _quiet(sending: Sending, facts: RecipientFacts, now: datetime) -> Decision | None:
    if facts.quiet_hours is None or not sending.respect_quiet_hours or sending.priority == URGENT:
        return None
    until = facts.quiet_hours.end_after(now)
    return Decision(Outcome.HOLD, QUIET_HOURS, until) if until else None
