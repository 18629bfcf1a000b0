"""The receipt sender: sends the receipts respondents asked for, in every replica, each by one of them."""

from __future__ import annotations

from peel.common.notify.worker import sender
from peel.consultation.adapters.receipt_contacts import PostgresReceiptContacts

RECEIPTS = sender("consultation-receipts", lambda runtime: PostgresReceiptContacts(lambda: runtime.pool))
