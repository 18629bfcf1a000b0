"""How a resident's name, email address, phone number and postcode are checked, the same on every journey's page
(each journey says what its own missing-answer messages are)."""

from __future__ import annotations

import re


def N_(message: str) -> str:  # noqa: N802 - the marker gettext tools look for
    return message


NAME_LIMIT = 200
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EMAIL_WITH_DOMAIN = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")  # and a top-level domain of letters
PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{8,18}[0-9]$")
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
FULL_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}$", re.IGNORECASE)

ENTER_NAME = N_("Enter your name")
NAME_TOO_LONG = N_("Your name must be 200 characters or fewer")
EMAIL_FORMAT = N_("Enter an email address in the correct format, like name@example.com")
PHONE_FORMAT = N_("Enter a phone number, like 01632 960 001 or 07700 900 982")


def tidy(value: object) -> str:
    """The text with its runs of spaces made one space, and none at either end."""
    return " ".join(str(value or "").split())


def name_problem(name: str, missing: str = ENTER_NAME, too_long: str = NAME_TOO_LONG) -> str | None:
    if not name:
        return missing
    return too_long if len(name) > NAME_LIMIT else None


def email_problem(email: str, pattern: re.Pattern[str] = EMAIL, longest: int | None = None) -> str | None:
    """The format's problem of an email address given (None when it is left out or looks right)."""
    too_long = longest is not None and len(email) > longest
    return EMAIL_FORMAT if email and (too_long or not pattern.fullmatch(email)) else None


def phone_problem(phone: str) -> str | None:
    return PHONE_FORMAT if phone and not PHONE.fullmatch(phone) else None


def normalised_postcode(postcode: str) -> str:
    """A postcode in capitals with one space before its last three characters, when it looks like one."""
    found = POSTCODE.fullmatch("".join(postcode.upper().split()))
    return f"{found[1]} {found[2]}" if found else postcode


def is_full_postcode(text: str) -> bool:
    return bool(FULL_POSTCODE.fullmatch(text))


def given(problems: dict[str, str | None]) -> dict[str, str]:
    """The problems found ({field: message}), the fields without one left out."""
    return {name: problem for name, problem in problems.items() if problem}
