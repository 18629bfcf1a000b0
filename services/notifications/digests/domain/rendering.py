"""What a digest says: its items in the contact's language (both, Welsh first, when it is not known to be one),
each language's block with its ``lang``, and the links to unsubscribe and to change preferences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape, unescape

import nh3

from peel.notifications.digests.domain.digests import DigestFrequency, DigestItem
from peel.notifications.messages.domain.outgoing import Content

WORDS = {
    "en": {"daily": "Your daily digest", "weekly": "Your weekly digest",
           "unsubscribe": "Unsubscribe", "preferences": "Change how often you hear from us",
           "intro": "Here is what happened since your last digest."},
    "cy": {"daily": "Eich crynodeb dyddiol", "weekly": "Eich crynodeb wythnosol",
           "unsubscribe": "Dad-danysgrifio", "preferences": "Newid pa mor aml y clywch gennym",
           "intro": "Dyma beth sydd wedi digwydd ers eich crynodeb diwethaf."},
}


@dataclass(frozen=True, slots=True)
class DigestFacts:
    frequency: DigestFrequency
    language: str
    items: Sequence[DigestItem]
    unsubscribe: dict[str, str]
    preferences: dict[str, str]


def languages_of(language: str) -> tuple[str, ...]:
    return {"en": ("en",), "cy": ("cy",)}.get(language, ("cy", "en"))


def _text(fragment: str) -> str:
    return unescape(nh3.clean(fragment.replace("</p>", "</p>\n"), tags=set())).strip()


def _pick(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or texts.get("en") or texts.get("cy") or ""


def _text_block(facts: DigestFacts, language: str) -> str:
    words = WORDS[language]
    items = [f"{_pick(item.title, language)}\n{_text(_pick(item.body, language))}" for item in facts.items]
    footer = (f"{words['unsubscribe']}: {facts.unsubscribe[language]}\n"
              f"{words['preferences']}: {facts.preferences[language]}")
    return "\n\n".join([words[facts.frequency.value], words["intro"], *items, footer])


def _html_block(facts: DigestFacts, language: str) -> str:
    words = WORDS[language]
    items = "".join(f"<h2>{escape(_pick(item.title, language))}</h2>"
                    f"{nh3.clean(_pick(item.body, language))}" for item in facts.items)
    links = (f'<p><a href="{escape(facts.unsubscribe[language])}">{words["unsubscribe"]}</a> · '
             f'<a href="{escape(facts.preferences[language])}">{words["preferences"]}</a></p>')
    return (f'<div lang="{language}"><h1>{words[facts.frequency.value]}</h1><p>{words["intro"]}</p>'
            f"{items}{links}</div>")


def render_digest(facts: DigestFacts) -> Content:
    languages = languages_of(facts.language)
    subject = " / ".join(WORDS[language][facts.frequency.value] for language in languages)
    text = "\n\n----\n\n".join(_text_block(facts, language) for language in languages)
    html = "\n<hr>\n".join(_html_block(facts, language) for language in languages)
    return Content(subject=subject, text=text, html=html, language=", ".join(languages))
