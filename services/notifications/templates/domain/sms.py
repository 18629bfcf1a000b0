"""How many text messages a text costs, counted as GOV.UK Notify counts them.

A text in the GSM-7 alphabet fits 160 characters in one message and 153 in each part of a longer one; the
extension characters (``^ { } \\ [ ~ ] | €``) count twice. Any other character, the Welsh â ê î ô û ŵ ŷ among
them, makes the whole text UCS-2: 70 characters in one message, 67 in each part of a longer one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà")
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")
GSM_SINGLE, GSM_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67
NOTIFY_LIMIT = 918


@dataclass(frozen=True, slots=True)
class SmsCount:
    encoding: str
    characters: int
    segments: int


def count(text: str) -> SmsCount:
    if all(character in GSM_BASIC or character in GSM_EXTENSION for character in text):
        characters = len(text) + sum(character in GSM_EXTENSION for character in text)
        return SmsCount("GSM-7", characters, _segments(characters, GSM_SINGLE, GSM_PART))
    characters = len(text.encode("utf-16-le")) // 2
    return SmsCount("UCS-2", characters, _segments(characters, UCS2_SINGLE, UCS2_PART))


def _segments(characters: int, single: int, part: int) -> int:
    if characters == 0:
        return 0
    return 1 if characters <= single else math.ceil(characters / part)
