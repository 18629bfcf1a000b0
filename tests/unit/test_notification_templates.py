import subprocess
import sys

import pytest

from peel.common.errors import InvalidInput
from peel.notifications.templates.domain.templates import (
    CONSULTATION_RECEIPT,
    check_personalisation,
    render,
    template_for,
)
from tests.support.receipts import VALUES


def failing_fields(values: dict) -> dict:
    with pytest.raises(InvalidInput) as refused:
        check_personalisation(CONSULTATION_RECEIPT, values)
    return {error.location: error.reason for error in refused.value.errors}


def test_a_receipt_is_english_then_welsh_with_dates_in_uk_time():
    rendered = render(CONSULTATION_RECEIPT, VALUES)
    assert rendered.subject == "Your response to Policing priorities / Eich ymateb i Blaenoriaethau plismona"
    english, welsh = rendered.body.split("\n---\n")
    assert "Thank you for responding to Policing priorities." in english and "r-1" in english
    assert "We received it on 10 July 2027 at 10:05." in english and "Ask the office." in english
    assert "Diolch am ymateb i Blaenoriaethau plismona." in welsh and "r-1" in welsh
    assert "Cawsom eich ymateb ar 10 Gorffennaf 2027 am 10:05." in welsh and "Gofynnwch i'r swyddfa." in welsh


def test_welsh_falls_back_to_the_english_value():
    english_only = {k: v for k, v in VALUES.items() if not k.endswith("_cy")}
    rendered = render(CONSULTATION_RECEIPT, english_only)
    assert rendered.subject.endswith("Eich ymateb i Policing priorities")
    assert rendered.body.count("Ask the office.") == 2


def test_every_failing_placeholder_is_named():
    reasons = failing_fields({"response_id": "two\nlines", "submitted_at": "2027-01-10T09:00:00", "colour": "red",
                              "withdrawal_instructions": " "})
    assert reasons == {
        ("personalisation", "colour"): "no such placeholder in this template",
        ("personalisation", "consultation_title"): "is required by this template",
        ("personalisation", "response_id"): "must be a single line",
        ("personalisation", "submitted_at"): "must be a date and time with its UTC offset, e.g. 2027-01-10T09:00:00Z",
        ("personalisation", "withdrawal_instructions"): "must not be blank",
    }


def test_welsh_values_are_checked_too_and_long_values_refused():
    reasons = failing_fields({**VALUES, "consultation_title_cy": "x" * 2001, "submitted_at_cy": "2027-01-10"})
    assert reasons == {
        ("personalisation", "consultation_title_cy"): "is 2001 characters long; the limit is 2000",
        ("personalisation", "submitted_at_cy"): "no such placeholder in this template",
    }


def test_an_unknown_template_names_the_field():
    with pytest.raises(InvalidInput) as refused:
        template_for("birthday_card")
    [error] = refused.value.errors
    assert error.location == ("template",) and "consultation_receipt" in error.reason


@pytest.mark.parametrize("module", ["scheduling_templates", "template_parts", "templates", "filling", "layouts",
                                    "rendering", "preview", "sms", "versions"])
def test_each_template_module_can_be_imported_first(module):
    """A fresh interpreter, so that no other import has already broken a cycle between them."""
    imported = subprocess.run([sys.executable, "-c", f"import peel.notifications.templates.domain.{module}"],
                              capture_output=True, text=True, check=False)
    assert imported.returncode == 0, imported.stderr
