"""Receipt emails: each contact due is claimed, sent through the notifications service, and recorded."""

from __future__ import annotations

import logging
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Protocol

from peel.common.retries import Backoff, Delivery, DeliveryFailure
from peel.consultation.domain.receipt_emails import ReceiptContact, ReceiptEmail, receipt_email
from peel.consultation.service_layer.handlers import Clock, utc_now

log = logging.getLogger(__name__)


class HeldContact(Protocol):
    async def sent(self) -> None: ...

    async def retry_at(self, moment: datetime, error: str) -> None: ...

    async def failed(self, error: str) -> None: ...


class ReceiptContacts(Protocol):
    async def claim_due(self, now: datetime, until: datetime, limit: int) -> list[ReceiptContact]:
        """Due contacts, now ``sending`` with one more attempt and left alone by others ``until`` then."""

    def hold(self, contact: ReceiptContact) -> AbstractAsyncContextManager[HeldContact | None]:
        """The claimed contact, locked until its attempt is recorded; ``None`` if it was erased or taken over."""


class Notifications(Protocol):
    async def send(self, email: ReceiptEmail) -> None:
        """Ask for the email once per reference; raises a ``DeliveryFailure`` saying whether to try again."""


async def send_due_receipts(contacts: ReceiptContacts, notifications: Notifications, delivery: Delivery,
                            clock: Clock = utc_now) -> int:
    """How many contacts were claimed; each is sent to, retried later or given up on."""
    now = clock()
    claimed = await contacts.claim_due(now, now + delivery.lease, delivery.batch_size)
    for contact in claimed:
        await _send_receipt(contact, contacts, notifications, delivery.backoff, clock)
    return len(claimed)


async def _send_receipt(contact: ReceiptContact, contacts: ReceiptContacts, notifications: Notifications,
                        backoff: Backoff, clock: Clock) -> None:
    async with contacts.hold(contact) as held:
        if held is None:
            return
        try:
            await notifications.send(receipt_email(contact))
        except DeliveryFailure as failure:
            await _after_failure(held, contact, failure, backoff, clock())
            return
        await held.sent()


async def _after_failure(held: HeldContact, contact: ReceiptContact, failure: DeliveryFailure, backoff: Backoff,
                         now: datetime) -> None:
    log.warning("receipt not sent: %s", failure, extra={"response_id": str(contact.response_id),
                                                        "attempt": contact.attempts})
    retry_at = backoff.next_attempt(failure, contact.attempts, now)
    if retry_at is None:
        await held.failed(str(failure))
    else:
        await held.retry_at(retry_at, str(failure))
