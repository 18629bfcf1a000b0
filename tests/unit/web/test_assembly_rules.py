"""The rules of registering for a citizens' assembly, checked on its pages before the scheduling service checks
them again."""

from __future__ import annotations

import pytest

from peel.web.domain.assemblies import (
    ADDRESS_TOO_LONG,
    CHOOSE_ANSWER,
    CODE_FORMAT,
    CODE_UNKNOWN,
    EMAIL_FORMAT,
    EMAIL_OR_PHONE,
    ENTER_ADDRESS,
    ENTER_CODE,
    ENTER_NAME,
    ENTER_POSTCODE,
    FORM_EXPIRED,
    PHONE_FORMAT,
    POSTCODE_FORMAT,
    Address,
    Contact,
    address_problems,
    code_problems,
    contact_problems,
    feature_answers,
    first_unanswered,
    needs_new_form,
    normalised_code,
    normalised_postcode,
    percent,
    question_fields,
    registration_body,
    service_problems,
)

QUESTIONS = {"Age": ["16-39", "40+"], "Sex": ["Female", "Male"]}
COMPLETE = {"code": "ABCD2345", "features": {"Age": "40+", "Sex": "Male"}, "address_line": "1 High Street",
            "postcode": "CW1 2AB", "name": "Ada Jones", "email": "", "phone": "01632 960001", "website": ""}


@pytest.mark.parametrize(("typed", "code", "problems"), [
    ("abcd 2345", "ABCD2345", {}), ("ab-cd-23-45", "ABCD2345", {}), ("", "", {"code": ENTER_CODE}),
    ("AB1", "AB1", {"code": CODE_FORMAT}), ("ABCD 23!5", "ABCD23!5", {"code": CODE_FORMAT}),
])
def test_an_invitation_code_is_read_as_the_service_reads_it(typed: str, code: str, problems: dict) -> None:
    assert normalised_code(typed) == code
    assert code_problems(normalised_code(typed)) == problems


def test_each_quota_question_has_a_field_in_the_services_order() -> None:
    assert question_fields(QUESTIONS) == [("feature-1", "Age", ["16-39", "40+"]),
                                          ("feature-2", "Sex", ["Female", "Male"])]


@pytest.mark.parametrize(("form", "answers", "problems"), [
    ({"feature-1": "40+", "feature-2": "Male"}, {"Age": "40+", "Sex": "Male"}, {}),
    ({"feature-1": "40+"}, {"Age": "40+"}, {"feature-2": CHOOSE_ANSWER}),
    ({"feature-1": "99", "feature-2": "Male"}, {"Sex": "Male"}, {"feature-1": CHOOSE_ANSWER}),
])
def test_every_quota_question_needs_one_of_its_answers(form: dict, answers: dict, problems: dict) -> None:
    assert feature_answers(QUESTIONS, form) == (answers, problems)


@pytest.mark.parametrize(("typed", "postcode"), [("cw12ab", "CW1 2AB"), (" sw1a  1aa ", "SW1A 1AA"),
                                                 ("not one", "not one")])
def test_a_postcode_is_written_the_usual_way(typed: str, postcode: str) -> None:
    assert normalised_postcode(typed) == postcode


@pytest.mark.parametrize(("form", "problems"), [
    ({"address_line": "1 High Street", "postcode": "cw1 2ab"}, {}),
    ({}, {"address_line": ENTER_ADDRESS, "postcode": ENTER_POSTCODE}),
    ({"address_line": "x" * 201, "postcode": "CW1"}, {"address_line": ADDRESS_TOO_LONG, "postcode": POSTCODE_FORMAT}),
])
def test_the_household_address_needs_its_first_line_and_a_postcode(form: dict, problems: dict) -> None:
    assert address_problems(Address.from_form(form)) == problems


@pytest.mark.parametrize(("form", "problems"), [
    ({"name": "Ada", "email": "ada@example.org"}, {}), ({"name": "Ada", "phone": "+44 1632 960001"}, {}),
    ({}, {"name": ENTER_NAME, "email": EMAIL_OR_PHONE}),
    ({"name": "Ada", "email": "ada", "phone": "12"}, {"email": EMAIL_FORMAT, "phone": PHONE_FORMAT}),
])
def test_a_registrant_gives_a_name_and_an_email_or_a_phone(form: dict, problems: dict) -> None:
    assert contact_problems(Contact.from_form(form)) == problems


@pytest.mark.parametrize(("missing", "step"), [
    ("code", "code"), ("features", "questions"), ("postcode", "address"), ("name", "contact"), (None, None)])
def test_the_first_page_still_to_fill_in(missing: str | None, step: str | None) -> None:
    answers = {key: value for key, value in COMPLETE.items() if key != missing}
    assert first_unanswered(answers, QUESTIONS) == step


def test_a_question_added_since_is_still_to_answer() -> None:
    assert first_unanswered(COMPLETE, {**QUESTIONS, "Area": ["North", "South"]}) == "questions"


def test_the_body_carries_the_signed_form_and_the_honeypot() -> None:
    body = registration_body({**COMPLETE, "website": "spam"}, "token")
    assert body == {"invitation_code": "ABCD2345", "name": "Ada Jones", "email": None, "phone": "01632 960001",
                    "address_line": "1 High Street", "postcode": "CW1 2AB", "features": {"Age": "40+", "Sex": "Male"},
                    "form_token": "token", "website": "spam"}


def test_the_services_refusals_lead_to_the_page_asking_for_the_field() -> None:
    refused = {"invitation_code": "?", "Sex": "?", "postcode": "?", "email": "?", "form_token": "?", "website": "?"}
    assert service_problems(refused, QUESTIONS) == [
        ("code", CODE_UNKNOWN), ("questions", CHOOSE_ANSWER), ("address", POSTCODE_FORMAT), ("contact", EMAIL_FORMAT),
        ("check", FORM_EXPIRED)]
    assert needs_new_form({"form_token": "expired"}) and not needs_new_form({"website": "must be left empty"})


@pytest.mark.parametrize(("share", "shown"), [(0.0, 0), (0.854, 85), (0.856, 86), (1.0, 100)])
def test_a_share_is_shown_as_a_whole_percentage(share: float, shown: int) -> None:
    assert percent(share) == shown
