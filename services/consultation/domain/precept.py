"""Precept consultations: what each proposed Band D change means for every council-tax band.

Each band pays its ratio of Band D (the statutory ratios by default: A pays 6/9 of Band D,
H pays 18/9; Welsh councils add band I at 21/9). For each option:

- the yearly change for a band is the Band D change times the band's ratio, rounded to the
  penny (halves away from zero);
- the weekly change is that rounded yearly change divided by 52, rounded to the penny the
  same way, so that a resident can check it from the yearly figure shown beside it;
- the percentage increase is the Band D change over the current Band D, rounded to two
  places; the referendum check uses the exact figure.

An option triggers a referendum when its Band D increase is more than the tenant's limit:
more than ``pounds`` a year, or more than ``percent`` per cent of the current Band D. Set the
limit to the largest increase allowed without a referendum.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import TypeVar

from peel.common.errors import FieldError, InvalidInput

_T = TypeVar("_T")
WEEKS_A_YEAR = 52
PENNY = Decimal("0.01")

STATUTORY_RATIOS: Mapping[str, Fraction] = MappingProxyType({
    "A": Fraction(6, 9), "B": Fraction(7, 9), "C": Fraction(8, 9), "D": Fraction(1),
    "E": Fraction(11, 9), "F": Fraction(13, 9), "G": Fraction(15, 9), "H": Fraction(18, 9),
})
WELSH_RATIOS: Mapping[str, Fraction] = MappingProxyType({**STATUTORY_RATIOS, "I": Fraction(21, 9)})


def pennies(amount: Fraction | Decimal) -> Decimal:
    """``amount`` pounds rounded to the penny, halves away from zero, computed exactly."""
    exact = Fraction(amount)
    whole = int(abs(exact) * 100 + Fraction(1, 2))
    return (Decimal(whole if exact >= 0 else -whole) / 100).quantize(PENNY)


@dataclass(frozen=True, slots=True)
class ReferendumLimit:
    """The largest Band D increase allowed without a referendum: pounds a year or per cent (one of them)."""

    pounds: Decimal | None = None
    percent: Decimal | None = None

    def is_exceeded_by(self, band_d_current: Decimal, change: Decimal) -> bool:
        if self.pounds is not None:
            return change > self.pounds
        assert self.percent is not None
        return Fraction(change) * 100 > Fraction(self.percent) * Fraction(band_d_current)

    def describe(self) -> str:
        if self.pounds is not None:
            return f"more than £{self.pounds.quantize(PENNY)} a year on Band D"
        return f"more than {self.percent}% on Band D"

    def problems(self) -> list[FieldError]:
        given = [name for name in ("pounds", "percent") if getattr(self, name) is not None]
        if len(given) != 1:
            reason = "not both" if given else "one is needed"
            return [FieldError((), f"give the limit either in pounds or as a percentage, {reason}")]
        return [FieldError((name,), "must not be negative") for name in given if getattr(self, name) < 0]


@dataclass(frozen=True, slots=True)
class PreceptOption:
    """One proposed change to the Band D precept, in pounds a year (negative for a cut)."""

    key: str
    change: Decimal


@dataclass(frozen=True, slots=True)
class BandChange:
    band: str
    yearly: Decimal
    weekly: Decimal


@dataclass(frozen=True, slots=True)
class OptionEffect:
    """What one option means: the new Band D, its percentage rise and every band's change."""

    option: PreceptOption
    new_band_d: Decimal
    percent_increase: Decimal
    bands: tuple[BandChange, ...]
    triggers_referendum: bool

    def band(self, name: str) -> BandChange:
        return _only(change for change in self.bands if change.band == name)


@dataclass(frozen=True, slots=True)
class PreceptProposal:
    """The options a precept consultation offers, against the current Band D and the tenant's rules."""

    band_d_current: Decimal
    options: tuple[PreceptOption, ...]
    ratios: Mapping[str, Fraction] = field(default_factory=lambda: STATUTORY_RATIOS)
    referendum_limit: ReferendumLimit | None = None

    def __post_init__(self) -> None:
        exact = {band: Fraction(ratio) for band, ratio in self.ratios.items()}
        object.__setattr__(self, "ratios", exact)

    def effects(self) -> tuple[OptionEffect, ...]:
        """The table residents see: one row per option, in the options' order."""
        return tuple(self.effect_of(option) for option in self.options)

    def effect(self, key: str) -> OptionEffect:
        return self.effect_of(_only(option for option in self.options if option.key == key))

    def effect_of(self, option: PreceptOption) -> OptionEffect:
        return OptionEffect(
            option=option, new_band_d=self.band_d_current + option.change,
            percent_increase=pennies(Fraction(option.change) * 100 / Fraction(self.band_d_current)),
            bands=tuple(band_change(band, option.change, ratio) for band, ratio in self.ratios.items()),
            triggers_referendum=self.triggers_referendum(option.change),
        )

    def triggers_referendum(self, change: Decimal) -> bool:
        limit = self.referendum_limit
        return limit is not None and limit.is_exceeded_by(self.band_d_current, change)

    def check(self) -> None:
        """Raise ``InvalidInput`` naming every problem with this proposal."""
        if errors := self.problems():
            raise InvalidInput(errors)

    def problems(self) -> list[FieldError]:
        errors = [FieldError(("band_d_current",), "must be more than 0")] if self.band_d_current <= 0 else []
        errors += [FieldError(("options",), "offer at least one option")] if not self.options else []
        errors += [error for i in range(len(self.options)) for error in self._option_problems(i)]
        errors += _ratio_problems(self.ratios)
        limit = self.referendum_limit
        if limit:
            errors += [FieldError(("referendum_limit", *e.location), e.reason) for e in limit.problems()]
        return errors

    def _option_problems(self, i: int) -> list[FieldError]:
        option, errors = self.options[i], []
        if option.key in [earlier.key for earlier in self.options[:i]]:
            errors.append(FieldError(("options", i, "key"), f"{option.key!r} is already the key of an earlier option"))
        if self.band_d_current + option.change < 0:
            errors.append(FieldError(("options", i, "change"), "would take Band D below £0"))
        return errors


def _only(found: Iterator[_T]) -> _T:
    for item in found:
        return item
    raise KeyError("no such option or band")


def _ratio_problems(ratios: Mapping[str, Fraction]) -> list[FieldError]:
    errors = [FieldError(("ratios", band), "must be more than 0") for band, ratio in ratios.items() if ratio <= 0]
    if ratios.get("D") != 1:
        errors.append(FieldError(("ratios", "D"), "Band D's ratio must be 1: every other band is a share of it"))
    return errors


def band_change(band: str, band_d_change: Decimal, ratio: Fraction) -> BandChange:
    """A band's yearly change (Band D change times its ratio) and weekly change (the rounded yearly / 52)."""
    yearly = pennies(Fraction(band_d_change) * ratio)
    return BandChange(band=band, yearly=yearly, weekly=pennies(Fraction(yearly) / WEEKS_A_YEAR))
