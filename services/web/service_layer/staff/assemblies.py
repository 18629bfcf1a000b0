"""Which APIs the staff assembly pages call: scheduling owns the assemblies, their registrants and selection runs;
reporting answers the pool and the panel against the quotas.

Every call carries the user's own token, so the scheduling service decides who may see registrants (organisers only)
and who may act; a page that shows an organiser's part to someone else would still be refused there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peel.web.service_layer.ports import Json, NotFoundThere, Refused, ServiceUnavailable
from peel.web.service_layer.staff.ports import UserApis

ASSEMBLIES = "/v1/scheduling/assemblies"


def assembly_path(assembly_id: str, *parts: str) -> str:
    return "/".join((ASSEMBLIES, assembly_id, *parts))


async def assemblies_of_office(apis: UserApis) -> list[Json]:
    return await apis.scheduling.get(ASSEMBLIES)


async def assembly(apis: UserApis, assembly_id: str) -> Json:
    return await apis.scheduling.get(assembly_path(assembly_id))


async def set_up(apis: UserApis, body: Json) -> Json:
    return await apis.scheduling.post(ASSEMBLIES, body)


async def invite(apis: UserApis, assembly_id: str, count: int) -> list[str]:
    return await apis.scheduling.post(assembly_path(assembly_id, "invitations"), {"count": count})


async def registrants(apis: UserApis, assembly_id: str) -> list[Json]:
    """The pool with contact details: only organisers' tokens are answered."""
    return await apis.scheduling.get(assembly_path(assembly_id, "registrants"))


async def composition(apis: UserApis, assembly_id: str) -> Json | None:
    """The pool and the panel per quota value; none while the report has not caught up or the role may not see it."""
    try:
        return await apis.reporting.get(f"/v1/assemblies/{assembly_id}/composition")
    except (NotFoundThere, Refused, ServiceUnavailable):
        return None


@dataclass(frozen=True)
class Overview:
    assembly: Json
    composition: Json | None
    registrants: list[Json] | None  # none for those who do not organise


async def overview(apis: UserApis, assembly_id: str, *, organiser: bool) -> Overview:
    found = await assembly(apis, assembly_id)
    pool = await registrants(apis, assembly_id) if organiser else None
    return Overview(found, await composition(apis, assembly_id), pool)


async def start_selection(apis: UserApis, assembly_id: str, algorithm: str, seed: int | None) -> Json:
    body: dict[str, Any] = {"algorithm": algorithm} | ({"seed": seed} if seed is not None else {})
    return await apis.scheduling.post(assembly_path(assembly_id, "selections"), body)


async def start_replacement(apis: UserApis, assembly_id: str, dropouts: list[str], algorithm: str) -> Json:
    body = {"algorithm": algorithm, "dropouts": dropouts}
    return await apis.scheduling.post(assembly_path(assembly_id, "replacements"), body)


async def selection_run(apis: UserApis, assembly_id: str, run_id: str) -> Json:
    return await apis.scheduling.get(assembly_path(assembly_id, "selections", run_id))


async def published_chances(apis: UserApis, assembly_id: str, run: Json) -> dict[str, float] | None:
    """Each registrant's chance of selection in ``run``, from the published selection when it is this run's (the
    service publishes the latest run done); none otherwise."""
    if run.get("status") != "done":
        return None
    try:
        published = await apis.scheduling.get(f"/v1/public/assemblies/{assembly_id}/selection")
    except NotFoundThere:
        return None
    same = (published.get("seed"), published.get("selected")) == (run.get("seed"), _ids(run.get("selected")))
    return (published.get("distribution") or {}).get("probabilities") if same else None


def _ids(members: list[Any] | None) -> list[str]:
    return [str(member) for member in members or []]
