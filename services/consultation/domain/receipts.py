"""What a submission hands back and keeps, and a stored response as erasure and moderation see it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from peel.common.errors import Conflict
from peel.consultation.domain.model import Response


@dataclass(frozen=True, slots=True)
class Receipt:
    """What a respondent gets back: the response's id and the secret to withdraw it (none for a response staff
    keyed in: the resident never held one, and staff erase it on request)."""

    response_id: uuid.UUID
    consultation_id: uuid.UUID
    submitted_at: datetime
    withdrawal_token: str | None


@dataclass(frozen=True, slots=True)
class Submission:
    """A checked response and what is kept beside it: the receipt, the contact for it and the retry key."""

    response: Response
    receipt: Receipt
    district: str | None
    token_hash: bytes | None
    email: str | None = None
    idempotency_key: str | None = None
    fingerprint: bytes = b""


@dataclass(frozen=True, slots=True)
class StoredResponse:
    id: uuid.UUID
    consultation_id: uuid.UUID
    tenant: str
    answers: list[dict]
    withdrawal_token_hash: bytes | None


def key_taken() -> Conflict:
    """The refusal of an Idempotency-Key already used for a different submission."""
    return Conflict("this Idempotency-Key is already used for a different submission; send that same submission "
                    "again with it to get its receipt, or use a new key for this one")
