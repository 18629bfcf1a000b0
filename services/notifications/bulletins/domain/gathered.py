"""Waiting items (news from other services: a consultation opening, its outcome, a meeting) as a bulletin's
items, in English and Welsh."""

from __future__ import annotations

from datetime import datetime

from peel.common.working_days import LONDON
from peel.notifications.bulletins.domain.bulletins import Item
from peel.notifications.bulletins.domain.items import BulletinItem
from peel.notifications.bulletins.domain.news import CONSULTATION_CLOSING_SOON

WELSH_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
                "Hydref", "Tachwedd", "Rhagfyr")
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")
DEADLINE = {"en": "Have your say by {date}.", "cy": "Dywedwch eich dweud erbyn {date}."}
CLOSING_SOON = {"en": "Closing soon: have your say by {date}.",
                "cy": "Yn cau cyn bo hir: dywedwch eich dweud erbyn {date}."}
WHEN = {"en": "On {date}.", "cy": "Ar {date}."}


def long_date(moment: datetime, language: str) -> str:
    local = moment.astimezone(LONDON)
    months = WELSH_MONTHS if language == "cy" else ENGLISH_MONTHS
    return f"{local.day} {months[local.month - 1]} {local.year}"


def as_item(waiting: BulletinItem) -> Item:
    """Its title; its body is the outcome or summary it carries, else when it closes (or happens)."""
    body = {language: _body(waiting, language) for language in ("en", "cy")}
    return Item(title=dict(waiting.title), body={key: text for key, text in body.items() if text},
                kind=waiting.kind, source_id=waiting.source_id)


def _body(waiting: BulletinItem, language: str) -> str:
    if waiting.outcome:
        text = waiting.outcome.get(language)
        return f"<p>{_escape(text)}</p>" if text else ""
    if waiting.closes_at is not None:
        words = CLOSING_SOON if waiting.kind == CONSULTATION_CLOSING_SOON else DEADLINE
        return f"<p>{words[language].format(date=long_date(waiting.closes_at, language))}</p>"
    return f"<p>{WHEN[language].format(date=long_date(waiting.happened_at, language))}</p>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
