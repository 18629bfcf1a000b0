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
