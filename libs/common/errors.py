"""Errors the domain and service layers raise; the HTTP layer maps them to 404, 409 and 422."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class DomainError(Exception):
    """Base for errors that are the caller's, not the system's."""


class NotFound(DomainError):
    """No such resource for this tenant (another tenant's resource is not found either)."""


class Conflict(DomainError):
    """The request is well formed but the resource's state refuses it."""


@dataclass(frozen=True, slots=True)
class FieldError:
    location: tuple[str | int, ...]
    reason: str
    code: str = "invalid"


class InvalidInput(DomainError):
    """One or more fields are wrong; every failing field is listed."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        super().__init__("; ".join(f"{'.'.join(map(str, e.location))}: {e.reason}" for e in errors))
        self.errors = tuple(errors)


class Unavailable(Exception):
    """A dependency (the database, say) could not be reached or did not answer; the caller may retry."""
