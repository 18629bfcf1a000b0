"""How a booker is reached: by email where they gave an address; a reminder by text message where they gave only
a mobile number (a landline cannot take one, and then nothing is sent).

Numbers are read as UK numbers unless written with a country code, and sent in E.164 form. The Ofcom range kept
for drama and testing (07700 900000 to 900999, GOV.UK Notify's test numbers among them) counts as mobile.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

from peel.common.notify.emails import EMAIL, SMS

MOBILE = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})
DRAMA = "+447700900"


@dataclass(frozen=True, slots=True)
class Address:
    channel: str  # email or sms
    value: str


def uk_mobile(phone: str | None) -> str | None:
    """The number in E.164 form if it can take a text message, else ``None``."""
    try:
        number = phonenumbers.parse(phone or "", "GB")
    except NumberParseException:
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    drama = e164.startswith(DRAMA) and len(e164) == len(DRAMA) + 3
    return e164 if drama or phonenumbers.number_type(number) in MOBILE else None


def email_only(email: str | None, _phone: str | None) -> Address | None:
    return Address(EMAIL, email) if email else None


def email_else_text(email: str | None, phone: str | None) -> Address | None:
    """The email address if there is one; else the mobile number, if the phone given is one."""
    if email:
        return Address(EMAIL, email)
    mobile = uk_mobile(phone)
    return Address(SMS, mobile) if mobile else None
