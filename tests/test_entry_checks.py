"""Soft checks on entered values: far from the cell's other observations, far from the sample."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.entry_checks import (
    CellDeviation,
    SampleDeviation,
    cell_deviation,
    discrepancy_limit,
    sample_deviation,
    soft_warnings,
)

NAN = math.nan
SAMPLE = [70.0, 72.0, 75.0, 78.0, 80.0, 81.0, 83.0, 85.0, 88.0, 90.0]


def test_discrepancy_limit_is_share_of_range() -> None:
    assert discrepancy_limit(0.0, 100.0, 0.1) == pytest.approx(10.0)
    assert discrepancy_limit(0.0, 30.0, 0.2) == pytest.approx(6.0)
    assert discrepancy_limit(NAN, 100.0, 0.1) is None
    assert discrepancy_limit(5.0, 5.0, 0.1) is None


def test_cell_within_share_is_quiet() -> None:
    assert cell_deviation(85.0, [80.0, 90.0], 0.0, 100.0, 0.1) is None
    assert cell_deviation(85.0, [95.0], 0.0, 100.0, 0.1) is None  # exactly 10: not more


def test_cell_beyond_share_names_the_farthest_observation() -> None:
    found = cell_deviation(60.0, [58.0, 75.0, 71.0], 0.0, 100.0, 0.1)
    assert isinstance(found, CellDeviation)
    assert (found.value, found.other, found.difference) == (60.0, 75.0, 15.0)
    assert found.limit == pytest.approx(10.0)


def test_cell_uses_the_campaign_share() -> None:
    assert cell_deviation(60.0, [75.0], 0.0, 100.0, 0.2) is None
    assert cell_deviation(60.0, [75.0], 0.0, 100.0, 0.05) is not None


def test_cell_without_others_or_goalposts_is_quiet() -> None:
    assert cell_deviation(60.0, [], 0.0, 100.0, 0.1) is None
    assert cell_deviation(60.0, [NAN], 0.0, 100.0, 0.1) is None
    assert cell_deviation(60.0, [99.0], NAN, NAN, 0.1) is None


def test_sample_ordinary_value_is_quiet() -> None:
    assert sample_deviation(79.0, SAMPLE) is None
    assert sample_deviation(95.0, SAMPLE) is None


def test_sample_far_value_is_flagged_with_the_band() -> None:
    found = sample_deviation(5.0, SAMPLE)
    assert isinstance(found, SampleDeviation)
    assert found.n == len(SAMPLE)
    assert found.low > 5.0 and found.high >= 90.0
    assert found.median == pytest.approx(80.5)


def test_sample_ignores_missing_values_and_small_samples() -> None:
    assert sample_deviation(5.0, [*SAMPLE, NAN, NAN]) is not None
    assert sample_deviation(5.0, [80.0, 81.0, 82.0, NAN]) is None


def test_sample_needs_both_rules() -> None:
    # a yes/no indicator: 45 yes, 5 no. The IQR is 0, so Tukey alone would flag "no";
    # mean − 3 sd is below 0, so "no" is an ordinary answer.
    answers = [1.0] * 45 + [0.0] * 5
    assert sample_deviation(0.0, answers) is None
    assert sample_deviation(1.0, answers) is None


def test_sample_min_distance_silences_tiny_differences() -> None:
    flat = [100.0] * 20
    assert sample_deviation(99.0, flat) is not None
    assert sample_deviation(99.0, flat, min_distance=10.0) is None
    assert sample_deviation(50.0, flat, min_distance=10.0) is not None


def test_soft_warnings_combines_both_checks() -> None:
    found = soft_warnings(5.0, [80.0], SAMPLE, 0.0, 100.0, 0.1)
    assert [type(w) for w in found] == [CellDeviation, SampleDeviation]
    assert soft_warnings(82.0, [80.0], SAMPLE, 0.0, 100.0, 0.1) == []


@given(st.lists(st.floats(0, 100), min_size=5, max_size=40))
def test_a_middle_value_of_the_sample_is_never_flagged(sample: list[float]) -> None:
    ordered = sorted(sample)
    assert sample_deviation(ordered[len(ordered) // 2], sample) is None
