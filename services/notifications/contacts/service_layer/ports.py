"""The ports the contact, consent and suppression handlers talk through."""

from __future__ import annotations

import uuid
from typing import Protocol, Self

from peel.common.events import Event
from peel.notifications.contacts.domain.consents import Channel, Consent, Suppression, SuppressionReason
from peel.notifications.contacts.domain.contacts import Contact


class Contacts(Protocol):
    async def add(self, contact: Contact) -> bool:
        """Store the contact; ``False`` when another live contact of the tenant has its email address."""

    async def get(self, tenant: str, contact_id: uuid.UUID, for_update: bool = False) -> Contact | None:
        """The tenant's contact, erased or not; ``for_update`` holds others' changes off until commit."""

    async def save_erased(self, contact: Contact) -> None: ...


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


class ContactsUnitOfWork(Protocol):
    contacts: Contacts
    consents: Consents
    suppressions: Suppressions

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...
