"""The checks every journey makes of a name, an email address, a phone number and a postcode."""

from __future__ import annotations

import pytest

from peel.web.domain.contact_details import (
    EMAIL_FORMAT,
    EMAIL_WITH_DOMAIN,
    ENTER_NAME,
    NAME_TOO_LONG,
    PHONE_FORMAT,
    email_problem,
    given,
    is_full_postcode,
    name_problem,
    normalised_postcode,
    phone_problem,
    tidy,
)


def test_text_is_tidied() -> None:
    assert tidy("  Ada \n  Jones ") == "Ada Jones"
    assert tidy(None) == ""


@pytest.mark.parametrize(("name", "problem"), [("", ENTER_NAME), ("A" * 201, NAME_TOO_LONG), ("A" * 200, None)])
def test_a_name_is_needed_and_not_too_long(name: str, problem: str | None) -> None:
    assert name_problem(name) == problem


def test_a_journey_words_its_own_name_messages() -> None:
    assert name_problem("", "Enter your full name", "too long") == "Enter your full name"


@pytest.mark.parametrize(("email", "problem"), [("", None), ("ada@example.org", None),
                                                ("ada.example.org", EMAIL_FORMAT), ("ada@example", EMAIL_FORMAT)])
def test_an_email_address_given_must_look_like_one(email: str, problem: str | None) -> None:
    assert email_problem(email) == problem


def test_an_email_address_may_need_a_top_level_domain_and_a_length_limit() -> None:
    assert email_problem("ada@example.1", EMAIL_WITH_DOMAIN) == EMAIL_FORMAT
    assert email_problem("a" * 250 + "@example.org", longest=254) == EMAIL_FORMAT
    assert email_problem("a" * 250 + "@example.org") is None


@pytest.mark.parametrize(("phone", "problem"), [("", None), ("01632 960 001", None), ("12", PHONE_FORMAT)])
def test_a_phone_number_given_must_look_like_one(phone: str, problem: str | None) -> None:
    assert phone_problem(phone) == problem


def test_postcodes() -> None:
    assert normalised_postcode("cw12ab") == "CW1 2AB"
    assert normalised_postcode("CW1") == "CW1"
    assert is_full_postcode("cw1 2ab") and not is_full_postcode("CW1")


def test_only_the_problems_found_are_given() -> None:
    assert given({"name": None, "email": EMAIL_FORMAT}) == {"email": EMAIL_FORMAT}
