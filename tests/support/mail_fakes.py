"""In-memory stand-ins for sending mail and for the receipt contacts of consultation."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import datetime

from peel.common.notify.emails import OutgoingEmail
from peel.common.retries import DeliveryFailure
from peel.consultation.domain.receipt_emails import ReceiptContact, receipt_email


class ScriptedSender:
    """Takes every email, or first fails with the failures it is given, in turn."""

    def __init__(self, *failures: DeliveryFailure) -> None:
        self.failures = list(failures)
        self.sent: list[OutgoingEmail] = []

    async def send(self, email: OutgoingEmail) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(email)


class FakeHeld:
    def __init__(self, contacts: FakeReceiptContacts, contact: ReceiptContact) -> None:
        self._contacts = contacts
        self._id = contact.response_id
        self.email = receipt_email(contact)

    async def sent(self) -> None:
        self._contacts.set(self._id, status="sent")

    async def retry_at(self, moment: datetime, error: str) -> None:
        self._contacts.set(self._id, next_attempt_at=moment, last_error=error)

    async def failed(self, error: str) -> None:
        self._contacts.set(self._id, status="failed", last_error=error)

    async def dropped(self) -> None:
        self._contacts.set(self._id, status="dropped")


class FakeReceiptContacts:
    """Each row: the contact as claimed, and its ``status``, ``next_attempt_at`` and ``last_error``."""

    def __init__(self, *contacts: ReceiptContact, now: datetime) -> None:
        self.rows = {c.response_id: {"contact": c, "status": "created", "next_attempt_at": now, "last_error": None}
                     for c in contacts}

    def set(self, response_id: uuid.UUID, **changes: object) -> None:
        self.rows[response_id].update(changes)

    def erase(self, response_id: uuid.UUID) -> None:
        del self.rows[response_id]

    async def claim_due(self, now: datetime, until: datetime, limit: int) -> list[ReceiptContact]:
        due = [row for row in self.rows.values()
               if row["status"] in ("created", "sending") and row["next_attempt_at"] <= now][:limit]
        for row in due:
            contact = row["contact"]
            row.update(status="sending", next_attempt_at=until,
                       contact=replace(contact, attempts=contact.attempts + 1))
        return [row["contact"] for row in due]

    @asynccontextmanager
    async def hold(self, contact: ReceiptContact) -> AsyncIterator[FakeHeld | None]:
        row = self.rows.get(contact.response_id)
        yield FakeHeld(self, contact) if row and row["contact"].attempts == contact.attempts else None
