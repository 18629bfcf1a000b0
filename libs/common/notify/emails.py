"""What another service asks the notifications service to send: pure data, for domain code to build."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OutgoingEmail:
    """The request to the notifications service: a template filled in, sent once per reference."""

    tenant: str
    email_address: str
    reference: str
    personalisation: dict[str, str]
    template: str
