"""An office's e-bulletin: written (or gathered from waiting items) in English and Welsh, approved by a second
person, then sent now or at a set time to an audience; it can be paused, resumed or cancelled on the way.

``draft -> approved -> scheduled -> sending -> sent``; ``paused`` and ``cancelled`` from the sending states.
Only a draft (or an approved bulletin, which goes back to draft) can be edited; its author cannot approve it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

import nh3

from peel.common.errors import Conflict
from peel.notifications.contacts.domain.audience import Audience
from peel.notifications.contacts.domain.consents import Category, Channel

LANGUAGES = ("en", "cy")
SIMPLE_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
SIMPLE_ATTRIBUTES = {"a": {"href", "title"}}
WRITTEN = "written"


class BulletinStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    PAUSED = "paused"
    CANCELLED = "cancelled"


PAUSABLE = frozenset({BulletinStatus.SCHEDULED, BulletinStatus.SENDING, BulletinStatus.SENT})
CANCELLABLE = frozenset(BulletinStatus) - {BulletinStatus.CANCELLED}


def sanitise(body: str) -> str:
    """Only simple tags survive (paragraphs, emphasis, lists, links); scripts, styles and attributes go."""
    return nh3.clean(body, tags=SIMPLE_TAGS, attributes=SIMPLE_ATTRIBUTES, link_rel="noopener noreferrer")


@dataclass(frozen=True, slots=True)
class Item:
    """One piece of a bulletin: a title and a body (simple HTML), each in English and, ideally, Welsh. Items
    gathered from other services' news keep where they came from (``kind``, ``source_id``)."""

    title: dict[str, str]
    body: dict[str, str]
    kind: str = WRITTEN
    source_id: uuid.UUID | None = None

    def sanitised(self) -> Item:
        return replace(self, body={language: sanitise(text) for language, text in self.body.items()})


@dataclass(frozen=True, slots=True)
class Draft:
    """What the author writes: the title, who sends it and as what, to whom, and its items."""

    title: dict[str, str]
    sender: str
    category: Category
    audience: Audience
    items: tuple[Item, ...]
    channels: tuple[Channel, ...] = (Channel.EMAIL,)

    def sanitised(self) -> Draft:
        return replace(self, items=tuple(item.sanitised() for item in self.items))

    def reach(self) -> Audience:
        """Its audience as the bulletin's category reaches it (a subscription bulletin asks everyone's consent)."""
        return replace(self.audience, category=self.category)

    def warnings(self) -> list[str]:
        """What is missing in Welsh (or English): the bulletin goes out as written, but the office should know."""
        found = [f"title: no {language} text" for language in LANGUAGES if not self.title.get(language)]
        for index, item in enumerate(self.items):
            for part in ("title", "body"):
                texts = getattr(item, part)
                found += [f"items.{index}.{part}: no {language} text" for language in LANGUAGES
                          if not texts.get(language)]
        return found


@dataclass(frozen=True, slots=True)
class Bulletin:
    id: uuid.UUID
    tenant: str
    draft: Draft
    status: BulletinStatus
    author: str
    created_at: datetime
    updated_at: datetime
    approver: str | None = None
    approved_at: datetime | None = None
    send_at: datetime | None = None
    dispatch_started_at: datetime | None = None
    dispatched_at: datetime | None = None
    cancelled_at: datetime | None = None

    def edit(self, draft: Draft, now: datetime) -> Bulletin:
        """A new text; an approved bulletin goes back to draft and needs approving again."""
        self._require({BulletinStatus.DRAFT, BulletinStatus.APPROVED}, "edited")
        return replace(self, draft=draft.sanitised(), status=BulletinStatus.DRAFT, approver=None, approved_at=None,
                       updated_at=now)

    def approve(self, by: str, now: datetime) -> Bulletin:
        self._require({BulletinStatus.DRAFT}, "approved")
        if by == self.author:
            raise Conflict("a bulletin must be approved by someone other than its author")
        return replace(self, status=BulletinStatus.APPROVED, approver=by, approved_at=now, updated_at=now)

    def schedule(self, send_at: datetime, now: datetime) -> Bulletin:
        self._require({BulletinStatus.APPROVED, BulletinStatus.SCHEDULED}, "scheduled")
        return replace(self, status=BulletinStatus.SCHEDULED, send_at=send_at, updated_at=now)

    def start(self, now: datetime) -> Bulletin:
        """Sending begins: now (approved) or when its time has come (scheduled)."""
        self._require({BulletinStatus.APPROVED, BulletinStatus.SCHEDULED}, "sent")
        if self.status is BulletinStatus.SCHEDULED and self.send_at is not None and self.send_at > now:
            raise Conflict(f"this bulletin is scheduled for {self.send_at.isoformat()}")
        return replace(self, status=BulletinStatus.SENDING, dispatch_started_at=now, updated_at=now)

    @property
    def due(self) -> bool:
        return self.status is BulletinStatus.SCHEDULED

    def dispatched(self, now: datetime) -> Bulletin:
        """Every recipient has its message (or digest entry); a paused bulletin stays paused."""
        status = BulletinStatus.SENT if self.status is BulletinStatus.SENDING else self.status
        return replace(self, status=status, dispatched_at=now, updated_at=now)

    def pause(self, now: datetime) -> Bulletin:
        self._require(PAUSABLE, "paused")
        return replace(self, status=BulletinStatus.PAUSED, updated_at=now)

    def resume(self, now: datetime) -> Bulletin:
        self._require({BulletinStatus.PAUSED}, "resumed")
        return replace(self, status=self._resumed_status(), updated_at=now)

    def _resumed_status(self) -> BulletinStatus:
        if self.dispatch_started_at is None:
            return BulletinStatus.SCHEDULED if self.send_at is not None else BulletinStatus.APPROVED
        return BulletinStatus.SENDING if self.dispatched_at is None else BulletinStatus.SENT

    def cancel(self, now: datetime) -> Bulletin:
        self._require(CANCELLABLE, "cancelled")
        return replace(self, status=BulletinStatus.CANCELLED, cancelled_at=now, updated_at=now)

    @property
    def dispatching(self) -> bool:
        """Recipients are still being written (it may be paused meanwhile: they are then held)."""
        started = self.dispatch_started_at is not None and self.dispatched_at is None
        return started and self.status in {BulletinStatus.SENDING, BulletinStatus.PAUSED}

    def _require(self, allowed: set[BulletinStatus] | frozenset[BulletinStatus], action: str) -> None:
        if self.status not in allowed:
            raise Conflict(f"a {self.status.value} bulletin cannot be {action}")


def new_bulletin(tenant: str, draft: Draft, author: str, now: datetime) -> Bulletin:
    return Bulletin(id=uuid.uuid4(), tenant=tenant, draft=draft.sanitised(), status=BulletinStatus.DRAFT,
                    author=author, created_at=now, updated_at=now)
