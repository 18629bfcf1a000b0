"""Notifications use cases."""

from __future__ import annotations

from peel.common.contracts.consultation import ConsultationPublished
from peel.notifications.adapters.bulletin_items import BulletinItems
from peel.notifications.domain.bulletins import consultation_opened


async def queue_consultation_for_bulletin(items: BulletinItems, tenant: str, event: ConsultationPublished) -> None:
    await items.add(consultation_opened(tenant, event))
