"""Contacts: the residents and stakeholders the office may write to, and what they asked for.

Erasure blanks every personal field and keeps only the contact's id, tenant and when it was erased;
the consent records stay as anonymous evidence (they name a sender, topic and channel, never a person).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum


class Language(StrEnum):
    ENGLISH = "en"
    WELSH = "cy"
    UNKNOWN = "unknown"


class Accessibility(StrEnum):
    PLAIN_TEXT = "plain_text"
    LARGE_PRINT = "large_print"


@dataclass(frozen=True, slots=True)
class LanguageChoice:
    """The preferred language, and when and how the contact was asked (``None`` when never asked)."""

    language: Language = Language.UNKNOWN
    asked_at: datetime | None = None
    asked_how: str | None = None


@dataclass(frozen=True, slots=True)
class ContactDetails:
    """What staff record about a contact."""

    email: str | None = None
    mobile: str | None = None
    postal_address: tuple[str, ...] = ()
    language: LanguageChoice = field(default_factory=LanguageChoice)
    areas: tuple[str, ...] = ()
    accessibility: tuple[Accessibility, ...] = ()
    name: str | None = None  # a clerk's or partner's own name; residents need none

    def reachable(self) -> bool:
        return bool(self.email or self.mobile or self.postal_address)

    def address_for(self, channel: str) -> str | None:
        """The address for ``channel`` (email, sms or letter), if the contact has one."""
        addresses = {"email": self.email, "sms": self.mobile, "letter": "\n".join(self.postal_address) or None}
        return addresses.get(channel)


@dataclass(frozen=True, slots=True)
class Contact:
    id: uuid.UUID
    tenant: str
    details: ContactDetails
    created_at: datetime
    created_by: str
    erased_at: datetime | None = None

    @property
    def erased(self) -> bool:
        return self.erased_at is not None

    def erase(self, now: datetime) -> Contact:
        """The contact with every personal field gone."""
        return replace(self, details=ContactDetails(), erased_at=now)


def new_contact(tenant: str, details: ContactDetails, staff: str, now: datetime) -> Contact:
    return Contact(id=uuid.uuid4(), tenant=tenant, details=details, created_at=now, created_by=staff)


def normalised_email(email: str) -> str:
    return email.strip().lower()
