"""Pre-election periods: registered and cancelled by staff, their start and end announced once each as they pass;
each change and its event commit together."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date

from peel.common.contracts.notifications.elections import (
    ElectionPeriodCancelled,
    ElectionPeriodEnded,
    ElectionPeriodRegistered,
    ElectionPeriodStarted,
)
from peel.common.errors import Conflict, NotFound
from peel.common.events import Event
from peel.notifications.clock import Clock, utc_now
from peel.notifications.elections.domain.periods import (
    ElectionKind,
    Moment,
    Period,
    PeriodState,
    due_moments,
    new_period,
)
from peel.notifications.elections.service_layer.ports import ElectionsUnitOfWork

log = logging.getLogger(__name__)
BATCH = 100


@dataclass(frozen=True, slots=True)
class Registration:
    kind: ElectionKind
    areas: tuple[str, ...]
    notice_date: date
    poll_date: date


async def register_period(uow: ElectionsUnitOfWork, tenant: str, registration: Registration, staff: str,
                          clock: Clock = utc_now) -> Period:
    r = registration
    period = new_period(tenant, r.kind, r.areas, r.notice_date, r.poll_date, staff, clock())
    async with uow:
        await uow.periods.add(period)
        uow.emit(_registered(period), tenant)
        await uow.commit()
    return period


def _registered(period: Period) -> ElectionPeriodRegistered:
    return ElectionPeriodRegistered(
        period_id=period.id, kind=period.kind.value, areas=list(period.areas), notice_date=period.notice_date,
        poll_date=period.poll_date, starts_at=period.starts_at, ends_at=period.ends_at, registered_at=period.created_at)


async def list_periods(uow: ElectionsUnitOfWork, tenant: str, state: PeriodState | None = None,
                       clock: Clock = utc_now) -> list[Period]:
    now = clock()
    async with uow:
        periods = await uow.periods.all(tenant)
    return [period for period in periods if state is None or period.state(now) is state]


async def get_period(uow: ElectionsUnitOfWork, tenant: str, period_id: uuid.UUID) -> Period:
    async with uow:
        return await _found(uow, tenant, period_id)


async def _found(uow: ElectionsUnitOfWork, tenant: str, period_id: uuid.UUID, for_update: bool = False) -> Period:
    period = await uow.periods.get(tenant, period_id, for_update)
    if period is None:
        raise NotFound(f"no election period {period_id}")
    return period


async def cancel_period(uow: ElectionsUnitOfWork, tenant: str, period_id: uuid.UUID, reason: str, staff: str,
                        clock: Clock = utc_now) -> Period:
    """Cancel a period registered in error or called off; who, when and why are kept and logged."""
    async with uow:
        period = await _found(uow, tenant, period_id, for_update=True)
        if period.cancellation is not None:
            raise Conflict("this election period is cancelled already")
        now = clock()
        cancelled = period.cancel(staff, reason, now)
        await uow.periods.save_cancelled(cancelled)
        uow.emit(ElectionPeriodCancelled(period_id=period.id, cancelled_at=now), tenant)
        await uow.commit()
    log.info("election period cancelled", extra={"tenant": tenant, "period_id": str(period_id), "by": staff,
                                                 "reason": reason})
    return cancelled


async def held_for(uow: ElectionsUnitOfWork, tenant: str,
                   period_id: uuid.UUID) -> tuple[Period, dict[str, dict[str, int]]]:
    """The period and the messages it holds now, counted by channel and category."""
    async with uow:
        period = await _found(uow, tenant, period_id)
        return period, await uow.held.counts(tenant, period.held_reason)


async def note_due_moments(uow: ElectionsUnitOfWork, clock: Clock = utc_now) -> int:
    """Announce each period's start and end once they have passed, each once; how many periods were noted."""
    now = clock()
    async with uow:
        due = await uow.periods.to_note(now, BATCH)
        for period in due:
            for moment in due_moments(period, now):
                await uow.periods.noted(period, moment, now)
                uow.emit(_moment_event(period, moment), period.tenant)
        await uow.commit()
    return len(due)


def _moment_event(period: Period, moment: Moment) -> Event:
    if moment is Moment.STARTED:
        return ElectionPeriodStarted(period_id=period.id, areas=list(period.areas), starts_at=period.starts_at,
                                     ends_at=period.ends_at)
    return ElectionPeriodEnded(period_id=period.id, areas=list(period.areas), ended_at=period.ends_at)
