"""Selecting an assembly's members in the background, and replacing drop-outs.

Staff ask for a run (202); a worker in the service claims it (SKIP LOCKED, so one replica takes
each run; a run left ``running`` by a crashed worker is taken again after a while, and gives
the same panel since the seed is fixed), runs the selection engine off the event loop, then in
one transaction stores the distribution, the seed and the panel, updates the members and
publishes the event.
"""

from __future__ import annotations

import asyncio
import secrets
import uuid
from collections.abc import Callable
from datetime import timedelta

from peel.common.contracts.assemblies import MembersReplaced, MembersSelected
from peel.common.errors import Conflict
from peel.scheduling.assemblies.domain.assemblies import Assembly
from peel.scheduling.assemblies.domain.assembly_selection import (
    RunKind,
    SelectionOutcome,
    SelectionRequest,
    check_request,
    refuse_second_selection,
    run_selection,
)
from peel.scheduling.assemblies.domain.registration import RegistrantStatus
from peel.scheduling.assemblies.service_layer.assemblies import find_assembly
from peel.scheduling.assemblies.service_layer.ports import AssemblyUnitOfWork, RunUnderWay
from peel.scheduling.clock import Clock
from peel.sortition import SelectionError

STALE_RUN = timedelta(minutes=30)


def new_seed() -> int:
    return secrets.randbelow(2**31)


async def request_run(uow: AssemblyUnitOfWork, tenant: str, assembly_id: uuid.UUID, request: SelectionRequest,
                      now: Clock) -> uuid.UUID:
    run_id = uuid.uuid4()
    async with uow:
        assembly = await find_assembly(uow, tenant, assembly_id, lock=True)
        _refuse(assembly, request, now)
        try:
            await uow.runs.add(tenant, assembly_id, run_id, request, now())
        except RunUnderWay:
            raise Conflict("a selection for this assembly is already under way; wait for its run to finish, "
                           "then look at its panel") from None
        await uow.commit()
    return run_id


def _refuse(assembly: Assembly, request: SelectionRequest, now: Clock) -> None:
    check_request(request, assembly)
    if request.kind is RunKind.SELECTION:
        refuse_second_selection(assembly)
    elif not assembly.replacements_open(now().date()):
        raise Conflict(f"replacements are closed for this assembly: {_why_no_replacements(assembly)}")


async def run_next(new_uow: Callable[[], AssemblyUnitOfWork], now: Clock) -> bool:
    """Carry out the oldest waiting run; False when there was none."""
    async with new_uow() as uow:
        run = await uow.runs.claim(now(), now() - STALE_RUN)
        if run is None:
            return False
        assembly = await find_assembly(uow, None, run["assembly_id"])
        registrants = await uow.registrants.of_assembly(assembly.id)
        await uow.commit()
    request = SelectionRequest.of_run(run)
    try:
        outcome = await asyncio.to_thread(run_selection, assembly, registrants, request)
    except SelectionError as error:
        await _record_failure(new_uow(), run["id"], str(error), now)
        return True
    await _record(new_uow(), run, request, outcome, now)
    return True


async def _record_failure(uow: AssemblyUnitOfWork, run_id: uuid.UUID, reason: str, now: Clock) -> None:
    async with uow:
        await uow.runs.finish(run_id, now(), error=reason)
        await uow.commit()


async def _record(uow: AssemblyUnitOfWork, run: dict, request: SelectionRequest, outcome: SelectionOutcome,
                  now: Clock) -> None:
    async with uow:
        assembly = await find_assembly(uow, None, run["assembly_id"], lock=True)
        kept = [m for m in assembly.selected if m not in request.dropouts]
        await uow.registrants.set_status(list(request.dropouts), RegistrantStatus.DROPPED_OUT)
        await uow.registrants.set_status(list(outcome.selected), RegistrantStatus.SELECTED)
        await uow.assemblies.save(assembly.with_members(kept + list(outcome.selected)))
        await uow.runs.finish(run["id"], now(), list(outcome.selected), outcome.summary,
                              published_distribution(outcome))
        uow.emit(_event(assembly, run, request, outcome, now), assembly.tenant)
        await uow.commit()


def published_distribution(outcome: SelectionOutcome) -> dict:
    distribution = outcome.distribution
    return {"panels": [{"members": list(panel), "probability": p}
                       for panel, p in zip(distribution.panels, distribution.probabilities, strict=True)],
            "probabilities": dict(distribution.marginals),
            "never_selectable": list(distribution.never_selectable)}


def _event(assembly: Assembly, run: dict, request: SelectionRequest, outcome: SelectionOutcome,
           now: Clock) -> MembersSelected | MembersReplaced:
    figures = {"assembly_id": assembly.id, "run_id": run["id"], "algorithm": request.algorithm,
               "seed": request.seed, "pool_size": outcome.summary["pool_size"],
               "min_probability": outcome.summary["min"], "max_probability": outcome.summary["max"],
               "gini": outcome.summary["gini"]}
    if request.kind is RunKind.SELECTION:
        return MembersSelected(**figures, members=list(outcome.selected), selected_at=now())
    return MembersReplaced(**figures, dropouts=list(request.dropouts), replacements=list(outcome.selected),
                           replaced_at=now())


def _why_no_replacements(assembly: Assembly) -> str:
    if not assembly.selected:
        return "no members are selected yet; run the selection first"
    return f"the replacement deadline ({assembly.replacement_deadline.isoformat()}) has passed"
