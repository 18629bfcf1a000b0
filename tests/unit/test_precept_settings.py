"""A tenant's precept settings: reading and checking band ratios, and the figures its consultations show."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from peel.common.errors import InvalidInput
from peel.consultation.domain.precept import STATUTORY_RATIOS, WELSH_RATIOS, BandChange, ReferendumLimit
from peel.consultation.domain.precept_settings import (
    ENGLAND,
    PreceptSettings,
    ratio_of,
    ratio_problems,
    ratio_text,
    read_ratios,
)
from peel.consultation.entrypoints.http.kind_schemas import PreceptBody
from peel.consultation.entrypoints.http.precept_settings_schemas import PreceptSettingsPublic, PreceptSettingsUpdate
from peel.consultation.service_layer.precept_settings import get_precept_settings, set_precept_settings

D = Decimal
# A tenant's own table: A to G as decimals, H as a fraction.
OWN = {"A": "0.5", "B": "0.6", "C": "0.8", "D": "1", "E": "1.25", "F": "1.5", "G": "2", "H": "22/9"}
SETTINGS = PreceptSettings(ratios=read_ratios(OWN), referendum_limit=ReferendumLimit(percent=D(4)),
                           band_d_current=D("300.00"))
OPTIONS = [{"key": "freeze", "change": "0"}, {"key": "plus12", "change": "12"},
           {"key": "plus1201", "change": "12.01"}, {"key": "plus15", "change": "15"}]


def reasons(refused: pytest.ExceptionInfo[InvalidInput]) -> dict[tuple, str]:
    return {error.location: error.reason for error in refused.value.errors}


# Reading ratios.

@pytest.mark.parametrize(("text", "ratio"), [
    ("6/9", Fraction(2, 3)), ("0.6667", Fraction(6667, 10000)), ("1", Fraction(1)), (" 18 / 9 ", Fraction(2)),
    ("1.25", Fraction(5, 4)), ("-6/9", Fraction(-2, 3)),
])
def test_a_ratio_is_a_fraction_or_a_decimal(text, ratio):
    assert ratio_of(text) == ratio


@pytest.mark.parametrize("text", ["six ninths", "", "6/0", "1e3", "6/9/9", "nan", "0x10"])
def test_anything_else_is_not_a_ratio(text):
    with pytest.raises(ValueError, match="share of Band D"):
        ratio_of(text)


@pytest.mark.parametrize(("ratio", "text"), [
    (Fraction(2, 3), "6/9"), (Fraction(1), "9/9"), (Fraction(2), "18/9"), (Fraction(1, 2), "0.5"),
    (Fraction(6667, 10000), "0.6667"), (Fraction(5, 7), "5/7"),
])
def test_ratios_are_shown_in_ninths_as_decimals_or_as_fractions(ratio, text):
    assert ratio_text(ratio) == text
    assert ratio_of(text) == ratio


def test_ratios_are_read_in_band_order_and_every_mistake_is_named():
    assert list(read_ratios({"H": "2", "A": "0.5", "D": "1"})) == ["A", "D", "H"]
    with pytest.raises(InvalidInput) as refused:
        read_ratios({"A": "two thirds", "B": "7/0", "D": "1"})
    assert set(reasons(refused)) == {("ratios", "A"), ("ratios", "B")}
    assert "'7/0' divides by 0" in reasons(refused)[("ratios", "B")]


# Checking ratios.

def test_the_statutory_tables_pass():
    assert ratio_problems(STATUTORY_RATIOS) == [] and ratio_problems(WELSH_RATIOS) == []
    assert SETTINGS.problems() == [] and ENGLAND.problems() == []


def test_band_d_is_1_by_definition():
    with pytest.raises(InvalidInput) as refused:
        PreceptSettings(ratios={**STATUTORY_RATIOS, "D": Fraction(9, 8)}).check()
    assert reasons(refused) == {("ratios", "D"): "Band D is 1 by definition"}
    assert str(refused.value) == "ratios.D: Band D is 1 by definition"


def test_every_band_from_a_to_h_is_needed_and_no_other_than_i():
    ratios = {band: ratio for band, ratio in WELSH_RATIOS.items() if band != "C"} | {"J": Fraction(3)}
    assert {(p.location, p.reason) for p in ratio_problems(ratios)} == {
        (("ratios", "C"), "missing: give every band from A to H"),
        (("ratios", "J"), "not a council-tax band: use A to H, and I in Wales"),
    }


def test_ratios_are_positive_and_increase_from_band_a_upwards():
    ratios = {**STATUTORY_RATIOS, "A": Fraction(0), "F": Fraction(11, 9), "I": Fraction(2)}
    assert {p.location: p.reason for p in ratio_problems(ratios)} == {
        ("ratios", "A"): "must be more than 0",
        ("ratios", "F"): "must be more than band E's 11/9",
        ("ratios", "I"): "must be more than band H's 18/9",
    }


def test_the_limit_and_band_d_are_checked_with_the_ratios():
    settings = PreceptSettings(referendum_limit=ReferendumLimit(pounds=D(5), percent=D(2)), band_d_current=D(0))
    assert {p.location for p in settings.problems()} == {("referendum_limit",), ("band_d_current",)}


# The figures a consultation shows with the tenant's settings.

def test_a_tenants_ratios_limit_and_band_d_drive_every_option():
    # +£12 on Band D: A 12 x 0.5 = £6.00, £6.00 / 52 = 11.5p -> 12p; H 12 x 22/9 = 29.333.. -> £29.33, / 52 -> 56p.
    # The limit is 4% of £300 = £12.00: +£12 is at it, +£12.01 and +£15 are above it.
    proposal = PreceptBody(options=OPTIONS).to_domain(SETTINGS)
    plus12 = proposal.effect("plus12")
    assert {b.band: (str(b.yearly), str(b.weekly)) for b in plus12.bands} == {
        "A": ("6.00", "0.12"), "B": ("7.20", "0.14"), "C": ("9.60", "0.18"), "D": ("12.00", "0.23"),
        "E": ("15.00", "0.29"), "F": ("18.00", "0.35"), "G": ("24.00", "0.46"), "H": ("29.33", "0.56"),
    }
    assert (plus12.new_band_d, plus12.percent_increase) == (D("312.00"), D("4.00"))
    assert {e.option.key: e.triggers_referendum for e in proposal.effects()} == {
        "freeze": False, "plus12": False, "plus1201": True, "plus15": True}


def test_what_a_consultation_gives_overrides_the_tenants_settings():
    body = PreceptBody(band_d_current=D(250), options=OPTIONS, council_tax_bands="wales",
                       referendum_limit={"pounds": "14"})
    proposal = body.to_domain(SETTINGS)
    assert proposal.ratios == WELSH_RATIOS and proposal.band_d_current == D(250)
    assert proposal.effect("plus12").band("A") == BandChange("A", D("8.00"), D("0.15"))
    assert [e.triggers_referendum for e in proposal.effects()] == [False, False, False, True]


def test_without_settings_a_consultation_has_englands_ratios_and_no_limit():
    proposal = PreceptBody(band_d_current=D(250), options=OPTIONS).to_domain()
    assert proposal.ratios == STATUTORY_RATIOS and proposal.referendum_limit is None


def test_a_consultation_needs_a_band_d_from_itself_or_the_settings():
    with pytest.raises(InvalidInput) as refused:
        PreceptBody(options=OPTIONS).to_domain(ENGLAND)
    assert reasons(refused) == {
        ("precept", "band_d_current"): "give this year's Band D, or set it in your precept settings"}


# The HTTP bodies.

def test_ratios_may_be_json_numbers_and_default_to_englands():
    body = PreceptSettingsUpdate.model_validate_json('{"ratios": {"A": 0.5, "B": 0.6, "C": "0.8", "D": 1, "E": 1.25,'
                                                     ' "F": 1.5, "G": 2, "H": "22/9"}}')
    assert body.to_domain().ratios == SETTINGS.ratios
    assert PreceptSettingsUpdate().to_domain().ratios == STATUTORY_RATIOS


def test_settings_are_shown_as_they_were_set():
    shown = PreceptSettingsPublic.of(SETTINGS).model_dump()
    assert shown["ratios"] == OWN | {"D": "9/9", "G": "18/9"}
    assert shown["referendum_limit"] == {"pounds": None, "percent": 4.0, "description": "more than 4% on Band D"}
    assert (shown["band_d_current"], shown["configured"]) == (300.0, True)
    assert PreceptSettingsPublic.of(ENGLAND).configured is False


# Setting and reading them.

class FakeStore:
    def __init__(self) -> None:
        self.rows: dict[str, tuple[PreceptSettings, str, datetime]] = {}

    async def get(self, tenant: str) -> PreceptSettings | None:
        return self.rows[tenant][0] if tenant in self.rows else None

    async def replace(self, tenant: str, settings: PreceptSettings, editor: str, now: datetime) -> None:
        self.rows[tenant] = (settings, editor, now)


class FakeUnitOfWork:
    def __init__(self) -> None:
        self.precept_settings = FakeStore()
        self.committed = 0

    async def __aenter__(self) -> FakeUnitOfWork:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        return None

    async def commit(self) -> None:
        self.committed += 1


async def test_a_tenant_without_settings_gets_englands_and_another_tenants_are_its_own():
    uow, now = FakeUnitOfWork(), datetime(2027, 1, 4, tzinfo=UTC)
    await set_precept_settings("cheshire", SETTINGS, "admin-1", uow, lambda: now)
    assert await get_precept_settings("cheshire", uow) == SETTINGS
    assert await get_precept_settings("lancashire", uow) is ENGLAND
    assert uow.precept_settings.rows["cheshire"][1:] == ("admin-1", now) and uow.committed == 1


async def test_settings_with_a_mistake_are_not_stored():
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidInput):
        await set_precept_settings("cheshire", PreceptSettings(ratios={**STATUTORY_RATIOS, "D": Fraction(2)}),
                                   "admin-1", uow)
    assert uow.precept_settings.rows == {} and uow.committed == 0
