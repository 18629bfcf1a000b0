"""The receipt email a respondent asked for: what it says, and under which reference it is sent once.

It never carries the withdrawal token (only its hash is kept); it tells the respondent how to
withdraw with the token they were shown, or how to have the response erased without it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from peel.common.notify.emails import OutgoingEmail
from peel.consultation.domain.questions import Text

RECEIPT_TEMPLATE = "consultation_receipt"
WITHDRAWAL = Text(
    en="If you change your mind, you can withdraw your response with the withdrawal code you were shown when you "
       "responded. For your security this email does not contain that code. Without it, ask your Police and Crime "
       "Commissioner's office to erase your response, quoting the reference {response_id}.",
    cy="Os byddwch yn newid eich meddwl, gallwch dynnu eich ymateb yn ôl gyda'r cod tynnu'n ôl a ddangoswyd i chi "
       "pan wnaethoch ymateb. Er eich diogelwch, nid yw'r e-bost hwn yn cynnwys y cod hwnnw. Hebddo, gofynnwch i "
       "swyddfa eich Comisiynydd Heddlu a Throseddu ddileu eich ymateb, gan ddyfynnu'r cyfeirnod {response_id}.",
)


@dataclass(frozen=True, slots=True)
class ReceiptContact:
    """A response whose respondent asked for a receipt, claimed for one attempt at sending it."""

    response_id: uuid.UUID
    consultation_id: uuid.UUID
    tenant: str
    email: str
    consultation_title: Text
    submitted_at: datetime
    attempts: int

    @property
    def label(self) -> dict[str, str]:
        return {"response_id": str(self.response_id)}


def receipt_email(contact: ReceiptContact) -> OutgoingEmail:
    response_id = str(contact.response_id)
    personalisation = {
        "consultation_title": contact.consultation_title.en,
        "response_id": response_id,
        "submitted_at": contact.submitted_at.isoformat(),
        "withdrawal_instructions": WITHDRAWAL.en.format(response_id=response_id),
        "withdrawal_instructions_cy": WITHDRAWAL.cy.format(response_id=response_id),
    }
    if contact.consultation_title.cy:
        personalisation["consultation_title_cy"] = contact.consultation_title.cy
    return OutgoingEmail(contact.tenant, contact.email, f"consultation-receipt-{response_id}", personalisation,
                         RECEIPT_TEMPLATE)
