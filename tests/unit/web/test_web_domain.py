"""The web service's pure rules and settings: languages, the office's defaults, the feed, the secret."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

import pytest
from pydantic import ValidationError

from peel.cli import relay, serve
from peel.web.domain.addresses import is_link_page, language_of, office_in
from peel.web.domain.feed import ATOM, FeedEntry, atom_feed
from peel.web.domain.language import Localised, localised, other_language
from peel.web.domain.tenants import contrast_with_white, default_display, is_tenant
from peel.web.settings import WebSettings


def test_the_offices_text_in_welsh_else_english_marked_as_english() -> None:
    both = {"en": "Road safety", "cy": "Diogelwch ar y ffyrdd"}
    assert localised(both, "cy") == Localised("Diogelwch ar y ffyrdd")
    assert localised({"en": "Road safety", "cy": None}, "cy") == Localised("Road safety", "en")
    assert localised({"en": "Road safety"}, "en") == Localised("Road safety")
    assert localised(None, "cy") == Localised("")
    assert other_language("cy") == "en"


def test_an_office_not_set_up_is_named_from_its_id() -> None:
    display = default_display("north-wales")
    assert display.name["en"] == "Office of the Police and Crime Commissioner for North Wales"
    assert display.head_title["cy"].endswith("North Wales")
    assert is_tenant("north-wales") and not is_tenant("North Wales") and not is_tenant("../etc")


def test_the_atom_feed_lists_entries_with_their_links() -> None:
    when = datetime(2027, 1, 5, 9, tzinfo=UTC)
    body = atom_feed(feed_id="https://pcc.example/en/cheshire/", title="Cheshire PCC", url="https://pcc.example/",
                     self_url="https://pcc.example/en/cheshire/feed.atom", lang="en", updated=when,
                     entries=[FeedEntry("urn:uuid:1", "Policing priorities", "https://pcc.example/c/1", when, "Say")])
    feed = ET.fromstring(body)
    entry = feed.find(f"{{{ATOM}}}entry")
    assert entry.find(f"{{{ATOM}}}title").text == "Policing priorities"
    assert entry.find(f"{{{ATOM}}}link").get("href") == "https://pcc.example/c/1"
    assert feed.find(f"{{{ATOM}}}updated").text == "2027-01-05T09:00:00+00:00"


def test_the_web_service_answers_on_8105_and_refuses_the_development_secret_in_production() -> None:
    assert WebSettings().port == 8105
    with pytest.raises(ValidationError, match="PEEL_WEB_SECRET_KEY"):
        WebSettings(environment="production", pg_password="a-real-one", auth_jwks_url="https://idp.example/jwks")


def test_peel_serves_the_web_pages_but_runs_no_relay_for_them() -> None:
    root = argparse.ArgumentParser()
    commands = root.add_subparsers()
    serve.register(commands)
    relay.register(commands)
    assert root.parse_args(["serve", "web"]).service == "web"
    with pytest.raises(SystemExit):
        root.parse_args(["relay", "web"])


def test_white_text_contrast_on_an_offices_colour() -> None:
    assert round(contrast_with_white("#1d70b8"), 2) == 5.17  # GOV.UK blue
    assert round(contrast_with_white("#000000"), 1) == 21.0
    assert contrast_with_white("#ffdd00") < 4.5  # GOV.UK yellow: unreadable behind white text


def test_what_a_pages_address_says() -> None:
    assert (language_of("/cy/cheshire/privacy"), language_of("/en"), language_of("/xx/cheshire/")) == ("cy", "en", None)
    assert office_in("/en/cheshire/consultations/1") == "cheshire"
    assert office_in("/en/bookings/1") is None and office_in("/v1/tenants/cheshire/display") is None
    assert is_link_page("/en/bookings/1/cancel") and is_link_page("/cy/assemblies/a/registrations/r/withdraw")
    assert not is_link_page("/en/cheshire/assemblies/a") and not is_link_page("/en/assemblies/a/register/code")
    assert is_link_page("/cy/cheshire/unsubscribe/t") and is_link_page("/en/cheshire/council-details/t")
    assert not is_link_page("/en/unsubscribe/t")  # on an office's own host, the office is added
