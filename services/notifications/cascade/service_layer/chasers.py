"""Chasing councils that have not acknowledged a stakeholder bulletin: each due one gets a chaser message (to
its clerk, or its generic inbox) and its record counts it, in one transaction, shared out between replicas."""

from __future__ import annotations

from datetime import datetime

from peel.notifications.cascade.domain.acknowledgements import ChasePolicy, chase_due, chased, chaser_reference
from peel.notifications.cascade.service_layer.ports import CascadeUnitOfWork

BATCH = 100


async def send_chasers(uow: CascadeUnitOfWork, policy: ChasePolicy, now: datetime, batch: int = BATCH) -> int:
    """Chasers written for the councils due one now; returns how many."""
    if policy.most_chasers == 0:
        return 0
    written = 0
    async with uow:
        for record in await uow.acknowledgements.to_chase(now - policy.chase_after, policy.most_chasers, batch):
            if not chase_due(record, policy, now):
                continue
            message_id = await uow.chasers.add(record, chaser_reference(record, record.chasers_sent + 1), now)
            if message_id is None:
                continue  # no clerk or inbox with an email address: nobody to chase
            changed, event = chased(record, message_id, now)
            await uow.acknowledgements.save(changed)
            uow.emit(event, record.tenant)
            written += 1
        await uow.commit()
    return written
