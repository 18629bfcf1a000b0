"""Who a person signed in at the office's identity provider is in Peel: their groups mapped to Peel roles.

The mapping is the office's (an admin's saved one) or else the identity provider's configured default. A person
whose groups map to no role is not a member of staff in Peel: they are refused and nothing of them is kept."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from peel.web.domain.staff.identity import EVERY_ROLE, StaffUser
from peel.web.domain.staff.messages import N_
from peel.web.domain.tenants import is_tenant

RoleMapping = Mapping[str, Iterable[str]]
MAX_GROUP_LENGTH = 200


@dataclass(frozen=True)
class ProviderIdentity:
    """What an identity provider vouched for in its verified ID token."""

    provider: str
    subject: str
    tenant: str
    name: str
    email: str = ""
    groups: frozenset[str] = frozenset()


def roles_for(groups: Iterable[str], mapping: RoleMapping) -> frozenset[str]:
    """Every Peel role any of the groups maps to (unknown role names are ignored)."""
    wanted = set(groups)
    return frozenset(role for group, roles in mapping.items() if group in wanted for role in roles) & EVERY_ROLE


def staff_user(identity: ProviderIdentity, mapping: RoleMapping) -> StaffUser | None:
    """The member of staff the identity is in Peel, or ``None`` when no group gives them a role.

    The subject is namespaced by the provider, so two providers' subjects never meet."""
    roles = roles_for(identity.groups, mapping)
    if not roles or not is_tenant(identity.tenant):
        return None
    return StaffUser(subject=f"{identity.provider}:{identity.subject}", tenant=identity.tenant,
                     name=identity.name or identity.email or identity.subject, email=identity.email, roles=roles)


def mapping_problems(mapping: RoleMapping) -> dict[str, str]:
    """What is wrong with a mapping an admin wants to save, by the group it is wrong for (empty: none)."""
    problems: dict[str, str] = {}
    for group, roles in mapping.items():
        chosen = list(roles)
        if not group.strip() or len(group) > MAX_GROUP_LENGTH:
            problems[group] = N_("Enter the group's name or id as the identity provider sends it")
        elif not chosen or set(chosen) - EVERY_ROLE:
            problems[group] = N_("Choose one or more of Peel's roles for the group")
    return problems


def cleaned(mapping: RoleMapping) -> dict[str, list[str]]:
    """The mapping as it is stored: groups trimmed, each group's roles once and in order, groups with none left out."""
    kept = {group.strip(): sorted(set(roles) & EVERY_ROLE) for group, roles in mapping.items()}
    return {group: roles for group, roles in sorted(kept.items()) if group and roles}
