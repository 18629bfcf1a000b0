"""Rendering a template in an office's layout: the order of the languages, ``lang`` on each part, the text,
text-message segments as GOV.UK Notify counts them, and a preview's warnings."""

import re

import pytest

from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.templates.adapters.html import render_html
from peel.notifications.templates.domain.layouts import Layout
from peel.notifications.templates.domain.preview import preview
from peel.notifications.templates.domain.rendering import content_of, render_parts
from peel.notifications.templates.domain.sms import count
from peel.notifications.templates.domain.template_parts import Bilingual, Kind, Placeholder, Template, TemplateKind
from peel.notifications.templates.domain.templates import CONSULTATION_RECEIPT, TEMPLATES, render
from tests.support.receipts import VALUES

REMINDER = Template("surgery_sms", Bilingual("", ""),
                    Bilingual("Your appointment with ((host)) is on ((starts_at)).",
                              "Mae eich apwyntiad gyda ((host)) ar ((starts_at))."),
                    (Placeholder("host"), Placeholder("starts_at", Kind.DATETIME)), TemplateKind.SMS)
SMS_VALUES = {"host": "the Commissioner", "host_cy": "y Comisiynydd", "starts_at": "2027-03-02T10:00:00Z"}


def email(layout: Layout, language: str = "both", values: dict | None = None):
    return content_of(render_parts(CONSULTATION_RECEIPT, values or VALUES, layout, language), Channel.EMAIL,
                      render_html)


def blocks(html: str) -> list[str]:
    return re.findall(r'<div class="part" lang="(\w+)">', html)


def test_welsh_first_puts_welsh_first_everywhere_with_lang_on_each_part():
    content = email(Layout.CY_FIRST)
    assert content.subject == "Eich ymateb i Blaenoriaethau plismona / Your response to Policing priorities"
    welsh, english = content.text.split("\n\n---\n\n")
    assert welsh.startswith("Diolch am ymateb") and "10 Gorffennaf 2027 am 10:05" in welsh
    assert english.startswith("Thank you for responding") and "10 July 2027 at 10:05" in english
    assert content.language == "cy, en"
    assert '<html lang="cy">' in content.html and blocks(content.html) == ["cy", "en"]
    welsh_block = content.html.split('lang="en"')[0].split('<div class="part" lang="cy">')[1]
    assert "Diolch am ymateb" in welsh_block and "Thank you" not in welsh_block


def test_english_first_is_the_default_and_keeps_todays_receipt():
    content = email(Layout.EN_FIRST)
    assert content.subject == "Your response to Policing priorities / Eich ymateb i Blaenoriaethau plismona"
    assert content.language == "en, cy" and '<html lang="en">' in content.html and blocks(content.html) == ["en", "cy"]
    classic = render(CONSULTATION_RECEIPT, VALUES)
    assert (classic.subject, classic.body) == (content.subject, content.text)


def test_side_by_side_is_a_two_column_table_that_stacks():
    content = email(Layout.SIDE_BY_SIDE)
    assert '<table role="presentation"' in content.html and content.html.count('class="column"') == 2
    assert "max-width: 600px" in content.html and blocks(content.html) == ["cy", "en"]
    assert '<html lang="cy">' in content.html


@pytest.mark.parametrize("layout", list(Layout))
def test_a_message_in_one_language_shows_that_part_only(layout):
    welsh = email(layout, "cy")
    assert welsh.subject == "Eich ymateb i Blaenoriaethau plismona" and "Thank you" not in welsh.text
    assert welsh.language == "cy" and blocks(welsh.html) == ["cy"] and '<html lang="cy">' in welsh.html
    english = email(layout, "en")
    assert english.language == "en" and "Diolch" not in english.text and blocks(english.html) == ["en"]


def test_separate_shows_both_when_the_language_is_not_known():
    assert email(Layout.SEPARATE, "both").language == "cy, en"


def test_values_are_escaped_in_html_and_links_become_links():
    values = {**VALUES, "withdrawal_instructions": "<b>Write</b> to https://example.org/withdraw?a=1&b=2"}
    html = email(Layout.EN_FIRST, "en", values).html
    assert "<b>Write</b>" not in html and "&lt;b&gt;Write&lt;/b&gt;" in html
    assert '<a href="https://example.org/withdraw?a=1&amp;b=2"' in html


