"""scoring.groups: GDP bands, the fitted line, strengths/weaknesses, group order."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as scipy_stats

from scoring.groups import GdpBands, deviations, fit_line, group_order


def test_default_bands_follow_the_issue() -> None:
    bands = GdpBands()
    gdp = [38700.0, 20000.0, 19999.9, 10000.0, 9999.0, 5000.0, 4999.99, math.nan]
    assert bands.assign(gdp).tolist() == [0, 0, 1, 1, 2, 2, 3, -1]
    assert bands.count == 4
    assert bands.bounds(0) == (20000.0, None)
    assert bands.bounds(1) == (10000.0, 20000.0)
    assert bands.bounds(3) == (None, 5000.0)


def test_custom_bands_and_bad_floors() -> None:
    assert GdpBands((100.0,)).assign([50.0, 100.0, 150.0]).tolist() == [1, 0, 0]
    for floors in ((), (5.0, 10.0), (10.0, 10.0), (math.inf,)):
        with pytest.raises(ValueError):
            GdpBands(floors)
    with pytest.raises(IndexError):
        GdpBands().bounds(4)


def test_fit_line_matches_scipy() -> None:
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 40000, 60)
    y = 0.55 + 1e-5 * x + rng.normal(0, 0.05, 60)
    y[5] = np.nan
    fit = fit_line(x, y)
    keep = ~np.isnan(y)
    expected = scipy_stats.linregress(x[keep], y[keep])
    assert fit.n == 59
    assert fit.slope == pytest.approx(expected.slope, rel=1e-12)
    assert fit.intercept == pytest.approx(expected.intercept, rel=1e-12)
    assert fit.r == pytest.approx(expected.rvalue, rel=1e-12)
    assert fit.at(1000.0) == pytest.approx(expected.intercept + 1000 * expected.slope)


def test_fit_line_degenerate() -> None:
    assert math.isnan(fit_line([1.0, 1.0], [2.0, 3.0]).slope)
    assert fit_line([], []).n == 0


def test_deviations_one_sd() -> None:
    values = np.array([0.9, 0.5, 0.1, np.nan, 0.7])
    mean = np.array([0.5, 0.5, 0.5, 0.5, 0.5])
    sd = np.array([0.2, 0.2, 0.2, 0.2, 0.0])
    assert deviations(values, mean, sd).tolist() == [1, 0, -1, 0, 0]
    # exactly one sd away counts
    assert deviations(np.array([0.75]), np.array([0.5]), np.array([0.25])).tolist() == [1]


def test_group_order_prefers_the_report_order() -> None:
    labels = ["京津冀", None, "其他", "长三角", "", "珠三角", "长三角"]
    assert group_order(labels, ["长三角", "珠三角", "京津冀"]) == [
        "长三角",
        "珠三角",
        "京津冀",
        "其他",
    ]
