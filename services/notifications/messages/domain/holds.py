"""Held messages and their releases. Quiet-hours holds end by themselves at ``held_until``; messages held for a
pre-election period wait, even after it ends, until a member of staff releases them, saying why. Each release
is kept on record: who, when, why, and what it covered."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from peel.common.errors import FieldError, InvalidInput
from peel.notifications.messages.domain.checks import ELECTION, QUIET_HOURS

RELEASABLE = (QUIET_HOURS, f"{ELECTION}:")


@dataclass(frozen=True, slots=True)
class HeldGroup:
    """Messages held for one reason (and bulletin, if any): how many, and since when the oldest waits."""

    reason: str
    bulletin_id: uuid.UUID | None
    count: int
    oldest: datetime


@dataclass(frozen=True, slots=True)
class ReleaseRequest:
    """Which held messages to release (all the tenant's releasable ones narrowed by each filter given) and why."""

    why: str
    bulletin_id: uuid.UUID | None = None
    message_ids: tuple[uuid.UUID, ...] | None = None
    election_period_id: uuid.UUID | None = None

    def __post_init__(self) -> None:
        if not self.why.strip():
            raise InvalidInput([FieldError(("reason",), "say why these messages are released")])

    @property
    def held_reason(self) -> str | None:
        """The hold reason the release is limited to, if an election period is named."""
        return f"{ELECTION}:{self.election_period_id}" if self.election_period_id else None


@dataclass(frozen=True, slots=True)
class HoldRelease:
    id: uuid.UUID
    tenant: str
    released_by: str
    released_at: datetime
    why: str
    bulletin_id: uuid.UUID | None
    election_period_id: uuid.UUID | None
    message_ids: tuple[uuid.UUID, ...] | None
    released: int


def releasable(reason: str | None) -> bool:
    """Only quiet-hours and election holds are released here; a paused bulletin is resumed by its own route."""
    return reason is not None and reason.startswith(RELEASABLE)
