"""The ports the contact, consent and suppression handlers talk through."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, Self

from peel.common.events import Event
from peel.notifications.contacts.domain.consents import Channel, Consent, Suppression, SuppressionReason
from peel.notifications.contacts.domain.contacts import Contact
from peel.notifications.contacts.domain.organisations import Organisation
from peel.notifications.contacts.domain.preferences import Preferences, QuietTime, Subscription
from peel.notifications.contacts.domain.unsubscribing import Unsubscription


class Contacts(Protocol):
    async def add(self, contact: Contact) -> bool:
        """Store the contact; ``False`` when another live contact of the tenant has its email address."""

    async def get(self, tenant: str, contact_id: uuid.UUID, for_update: bool = False) -> Contact | None:
        """The tenant's contact, erased or not; ``for_update`` holds others' changes off until commit."""

    async def save_erased(self, contact: Contact) -> None: ...

    async def save_details(self, contact: Contact) -> bool:
        """Store corrected details; ``False`` when another live contact of the tenant has its email address."""


class Consents(Protocol):
    async def add(self, records: list[Consent]) -> None: ...

    async def history(self, contact_id: uuid.UUID) -> list[Consent]:
        """Every record for the contact, oldest first."""


class Suppressions(Protocol):
    async def add(self, suppression: Suppression) -> bool:
        """Store it; ``False`` when the same one is in force already."""

    async def get(self, tenant: str, suppression_id: uuid.UUID) -> Suppression | None: ...

    async def active(self, tenant: str, channel: Channel | None = None, reason: SuppressionReason | None = None,
                     address_hash: str | None = None) -> list[Suppression]: ...

    async def save_removed(self, suppression: Suppression) -> None: ...


class ContactPreferences(Protocol):
    async def get(self, contact_id: uuid.UUID) -> Preferences: ...

    async def replace_subscriptions(self, contact_id: uuid.UUID, subscriptions: Sequence[Subscription],
                                    now: datetime) -> None: ...

    async def save_subscription(self, contact_id: uuid.UUID, subscription: Subscription, now: datetime) -> None: ...

    async def remove_subscription(self, contact_id: uuid.UUID, sender: str, topic: str) -> None: ...

    async def replace_quiet_hours(self, contact_id: uuid.UUID, quiet_hours: Sequence[QuietTime]) -> None: ...

    async def save_weekly_cap(self, contact_id: uuid.UUID, weekly_cap: int | None) -> None: ...


class Unsubscriptions(Protocol):
    async def add(self, unsubscription: Unsubscription) -> None: ...


class ContactMessages(Protocol):
    """The messages table, as far as a contact's wishes reach it."""

    async def suppress_unsent(self, tenant: str, contact_id: uuid.UUID, sender: str, topic: str, channel: Channel,
                              reason: str) -> int:
        """Not-yet-sent subscription messages of the sender and topic on the channel become suppressed."""

    async def erase(self, tenant: str, contact_id: uuid.UUID, now: datetime) -> None:
        """Blank the recipient and personalisation of every message to the contact; cancel the unsent ones."""


class Organisations(Protocol):
    async def add(self, organisation: Organisation) -> None: ...

    async def get(self, tenant: str, organisation_id: uuid.UUID, for_update: bool = False) -> Organisation | None: ...

    async def list(self, tenant: str, kind: str | None, area: str | None) -> list[Organisation]: ...

    async def save(self, organisation: Organisation) -> None:
        """Store its name, kind, area, roles and last confirmation."""

    async def unknown_contacts(self, tenant: str, contact_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
        """Those of ``contact_ids`` that are not live contacts of the tenant."""

    async def remove_roles_of(self, contact_id: uuid.UUID) -> None: ...

    async def record_update(self, organisation: Organisation, contact_id: uuid.UUID | None, what: str,
                            fields: Sequence[str], at: datetime, by: str) -> None: ...


class ContactsUnitOfWork(Protocol):
    contacts: Contacts
    consents: Consents
    suppressions: Suppressions
    preferences: ContactPreferences
    unsubscriptions: Unsubscriptions
    messages: ContactMessages
    organisations: Organisations

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...
