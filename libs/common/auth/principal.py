"""Who is calling: a member of a PCC office's staff, or another force system with scopes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    ENGAGEMENT_OFFICER = "engagement_officer"
    ANALYST = "analyst"
    PANEL_CLERK = "panel_clerk"
    VIEWER = "viewer"


@dataclass(frozen=True, slots=True)
class Principal:
    subject: str
    tenant: str
    roles: frozenset[str]
    scopes: frozenset[str]

    def may(self, roles: frozenset[str], scopes: frozenset[str]) -> bool:
        return bool(self.roles & roles or self.scopes & scopes)
