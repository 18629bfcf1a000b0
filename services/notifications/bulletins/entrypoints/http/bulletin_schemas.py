"""The bulletins API's bodies: what staff send, and what they are shown."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, EmailStr, Field, model_validator

from peel.notifications.bulletins.domain.bulletins import Bulletin, Draft, Item
from peel.notifications.bulletins.domain.dispatch import Estimate
from peel.notifications.bulletins.domain.stats import Stats
from peel.notifications.contacts.domain.audience import Audience
from peel.notifications.contacts.domain.consents import Category, Channel

Name = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9._:-]*$")]
Area = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")]
FROM_PENDING = "from-pending"


def _some_language(texts: dict[str, str | None]) -> dict[str, str]:
    return {language: text for language, text in texts.items() if text}


class _Texts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    en: str | None = None
    cy: str | None = None

    @model_validator(mode="after")
    def _in_some_language(self) -> Self:
        if not (self.en or "").strip() and not (self.cy or "").strip():
            raise ValueError("give the text in English (en), Welsh (cy) or both")
        return self


class Title(_Texts):
    en: str | None = Field(default=None, max_length=200)
    cy: str | None = Field(default=None, max_length=200)


class Body(_Texts):
    en: str | None = Field(default=None, max_length=20_000, description="Simple HTML: p, strong, em, lists, links")
    cy: str | None = Field(default=None, max_length=20_000)


class ItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title
    body: Body

    def item(self) -> Item:
        return Item(title=_some_language(self.title.model_dump()), body=_some_language(self.body.model_dump()))


class AudienceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topics: list[Name] = Field(default_factory=list, max_length=20)
    areas: list[Area] = Field(default_factory=list, max_length=200, description="None: everywhere")
    organisation_kinds: list[Literal["parish_council", "town_council", "community_council", "partner"]] = Field(
        default_factory=list)
    roles: list[Literal["clerk", "chair", "councillor", "generic_inbox"]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _reaches_someone(self) -> Self:
        if not (self.topics or self.organisation_kinds or self.roles):
            raise ValueError("name topics (subscribers), or organisation kinds or roles (councils and partners)")
        return self

    def audience(self) -> Audience:
        return Audience(tuple(dict.fromkeys(self.topics)), tuple(dict.fromkeys(self.areas)),
                        tuple(dict.fromkeys(self.organisation_kinds)), tuple(dict.fromkeys(self.roles)))


class BulletinIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "title": {"en": "News from your PCC", "cy": "Newyddion gan eich CHTh"}, "sender": "office",
        "category": "subscription", "audience": {"topics": ["bulletin"], "areas": ["crewe"]},
        "items": [{"title": {"en": "Have your say", "cy": "Dweud eich dweud"},
                   "body": {"en": "<p>Our budget survey is open.</p>", "cy": "<p>Mae ein harolwg ar agor.</p>"}},
                  FROM_PENDING]}]})

    title: Title
    sender: Name = "office"
    category: Literal[Category.SUBSCRIPTION, Category.STAKEHOLDER] = Category.SUBSCRIPTION
    audience: AudienceIn
    items: list[ItemIn | Literal["from-pending"]] = Field(
        min_length=1, max_length=50, description='Written items, and "from-pending" for the waiting items')
    channels: list[Channel] = Field(default=[Channel.EMAIL], min_length=1, max_length=3)

    def draft(self) -> Draft:
        return Draft(title=_some_language(self.title.model_dump()), sender=self.sender, category=self.category,
                     audience=self.audience.audience(),
                     items=tuple(item.item() for item in self.items if isinstance(item, ItemIn)),
                     channels=tuple(dict.fromkeys(self.channels)))

    @property
    def from_pending(self) -> bool:
        return FROM_PENDING in self.items


class Reach(BaseModel):
    estimated_recipients: dict[str, int] = Field(description="Who it would go to now, per channel")
    excluded: dict[str, int] = Field(description="Who it would not, and why: no_consent, suppressed, weekly_cap, "
                                                 "election, quiet_hours (held), digest (in their digest instead)")

    @classmethod
    def of(cls, reach: Estimate) -> Reach:
        return cls(estimated_recipients=reach.recipients, excluded=reach.excluded)


class BulletinWritten(Reach):
    id: uuid.UUID
    status: str
    warnings: list[str]


class ItemOut(BaseModel):
    title: dict[str, str]
    body: dict[str, str]
    kind: str
    source_id: uuid.UUID | None


class BulletinPublic(BaseModel):
    id: uuid.UUID
    status: str
    title: dict[str, str]
    sender: str
    category: str
    audience: dict[str, list[str]]
    channels: list[str]
    items: list[ItemOut]
    author: str
    approver: str | None
    created_at: datetime
    updated_at: datetime
    approved_at: datetime | None
    send_at: datetime | None
    dispatch_started_at: datetime | None
    dispatched_at: datetime | None
    cancelled_at: datetime | None
    warnings: list[str]

    @classmethod
    def of(cls, bulletin: Bulletin) -> BulletinPublic:
        draft, audience = bulletin.draft, bulletin.draft.audience
        return cls(id=bulletin.id, status=bulletin.status.value, title=draft.title, sender=draft.sender,
                   category=draft.category.value, audience={
                       "topics": list(audience.topics), "areas": list(audience.areas),
                       "organisation_kinds": list(audience.organisation_kinds), "roles": list(audience.roles)},
                   channels=[channel.value for channel in draft.channels],
                   items=[ItemOut(title=item.title, body=item.body, kind=item.kind, source_id=item.source_id)
                          for item in draft.items],
                   author=bulletin.author, approver=bulletin.approver, created_at=bulletin.created_at,
                   updated_at=bulletin.updated_at, approved_at=bulletin.approved_at, send_at=bulletin.send_at,
                   dispatch_started_at=bulletin.dispatch_started_at, dispatched_at=bulletin.dispatched_at,
                   cancelled_at=bulletin.cancelled_at, warnings=draft.warnings())


class BulletinState(BaseModel):
    id: uuid.UUID
    status: str

    @classmethod
    def of(cls, bulletin: Bulletin) -> BulletinState:
        return cls(id=bulletin.id, status=bulletin.status.value)


class ScheduleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    send_at: datetime = Field(description="When to send it, with a time zone (ISO 8601)")


class TestSendIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email_addresses: list[EmailStr] = Field(min_length=1, max_length=10)


class TestSent(BaseModel):
    message_ids: list[uuid.UUID]


class StatsPublic(BaseModel):
    status: str
    queued: int = Field(description="Waiting to go or being handed over (created, sending)")
    sent: int = Field(description="Handed to a mail server (no receipt follows)")
    delivered: int
    failed: int = Field(description="Permanent, temporary or technical failures")
    suppressed: int
    held: int
    unsubscribed: int = Field(description="Recipients who unsubscribed from one of its messages")
    cancelled: int
    digest: int = Field(description="In recipients' daily or weekly digests instead")
    total: int
    suppressed_by_reason: dict[str, int]
    held_by_reason: dict[str, int]

    @classmethod
    def of(cls, stats: Stats) -> StatsPublic:
        return cls(status=stats.status, queued=stats.queued, sent=stats.sent, delivered=stats.delivered,
                   failed=stats.failed, suppressed=stats.suppressed, held=stats.held,
                   unsubscribed=stats.unsubscribed, cancelled=stats.cancelled, digest=stats.digest,
                   total=stats.total, suppressed_by_reason=stats.suppressed_by_reason,
                   held_by_reason=stats.held_by_reason)
