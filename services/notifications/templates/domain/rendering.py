"""A template version filled for one message: a part per language in the layout's order, then its ``Content``.

The plain text shows the parts one after another with a separator; the HTML (made by an ``HtmlRenderer``
outside the domain) gets the same parts as a ``Document``: each part's ``lang``, its paragraphs and bullets,
and whether they stand side by side. Text messages carry the text only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.messages.domain.outgoing import Content
from peel.notifications.templates.domain.filling import BULLET, Values, fill, language_values
from peel.notifications.templates.domain.layouts import LANGUAGES, Layout, languages_shown
from peel.notifications.templates.domain.template_parts import Template

SEPARATOR = "\n\n---\n\n"


@dataclass(frozen=True, slots=True)
class Paragraph:
    lines: tuple[str, ...]
    bullets: bool = False


@dataclass(frozen=True, slots=True)
class Part:
    language: str
    subject: str
    text: str

    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(run for block in self.text.split("\n\n") for run in _runs(block))


@dataclass(frozen=True, slots=True)
class Document:
    """What the HTML shows: ``lang`` of the page is the first part's."""

    parts: tuple[Part, ...]
    side_by_side: bool = False

    @property
    def language(self) -> str:
        return self.parts[0].language


HtmlRenderer = Callable[[Document], str]


@dataclass(frozen=True, slots=True)
class Rendering:
    parts: tuple[Part, ...]
    side_by_side: bool
    missing: tuple[str, ...]

    def document(self) -> Document:
        return Document(self.parts, self.side_by_side)

    @property
    def languages(self) -> str:
        return ", ".join(part.language for part in self.parts)


def render_parts(template: Template, values: Values, layout: Layout, language: str,
                 channel: Channel = Channel.EMAIL) -> Rendering:
    """Each language's part the message shows; a language the template lacks is left out."""
    body = template.wording(channel is Channel.SMS)
    shown = [code for code in languages_shown(layout, language) if template.has(code)]
    shown = shown or [code for code in LANGUAGES if template.has(code)][:1] or ["en"]
    parts, missing = [], []
    for code in shown:
        part_values = language_values(template, values, code)
        subject, unfilled_subject = fill(template.subject.of(code), part_values)
        text, unfilled_text = fill(body.of(code), part_values)
        parts.append(Part(code, subject.strip(), text.strip("\n")))
        missing.extend((*unfilled_subject, *unfilled_text))
    side_by_side = layout is Layout.SIDE_BY_SIDE and len(parts) > 1
    return Rendering(tuple(parts), side_by_side, tuple(dict.fromkeys(missing)))


def content_of(rendering: Rendering, channel: Channel, html: HtmlRenderer | None = None) -> Content:
    """Email: subject, text and HTML; a text message: the text only; a letter: its heading and text."""
    if channel is Channel.SMS:
        return Content("", "\n\n".join(part.text for part in rendering.parts), None, rendering.languages)
    subject = " / ".join(part.subject for part in rendering.parts if part.subject)
    text = SEPARATOR.join(part.text for part in rendering.parts) + "\n"
    markup = html(rendering.document()) if html is not None and channel is Channel.EMAIL else None
    return Content(subject, text, markup, rendering.languages)


def _runs(block: str) -> list[Paragraph]:
    """A block's lines grouped into runs of plain lines and runs of bullet points."""
    runs: list[Paragraph] = []
    for line in (line for line in block.split("\n") if line.strip()):
        bullet = line.startswith(BULLET)
        text = line[len(BULLET):] if bullet else line
        if runs and runs[-1].bullets == bullet:
            runs[-1] = Paragraph((*runs[-1].lines, text), bullet)
        else:
            runs.append(Paragraph((text,), bullet))
    return runs
