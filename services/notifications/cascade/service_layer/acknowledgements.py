"""Use cases of the parish council cascade: councils included in a stakeholder bulletin, their
acknowledgements through their signed links, and what staff see of them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from peel.common.errors import NotFound
from peel.notifications.cascade.domain.acknowledgements import Acknowledgement, Answer, acknowledge, included
from peel.notifications.cascade.service_layer.ports import CascadeUnitOfWork, Counts

LOOK_BACK = timedelta(days=60)


@dataclass(frozen=True, slots=True)
class AcknowledgementView:
    record: Acknowledgement
    council: str
    title: dict[str, str]


async def include_councils(uow: CascadeUnitOfWork, now: datetime, bulletin_id: uuid.UUID | None = None) -> int:
    """Records (and a council_included event) for every council newly found among stakeholder bulletins'
    messages; safe to run twice, and in every replica at once."""
    async with uow:
        found = await uow.acknowledgements.inclusions(now - LOOK_BACK, bulletin_id)
        pairs = [included(f.tenant, f.bulletin_id, f.organisation_id, f.area, f.sender, f.topic, f.at) for f in found]
        stored = {record.id for record in await uow.acknowledgements.add([record for record, _ in pairs])}
        for record, event in pairs:
            if record.id in stored:
                uow.emit(event, record.tenant)
        await uow.commit()
    return len(stored)


async def _record(uow: CascadeUnitOfWork, tenant: str, bulletin_id: uuid.UUID, organisation_id: uuid.UUID,
                  for_update: bool = False) -> Acknowledgement:
    record = await uow.acknowledgements.get(tenant, bulletin_id, organisation_id, for_update)
    if record is None:
        raise NotFound("no such bulletin for this council")
    return record


async def _ensure_included(uow: CascadeUnitOfWork, tenant: str, bulletin_id: uuid.UUID,
                           organisation_id: uuid.UUID, now: datetime) -> None:
    """A council may follow its link before the background task has found it: find it now."""
    async with uow:
        known = await uow.acknowledgements.get(tenant, bulletin_id, organisation_id)
    if known is None:
        await include_councils(uow, now, bulletin_id)


async def view(uow: CascadeUnitOfWork, tenant: str, bulletin_id: uuid.UUID, organisation_id: uuid.UUID,
               now: datetime) -> AcknowledgementView:
    await _ensure_included(uow, tenant, bulletin_id, organisation_id, now)
    async with uow:
        record = await _record(uow, tenant, bulletin_id, organisation_id)
        council = await uow.councils.name(tenant, organisation_id) or ""
        return AcknowledgementView(record, council, await uow.councils.bulletin_title(tenant, bulletin_id))


async def answer(uow: CascadeUnitOfWork, tenant: str, bulletin_id: uuid.UUID, organisation_id: uuid.UUID,
                 given: Answer, now: datetime) -> Acknowledgement:
    """The council's answer recorded (states only move forward) with its event, in one transaction."""
    await _ensure_included(uow, tenant, bulletin_id, organisation_id, now)
    async with uow:
        record = await _record(uow, tenant, bulletin_id, organisation_id, for_update=True)
        changed, event = acknowledge(record, given, now)
        if event is not None:
            await uow.acknowledgements.save(changed)
            uow.emit(event, tenant)
        await uow.commit()
    return changed


async def of_bulletin(uow: CascadeUnitOfWork, tenant: str, bulletin_id: uuid.UUID,
                      state: str | None) -> tuple[list[Acknowledgement], Counts]:
    async with uow:
        records = await uow.acknowledgements.of_bulletin(tenant, bulletin_id, state)
        return records, await uow.acknowledgements.counts(tenant, bulletin_id)
