"""Notifications use cases: what waits for the next e-bulletin."""

from __future__ import annotations

import uuid
from typing import Protocol

from peel.common.contracts.consultation import (
    ConsultationCorrected,
    ConsultationOutcomePublished,
    ConsultationPublished,
)
from peel.notifications.bulletins.domain.items import (
    BulletinItem,
    OutcomeCorrection,
    consultation_opened,
    consultation_outcome,
    outcome_correction,
)


class BulletinItems(Protocol):
    """Items for a tenant's e-bulletins. Adding an item again changes nothing; a later item of the same kind
    about the same consultation (a republished outcome) replaces it while it still waits."""

    async def add(self, item: BulletinItem) -> None: ...

    async def pending(self, tenant: str) -> list[BulletinItem]: ...

    async def consultation_title(self, tenant: str, consultation_id: uuid.UUID) -> dict[str, str] | None:
        """The title of a consultation, as announced when it opened; None if it never was."""
        ...

    async def replace(self, item: BulletinItem) -> None:
        """Store the item, or its new facts (a meeting moved) while it still waits."""
        ...

    async def withdraw(self, tenant: str, kind: str, source_id: uuid.UUID) -> None:
        """The waiting item goes (the meeting was cancelled); one already in a bulletin stays."""
        ...

    async def correct_outcome(self, correction: OutcomeCorrection) -> None:
        """The waiting outcome item of the consultation takes the corrected words when they are newer than its
        own (see ``OutcomeCorrection``); an item already sent, or none, is left as it is."""
        ...


async def queue_consultation_for_bulletin(items: BulletinItems, tenant: str, event: ConsultationPublished) -> None:
    await items.add(consultation_opened(tenant, event))


async def queue_outcome_for_bulletin(items: BulletinItems, tenant: str, event: ConsultationOutcomePublished) -> None:
    """"We asked, you said, we did" for the next e-bulletin, under the consultation's title (none if it opened
    before notifications heard of it)."""
    title = await items.consultation_title(tenant, event.consultation_id)
    await items.add(consultation_outcome(tenant, event, title or {}))


async def correct_outcome_in_bulletin(items: BulletinItems, tenant: str, event: ConsultationCorrected) -> None:
    """A corrected outcome, still waiting for the next e-bulletin, goes in its corrected words."""
    correction = outcome_correction(tenant, event)
    if correction is not None:
        await items.correct_outcome(correction)
