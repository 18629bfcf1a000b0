"""The yearly check: each organisation unconfirmed for a year (and not asked in the last 30 days) is sent, by
the messages pipeline, a service email to its clerk (else its generic inbox) with the link to its details page.
Every replica runs it; each organisation is taken by one of them at a time."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol, Self

from peel.common.contracts.notifications.contacts import OrganisationCheckRequested
from peel.common.events import Event
from peel.notifications.clock import Clock, utc_now
from peel.notifications.contacts.domain.audience import Recipient
from peel.notifications.contacts.domain.consents import Category
from peel.notifications.contacts.domain.links import Links
from peel.notifications.contacts.domain.organisations import CheckMessage, Organisation
from peel.notifications.messages.domain.checks import Sending, decide

SENDER = "office"
TOPIC = "council_details"
BATCH = 20


class OrganisationChecks(Protocol):
    async def claim_due(self, now: datetime, limit: int) -> list[Organisation]:
        """Organisations due a check, locked until commit (other replicas skip them)."""

    async def recipient(self, tenant: str, contact_id: uuid.UUID, now: datetime) -> Recipient | None: ...

    async def queue(self, message: CheckMessage) -> None: ...

    async def record(self, organisation: Organisation, contact_id: uuid.UUID | None, message_id: uuid.UUID | None,
                     at: datetime) -> None: ...


class ChecksUnitOfWork(Protocol):
    checks: OrganisationChecks

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def emit(self, event: Event, tenant: str) -> None: ...

    async def commit(self) -> None: ...


async def ask_due_checks(uow: ChecksUnitOfWork, links: Links, clock: Clock = utc_now, batch: int = BATCH) -> int:
    """Ask the next organisations due a check; how many were taken."""
    now = clock()
    async with uow:
        due = [organisation for organisation in await uow.checks.claim_due(now, batch)
               if organisation.due_for_check(None, now)]
        for organisation in due:
            await _ask(uow, links, organisation, now)
        await uow.commit()
    return len(due)


async def _ask(uow: ChecksUnitOfWork, links: Links, organisation: Organisation, now: datetime) -> None:
    contact_id = organisation.asked()
    recipient = await uow.checks.recipient(organisation.tenant, contact_id, now) if contact_id else None
    message = _message(links, organisation, recipient, now) if recipient else None
    if message is not None:
        await uow.checks.queue(message)
        uow.emit(OrganisationCheckRequested(organisation_id=organisation.id, message_id=message.id,
                                            requested_at=now), organisation.tenant)
    await uow.checks.record(organisation, contact_id, message and message.id, now)


def _message(links: Links, organisation: Organisation, recipient: Recipient, now: datetime) -> CheckMessage:
    decision = decide(Sending(Category.SERVICE, respect_quiet_hours=False), recipient.facts, (), now)
    page = "cy" if recipient.language == "cy" else "en"
    url = links.council_details(organisation.tenant, organisation.id, recipient.contact_id, page)
    personalisation = {"organisation_name": organisation.name, "council_details_url": url}
    return CheckMessage(uuid.uuid4(), organisation.tenant, organisation.id, recipient.contact_id, recipient.address,
                        recipient.language, personalisation, decision.outcome.value, decision.reason,
                        decision.held_until, now)

