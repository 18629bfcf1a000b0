"""What a contact asked for: the topics it follows for each sender and how often (at once, or in a daily or
weekly digest), when each channel must stay quiet, and how many non-urgent messages a week it will take."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from peel.common.errors import FieldError, InvalidInput
from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.messages.domain.checks import Frequency

MAX_WEEKLY_CAP = 100


@dataclass(frozen=True, slots=True)
class Subscription:
    sender: str
    topic: str
    frequency: Frequency = Frequency.IMMEDIATELY

    @property
    def key(self) -> tuple[str, str]:
        return self.sender, self.topic


@dataclass(frozen=True, slots=True)
class QuietTime:
    """A channel's quiet time, UK local; ``starts`` after ``ends`` spans midnight."""

    channel: Channel
    starts: time
    ends: time


@dataclass(frozen=True, slots=True)
class Preferences:
    subscriptions: tuple[Subscription, ...] = ()
    quiet_hours: tuple[QuietTime, ...] = ()
    weekly_cap: int | None = None

    def subscription(self, sender: str, topic: str) -> Subscription | None:
        return next((found for found in self.subscriptions if found.key == (sender, topic)), None)


def checked_subscriptions(subscriptions: Sequence[Subscription], field: str = "subscriptions") -> list[Subscription]:
    """The subscriptions, each sender and topic once; 422 naming the repeated entry otherwise."""
    seen: set[tuple[str, str]] = set()
    for index, subscription in enumerate(subscriptions):
        if subscription.key in seen:
            raise InvalidInput([FieldError((field, index), "this sender and topic is listed twice")])
        seen.add(subscription.key)
    return list(subscriptions)


def checked_quiet_hours(quiet_hours: Sequence[QuietTime], field: str = "quiet_hours") -> list[QuietTime]:
    """One quiet time per channel, and each a real span of time (its start is not its end)."""
    seen: set[Channel] = set()
    for index, quiet in enumerate(quiet_hours):
        if quiet.channel in seen:
            raise InvalidInput([FieldError((field, index, "channel"), "this channel is listed twice")])
        if quiet.starts == quiet.ends:
            raise InvalidInput([FieldError((field, index, "ends"), "a quiet time must end when it does not start")])
        seen.add(quiet.channel)
    return list(quiet_hours)


def checked_weekly_cap(weekly_cap: int | None, field: str = "weekly_cap") -> int | None:
    if weekly_cap is not None and not 0 <= weekly_cap <= MAX_WEEKLY_CAP:
        raise InvalidInput([FieldError((field,), f"between 0 and {MAX_WEEKLY_CAP}, or null for the default")])
    return weekly_cap
