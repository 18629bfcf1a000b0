"""In-memory stand-ins for the ports of messages (notifications) and receipts (consultation)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import datetime

from peel.common.events import Event
from peel.common.notify.emails import OutgoingEmail
from peel.common.retries import DeliveryFailure
from peel.consultation.domain.receipt_emails import ReceiptContact, receipt_email
from peel.notifications.messages.domain.messages import Email, Message, MessageStatus

DUE = (MessageStatus.CREATED, MessageStatus.SENDING)


class FakeMessages:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Message] = {}

    async def add(self, message: Message) -> Message:
        first = next((m for m in self.rows.values() if (m.tenant, m.reference) == (message.tenant, message.reference)),
                     None)
        if first is None:
            self.rows[message.id] = first = message
        return first

    async def get(self, message_id: uuid.UUID) -> Message | None:
        return self.rows.get(message_id)

    async def claim_due(self, now: datetime, until: datetime, limit: int) -> list[Message]:
        due = sorted((m for m in self.rows.values() if m.status in DUE and m.next_attempt_at <= now),
                     key=lambda m: m.next_attempt_at)[:limit]
        for message in due:
            self.rows[message.id] = replace(message, status=MessageStatus.SENDING, attempts=message.attempts + 1,
                                            next_attempt_at=until)
        return [self.rows[message.id] for message in due]

    async def save_outcome(self, message: Message) -> bool:
        stored = self.rows[message.id]
        if (stored.attempts, stored.status) != (message.attempts, MessageStatus.SENDING):
            return False
        self.rows[message.id] = message
        return True


class FakeMessagesUnitOfWork:
    def __init__(self) -> None:
        self.messages = FakeMessages()
        self.published: list[tuple[Event, str]] = []
        self._pending: list[tuple[Event, str]] = []

    async def __aenter__(self) -> FakeMessagesUnitOfWork:
        self._pending = []
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._pending = []

    def emit(self, event: Event, tenant: str) -> None:
        self._pending.append((event, tenant))

    async def commit(self) -> None:
        self.published.extend(self._pending)
        self._pending = []


class ScriptedSender:
    """Takes every email, or first fails with the failures it is given, in turn."""

    def __init__(self, *failures: DeliveryFailure) -> None:
        self.failures = list(failures)
        self.sent: list[Email | OutgoingEmail] = []

    async def send(self, email: Email | OutgoingEmail) -> None:
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
