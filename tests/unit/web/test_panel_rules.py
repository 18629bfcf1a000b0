"""The rules of a Panel question, checked on its pages before the consultation service checks them again."""

from __future__ import annotations

import pytest

from peel.web.domain.panel import (
    AREA_FORMAT,
    EMAIL_FORMAT,
    ENTER_EMAIL,
    ENTER_NAME,
    ENTER_QUESTION,
    NAME_TOO_LONG,
    TOO_MANY_WORDS,
    Asker,
    asker_problems,
    first_unanswered,
    question_body,
    question_problems,
    service_problems,
    word_count,
)


@pytest.mark.parametrize(("text", "words"), [("", 0), ("  one  ", 1), ("one two\nthree\tfour", 4),
                                             ("well-lit streets, please", 3)])
def test_words_are_counted_as_the_service_counts_them(text: str, words: int) -> None:
    assert word_count(text) == words


@pytest.mark.parametrize(("text", "problems"), [
    ("", {"question": ENTER_QUESTION}), ("   \n ", {"question": ENTER_QUESTION}),
    ("one two three", {}), ("one two three four", {"question": TOO_MANY_WORDS}),
])
def test_a_question_needs_words_within_the_limit(text: str, problems: dict) -> None:
    assert question_problems(text, word_limit=3) == problems


@pytest.mark.parametrize(("form", "problems"), [
    ({"name": "Ada Jones", "email": "ada@example.org"}, {}),
    ({"name": "Ada Jones", "email": "ada@example.org", "area": "CW1"}, {}),
    ({"name": " ", "email": ""}, {"name": ENTER_NAME, "email": ENTER_EMAIL}),
    ({"name": "A" * 201, "email": "ada@example"}, {"name": NAME_TOO_LONG, "email": EMAIL_FORMAT}),
    ({"name": "Ada", "email": "ada@example.org", "area": "CW1 2AB"}, {"area": AREA_FORMAT}),
    ({"name": "Ada", "email": "ada@example.org", "area": "x" * 81}, {"area": AREA_FORMAT}),
])
def test_an_asker_needs_a_name_an_email_and_no_full_postcode(form: dict, problems: dict) -> None:
    assert asker_problems(Asker.from_form(form)) == problems


def test_the_askers_details_are_tidied() -> None:
    assert Asker.from_form({"name": "  Ada   Jones ", "email": " ada@example.org ", "area": None}) == Asker(
        "Ada Jones", "ada@example.org", "")


def test_the_body_sent_leaves_a_blank_area_out() -> None:
    body = question_body("  Why?  ", Asker("Ada", "ada@example.org", ""))
    assert body == {"name": "Ada", "email": "ada@example.org", "area": None, "question": "Why?"}


@pytest.mark.parametrize(("answers", "step"), [
    ({}, "question"), ({"question": " "}, "question"), ({"question": "Why?"}, "details"),
    ({"question": "Why?", "name": "Ada"}, "details"), ({"question": "Why?", "name": "Ada", "email": "a@b.cd"}, None),
])
def test_the_first_page_still_to_fill_in(answers: dict, step: str | None) -> None:
    assert first_unanswered(answers) == step


def test_the_services_refusals_become_the_pages_messages() -> None:
    refused = {"email": "value is not a valid email address", "question": "has 9 words", "loc": "?"}
    assert service_problems(refused) == {"email": EMAIL_FORMAT, "question": TOO_MANY_WORDS}
