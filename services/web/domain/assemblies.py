"""Registering for a citizens' assembly from an invitation letter: the code, the quota questions, the household's
address and how to reach the person, each checked on its page before the scheduling service checks them again."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from peel.web.domain.contact_details import (
    EMAIL_FORMAT,
    PHONE_FORMAT,
    POSTCODE,
    email_problem,
    given,
    name_problem,
    normalised_postcode,
    phone_problem,
)
from peel.web.domain.contact_details import tidy as _tidy

CODE = re.compile(r"^[A-Z0-9]{4,20}$")
LINE_LIMIT = 200
STEPS = ("code", "questions", "address", "contact")


def N_(message: str) -> str:  # noqa: N802 - the marker gettext tools look for
    return message


ENTER_CODE = N_("Enter the code from your invitation letter")
CODE_FORMAT = N_("Enter the code exactly as it is printed on your letter, like ABCD 2345")
CODE_UNKNOWN = N_("This code is not from an invitation to this assembly. Check the code on your letter")
CHOOSE_ANSWER = N_("Choose the answer that describes you")
ENTER_ADDRESS = N_("Enter the first line of your address")
ADDRESS_TOO_LONG = N_("The first line of your address must be 200 characters or fewer")
ENTER_POSTCODE = N_("Enter your postcode")
POSTCODE_FORMAT = N_("Enter a real postcode, like CW1 2AB")
ENTER_NAME = N_("Enter your full name")
NAME_TOO_LONG = N_("Your full name must be 200 characters or fewer")
EMAIL_OR_PHONE = N_("Enter an email address or a phone number, so we can tell you if you are selected")
ALREADY_REGISTERED = N_("This email address or phone number is already registered for this assembly. Each person "
                        "can register once")
FORM_EXPIRED = N_("Your registration could not be sent just now. Check your answers and send them again")

RECOMMENDATION_STATES = {
    "awaiting_response": N_("Awaiting response"), "accepted": N_("Accepted"),
    "accepted_in_part": N_("Accepted in part"), "not_accepted": N_("Not accepted"), "done": N_("Done"),
}


@dataclass(frozen=True)
class Address:
    line: str
    postcode: str

    @classmethod
    def from_form(cls, form: Mapping[str, object]) -> Address:
        return cls(_tidy(form.get("address_line")), normalised_postcode(_tidy(form.get("postcode"))))


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str

    @classmethod
    def from_form(cls, form: Mapping[str, object]) -> Contact:
        return cls(_tidy(form.get("name")), _tidy(form.get("email")), _tidy(form.get("phone")))


def normalised_code(code: str) -> str:
    """The code as the service reads it: spaces and hyphens left out, in capitals."""
    return "".join(code.split()).replace("-", "").upper()


def code_problems(code: str) -> dict[str, str]:
    if not code:
        return {"code": ENTER_CODE}
    return {} if CODE.fullmatch(code) else {"code": CODE_FORMAT}


def question_fields(questions: Mapping[str, list[str]]) -> list[tuple[str, str, list[str]]]:
    """Each quota question as (its field's name on the page, the question, its answers), in the service's order."""
    return [(f"feature-{number}", feature, list(values))
            for number, (feature, values) in enumerate(questions.items(), start=1)]


def feature_answers(questions: Mapping[str, list[str]],
                    form: Mapping[str, object]) -> tuple[dict[str, str], dict[str, str]]:
    """The answers chosen ({question: answer}) and the problems ({field: message}) of the questions page."""
    answers, problems = {}, {}
    for field, feature, values in question_fields(questions):
        chosen = str(form.get(field) or "")
        if chosen in values:
            answers[feature] = chosen
        else:
            problems[field] = CHOOSE_ANSWER
    return answers, problems


def address_problems(address: Address) -> dict[str, str]:
    problems = {}
    if not address.line:
        problems["address_line"] = ENTER_ADDRESS
    elif len(address.line) > LINE_LIMIT:
        problems["address_line"] = ADDRESS_TOO_LONG
    if not address.postcode:
        problems["postcode"] = ENTER_POSTCODE
    elif not POSTCODE.fullmatch(address.postcode):
        problems["postcode"] = POSTCODE_FORMAT
    return problems


def contact_problems(contact: Contact) -> dict[str, str]:
    either = None if contact.email or contact.phone else EMAIL_OR_PHONE
    return given({"name": name_problem(contact.name, ENTER_NAME, NAME_TOO_LONG),
                  "email": email_problem(contact.email) or either, "phone": phone_problem(contact.phone)})


def first_unanswered(answers: Mapping[str, object], questions: Mapping[str, list[str]]) -> str | None:
    """The first page of the registration still to fill in, or None when every page is done."""
    given = {
        "code": bool(answers.get("code")),
        "questions": set(answers.get("features") or {}) >= set(questions),  # type: ignore[arg-type]
        "address": bool(answers.get("address_line") and answers.get("postcode")),
        "contact": bool(answers.get("name") and (answers.get("email") or answers.get("phone"))),
    }
    return next((step for step in STEPS if not given[step]), None)


def registration_body(answers: Mapping[str, object], form_token: str) -> dict[str, object]:
    """What the scheduling service takes, with the form's signed token and the field people never see."""
    return {"invitation_code": answers["code"], "name": answers["name"], "email": answers.get("email") or None,
            "phone": answers.get("phone") or None, "address_line": answers["address_line"],
            "postcode": answers["postcode"], "features": dict(answers["features"]),  # type: ignore[call-overload]
            "form_token": form_token, "website": answers.get("website") or ""}


SERVICE_FIELDS = {
    "invitation_code": ("code", CODE_UNKNOWN), "name": ("contact", ENTER_NAME),
    "email": ("contact", EMAIL_FORMAT), "phone": ("contact", PHONE_FORMAT),
    "address_line": ("address", ENTER_ADDRESS), "address": ("address", ENTER_ADDRESS),
    "postcode": ("address", POSTCODE_FORMAT), "form_token": ("check", FORM_EXPIRED),
    "website": ("check", FORM_EXPIRED),
}
"""The page asking for each field the scheduling service may refuse, and the page's message for it."""


def service_problems(errors: Mapping[str, str], questions: Mapping[str, list[str]]) -> list[tuple[str, str]]:
    """For each field the service refused, the page that asks for it and the page's message."""
    features = {feature for _, feature, _ in question_fields(questions)}
    found = [("questions", CHOOSE_ANSWER) if field in features else SERVICE_FIELDS.get(field, ("check", FORM_EXPIRED))
             for field in errors]
    return list(dict.fromkeys(found))


def needs_new_form(errors: Mapping[str, str]) -> bool:
    """The form's token was refused (too soon, expired or not ours): a fresh form is needed to send again."""
    return "form_token" in errors


def percent(share: float) -> int:
    """A share (0 to 1) as a whole percentage."""
    return round(share * 100)
