"""Marks the staff pages' messages written outside the templates for translation (the Welsh catalogue's test finds
them by this name); the template translates each when it shows it."""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the gettext marker
    return message
