"""Precept options: every band's yearly and weekly change, the new Band D, the rise, referendums."""

from decimal import Decimal
from fractions import Fraction

import pytest

from peel.common.errors import InvalidInput
from peel.consultation.domain.precept import (
    STATUTORY_RATIOS,
    WELSH_RATIOS,
    BandChange,
    PreceptOption,
    PreceptProposal,
    ReferendumLimit,
    band_change,
    pennies,
)

D = Decimal
OPTIONS = (PreceptOption("freeze", D(0)), PreceptOption("ten", D(10)), PreceptOption("fourteen", D(14)))
PROPOSAL = PreceptProposal(band_d_current=D("250.00"), options=OPTIONS, referendum_limit=ReferendumLimit(pounds=D(13)))


def table(effect) -> dict[str, tuple[str, str]]:
    return {change.band: (str(change.yearly), str(change.weekly)) for change in effect.bands}


def test_fourteen_pounds_on_a_250_pound_band_d_for_every_band():
    # Band A: 14 x 6/9 = 9.333.. -> £9.33 a year; 9.33 / 52 = 0.1794.. -> 18p a week.
    effect = PROPOSAL.effect("fourteen")
    assert table(effect) == {
        "A": ("9.33", "0.18"), "B": ("10.89", "0.21"), "C": ("12.44", "0.24"), "D": ("14.00", "0.27"),
        "E": ("17.11", "0.33"), "F": ("20.22", "0.39"), "G": ("23.33", "0.45"), "H": ("28.00", "0.54"),
    }
    assert effect.new_band_d == D("264.00") and effect.percent_increase == D("5.60")


def test_every_option_has_a_row_in_order():
    effects = PROPOSAL.effects()
    assert [effect.option.key for effect in effects] == ["freeze", "ten", "fourteen"]
    assert effects[0].new_band_d == D("250.00") and effects[0].percent_increase == D("0.00")
    assert set(table(effects[0]).values()) == {("0.00", "0.00")}
    assert effects[1].band("A") == BandChange("A", D("6.67"), D("0.13")) and effects[1].percent_increase == D("4.00")


def test_weekly_changes_come_from_the_rounded_yearly_figure():
    # +21p on Band D: band E's 21 x 11/9 = 25.67p rounds to 26p a year; 26p / 52 is exactly half a penny: 1p a week.
    # (From the unrounded 25.67p it would be 0.49p, nothing a week: the table stays checkable from what it shows.)
    assert band_change("E", D("0.21"), Fraction(11, 9)) == BandChange("E", D("0.26"), D("0.01"))


@pytest.mark.parametrize(("amount", "rounded"), [
    (D("0.005"), D("0.01")), (D("0.0049"), D("0.00")), (D("-0.005"), D("-0.01")), (Fraction(28, 3), D("9.33")),
    (Fraction(2, 3), D("0.67")), (D("12.345"), D("12.35")),
])
def test_pennies_round_halves_away_from_zero(amount, rounded):
    assert pennies(amount) == rounded


def test_a_cut_shows_as_negative_changes():
    effect = PreceptProposal(D("250.00"), (PreceptOption("cut", D(-14)),)).effect("cut")
    assert effect.band("A") == BandChange("A", D("-9.33"), D("-0.18"))
    assert effect.new_band_d == D("236.00") and effect.percent_increase == D("-5.60")


def test_welsh_councils_have_band_i():
    effect = PreceptProposal(D("300.00"), OPTIONS, ratios=WELSH_RATIOS).effect("fourteen")
    # Band I: 14 x 21/9 = 32.666.. -> £32.67; 32.67 / 52 = 0.628.. -> 63p.
    assert list(table(effect)) == list("ABCDEFGHI") and effect.band("I") == BandChange("I", D("32.67"), D("0.63"))


def test_a_tenant_may_set_its_own_ratios():
    ratios = {**STATUTORY_RATIOS, "A": D("0.5")}
    assert PreceptProposal(D(250), OPTIONS, ratios=ratios).effect("ten").band("A") == BandChange("A", D("5.00"),
                                                                                                  D("0.10"))


# Referendums.

def test_a_pounds_limit_flags_options_above_it():
    assert [effect.triggers_referendum for effect in PROPOSAL.effects()] == [False, False, True]
    at_the_limit = PreceptProposal(D(250), (PreceptOption("thirteen", D(13)),), referendum_limit=ReferendumLimit(D(13)))
    assert not at_the_limit.effect("thirteen").triggers_referendum


def test_a_percentage_limit_flags_options_above_it():
    # 5% of £250 is £12.50: +£12.50 is at the limit, +£12.51 and +£14 are above it.
    options = (*OPTIONS, PreceptOption("at_limit", D("12.50")), PreceptOption("just_over", D("12.51")))
    proposal = PreceptProposal(D("250.00"), options, referendum_limit=ReferendumLimit(percent=D(5)))
    assert {e.option.key: e.triggers_referendum for e in proposal.effects()} == {
        "freeze": False, "ten": False, "fourteen": True, "at_limit": False, "just_over": True}


def test_without_a_limit_nothing_is_flagged():
    proposal = PreceptProposal(D("250.00"), OPTIONS)
    assert not any(effect.triggers_referendum for effect in proposal.effects())


def test_limits_describe_themselves():
    assert ReferendumLimit(pounds=D(14)).describe() == "more than £14.00 a year on Band D"
    assert ReferendumLimit(percent=D("2.99")).describe() == "more than 2.99% on Band D"


# Definitions.

def test_a_sound_proposal_passes():
    PROPOSAL.check()


def test_every_problem_with_a_proposal_is_named():
    proposal = PreceptProposal(
        band_d_current=D(0), options=(PreceptOption("ten", D(10)), PreceptOption("ten", D(-20))),
        ratios={**STATUTORY_RATIOS, "B": Fraction(0), "D": Fraction(9, 8)},
        referendum_limit=ReferendumLimit(pounds=D(13), percent=D(3)),
    )
    with pytest.raises(InvalidInput) as refused:
        proposal.check()
    assert {error.location: error.reason for error in refused.value.errors} == {
        ("band_d_current",): "must be more than 0",
        ("options", 1, "key"): "'ten' is already the key of an earlier option",
        ("options", 1, "change"): "would take Band D below £0",
        ("ratios", "B"): "must be more than 0",
        ("ratios", "D"): "Band D's ratio must be 1: every other band is a share of it",
        ("referendum_limit",): "give the limit either in pounds or as a percentage, not both",
    }


def test_a_proposal_needs_options_and_a_limit_needs_a_figure():
    problems = PreceptProposal(D(250), (), referendum_limit=ReferendumLimit()).problems()
    assert {p.location: p.reason for p in problems} == {
        ("options",): "offer at least one option",
        ("referendum_limit",): "give the limit either in pounds or as a percentage, one is needed",
    }
    assert [p.location for p in ReferendumLimit(percent=D(-1)).problems()] == [("percent",)]
