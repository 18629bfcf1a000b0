"""A preview of a template version with sample values: what each language says, the HTML and text, what a
text message would cost, and warnings an office should see before it sends."""

from __future__ import annotations

from dataclasses import dataclass

from peel.notifications.contacts.domain.consents import Channel
from peel.notifications.messages.domain.outgoing import Content
from peel.notifications.templates.domain.filling import Value, Values, moment
from peel.notifications.templates.domain.layouts import Layout
from peel.notifications.templates.domain.rendering import HtmlRenderer, Rendering, content_of, render_parts
from peel.notifications.templates.domain.sms import NOTIFY_LIMIT, SmsCount, count
from peel.notifications.templates.domain.template_parts import Kind, Template

MOST_TEXT_MESSAGES = 3


@dataclass(frozen=True, slots=True)
class Preview:
    subject: dict[str, str]
    content: Content
    sms: SmsCount
    warnings: tuple[str, ...]


def preview(template: Template, values: Values, layout: Layout, language: str, channel: Channel,
            html: HtmlRenderer) -> Preview:
    rendering = render_parts(template, values, layout, language, channel)
    sms = count(content_of(render_parts(template, values, layout, language, Channel.SMS), Channel.SMS).text)
    subject = {"en": "", "cy": "", **{part.language: part.subject for part in rendering.parts}}
    notes = warnings(template, values, rendering, language, sms if channel is Channel.SMS else None)
    return Preview(subject, content_of(rendering, channel, html), sms, notes)


def warnings(template: Template, values: Values, rendering: Rendering, language: str,
             sms: SmsCount | None) -> tuple[str, ...]:
    found = [*_language_warnings(template, language), *_value_warnings(template, values, language)]
    found.extend(f"placeholder {name} has no value" for name in rendering.missing)
    if sms is not None:
        found.extend(_sms_warnings(sms))
    return tuple(dict.fromkeys(found))


def _language_warnings(template: Template, language: str) -> list[str]:
    if language in ("both", "cy") and not template.has("cy"):
        return ["the Welsh part is missing"]
    if language in ("both", "en") and not template.has("en"):
        return ["the English part is missing"]
    return []


def _value_warnings(template: Template, values: Values, language: str) -> list[str]:
    found = [f"{name} is not a placeholder of this template" for name in sorted(set(values) - template.allowed())]
    for placeholder in template.placeholders:
        value = values.get(placeholder.name)
        if value is None:
            continue
        if placeholder.kind is Kind.DATETIME and not (isinstance(value, str) and moment(value)):
            found.append(f"placeholder {placeholder.name} is not a date and time with its UTC offset")
        elif (placeholder.kind is not Kind.DATETIME and language != "en" and template.has("cy")
              and f"{placeholder.name}_cy" not in values and _wordy(value)):
            found.append(f"placeholder {placeholder.name} has no Welsh value ({placeholder.name}_cy)")
        if placeholder.sanitise:
            found.append(f"links are taken out of placeholder {placeholder.name}")
    return found


def _wordy(value: Value) -> bool:
    """Whether a value is words that could need translating (not a number, a reference or a link)."""
    text = value if isinstance(value, str) else " ".join(value)
    return any(character.isalpha() for character in text) and not _mapping_like(text)


def _mapping_like(text: str) -> bool:
    return text.startswith(("http://", "https://")) or (" " not in text and any(c.isdigit() for c in text))


def _sms_warnings(sms: SmsCount) -> list[str]:
    found = []
    if sms.segments > MOST_TEXT_MESSAGES:
        found.append(f"longer than {MOST_TEXT_MESSAGES} text messages ({sms.segments})")
    if sms.characters > NOTIFY_LIMIT:
        found.append(f"longer than GOV.UK Notify's limit of {NOTIFY_LIMIT} characters")
    if sms.encoding == "UCS-2":
        found.append("characters outside GSM-7 (such as Welsh â ê î ô û ŵ ŷ) make each text message shorter")
    return found
