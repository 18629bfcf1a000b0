"""A field a link's page may give in the query or in the body: either, or both alike, never two different values."""

import pytest
from fastapi.exceptions import RequestValidationError

from peel.scheduling.http.link_forms import given_once


@pytest.mark.parametrize(("in_query", "in_body", "given"), [
    ("t" * 20, None, "t" * 20), (None, "t" * 20, "t" * 20), ("t" * 20, "t" * 20, "t" * 20), (None, None, None),
    (True, None, True), (None, False, False),
])
def test_a_value_given_once_or_twice_alike_is_taken(in_query, in_body, given):
    assert given_once("token", in_query, in_body) == given


@pytest.mark.parametrize(("name", "in_query", "in_body"), [("token", "a" * 20, "b" * 20), ("confirmed", True, False)])
def test_two_different_values_are_refused_naming_the_field(name, in_query, in_body):
    with pytest.raises(RequestValidationError) as refused:
        given_once(name, in_query, in_body)
    assert refused.value.errors()[0]["loc"] == ("body", name)
