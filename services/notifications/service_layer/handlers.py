"""Notifications use cases: what waits for the next e-bulletin."""

from __future__ import annotations

from typing import Protocol

from peel.common.contracts.consultation import ConsultationPublished
from peel.notifications.domain.bulletins import BulletinItem, consultation_opened


class BulletinItems(Protocol):
    """Items waiting for a tenant's next e-bulletin; adding one twice keeps the first."""

    async def add(self, item: BulletinItem) -> None: ...

    async def pending(self, tenant: str) -> list[BulletinItem]: ...


async def queue_consultation_for_bulletin(items: BulletinItems, tenant: str, event: ConsultationPublished) -> None:
    await items.add(consultation_opened(tenant, event))
