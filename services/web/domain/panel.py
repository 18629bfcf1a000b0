"""Asking the Police and Crime Panel a question: what a question and its asker must be, checked on each page before
the consultation service checks them again (one question per person per meeting, within the word limit)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from peel.web.domain.contact_details import (
    EMAIL_FORMAT,
    ENTER_NAME,
    email_problem,
    given,
    is_full_postcode,
    name_problem,
    tidy,
)
from peel.web.domain.contact_details import (
    NAME_TOO_LONG as NAME_TOO_LONG,  # the tests name it here
)

AREA_LIMIT = 80


def N_(message: str) -> str:  # noqa: N802 - the marker gettext tools look for
    return message


ENTER_QUESTION = N_("Enter your question")
TOO_MANY_WORDS = N_("Your question must be %(limit)s words or fewer")
ENTER_EMAIL = N_("Enter your email address")
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
        return cls(*(tidy(form.get(name)) for name in ("name", "email", "area")))

    def answers(self) -> dict[str, str]:
        return {"name": self.name, "email": self.email, "area": self.area}


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
    area_wrong = len(asker.area) > AREA_LIMIT or is_full_postcode(asker.area)
    return given({"name": name_problem(asker.name), "email": email_problem(asker.email) if asker.email else ENTER_EMAIL,
                  "area": AREA_FORMAT if area_wrong else None})


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
