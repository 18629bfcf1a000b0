"""Rules of signing in that need no framework: where a sign-in may lead back to, and the local sign-in's form."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from peel.web.domain.staff.identity import EVERY_ROLE, StaffUser
from peel.web.domain.staff.messages import N_
from peel.web.domain.tenants import is_tenant

HOME = "/staff/"


def safe_next(path: str | None) -> str:
    """Only a staff page of this site: never another site (``//evil``, ``/\\evil``) or a non-staff page."""
    if not path or not path.startswith("/staff") or path.startswith(("//", "/\\")) or "\\" in path:
        return HOME
    return path


@dataclass(frozen=True)
class LocalSignIn:
    """The development sign-in form: an office, a name and one or more roles."""

    tenant: str
    name: str
    roles: tuple[str, ...]
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, tenant: str, name: str, roles: Iterable[str]) -> LocalSignIn:
        chosen = tuple(sorted(set(roles) & EVERY_ROLE))
        errors = {}
        if not is_tenant(tenant):
            errors["tenant"] = N_("Enter the office's id, such as cheshire")
        if not name:
            errors["name"] = N_("Enter your name")
        if not chosen:
            errors["roles"] = N_("Select at least one role")
        return cls(tenant, name, chosen, errors)

    def user(self) -> StaffUser:
        subject = "local-" + "-".join(self.name.lower().split())[:40]
        return StaffUser(subject=subject, tenant=self.tenant, name=self.name, roles=frozenset(self.roles))
