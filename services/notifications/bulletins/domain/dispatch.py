"""What a bulletin's sending writes for each recipient the audience resolves to: a message (to go, held or
suppressed, with why) or an entry in the contact's next digest, as the one sending rule (``decide``) says; and
the counts an office sees before and while it goes."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from peel.notifications.contacts.domain.audience import Recipient
from peel.notifications.contacts.domain.consents import NO_CONSENT, Category, Channel, address_hash
from peel.notifications.messages.domain.checks import (
    ELECTION,
    QUIET_HOURS,
    WEEKLY_CAP,
    Decision,
    ElectionPeriod,
    Frequency,
    Outcome,
    RecipientFacts,
    Sending,
    decide,
)

BULLETIN_PRIORITY = 3
PAUSED_REASON = "bulletin_paused"
SUPPRESSED_PREFIX = "suppressed:"


def reference(bulletin_id: uuid.UUID, recipient: Recipient) -> str:
    """One message per bulletin, contact and channel, whatever the number of attempts to send the bulletin."""
    return f"bulletin:{bulletin_id}:{recipient.contact_id}:{recipient.channel.value}"


@dataclass(frozen=True, slots=True)
class PlannedMessage:
    """A bulletin's message to one recipient, as it will be stored."""

    id: uuid.UUID
    reference: str
    recipient: Recipient
    status: str
    reason: str | None
    held_until: datetime | None

    @property
    def address_hash(self) -> str:
        return address_hash(self.recipient.channel, self.recipient.address)

    @property
    def personalisation(self) -> dict[str, str]:
        """The organisation of a council's role holder sent a stakeholder bulletin, for the acknowledgement link;
        nothing else."""
        organisation = self.recipient.organisation_id
        stakeholder = self.recipient.category is Category.STAKEHOLDER
        return {"organisation_id": str(organisation)} if organisation is not None and stakeholder else {}


@dataclass(frozen=True, slots=True)
class DigestEntry:
    recipient: Recipient
    frequency: str


@dataclass(frozen=True, slots=True)
class Plan:
    messages: list[PlannedMessage]
    digests: list[DigestEntry]


def sending_of(category: Category) -> Sending:
    """A bulletin, subscription or stakeholder, is publicity: a pre-election period holds it in its areas."""
    return Sending(category=category, priority=BULLETIN_PRIORITY, publicity=True)


def decision_for(recipient: Recipient, elections: Sequence[ElectionPeriod], now: datetime) -> Decision:
    return decide(sending_of(recipient.category), recipient.facts, elections, now)


def plan(bulletin_id: uuid.UUID, recipients: Iterable[Recipient], elections: Sequence[ElectionPeriod],
         now: datetime, paused: bool = False) -> Plan:
    """Messages and digest entries for ``recipients``; while the bulletin is paused, what would go is held."""
    messages: list[PlannedMessage] = []
    digests: list[DigestEntry] = []
    for recipient in recipients:
        decision = decision_for(recipient, elections, now)
        if decision.outcome is Outcome.DIGEST:
            digests.append(DigestEntry(recipient, decision.reason or "daily"))
        else:
            messages.append(_message(bulletin_id, recipient, decision, paused))
    return Plan(messages, digests)


def _message(bulletin_id: uuid.UUID, recipient: Recipient, decision: Decision, paused: bool) -> PlannedMessage:
    """While the bulletin is paused, what would go waits for its resumption (and quiet hours, if any, after)."""
    if paused and (decision.outcome is Outcome.SEND or decision.reason == QUIET_HOURS):
        decision = Decision(Outcome.HOLD, PAUSED_REASON, decision.held_until)
    return PlannedMessage(uuid.uuid4(), reference(bulletin_id, recipient), recipient, decision.outcome.value,
                          decision.reason, decision.held_until)


@dataclass(frozen=True, slots=True)
class Paused:
    """A paused bulletin's message, as resumption sees it."""

    id: uuid.UUID
    contact_id: uuid.UUID
    channel: Channel
    topic: str
    category: Category
    counts_itself: bool  # it is one of the contact's non-urgent subscription messages of the last seven days
    held_until: datetime | None = None  # the end of the quiet hours it was waiting for when paused, if any


def on_resume(message: Paused, facts: RecipientFacts, elections: Sequence[ElectionPeriod],
              now: datetime) -> Decision:
    """A paused message decided again by the one rule, as at dispatch: an election begun during the pause holds
    it, a consent withdrawn or a suppression added stops it, quiet hours make it wait (those it was waiting for
    when paused too, until they end). It stays a message (a contact who moved to a digest meanwhile still gets
    it) and is not counted against its own weekly cap."""
    earlier = facts.non_urgent_this_week - (1 if message.counts_itself else 0)
    facts = replace(facts, frequency=Frequency.IMMEDIATELY, non_urgent_this_week=max(0, earlier))
    decision = decide(sending_of(message.category), facts, elections, now)
    if decision.outcome is Outcome.SEND and message.held_until is not None and message.held_until > now:
        return Decision(Outcome.HOLD, QUIET_HOURS, message.held_until)
    return decision


@dataclass(frozen=True, slots=True)
class Estimate:
    """Before sending: who would be sent it now, per channel, and why the others would not."""

    recipients: dict[str, int]
    excluded: dict[str, int]


EXCLUSIONS = ("no_consent", "suppressed", "weekly_cap", "election", "quiet_hours", "digest")


def estimate(recipients: Iterable[Recipient], elections: Sequence[ElectionPeriod], now: datetime) -> Estimate:
    reached: Counter[str] = Counter()
    excluded: Counter[str] = Counter(dict.fromkeys(EXCLUSIONS, 0))
    for recipient in recipients:
        decision = decision_for(recipient, elections, now)
        if decision.outcome is Outcome.SEND:
            reached[recipient.channel.value] += 1
        else:
            excluded[_exclusion(decision)] += 1
    return Estimate(dict(reached), dict(excluded))


def _exclusion(decision: Decision) -> str:
    reason = decision.reason or ""
    if decision.outcome is Outcome.DIGEST:
        return "digest"
    if reason.startswith(SUPPRESSED_PREFIX):
        return "suppressed"
    if reason.startswith(ELECTION):
        return "election"
    return reason if reason in (NO_CONSENT, WEEKLY_CAP) else "quiet_hours"
