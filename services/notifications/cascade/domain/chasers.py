"""What a chaser says: a short bilingual reminder to a council that has not yet acknowledged a stakeholder
bulletin, with its acknowledgement link. Welsh first for a Welsh-speaking clerk, English first otherwise; each
language's block carries its ``lang``."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from peel.notifications.messages.domain.outgoing import Content


@dataclass(frozen=True, slots=True)
class ChaserFacts:
    """What a chaser needs: the bulletin's title in each language, the council's name, and the link per
    language; ``language`` is the clerk's (en, cy or both)."""

    title: dict[str, str]
    council: str
    links: dict[str, str]
    language: str
    number: int


WORDS = {
    "en": {"subject": "Reminder: please acknowledge “{title}”",
           "body": "Dear clerk of {council},\n\nWe sent you “{title}”. Please tell us whether it was received, "
                   "shared with residents, or is on the agenda of a meeting: {link}\n\nThank you."},
    "cy": {"subject": "Nodyn atgoffa: cydnabyddwch “{title}”",
           "body": "Annwyl glerc {council},\n\nAnfonwyd “{title}” atoch. Rhowch wybod i ni a ddaeth i law, a "
                   "rannwyd gyda thrigolion, neu a yw ar agenda cyfarfod: {link}\n\nDiolch."},
}


def order(language: str) -> tuple[str, ...]:
    return ("cy", "en") if language == "cy" else ("en", "cy")


def _part(facts: ChaserFacts, language: str, key: str) -> str:
    title = facts.title.get(language) or facts.title.get("en") or facts.title.get("cy") or ""
    return WORDS[language][key].format(title=title, council=facts.council, link=facts.links[language])


def render_chaser(facts: ChaserFacts) -> Content:
    languages = order(facts.language)
    subject = " / ".join(_part(facts, language, "subject") for language in languages)
    text = "\n\n----\n\n".join(_part(facts, language, "body") for language in languages)
    html = "\n<hr>\n".join(_html_block(facts, language) for language in languages)
    return Content(subject=subject, text=text, html=html, language=", ".join(languages))


def _html_block(facts: ChaserFacts, language: str) -> str:
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in _part(facts, language, "body").split("\n\n"))
    return f'<div lang="{language}">{paragraphs}</div>'
