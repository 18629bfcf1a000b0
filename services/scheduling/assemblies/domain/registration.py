"""Registering for an assembly from an invitation letter, with bot protection that needs no CAPTCHA.

A person answers the questions the quotas need and gives the household's address (at most one
person per household can be selected). Bots are turned away by a honeypot field that people
never see, and by timing: the form carries a signed time of issue, and a submission sooner than
a person could fill it in, or long after, is refused. Each form is sent back once: its token names it
alone, and a second registration with it is refused. (Rate limits apply at the door.)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from peel.common.errors import Conflict, FieldError, InvalidInput
from peel.scheduling.assemblies.domain.assemblies import Assembly

REGISTRATION_PAGES = {
    "withdraw": "/{lang}/assemblies/{assembly_id}/registrations/{registrant_id}/withdraw",
    "confirm": "/{lang}/assemblies/{assembly_id}/registrations/{registrant_id}/take-place",
    "decline": "/{lang}/assemblies/{assembly_id}/registrations/{registrant_id}/decline-place",
}
FASTEST_HUMAN = timedelta(seconds=3)
FORM_LIFETIME = timedelta(hours=6)


class RegistrantStatus(StrEnum):
    REGISTERED = "registered"
    WITHDRAWN = "withdrawn"
    SELECTED = "selected"
    DROPPED_OUT = "dropped_out"


@dataclass(frozen=True, slots=True)
class Contact:
    name: str | None                # None once erased, as are the email and phone
    email: str | None
    phone: str | None
    address: tuple[str, str]        # first line, postcode; blank once erased (no household)


ERASED = Contact(None, None, None, ("", ""))


@dataclass(frozen=True, slots=True)
class Registrant:
    id: uuid.UUID
    assembly_id: uuid.UUID
    invitation_code: str
    features: Mapping[str, str]
    contact: Contact
    registered_at: datetime
    status: RegistrantStatus = RegistrantStatus.REGISTERED
    reply: str | None = None          # a selected member's answer: "confirmed" or "declined"
    erased_at: datetime | None = None

    def erased(self, at: datetime) -> Registrant:
        """Without name, contact or address; one still in the pool is withdrawn, so it is never drawn. An erased
        member stays a member."""
        status = RegistrantStatus.WITHDRAWN if self.status is RegistrantStatus.REGISTERED else self.status
        return replace(self, contact=ERASED, status=status, erased_at=at)

    @property
    def awaiting_reply(self) -> bool:
        """Offered a place (selected) and not yet said whether they take it."""
        return self.status is RegistrantStatus.SELECTED and self.reply is None

    def replying(self, confirmed: bool) -> str:
        """The member's reply to being selected; only once, and only while selected."""
        if self.status is not RegistrantStatus.SELECTED:
            raise Conflict(f"this registration is {self.status.value}; only members selected for the panel can "
                           "reply to an offer of a place")
        if self.reply is not None:
            raise Conflict(f"you have already {self.reply} your place; contact the office to change it")
        return "confirmed" if confirmed else "declined"


@dataclass(frozen=True, slots=True)
class FormKey:
    """Signs the time a registration form was issued, and the links registrants keep to withdraw."""

    secret: bytes

    def issue(self, at: datetime) -> str:
        """A new form's token: its time of issue and a random name, signed."""
        issued = f"{int(at.timestamp())}.{secrets.token_urlsafe(9)}"
        return f"{issued}.{self._mac('form', issued)}"

    def issued_at(self, token: str) -> datetime | None:
        issued, _, mac = token.rpartition(".")
        stamp = issued.partition(".")[0]
        signed = hmac.compare_digest(self._mac("form", issued).encode(), mac.encode())
        if not (stamp.isascii() and stamp.isdigit()) or not signed:
            return None
        return datetime.fromtimestamp(int(stamp), UTC)

    def withdrawal_token(self, tenant: str, registrant_id: uuid.UUID) -> str:
        return self._mac("registrant", f"{tenant}/{registrant_id}")

    def opens(self, tenant: str, registrant_id: uuid.UUID, token: str) -> bool:
        return hmac.compare_digest(self.withdrawal_token(tenant, registrant_id).encode(), token.encode())

    def _mac(self, purpose: str, text: str) -> str:
        digest = hmac.new(self.secret, f"peel.scheduling.{purpose}/{text}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:24]).decode()


def bot_checks(key: FormKey, form_token: str, honeypot: str, now: datetime) -> list[FieldError]:
    """Why this submission looks automated (empty when it does not)."""
    if honeypot.strip():
        return [FieldError(("website",), "must be left empty", "bot_suspected")]
    issued = key.issued_at(form_token)
    if issued is None:
        return [FieldError(("form_token",), "is not a form this service issued", "bot_suspected")]
    if now - issued < FASTEST_HUMAN:
        return [FieldError(("form_token",), "the form was sent back too quickly; please try again", "too_fast")]
    if now - issued > FORM_LIFETIME:
        return [FieldError(("form_token",), "the form has expired; please reload it", "expired")]
    return []


def matched_features(assembly: Assembly, given: Mapping[str, str]) -> dict[str, str]:
    """The registrant's answer for every feature the quotas use, as the quota spells it; 422 otherwise."""
    answers = {" ".join(k.split()).casefold(): v for k, v in given.items()}
    matched, errors = {}, []
    for feature in assembly.features:
        answer = answers.get(" ".join(feature.split()).casefold())
        value = None if answer is None else assembly.value_of(feature, answer)
        if value is None:
            choices = ", ".join(q.value for q in assembly.quotas if q.feature == feature)
            reason = "is required" if answer is None else f"{answer!r} is not one of: {choices}"
            errors.append(FieldError(("features", feature), reason))
        else:
            matched[feature] = value
    if errors:
        raise InvalidInput(errors)
    return matched


def check_contact(contact: Contact) -> None:
    errors = []
    if not contact.name.strip():
        errors.append(FieldError(("name",), "is required"))
    if not (contact.email or contact.phone):
        errors.append(FieldError(("email",), "give an email address or a phone number"))
    if not contact.address[0].strip() or not contact.address[1].strip():
        errors.append(FieldError(("address",), "the first line and the postcode are both required"))
    if errors:
        raise InvalidInput(errors)
