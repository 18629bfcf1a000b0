"""Daily and weekly digests: one message per contact and channel merging every bulletin waiting for it.

A digest run takes the entries due at its cutoff. For each contact and channel it decides each entry by the one
sending rule (consent and suppressions; an election or quiet hours hold the digest), and merges
their bulletins' items, each item once (an item gathered into two bulletins, or the same words written in two,
is told once), in the order the bulletins came.
Scheduled runs go at the office's hour, UK time: daily every day, weekly on the chosen weekday.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from peel.common.working_days import LONDON
from peel.notifications.contacts.domain.consents import Category
from peel.notifications.messages.domain.checks import (
    ELECTION,
    Decision,
    ElectionPeriod,
    Frequency,
    Outcome,
    RecipientFacts,
    Sending,
    decide,
)


class DigestFrequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


@dataclass(frozen=True, slots=True)
class Entry:
    """A bulletin waiting for a contact's digest, under its sender and topic."""

    bulletin_id: uuid.UUID
    sender: str
    topic: str
    created_at: datetime


DIGEST_SENDING = Sending(Category.SUBSCRIPTION, priority=3, publicity=True)


@dataclass(frozen=True, slots=True)
class Choice:
    """The entries going in the digest, those dropped, and what the one rule says of the digest's message."""

    kept: list[Entry]
    dropped: list[Entry]
    decision: Decision


def choose(entries: Iterable[Entry], facts: Mapping[tuple[str, str], RecipientFacts],
           elections: Sequence[ElectionPeriod], now: datetime) -> Choice:
    """Each entry decided by the one sending rule (``decide``) with the contact's facts for its sender and topic,
    the digest being the message they asked for: a consent withdrawn or a suppression drops it; an election in
    the contact's areas or their quiet hours make the digest's message wait. The weekly cap was applied when the
    entry was queued (the bulletin's dispatch), so it is not applied again to the digest."""
    kept: list[Entry] = []
    dropped: list[Entry] = []
    decisions: list[Decision] = []
    for entry in sorted(entries, key=lambda e: (e.created_at, str(e.bulletin_id))):
        found = facts.get((entry.sender, entry.topic))
        decision = _decided(found, elections, now) if found is not None else None
        if decision is None or decision.outcome is Outcome.SUPPRESS:
            dropped.append(entry)
        else:
            kept.append(entry)
            decisions.append(decision)
    return Choice(kept, dropped, _for_message(decisions))


def _decided(facts: RecipientFacts, elections: Sequence[ElectionPeriod], now: datetime) -> Decision:
    return decide(DIGEST_SENDING, replace(facts, frequency=Frequency.IMMEDIATELY, weekly_cap=None), elections, now)


def _for_message(decisions: Sequence[Decision]) -> Decision:
    """An election's hold before quiet hours', either before going at once."""
    held = [decision for decision in decisions if decision.outcome is Outcome.HOLD]
    elections = [decision for decision in held if (decision.reason or "").startswith(ELECTION)]
    return (elections or held or [Decision(Outcome.SEND)])[0]


@dataclass(frozen=True, slots=True)
class DigestItem:
    """One item of a bulletin: its title and body (simple HTML) per language; ``key`` names it across
    bulletins (its kind and source for a gathered item, else its words)."""

    key: str
    title: dict[str, str]
    body: dict[str, str]


def item_key(item: dict) -> str:
    """A gathered item by where it came from; a written one by its words (the same words told once)."""
    source = item.get("source_id")
    if source:
        return f"{item.get('kind')}:{source}"
    words = json.dumps([item.get("title"), item.get("body")], sort_keys=True, ensure_ascii=False)
    return f"written:{hashlib.sha256(words.encode()).hexdigest()}"


def merge(bulletins: Sequence[Sequence[DigestItem]]) -> list[DigestItem]:
    """Every bulletin's items in order, each item once."""
    seen: set[str] = set()
    merged: list[DigestItem] = []
    for items in bulletins:
        for item in items:
            if item.key not in seen:
                seen.add(item.key)
                merged.append(item)
    return merged


def due_period(frequency: DigestFrequency, now: datetime, hour: int, weekday: int) -> date | None:
    """The period (day, or the week's chosen weekday) a scheduled run is due for at ``now``; ``None`` before the
    first one of the day or week."""
    local = now.astimezone(LONDON)
    today = local.date()
    if frequency is DigestFrequency.DAILY:
        return today if local.time() >= time(hour) else None
    day = today - timedelta(days=(today.weekday() - weekday) % 7)
    return None if day == today and local.time() < time(hour) else day


def cutoff_of(period: date, hour: int) -> datetime:
    """The moment a scheduled run of ``period`` takes entries up to: the run's hour, UK time."""
    return datetime.combine(period, time(hour), LONDON)
