"""Staff's view of moderation: the free text awaiting a decision, and the log of decisions taken."""

from __future__ import annotations

import uuid

from peel.consultation.domain.moderation import AwaitingModeration, ModerationDecision, Place
from peel.consultation.service_layer.handlers import tenants_consultation
from peel.consultation.service_layer.unit_of_work import UnitOfWork


async def awaiting_moderation(tenant: str, consultation_id: uuid.UUID, uow: UnitOfWork, *, after: Place | None = None,
                              limit: int = 50) -> list[AwaitingModeration]:
    """Free-text answers respondents agreed to publish and nobody has decided on yet, oldest first, after ``after``."""
    async with uow:
        await tenants_consultation(uow, tenant, consultation_id)
        return await uow.responses.awaiting_moderation(tenant, consultation_id, after, limit)


async def moderation_log(tenant: str, consultation_id: uuid.UUID, uow: UnitOfWork, *, after: Place | None = None,
                         limit: int = 50) -> list[ModerationDecision]:
    """The decisions taken on the consultation's free text, oldest first, after ``after``."""
    async with uow:
        await tenants_consultation(uow, tenant, consultation_id)
        return await uow.responses.moderation_log(tenant, consultation_id, after, limit)
