"""A tenant's precept settings: its council-tax band ratios, referendum limit and current Band D.

Each band's ratio is its share of Band D: bands A to H, and I for Welsh offices. Band D is 1
by definition, and every band pays more than the one before it. A ratio is written as a
fraction ("6/9") or a decimal ("0.6667").

A tenant that has not set its own gets ``ENGLAND``: the statutory ratios for England
(A 6/9, B 7/9, C 8/9, D 9/9, E 11/9, F 13/9, G 15/9, H 18/9), no referendum limit and no
current Band D. A precept consultation copies the ratios and the limit when it is created,
so editing the settings later never changes the figures of an existing consultation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

from peel.common.errors import FieldError, InvalidInput
from peel.consultation.domain.precept import STATUTORY_RATIOS, ReferendumLimit

BANDS = "ABCDEFGHI"
EVERY_OFFICE_HAS = "ABCDEFGH"
_RATIO = re.compile(r"([+-]?[0-9]+(?:\.[0-9]+)?)(?:/([0-9]+))?")
_HOW_TO_WRITE = 'write it as a share of Band D, such as "6/9" or "0.6667"'


@dataclass(frozen=True, slots=True)
class PreceptSettings:
    """What a tenant's precept consultations use unless one says otherwise."""

    ratios: Mapping[str, Fraction] = field(default_factory=lambda: STATUTORY_RATIOS)
    referendum_limit: ReferendumLimit | None = None
    band_d_current: Decimal | None = None
    configured: bool = True

    def check(self) -> None:
        """Raise ``InvalidInput`` naming every problem with these settings."""
        if errors := self.problems():
            raise InvalidInput(errors)

    def problems(self) -> list[FieldError]:
        errors = ratio_problems(self.ratios)
        if self.referendum_limit:
            errors += [FieldError(("referendum_limit", *e.location), e.reason)
                       for e in self.referendum_limit.problems()]
        if self.band_d_current is not None and self.band_d_current <= 0:
            errors.append(FieldError(("band_d_current",), "must be more than 0"))
        return errors


ENGLAND = PreceptSettings(configured=False)


def read_ratios(given: Mapping[str, str]) -> dict[str, Fraction]:
    """``{"A": "6/9", "B": "0.7778", ...}`` -> the ratios in band order, or ``InvalidInput`` naming each mistake."""
    ratios, errors = {}, []
    for band, text in sorted(given.items(), key=lambda item: _band_order(item[0])):
        try:
            ratios[band] = ratio_of(text)
        except ValueError as error:
            errors.append(FieldError(("ratios", band), str(error)))
    if errors:
        raise InvalidInput(errors)
    return ratios


def ratio_of(text: str) -> Fraction:
    """``"6/9"`` -> 2/3, ``"0.5"`` -> 1/2; ``ValueError`` with the reason for anything else."""
    match = _RATIO.fullmatch(text.strip().replace(" ", ""))
    if not match:
        raise ValueError(f"{text!r} is not a ratio: {_HOW_TO_WRITE}")
    numerator, denominator = match.groups()
    if denominator is not None and int(denominator) == 0:
        raise ValueError(f"{text!r} divides by 0: {_HOW_TO_WRITE}")
    return Fraction(numerator) / int(denominator or 1)


def ratio_texts(ratios: Mapping[str, Fraction]) -> dict[str, str]:
    return {band: ratio_text(ratio) for band, ratio in ratios.items()}


def ratio_text(ratio: Fraction) -> str:
    """2/3 -> ``"6/9"`` (ninths, as the statutory table has them), 1/2 -> ``"0.5"``, 5/7 -> ``"5/7"``."""
    if (ratio * 9).denominator == 1:
        return f"{ratio * 9}/9"
    if _terminates(ratio.denominator):
        return str(Decimal(ratio.numerator) / Decimal(ratio.denominator))
    return f"{ratio.numerator}/{ratio.denominator}"


def ratio_problems(ratios: Mapping[str, Fraction]) -> list[FieldError]:
    """Unknown or missing bands, Band D other than 1, ratios not above 0 or not above the band before."""
    errors = [FieldError(("ratios", band), "not a council-tax band: use A to H, and I in Wales")
              for band in ratios if band not in BANDS]
    errors += [FieldError(("ratios", band), "missing: give every band from A to H")
               for band in EVERY_OFFICE_HAS if band not in ratios]
    if "D" in ratios and ratios["D"] != 1:
        errors.append(FieldError(("ratios", "D"), "Band D is 1 by definition"))
    errors += [FieldError(("ratios", band), "must be more than 0") for band, ratio in ratios.items() if ratio <= 0]
    return errors + _not_increasing(ratios)


def _not_increasing(ratios: Mapping[str, Fraction]) -> list[FieldError]:
    given = [band for band in BANDS if band in ratios]
    return [FieldError(("ratios", band), f"must be more than band {before}'s {ratio_text(ratios[before])}")
            for before, band in pairwise(given) if 0 < ratios[band] <= ratios[before]]


def _band_order(band: str) -> int:
    return BANDS.index(band) if band in BANDS else len(BANDS)


def _terminates(denominator: int) -> bool:
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1
