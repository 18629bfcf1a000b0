"""Means, medians, quartiles and buckets of distributions, checked by hand."""

import pytest

from peel.reporting.domain.statistics import buckets, mean, median, quantile, quartiles, round_width


def test_the_median_of_an_even_count_is_halfway_between_the_middle_two():
    assert median({1: 1, 2: 1, 3: 1, 4: 1}) == 2.5


def test_the_median_counts_each_value_as_often_as_it_was_given():
    assert median({1: 1, 3: 2}) == 3  # 1, 3, 3
    assert median({10: 3, 0: 1}) == 10  # 0, 10, 10, 10


def test_quartiles_interpolate_like_percentile_cont():
    # 1..8: positions 1.75, 3.5 and 5.25 of 0..7
    found = quartiles(dict.fromkeys(range(1, 9), 1))
    assert (found.lower, found.median, found.upper, found.spread) == (2.75, 4.5, 6.25, 3.5)


def test_quartiles_of_five_values_fall_on_values():
    found = quartiles({-5: 1, 0: 2, 5: 1, 10: 1})  # -5, 0, 0, 5, 10
    assert (found.lower, found.median, found.upper, found.spread) == (0, 0, 5, 5)


def test_the_mean_weights_each_value_by_its_count():
    assert mean({1: 1, 4: 3}) == pytest.approx(3.25)


def test_nothing_given_has_no_figures():
    assert (mean({}), median({}), quartiles({}), quantile({}, 0.9)) == (None, None, None, None)


def test_one_value_is_its_own_median_and_quartiles():
    found = quartiles({7: 3})
    assert (found.lower, found.median, found.upper, found.spread) == (7, 7, 7, 0)


@pytest.mark.parametrize(("least", "whole", "width"), [
    (10, True, 10), (3.2, True, 5), (0.7, False, 1), (0.03, False, 0.05), (0.2, True, 1), (22, True, 25),
    (0, True, 1),
])
def test_bucket_widths_are_round(least, whole, width):
    assert round_width(least, whole=whole) == pytest.approx(width)


def test_buckets_span_the_questions_range_and_the_top_value_falls_in_the_last():
    found = buckets({3: 1, 17: 2, 100: 1}, 0, 100)
    assert [(b.low, b.high) for b in found] == [(x, x + 10) for x in range(0, 100, 10)]
    assert [b.count for b in found] == [1, 2, 0, 0, 0, 0, 0, 0, 0, 1]


def test_buckets_without_a_range_follow_the_values():
    found = buckets({2.5: 1, 7.25: 1, 12.0: 2})
    assert [(b.low, b.high, b.count) for b in found] == [
        (2.0, 3.0, 1), (3.0, 4.0, 0), (4.0, 5.0, 0), (5.0, 6.0, 0), (6.0, 7.0, 0), (7.0, 8.0, 1),
        (8.0, 9.0, 0), (9.0, 10.0, 0), (10.0, 11.0, 0), (11.0, 12.0, 2),
    ]


def test_one_value_makes_one_bucket():
    assert [(b.low, b.high, b.count) for b in buckets({5: 4})] == [(5, 6, 4)]