def test_a_list_value_is_bullets_and_a_condition_shows_its_text_only_when_yes():
    template = Template("t", Bilingual("S", "S"), Bilingual("Items:\n\n((items))\n((late??Running late.))", ""),
                        (Placeholder("items"), Placeholder("late", required=False)))
    shown = render_parts(template, {"items": ["One", "Two"], "late": "yes"}, Layout.EN_FIRST, "both")
    html = render_html(shown.document())
    assert "<ul><li>One</li><li>Two</li></ul>" in html and "Running late." in shown.parts[0].text
    hidden = render_parts(template, {"items": ["One"], "late": "no"}, Layout.EN_FIRST, "both")
    assert "Running late" not in hidden.parts[0].text and "• One" in hidden.parts[0].text


def test_a_text_message_is_text_only_and_dates_are_written_in_each_language():
    content = content_of(render_parts(REMINDER, SMS_VALUES, Layout.CY_FIRST, "both"), Channel.SMS)
    assert content.html is None and content.subject == ""
    assert content.text == ("Mae eich apwyntiad gyda y Comisiynydd ar 2 Mawrth 2027 am 10:00.\n\n"
                            "Your appointment with the Commissioner is on 2 March 2027 at 10:00.")


@pytest.mark.parametrize(("text", "expected"), [
    ("a" * 160, ("GSM-7", 160, 1)),
    ("a" * 161, ("GSM-7", 161, 2)),
    ("a" * 306, ("GSM-7", 306, 2)),
    ("a" * 307, ("GSM-7", 307, 3)),
    ("€" * 80, ("GSM-7", 160, 1)),
    ("[" + "a" * 159, ("GSM-7", 161, 2)),
    ("é" * 160, ("GSM-7", 160, 1)),
    ("ŵ" + "a" * 69, ("UCS-2", 70, 1)),
    ("â" + "a" * 70, ("UCS-2", 71, 2)),
    ("ŷ" * 134, ("UCS-2", 134, 2)),
    ("ô" * 135, ("UCS-2", 135, 3)),
    ("", ("GSM-7", 0, 0)),
])
def test_segments_are_counted_as_notify_counts_them(text, expected):
    counted = count(text)
    assert (counted.encoding, counted.characters, counted.segments) == expected


def test_a_welsh_text_message_costs_more_than_the_english_one():
    english = count(content_of(render_parts(REMINDER, SMS_VALUES, Layout.CY_FIRST, "en"), Channel.SMS).text)
    welsh = count("Bydd eich apwyntiad ŵyl: " + "a" * 60)
    assert english.encoding == "GSM-7" and welsh.encoding == "UCS-2" and welsh.segments == 2


def test_preview_warns_of_a_missing_welsh_part_and_values():
    english_only = Template("t", Bilingual("Hello ((name))", ""), Bilingual("Dear ((name)), ((news))", ""),
                            (Placeholder("name"), Placeholder("news", Kind.TEXT)))
    shown = preview(english_only, {"name": "Ann", "colour": "red"}, Layout.CY_FIRST, "both", Channel.EMAIL,
                    render_html)
    assert "the Welsh part is missing" in shown.warnings
    assert "placeholder news has no value" in shown.warnings
    assert "colour is not a placeholder of this template" in shown.warnings
    assert shown.content.language == "en" and shown.subject == {"en": "Hello Ann", "cy": ""}


def test_preview_warns_of_a_value_without_its_welsh_and_of_long_text_messages():
    values = {"host": "the Commissioner for the whole county " * 12, "starts_at": "2027-03-02T10:00:00Z"}
    shown = preview(REMINDER, values, Layout.CY_FIRST, "both", Channel.SMS, render_html)
    assert "placeholder host has no Welsh value (host_cy)" in shown.warnings
    assert shown.sms.segments > 3 and any(w.startswith("longer than 3 text messages") for w in shown.warnings)
    assert not [w for w in shown.warnings if "starts_at" in w]
    quiet = preview(REMINDER, SMS_VALUES, Layout.CY_FIRST, "both", Channel.SMS, render_html)
    assert quiet.warnings == () and quiet.sms.segments == 1


def test_a_preview_with_a_broken_date_warns_instead_of_failing():
    shown = preview(REMINDER, {**SMS_VALUES, "starts_at": "tomorrow"}, Layout.EN_FIRST, "en", Channel.SMS,
                    render_html)
    assert "placeholder starts_at is not a date and time with its UTC offset" in shown.warnings
    assert "tomorrow" in shown.content.text


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_built_in_renders_fully_from_the_fields_other_services_send(key):
    template = TEMPLATES[key]
    values = {p.name: ("2027-03-02T10:00:00Z" if p.kind is Kind.DATETIME else f"v-{p.name}")
              for p in template.placeholders}
    for layout in Layout:
        rendering = render_parts(template, values, layout, "both")
        assert rendering.missing == () and len(rendering.parts) == 2
        content = content_of(rendering, Channel.EMAIL, render_html)
        assert "((" not in content.text and "((" not in content.html and " / " in content.subject
