"""Asking the Police and Crime Panel a question: what a question and its asker must be, checked on each page before
the consultation service checks them again (one question per person per meeting, within the word limit)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

NAME_LIMIT = 200
AREA_LIMIT = 80
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
FULL_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}$", re.IGNORECASE)


def N_(message: str) -> str:  # noqa: N802 - the marker gettext tools look for
    return message


ENTER_QUESTION = N_("Enter your question")
TOO_MANY_WORDS = N_("Your question must be %(limit)s words or fewer")
ENTER_NAME = N_("Enter your name")
NAME_TOO_LONG = N_("Your name must be 200 characters or fewer")
ENTER_EMAIL = N_("Enter your email address")
EMAIL_FORMAT = N_("Enter an email address in the correct format, like name@example.com")
AREA_FORMAT = N_("Enter your town, ward or postcode district, like CW1, not your full postcode")
ALREADY_ASKED = N_("You have already asked a question for this meeting. The Panel takes one question from each "
                   "person for each meeting")

SERVICE_FIELDS = {"question": TOO_MANY_WORDS, "name": ENTER_NAME, "email": EMAIL_FORMAT, "area": AREA_FORMAT}
"""The page's message for each field the consultation service may refuse (its own words are for developers)."""


@dataclass(frozen=True)
class Asker:
    name: str
    email: str
    area: str

    @classmethod
    def from_form(cls, form: Mapping[str, object]) -> Asker:
        return cls(*(" ".join(str(form.get(name) or "").split()) for name in ("name", "email", "area")))


def word_count(text: str) -> int:
    """Words as the consultation service counts them: runs of characters between spaces."""
    return len(text.split())


def question_problems(text: str, word_limit: int) -> dict[str, str]:
    if not text.strip():
        return {"question": ENTER_QUESTION}
    if word_count(text) > word_limit:
        return {"question": TOO_MANY_WORDS}
    return {}


def asker_problems(asker: Asker) -> dict[str, str]:
    problems = {}
    if not asker.name:
        problems["name"] = ENTER_NAME
    elif len(asker.name) > NAME_LIMIT:
        problems["name"] = NAME_TOO_LONG
    if not asker.email:
        problems["email"] = ENTER_EMAIL
    elif not EMAIL.fullmatch(asker.email):
        problems["email"] = EMAIL_FORMAT
    if len(asker.area) > AREA_LIMIT or FULL_POSTCODE.fullmatch(asker.area):
        problems["area"] = AREA_FORMAT
    return problems


def question_body(question: str, asker: Asker) -> dict[str, str | None]:
    """What the consultation service takes: the asker's details and the question as written."""
    return {"name": asker.name, "email": asker.email, "area": asker.area or None, "question": question.strip()}


def service_problems(errors: Mapping[str, str]) -> dict[str, str]:
    """The page's messages for the fields the service refused (an unknown field is the question's)."""
    return {field if field in SERVICE_FIELDS else "question": SERVICE_FIELDS.get(field, TOO_MANY_WORDS)
            for field in errors}


def first_unanswered(answers: Mapping[str, object]) -> str | None:
    """The first page of the question still to fill in ("question", "details"), or None when all are done."""
    if not str(answers.get("question") or "").strip():
        return "question"
    if not (answers.get("name") and answers.get("email")):
        return "details"
    return None
