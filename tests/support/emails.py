"""Reading the emails the services send: their plain-text part, whether or not an HTML part comes with it."""

from __future__ import annotations

from email.message import EmailMessage


def text_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",)) if message.is_multipart() else message
    assert part is not None, message["Subject"]
    return part.get_content()
