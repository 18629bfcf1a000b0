"""Digest runs: started on schedule (or by staff), worked through in batches by every replica, each contact
and channel done once in the same transaction as its message and its entries, so a run stopped halfway
resumes with no duplicate and nothing missed."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from peel.common.errors import Conflict
from peel.notifications.digests.domain.digests import DigestFrequency, Entry, choose, cutoff_of, due_period
from peel.notifications.digests.domain.runs import SCHEDULE, DigestRun, Due, new_run
from peel.notifications.digests.service_layer.ports import DigestsUnitOfWork

AfterEach = Callable[[Due], Awaitable[None]]


async def _nothing(_: Due) -> None:
    return None


async def start_run(uow: DigestsUnitOfWork, run: DigestRun) -> DigestRun | None:
    async with uow:
        started = await uow.runs.start(run)
        if started is not None:
            uow.emit(started.started(), started.tenant)
        await uow.commit()
    return started


async def start_now(uow: DigestsUnitOfWork, tenant: str, frequency: DigestFrequency, by: str,
                    now: datetime) -> DigestRun:
    """A run staff start now, for the entries waiting until now."""
    started = await start_run(uow, new_run(tenant, frequency, None, now, by, now))
    if started is None:
        raise Conflict("a digest run could not be started")
    return started


async def start_scheduled(uow: DigestsUnitOfWork, now: datetime, hour: int, weekday: int) -> list[DigestRun]:
    """The scheduled runs due now, one per tenant with entries waiting and period (never twice)."""
    started: list[DigestRun] = []
    for frequency in DigestFrequency:
        period = due_period(frequency, now, hour, weekday)
        if period is None:
            continue
        cutoff = cutoff_of(period, hour)
        async with uow:
            tenants = await uow.runs.tenants_due(frequency, cutoff)
        for tenant in tenants:
            run = await start_run(uow, new_run(tenant, frequency, period, cutoff, SCHEDULE, now))
            started += [run] if run else []
    return started


async def write_digest(uow: DigestsUnitOfWork, run: DigestRun, due: Due, now: datetime) -> uuid.UUID | None:
    """One contact and channel's digest (inside the caller's transaction): its entries decided by the one
    sending rule, its message (going or held), its entries taken."""
    entries = await uow.entries.due(run, due)
    recipient = await uow.entries.recipient(run.tenant, due, entries, now) if entries else None
    if recipient is None:
        return await _drop_all(uow, run, due, entries, now)
    choice = choose(entries, recipient.facts, await uow.elections.in_force(run.tenant, now), now)
    message_id = None
    if choice.kept:
        message_id = await uow.entries.add_message(run, due, recipient, choice.kept[0], choice.decision, now)
        await uow.entries.take(due, choice.kept, message_id)
    if choice.dropped:
        await uow.entries.take(due, choice.dropped, run.id)
    await uow.runs.done(run, due, message_id, len(choice.kept), now)
    return message_id


async def _drop_all(uow: DigestsUnitOfWork, run: DigestRun, due: Due, entries: Sequence[Entry],
                    now: datetime) -> None:
    """The contact erased or without an address: nothing goes, the entries are the run's."""
    if entries:
        await uow.entries.take(due, entries, run.id)
    await uow.runs.done(run, due, None, 0, now)


async def run_batch(uow: DigestsUnitOfWork, run: DigestRun, batch: int, now: datetime,
                    after_each: AfterEach = _nothing) -> int:
    """Up to ``batch`` contacts of the run done in one transaction; how many."""
    async with uow:
        claimed = await uow.runs.claim(run, batch)
        for due in claimed:
            await write_digest(uow, run, due, now)
            await after_each(due)
        await uow.commit()
    return len(claimed)


async def finish(uow: DigestsUnitOfWork, run: DigestRun, now: datetime) -> DigestRun | None:
    async with uow:
        completed = await uow.runs.complete(run, now)
        if completed is not None:
            uow.emit(completed.completed(), completed.tenant)
        await uow.commit()
    return completed


async def work_through(uow: DigestsUnitOfWork, run: DigestRun, batch: int, now: Callable[[], datetime]) -> None:
    while await run_batch(uow, run, batch, now()):
        pass
    await finish(uow, run, now())


async def work_all(uow: DigestsUnitOfWork, batch: int, now: Callable[[], datetime]) -> None:
    """Every unfinished run (this replica's or another's, stopped or still going) worked through."""
    async with uow:
        runs = await uow.runs.unfinished()
    for run in runs:
        await work_through(uow, run, batch, now)


async def runs_of(uow: DigestsUnitOfWork, tenant: str, limit: int = 50) -> list[DigestRun]:
    async with uow:
        return await uow.runs.of_tenant(tenant, limit)
