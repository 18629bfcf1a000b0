"""Delivery receipts from providers that send them: the message's final status, and a permanent failure
suppresses the address everywhere (``hard_bounce``), and so does a complaint (``complaint``), which changes no
status. A repeated receipt changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from peel.notifications.contacts.domain.consents import Scope, Suppression, SuppressionReason
from peel.notifications.messages.domain import message_events
from peel.notifications.messages.domain.messages import Message, MessageStatus
from peel.notifications.messages.domain.receipts import Receipt, after_receipt
from peel.notifications.messages.service_layer.ports import UnitOfWork

AWAITING = frozenset({MessageStatus.SENDING.value})
COMPLAINT = "complaint"


async def record_receipts(uow: UnitOfWork, receipts: Sequence[Receipt]) -> int:
    """Apply each receipt to its message; how many messages changed."""
    changed = 0
    async with uow:
        for receipt in receipts:
            changed += await _record(uow, receipt)
        await uow.commit()
    return changed


async def _record(uow: UnitOfWork, receipt: Receipt) -> int:
    message = await _message_of(uow, receipt)
    if message is not None and receipt.status == COMPLAINT:
        return int(await _suppress(uow, message, receipt, SuppressionReason.COMPLAINT))
    after = after_receipt(message, receipt) if message else None
    if message is None or after is None or not await uow.messages.save_final(after, AWAITING):
        return 0
    if after.status is MessageStatus.PERMANENT_FAILURE:
        await _suppress(uow, message, receipt, SuppressionReason.HARD_BOUNCE)
    if event := message_events.outcome(after, receipt.at):
        uow.emit(event, after.tenant)
    return 1


async def _message_of(uow: UnitOfWork, receipt: Receipt) -> Message | None:
    if receipt.message_id is not None:
        message = await uow.messages.get(receipt.message_id, for_update=True)
        return message if message and message.provider == receipt.provider else None
    if receipt.provider_reference:
        return await uow.messages.by_provider_reference(receipt.provider, receipt.provider_reference)
    return None


async def _suppress(uow: UnitOfWork, message: Message, receipt: Receipt, reason: SuppressionReason) -> bool:
    return await suppress_address(uow, message, reason, receipt.at, f"provider:{receipt.provider}",
                                  f"a delivery receipt: {receipt.status}")


async def suppress_address(uow: UnitOfWork, message: Message, reason: SuppressionReason, at: datetime, by: str,
                           note: str) -> bool:
    """Suppress the message's address everywhere (a hard bounce, a complaint), whether a receipt or the mail
    server said so; ``False`` when the address is unknown or suppressed so already."""
    hashed = message.hashed_address
    if hashed is None:
        return False
    return await uow.suppressions.add(Suppression(
        id=uuid.uuid4(), tenant=message.tenant, address_hash=hashed, channel=message.channel, reason=reason,
        scope=Scope.GLOBAL, scope_value=None, created_at=at, created_by=by, note=note,
    ))
