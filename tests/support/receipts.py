"""A consultation receipt asked of the notifications service, as the unit and integration tests send it."""

from __future__ import annotations

from peel.notifications.messages.domain.messages import SendMessage

VALUES = {"consultation_title": "Policing priorities", "consultation_title_cy": "Blaenoriaethau plismona",
          "response_id": "r-1", "submitted_at": "2027-07-10T09:05:00+00:00",
          "withdrawal_instructions": "Ask the office.", "withdrawal_instructions_cy": "Gofynnwch i'r swyddfa."}


def command(reference: str = "ref-1", recipient: str = "resident@example.org", tenant: str = "cheshire") -> SendMessage:
    """A receipt to send once per ``reference``."""
    return SendMessage(tenant, "peel-consultation", "consultation_receipt", recipient, dict(VALUES), reference)
