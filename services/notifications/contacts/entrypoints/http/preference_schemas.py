"""The preferences API's bodies: subscriptions (sender, topic, how often), quiet hours and the weekly cap."""

from __future__ import annotations

from datetime import time
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.contacts.domain.preferences import MAX_WEEKLY_CAP, QuietTime, Subscription
from peel.notifications.messages.domain.checks import Frequency

Name = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9._:-]*$")]


class SubscriptionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "sender": "office", "topic": "bulletin", "frequency": "weekly"}]})

    sender: Name = Field(description="Who writes: office, force, csp:north ...")
    topic: Name
    frequency: Frequency = Field(default=Frequency.IMMEDIATELY,
                                 description="immediately, or in a daily or weekly digest")

    def subscription(self) -> Subscription:
        return Subscription(self.sender, self.topic, self.frequency)

    @classmethod
    def of(cls, subscription: Subscription) -> SubscriptionEntry:
        return cls(sender=subscription.sender, topic=subscription.topic, frequency=subscription.frequency)


class QuietHoursEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "channel": "sms", "starts": "21:00", "ends": "08:00"}]})

    channel: Channel
    starts: time = Field(description="UK local time; after `ends` it spans midnight")
    ends: time

    def quiet_time(self) -> QuietTime:
        return QuietTime(self.channel, self.starts.replace(tzinfo=None), self.ends.replace(tzinfo=None))

    @classmethod
    def of(cls, quiet: QuietTime) -> QuietHoursEntry:
        return cls(channel=quiet.channel, starts=quiet.starts, ends=quiet.ends)


class WeeklyCap(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"weekly_cap": 3}]})

    weekly_cap: int | None = Field(ge=0, le=MAX_WEEKLY_CAP, description="Non-urgent messages a week; null: default")


class FollowedEntry(SubscriptionEntry):
    """A topic the contact follows on its own page, and the channels it wants to hear of it on."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "sender": "office", "topic": "bulletin", "frequency": "immediately", "channels": ["email"]}]})

    channels: list[Channel] = Field(default_factory=list, max_length=3)


class OwnPreferencesUpdate(BaseModel):
    """A contact's own change of preferences; each part is optional (absent: unchanged)."""

    model_config = ConfigDict(extra="forbid")

    subscriptions: list[FollowedEntry] | None = Field(default=None, max_length=100)
    quiet_hours: list[QuietHoursEntry] | None = Field(default=None, max_length=3)
    weekly_cap: int | None = Field(default=None, ge=0, le=MAX_WEEKLY_CAP)


class OwnPreferencesPublic(BaseModel):
    tenant: str
    language: str
    subscriptions: list[FollowedEntry]
    quiet_hours: list[QuietHoursEntry]
    weekly_cap: int | None
