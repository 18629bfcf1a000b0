"""Events about contacts published by the notifications service on ``notifications.events``: what changed,
never who the contact is (no address, no name)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from peel.common.contracts import registry
from peel.common.events import Event


class _ContactEvent(Event):
    aggregate_field: ClassVar[str] = "contact_id"

    contact_id: UUID


@registry.register
class ContactCreated(_ContactEvent):
    """Staff recorded a contact; which channels it can be reached on, never the addresses."""

    type_name: ClassVar[str] = "peel.notifications.contact.created.v1"

    channels: list[str]
    language: str
    created_at: datetime


@registry.register
class ConsentChanged(_ContactEvent):
    """A contact's consent for a sender, topic and channel was given or withdrawn."""

    type_name: ClassVar[str] = "peel.notifications.contact.consent_changed.v1"

    sender: str
    topic: str
    channel: str
    given: bool
    source: str
    wording_version: str
    changed_at: datetime


@registry.register
class ContactErased(_ContactEvent):
    """A contact's personal details were erased on request; copies elsewhere should go too."""

    type_name: ClassVar[str] = "peel.notifications.contact.erased.v1"

    erased_at: datetime


@registry.register
class ContactSubscribed(_ContactEvent):
    """A contact started following a sender's topic, at once or in a daily or weekly digest."""

    type_name: ClassVar[str] = "peel.notifications.contact.subscribed.v1"

    sender: str
    topic: str
    frequency: str
    subscribed_at: datetime


@registry.register
class PreferencesChanged(_ContactEvent):
    """A contact's preferences changed: ``change`` says what (``frequency`` of a topic, ``unfollowed`` a topic,
    ``quiet_hours`` or ``weekly_cap``); sender, topic and frequency are given for a topic's changes."""

    type_name: ClassVar[str] = "peel.notifications.contact.preferences_changed.v1"

    change: str
    sender: str | None = None
    topic: str | None = None
    frequency: str | None = None
    changed_at: datetime


@registry.register
class ContactUnsubscribed(_ContactEvent):
    """A contact unsubscribed from a sender's topic on a channel, from a message's link (one click in the mail
    program, or the unsubscribe page)."""

    type_name: ClassVar[str] = "peel.notifications.contact.unsubscribed.v1"

    sender: str
    topic: str
    channel: str
    how: str
    message_id: UUID | None = None
    unsubscribed_at: datetime


class _OrganisationEvent(Event):
    aggregate_field: ClassVar[str] = "organisation_id"

    organisation_id: UUID


@registry.register
class OrganisationCheckRequested(_OrganisationEvent):
    """The yearly "are these details still correct?" check was sent to a council's clerk (or its inbox)."""

    type_name: ClassVar[str] = "peel.notifications.organisation.check_requested.v1"

    message_id: UUID
    requested_at: datetime


@registry.register
class OrganisationConfirmed(_OrganisationEvent):
    """A council confirmed or corrected its details from the link it was sent; ``fields`` names what changed."""

    type_name: ClassVar[str] = "peel.notifications.organisation.confirmed.v1"

    fields: list[str]
    confirmed_at: datetime
