"""A registration form's token: any text a client sends in its place is a form not issued here, never an error."""

from datetime import UTC, datetime

import pytest

from peel.scheduling.assemblies.domain.registration import FormKey

KEY = FormKey(b"form-secret-0123456789")
AT = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def test_an_issued_token_tells_when_it_was_issued():
    assert KEY.issued_at(KEY.issue(AT)) == AT


@pytest.mark.parametrize("token", ["1.é", "²³.x.é", "١٢٣.abc.def", "", "...", "abc"])
def test_a_token_not_issued_here_is_not_a_form(token):
    assert KEY.issued_at(token) is None


def test_a_token_with_a_changed_time_is_not_a_form():
    stamp, name, mac = KEY.issue(AT).split(".")
    assert KEY.issued_at(f"{int(stamp) - 3600}.{name}.{mac}") is None
