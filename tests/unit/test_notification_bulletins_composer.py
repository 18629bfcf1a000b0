"""The bulletin composer: one rendering per language and kind of message, each message given only its own links
(unsubscribe and preferences; the acknowledgement page for a council's role holder), ``lang`` on each language's
block; and a bulletin's statistics counted from its messages."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime
from types import SimpleNamespace

from peel.notifications.bulletins.adapters.composer import compose
from peel.notifications.bulletins.domain.bulletins import BulletinStatus, Draft, Item, new_bulletin
from peel.notifications.bulletins.domain.stats import StatusCount, stats_of
from peel.notifications.contacts.domain.audience import Audience
from peel.notifications.contacts.domain.consents import Category
from peel.notifications.contacts.domain.links import Links, token_of
from peel.notifications.templates.domain.layouts import Layout

NOW = datetime(2027, 3, 1, 10, tzinfo=UTC)
LINKS = Links(b"secret", "https://pages.example")
DRAFT = Draft(title={"en": "News & views", "cy": "Newyddion"}, sender="office", category=Category.SUBSCRIPTION,
              audience=Audience(topics=("bulletin",)),
              items=(Item(title={"en": "Survey", "cy": "Arolwg"},
                          body={"en": "<p>Tell us <strong>now</strong></p>", "cy": "<p>Dywedwch wrthym</p>"}),))


def message(bulletin, language: str = "both", category: str = "subscription", organisation: uuid.UUID | None = None,
            test: bool = False) -> SimpleNamespace:
    return SimpleNamespace(id=uuid.uuid4(), tenant=bulletin.tenant, source_id=bulletin.id,
                           bulletin_id=None if test else bulletin.id, contact_id=None if test else uuid.uuid4(),
                           sender="office", topic="bulletin", channel="email", language=language, category=category,
                           personalisation={"organisation_id": str(organisation)} if organisation else {})


def test_each_subscriber_gets_its_own_unsubscribe_and_preferences_links_in_each_language():
    bulletin = new_bulletin("cheshire", DRAFT, "author", NOW)
    first, second = message(bulletin), message(bulletin)
    composed = compose([first, second], {bulletin.id: bulletin}, {}, LINKS)
    content = composed[first.id]
    assert content.subject == "News & views / Newyddion"
    assert content.language == "en, cy"
    assert '<div lang="en"' in content.html and '<div lang="cy"' in content.html
    assert content.html.index('lang="en"') < content.html.index('lang="cy"')
    assert "<strong>now</strong>" in content.html and "News &amp; views" in content.html
    unsubscribe = LINKS.unsubscribe("cheshire", first.contact_id, "office", "bulletin", "email", first.id, "cy")
    assert unsubscribe in content.text and unsubscribe.replace("&", "&amp;") in content.html
    read = LINKS.read(token_of(unsubscribe), "unsubscribe")
    assert (read["contact_id"], read["message_id"]) == (str(first.contact_id), str(first.id))
    assert str(first.contact_id) not in composed[second.id].text and "%%" not in composed[second.id].html
    assert "Tell us now" in content.text and "<strong>" not in content.text


def test_a_welsh_speaker_gets_welsh_only_and_the_office_layout_orders_both():
    bulletin = new_bulletin("cheshire", DRAFT, "author", NOW)
    welsh, both = message(bulletin, "cy"), message(bulletin)
    composed = compose([welsh, both], {bulletin.id: bulletin}, {"cheshire": Layout.CY_FIRST}, LINKS)
    assert (composed[welsh.id].subject, composed[welsh.id].language) == ("Newyddion", "cy")
    assert 'lang="en"' not in composed[welsh.id].html.split("<body", 1)[1]
    assert composed[both.id].language == "cy, en"


def test_a_council_role_holder_gets_the_acknowledgement_link_and_no_unsubscribe_link():
    bulletin = new_bulletin("cheshire", replace(DRAFT, category=Category.STAKEHOLDER), "author", NOW)
    council = uuid.uuid4()
    clerk = message(bulletin, "en", "stakeholder", council)
    content = compose([clerk], {bulletin.id: bulletin}, {}, LINKS)[clerk.id]
    acknowledge = LINKS.acknowledge("cheshire", bulletin.id, council, "en")
    assert acknowledge in content.text
    assert "Unsubscribe" not in content.text
    assert LINKS.read(token_of(acknowledge), "acknowledge")["organisation_id"] == str(council)


def test_a_test_copy_is_marked_and_a_cancelled_or_unknown_bulletin_is_not_composed():
    bulletin = new_bulletin("cheshire", DRAFT, "author", NOW)
    test = message(bulletin, test=True)
    assert compose([test], {bulletin.id: bulletin}, {}, LINKS)[test.id].subject.startswith("[TEST] ")
    cancelled = replace(bulletin, status=BulletinStatus.CANCELLED)
    assert compose([message(bulletin)], {bulletin.id: cancelled}, {}, LINKS) == {}
    assert compose([message(bulletin)], {}, {}, LINKS) == {}
    elsewhere = message(bulletin)
    elsewhere.tenant = "dyfed_powys"
    assert compose([elsewhere], {bulletin.id: bulletin}, {}, LINKS) == {}


def test_stats_group_statuses_and_reasons():
    counts = [StatusCount("created", None, 5), StatusCount("sending", None, 2), StatusCount("delivered", None, 10),
              StatusCount("sent", None, 3), StatusCount("permanent-failure", None, 1),
              StatusCount("technical-failure", None, 1), StatusCount("suppressed", "no_consent", 4),
              StatusCount("suppressed", "suppressed:hard_bounce", 2), StatusCount("held", "quiet_hours", 6),
              StatusCount("cancelled", "bulletin_cancelled", 7)]
    stats = stats_of("sent", counts, digest=3, unsubscribed=2)
    assert (stats.queued, stats.sent, stats.delivered, stats.failed, stats.suppressed, stats.held,
            stats.cancelled, stats.digest, stats.unsubscribed) == (7, 3, 10, 2, 6, 6, 7, 3, 2)
    assert stats.suppressed_by_reason == {"no_consent": 4, "suppressed:hard_bounce": 2}
    assert stats.total == 44
