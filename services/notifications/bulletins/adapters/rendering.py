"""A bulletin rendered once per language choice and layout: an HTML page (Jinja2, autoescaped; ``lang`` on each
language's block) and plain text, with markers where each recipient's own links go. Filling the markers is a
string replacement, so thousands of messages cost one rendering."""

from __future__ import annotations

import html
from dataclasses import dataclass

import jinja2
import nh3
from markupsafe import Markup

from peel.notifications.bulletins.domain.bulletins import Draft

UNSUBSCRIBE = "unsubscribe"
PREFERENCES = "preferences"
ACKNOWLEDGE = "acknowledge"
TEST_MARK = "[TEST] "
WORDS = {
    "en": {UNSUBSCRIBE: "Unsubscribe", PREFERENCES: "Choose what you hear about and how often",
           ACKNOWLEDGE: "Tell us your council has received this"},
    "cy": {UNSUBSCRIBE: "Dad-danysgrifio", PREFERENCES: "Dewiswch beth rydych yn clywed amdano a pha mor aml",
           ACKNOWLEDGE: "Rhowch wybod i ni fod eich cyngor wedi derbyn hwn"},
}
PAGE = """<!DOCTYPE html>
<html lang="{{ languages[0] }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ subject }}</title>
</head>
<body style="margin:0;padding:0;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c">
{%- if side_by_side %}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
{%- for block in blocks %}<td width="50%" valign="top">{{ block }}</td>{% endfor %}
</tr></table>
{%- else %}
{%- for block in blocks %}{% if not loop.first %}<hr>{% endif %}{{ block }}{% endfor %}
{%- endif %}
</body>
</html>
"""
BLOCK = """<div lang="{{ language }}" style="padding:16px">
{%- if test %}<p><strong>TEST</strong></p>{% endif %}
<h1 style="font-size:24px">{{ title }}</h1>
{%- for item in items %}
<h2 style="font-size:19px">{{ item.title }}</h2>
{{ item.body }}
{%- endfor %}
<p style="font-size:14px">
{%- for link in links %}<a href="{{ marker(link, language) }}">{{ words[link] }}</a>{% if not loop.last %} | {% endif %}
{%- endfor %}</p>
</div>"""
ENVIRONMENT = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
PAGE_TEMPLATE = ENVIRONMENT.from_string(PAGE)
BLOCK_TEMPLATE = ENVIRONMENT.from_string(BLOCK)


def marker(link: str, language: str) -> str:
    """Where a recipient's link goes, in the language of the block around it."""
    return f"%%{link}:{language}%%"


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    text: str
    html: str
    language: str  # Content-Language: 'en', 'cy', or both in the order shown ('cy, en')


def render(draft: Draft, languages: tuple[str, ...], side_by_side: bool, links: tuple[str, ...],
           test: bool = False) -> Rendered:
    """The bulletin in ``languages`` (in that order), with markers for ``links``; a test copy says so."""
    subject = (TEST_MARK if test else "") + " / ".join(_text(draft.title, language) for language in languages)
    blocks = [Markup(_block(draft, language, links, test)) for language in languages]
    page = PAGE_TEMPLATE.render(languages=languages, subject=subject, blocks=blocks, side_by_side=side_by_side)
    text = "\n\n----\n\n".join(_plain(draft, language, links, test) for language in languages)
    return Rendered(subject, text, page, ", ".join(languages))


def _block(draft: Draft, language: str, links: tuple[str, ...], test: bool) -> str:
    items = [{"title": _text(item.title, language), "body": Markup(_text(item.body, language))}
             for item in draft.items]
    return BLOCK_TEMPLATE.render(language=language, title=_text(draft.title, language), items=items, links=links,
                                 marker=marker, words=WORDS[language], test=test)


def _plain(draft: Draft, language: str, links: tuple[str, ...], test: bool) -> str:
    lines = (["TEST"] if test else []) + [_text(draft.title, language), ""]
    for item in draft.items:
        lines += [_text(item.title, language), "", _as_text(_text(item.body, language)), ""]
    lines += [f"{WORDS[language][link]}: {marker(link, language)}" for link in links]
    return "\n".join(lines).strip()


def _text(texts: dict[str, str], language: str) -> str:
    """The text in ``language``; the other language's when it is missing (a warning said so)."""
    return texts.get(language) or texts.get("en") or texts.get("cy") or ""


def _as_text(body: str) -> str:
    spaced = body.replace("</p>", "</p>\n\n").replace("<br>", "\n").replace("</li>", "</li>\n")
    return html.unescape(nh3.clean(spaced, tags=set())).strip()
