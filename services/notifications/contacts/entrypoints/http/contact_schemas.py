"""The contacts API's bodies: what staff send, and what they are shown."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from peel.notifications.contacts.domain.consents import Channel, Consent, ConsentChange
from peel.notifications.contacts.domain.contacts import Accessibility, Contact, ContactDetails, Language, LanguageChoice
from peel.notifications.contacts.domain.preferences import Preferences
from peel.notifications.contacts.entrypoints.http.preference_schemas import Name, QuietHoursEntry, SubscriptionEntry

Area = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")]
Line = Annotated[str, Field(min_length=1, max_length=200)]


class ContactCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "email": "resident@example.org", "language": "cy", "language_asked_how": "paper_form", "areas": ["crewe"]}]})

    email: EmailStr | None = None
    mobile: str | None = Field(default=None, pattern=r"^\+?[0-9 ]{7,20}$", description="UK or international number")
    postal_address: list[Line] = Field(default_factory=list, max_length=8, description="Lines, postcode last")
    language: Language = Language.UNKNOWN
    language_asked_at: datetime | None = Field(default=None, description="When the contact was asked; now if absent")
    language_asked_how: str | None = Field(default=None, min_length=1, max_length=100,
                                           description="How the contact was asked, e.g. paper_form, phone")
    areas: list[Area] = Field(default_factory=list, max_length=50, description="Area codes, e.g. crewe or E05008613")
    accessibility: list[Accessibility] = Field(default_factory=list, max_length=2)
    name: str | None = Field(default=None, min_length=1, max_length=200,
                             description="A clerk's or partner's own name (residents need none)")

    def details(self, now: datetime) -> ContactDetails:
        asked = self.language is not Language.UNKNOWN or bool(self.language_asked_how or self.language_asked_at)
        choice = LanguageChoice(self.language, (self.language_asked_at or now) if asked else None,
                                self.language_asked_how)
        return ContactDetails(str(self.email) if self.email else None, self.mobile, tuple(self.postal_address),
                              choice, tuple(dict.fromkeys(self.areas)), tuple(dict.fromkeys(self.accessibility)),
                              self.name)


class ContactCreated(BaseModel):
    id: uuid.UUID


class ContactPublic(BaseModel):
    id: uuid.UUID
    name: str | None = None
    email: str | None
    mobile: str | None
    postal_address: list[str]
    language: Language
    language_asked_at: datetime | None
    language_asked_how: str | None
    areas: list[str]
    accessibility: list[Accessibility]
    created_at: datetime
    subscriptions: list[SubscriptionEntry] = Field(default_factory=list)
    quiet_hours: list[QuietHoursEntry] = Field(default_factory=list)
    weekly_cap: int | None = Field(default=None, description="null: the office's default")

    @classmethod
    def of(cls, contact: Contact, preferences: Preferences | None = None) -> ContactPublic:
        details, language = contact.details, contact.details.language
        preferences = preferences or Preferences()
        return cls(id=contact.id, name=details.name, email=details.email, mobile=details.mobile,
                   postal_address=list(details.postal_address), language=language.language,
                   language_asked_at=language.asked_at, language_asked_how=language.asked_how,
                   areas=list(details.areas), accessibility=list(details.accessibility), created_at=contact.created_at,
                   subscriptions=[SubscriptionEntry.of(entry) for entry in preferences.subscriptions],
                   quiet_hours=[QuietHoursEntry.of(entry) for entry in preferences.quiet_hours],
                   weekly_cap=preferences.weekly_cap)


class ConsentEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "sender": "office", "topic": "bulletin", "channel": "email", "given": True, "source": "paper_form",
        "wording_version": "2027-01"}]})

    sender: Name = Field(description="Who writes: office, force, csp:north ...")
    topic: Name
    channel: Channel
    given: bool = Field(description="true to give consent, false to withdraw it")
    source: str = Field(min_length=1, max_length=100, description="Where it was given: paper_form, web_form, phone")
    wording_version: str = Field(min_length=1, max_length=50, description="The version of the words agreed to")

    def change(self) -> ConsentChange:
        return ConsentChange(self.sender, self.topic, self.channel, self.given, self.source, self.wording_version)


class ConsentPublic(BaseModel):
    sender: str
    topic: str
    channel: Channel
    given: bool
    source: str
    wording_version: str
    at: datetime = Field(description="When it was given or withdrawn")
    recorded_by: str

    @classmethod
    def of(cls, record: Consent) -> ConsentPublic:
        change = record.change
        return cls(sender=change.sender, topic=change.topic, channel=change.channel, given=change.given,
                   source=change.source, wording_version=change.wording_version, at=record.at,
                   recorded_by=record.recorded_by)


class ConsentsPublic(BaseModel):
    """The consents in force, and every record given or withdrawn, oldest first."""

    in_force: list[ConsentPublic]
    history: list[ConsentPublic]


class SendDecision(BaseModel):
    allowed: bool
    reason: str | None = Field(description="Why not: no_consent, no_address or suppressed:<reason>")
