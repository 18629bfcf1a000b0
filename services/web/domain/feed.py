"""The office's Atom feed (RFC 4287): open consultations and upcoming public meetings, for other websites."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    url: str
    updated: datetime
    summary: str = ""


def atom_feed(*, feed_id: str, title: str, url: str, self_url: str, lang: str, updated: datetime,
              entries: Iterable[FeedEntry]) -> bytes:
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": lang})
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    _text(feed, "updated", updated.isoformat())
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": url})
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": self_url})
    author = ET.SubElement(feed, "author")
    _text(author, "name", title)
    for entry in entries:
        _entry(feed, entry)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _entry(feed: ET.Element, entry: FeedEntry) -> None:
    element = ET.SubElement(feed, "entry")
    _text(element, "id", entry.id)
    _text(element, "title", entry.title)
    _text(element, "updated", entry.updated.isoformat())
    ET.SubElement(element, "link", {"rel": "alternate", "type": "text/html", "href": entry.url})
    if entry.summary:
        _text(element, "summary", entry.summary)


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text
