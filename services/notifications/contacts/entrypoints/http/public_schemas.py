"""The bodies of the pages reached from links in messages."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from peel.notifications.contacts.domain.links import token_of
from peel.notifications.contacts.domain.unsubscribing import UnsubscribeLink
from peel.notifications.contacts.entrypoints.http.preference_schemas import (
    FollowedEntry,
    OwnPreferencesPublic,
    OwnPreferencesUpdate,
    QuietHoursEntry,
)
from peel.notifications.contacts.service_layer.own_preferences import Followed, OwnPreferences
from peel.notifications.contacts.service_layer.preferences import Change
from peel.notifications.contacts.service_layer.unsubscribing import Standing
from peel.notifications.messages.domain.checks import Frequency


class UnsubscribeStanding(BaseModel):
    tenant: str
    sender: str
    topic: str
    channel: str
    language: str
    unsubscribed: bool
    frequency: Frequency | None
    preferences_token: str = Field(description="Opens the contact's preferences page")

    @classmethod
    def of(cls, link: UnsubscribeLink, standing: Standing, preferences_url: str) -> UnsubscribeStanding:
        return cls(tenant=link.tenant, sender=link.sender, topic=link.topic, channel=link.channel.value,
                   language=link.language, unsubscribed=standing.unsubscribed, frequency=standing.frequency,
                   preferences_token=token_of(preferences_url))


class UnsubscribeResult(BaseModel):
    result: str
    frequency: Frequency | None = None


class Fewer(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"frequency": "weekly"}]})

    frequency: Frequency


def own_change(body: OwnPreferencesUpdate) -> tuple[list[Followed] | None, Change]:
    followed = None if body.subscriptions is None else [
        Followed(entry.subscription(), tuple(dict.fromkeys(entry.channels))) for entry in body.subscriptions]
    quiet = None if body.quiet_hours is None else [entry.quiet_time() for entry in body.quiet_hours]
    return followed, Change(quiet_hours=quiet, weekly_cap=body.weekly_cap,
                            weekly_cap_given="weekly_cap" in body.model_fields_set)


def own_public(tenant: str, found: OwnPreferences) -> OwnPreferencesPublic:
    followed = [FollowedEntry(sender=entry.subscription.sender, topic=entry.subscription.topic,
                              frequency=entry.subscription.frequency, channels=list(entry.channels))
                for entry in found.followed]
    return OwnPreferencesPublic(tenant=tenant, language=found.language, subscriptions=followed,
                                quiet_hours=[QuietHoursEntry.of(entry) for entry in found.preferences.quiet_hours],
                                weekly_cap=found.preferences.weekly_cap)
