"""What another service asks the notifications service to send: pure data, for domain code to build."""

from __future__ import annotations

from dataclasses import dataclass

EMAIL = "email"
SMS = "sms"


@dataclass(frozen=True, slots=True)
class OutgoingEmail:
    """The request to the notifications service: a template filled in, sent once per reference.

    An email by default; with ``channel`` ``"sms"`` a text message to ``phone_number`` (E.164) instead, always
    a ``service`` message (a receipt or a reminder), which no consent or pre-election period holds back."""

    tenant: str
    email_address: str | None
    reference: str
    personalisation: dict[str, str]
    template: str
    channel: str = EMAIL
    phone_number: str | None = None
