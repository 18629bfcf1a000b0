"""The settings forms' pure rules: precept settings, the office's display, meeting topics and the roles mapping."""

from __future__ import annotations

from peel.web.domain.staff import settings as rules
from peel.web.domain.staff import settings_files as files
from peel.web.domain.tenants import TenantDisplay

RATIOS = {f"ratio_{band}": ratio for band, ratio in zip("ABCDEFGH", ("6/9", "7/9", "8/9", "1", "11/9", "13/9",
                                                                      "15/9", "2.0"), strict=True)}


def test_precept_settings_need_bands_a_to_h_and_one_limit_at_most() -> None:
    checked = rules.check_precept({**RATIOS, "limit_pounds": "£5", "band_d_current": "1,265.50"})
    assert checked.value == {"ratios": {k[-1]: v for k, v in RATIOS.items()}, "referendum_limit": {"pounds": "5"},
                             "band_d_current": "1265.50"}
    assert rules.check_precept({**RATIOS, "ratio_I": "21/9"}).value["ratios"]["I"] == "21/9"
    assert set(rules.check_precept({"ratio_A": "6/9", "limit_pounds": "1", "limit_percent": "2"}).errors) == {
        *(f"ratio_{band}" for band in "BCDEFGH"), "limit_pounds"}
    assert set(rules.check_precept({**RATIOS, "band_d_current": "NaN"}).errors) == {"band_d_current"}


def test_saved_precept_settings_fill_the_form() -> None:
    answers = rules.precept_answers({"ratios": {"A": "6/9"}, "referendum_limit": {"pounds": None, "percent": 2.99},
                                     "band_d_current": 265.5})
    assert answers == {"ratio_A": "6/9", "limit_pounds": "", "limit_percent": "2.99", "band_d_current": "265.5"}


def test_the_display_needs_both_languages_and_a_readable_colour() -> None:
    fields = {"name_en": "Office", "name_cy": "Swyddfa", "head_title_en": "PCC", "head_title_cy": "CHTh",
              "brand_colour": "#1d70b8", "privacy_url": "https://example.org/p", "contact_email": ""}
    checked = rules.check_display(fields)
    assert checked.value == TenantDisplay(name={"en": "Office", "cy": "Swyddfa"}, head_title={"en": "PCC",
                                          "cy": "CHTh"}, brand_colour="#1d70b8", privacy_url="https://example.org/p")
    assert rules.display_answers(checked.value)["privacy_url"] == "https://example.org/p"
    assert set(rules.check_display({**fields, "head_title_cy": "", "brand_colour": "#eeeeee"}).errors) == {
        "head_title_cy", "brand_colour"}
    assert set(rules.check_display({**fields, "brand_colour": "blue", "contact_email": "x"}).errors) == {
        "brand_colour", "contact_email"}


def test_topics_are_one_a_line_each_key_once() -> None:
    assert rules.check_topics("asb: Anti-social behaviour\n\nroads:Road safety").value == [
        {"key": "asb", "label": "Anti-social behaviour"}, {"key": "roads", "label": "Road safety"}]
    assert rules.check_topics("asb: A\nasb: B").errors and rules.check_topics("Bad Key: x").errors
    assert rules.topics_text([{"key": "asb", "label": "ASB"}]) == "asb: ASB"


def test_the_roles_mapping_names_known_roles_only() -> None:
    checked = rules.check_roles("OPCC Admins: admin, viewer, admin\nhttps://idp/groups/1: analyst")
    assert checked.value == {"OPCC Admins": ["admin", "viewer"], "https://idp/groups/1": ["analyst"]}
    assert rules.check_roles("admins: root").errors and rules.check_roles("admins admin").errors
    assert rules.check_roles("a: admin\na: viewer").errors
    assert rules.roles_text({"b": ["viewer"], "a": ["admin", "analyst"]}) == "a: admin, analyst\nb: viewer"
    assert rules.check_roles("").value == {}


def test_an_uploaded_file_is_read_as_utf8_with_or_without_a_byte_order_mark() -> None:
    assert files.read_csv_file("área,x\n".encode()).value == "área,x\n"
    assert files.read_csv_file(b"\xef\xbb\xbfa,b\n").value == "a,b\n"
    assert files.read_csv_file(None).errors == {"file": files.NO_FILE}
    assert files.read_csv_file(b" \r\n").errors == {"file": files.EMPTY}
    assert files.read_csv_file(b"\xff\xfea\x00").errors == {"file": files.NOT_UTF8}
    assert files.read_csv_file(b"a" * files.MOST_BYTES).value
    assert files.read_csv_file(b"a" * (files.MOST_BYTES + 1)).errors == {"file": files.TOO_LARGE}


def test_the_services_mistakes_are_read_as_line_column_and_message() -> None:
    detail = [{"loc": ["body", "csv", 3, "area"], "msg": "is empty"}, {"loc": ["body", "csv", 1], "msg": "header"},
              {"loc": ["body", "csv"], "msg": "has no figures"}, {"loc": ["body", "count"], "msg": "bad"}]
    assert files.file_problems(detail) == [
        files.FileProblem("is empty", 3, "area"), files.FileProblem("header", 1),
        files.FileProblem("has no figures"), files.FileProblem("bad", column="count")]
    shown, more = files.shown_problems([files.FileProblem("x", line) for line in range(60)])
    assert len(shown) == files.MOST_PROBLEMS_SHOWN and more == 10
    assert files.shown_problems([]) == ([], 0)


def test_the_examples_have_the_header_the_services_want() -> None:
    assert files.AREAS.example.splitlines()[0] == files.AREAS.header == "postcode_district,area_key,area_name"
    assert files.POPULATIONS.example.splitlines()[0] == files.POPULATIONS.header == "area,dimension,category,count"
