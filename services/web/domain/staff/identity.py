"""Who is signed in to the staff pages, and how long a sign-in lasts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class StaffRole(StrEnum):
    """The roles Peel's services check (the same words as their tokens' ``roles`` claim)."""

    ADMIN = "admin"
    ENGAGEMENT_OFFICER = "engagement_officer"
    ANALYST = "analyst"
    PANEL_CLERK = "panel_clerk"
    VIEWER = "viewer"


EVERY_ROLE = frozenset(StaffRole)


@dataclass(frozen=True, slots=True)
class StaffUser:
    """A member of an office's staff: their identity provider's subject, their office and their Peel roles."""

    subject: str
    tenant: str
    name: str
    roles: frozenset[str]
    email: str = ""

    def may(self, roles: Iterable[str]) -> bool:
        return bool(self.roles & frozenset(roles))


@dataclass(frozen=True, slots=True)
class StaffSession:
    """A signed-in browser: ended by signing out, by ``idle`` without a page, or ``absolute`` after signing in."""

    id: str
    user: StaffUser
    started_at: datetime
    last_seen_at: datetime
    lang: str = "en"

    def is_live(self, now: datetime, *, idle: timedelta, absolute: timedelta) -> bool:
        return now - self.last_seen_at < idle and now - self.started_at < absolute
