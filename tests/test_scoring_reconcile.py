"""Reconciling several observations per unit × leaf: mean, latest, channel priority."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scoring.hierarchy import ScoringError
from scoring.pipeline import ReconcileMethod, ScoringSettings
from scoring.reconcile import ObservationArrays, Reconciled, reconcile

NAN = math.nan
# channel indices into the default priority 统计数据, 实地调研, 网络采样, 电话访谈, 问卷调查
STATS, FIELD, WEB, PHONE, SURVEY = range(5)


def obs(*rows: tuple[int, int, float, int, float, bool]) -> ObservationArrays:
    """rows of (unit, leaf, value, channel, time, rejected)."""
    cols = list(zip(*rows, strict=True))
    return ObservationArrays(
        unit=np.array(cols[0], dtype=np.int64),
        leaf=np.array(cols[1], dtype=np.int64),
        value=np.array(cols[2], dtype=np.float64),
        channel=np.array(cols[3], dtype=np.int64),
        time=np.array(cols[4], dtype=np.float64),
        rejected=np.array(cols[5], dtype=bool),
    )


SPAN = np.array([100.0, 10.0])  # goalposts' high − low per leaf

OBS = obs(
    (0, 0, 40.0, SURVEY, 100.0, False),
    (0, 0, 60.0, FIELD, 300.0, False),
    (0, 0, 50.0, WEB, 200.0, False),
    (0, 0, 99.0, STATS, 400.0, True),  # rejected: ignored by every method
    (0, 1, 5.0, PHONE, 100.0, False),
    (1, 1, 3.0, FIELD, 100.0, False),
    (1, 1, 3.5, FIELD, 100.0, False),
    (1, 1, 8.0, -1, 900.0, False),  # a channel outside the priority list
    (1, 0, NAN, STATS, 500.0, False),  # no value: ignored
)


def run(method: ReconcileMethod, observations: ObservationArrays = OBS) -> Reconciled:
    return reconcile(observations, 3, 2, SPAN, ScoringSettings(reconcile=method))


def test_mean_of_non_rejected() -> None:
    r = run("mean")
    np.testing.assert_array_equal(r.values, [[50.0, 5.0], [NAN, 14.5 / 3], [NAN, NAN]])
    assert r.count.tolist() == [[3, 1], [0, 3], [0, 0]]


def test_latest() -> None:
    r = run("latest")
    # unit 0 leaf 0: time 300 (the rejected one at 400 is ignored); unit 1 leaf 1: time 900
    np.testing.assert_array_equal(r.values, [[60.0, 5.0], [NAN, 8.0], [NAN, NAN]])


def test_latest_ties_are_averaged() -> None:
    r = run("latest", obs((2, 0, 10.0, 0, 5.0, False), (2, 0, 20.0, 1, 5.0, False),
                          (2, 0, 90.0, 1, NAN, False)))  # fmt: skip
    assert r.values[2, 0] == 15.0


def test_channel_priority() -> None:
    r = run("channel_priority")
    # unit 0 leaf 0: 统计数据 is rejected → next present is 实地调研 (60)
    # unit 1 leaf 1: two 实地调研 values averaged; the unlisted channel comes last
    np.testing.assert_array_equal(r.values, [[60.0, 5.0], [NAN, 3.25], [NAN, NAN]])


def test_custom_priority_order() -> None:
    priority = ("问卷调查", "实地调研")
    settings = ScoringSettings(reconcile="channel_priority", channel_priority=priority)
    two = obs((0, 0, 1.0, 1, 0.0, False), (0, 0, 2.0, 0, 0.0, False))
    r = reconcile(two, 1, 1, np.array([10.0]), settings)
    assert r.values[0, 0] == 2.0  # channel index 0 is the first of the given priority


def test_discrepancy_over_share_of_span() -> None:
    r = run("mean")
    # unit 0 leaf 0: 60 − 40 = 20 > 10 % of 100; unit 1 leaf 1: 8 − 3 = 5 > 1
    assert r.discrepancy.tolist() == [[True, False], [False, True], [False, False]]
    wide = reconcile(OBS, 3, 2, SPAN, ScoringSettings(discrepancy_share=0.5))
    assert wide.discrepancy.tolist() == [[False, False], [False, False], [False, False]]
    # the flag is about the data, not the method
    assert run("latest").discrepancy.tolist() == r.discrepancy.tolist()


def test_discrepancy_boundary_is_strict_and_nan_span_never_flags() -> None:
    two = obs((0, 0, 0.0, 0, 0.0, False), (0, 0, 10.0, 0, 0.0, False),
              (0, 1, 0.0, 0, 0.0, False), (0, 1, 99.0, 0, 0.0, False))  # fmt: skip
    r = reconcile(two, 1, 2, np.array([100.0, NAN]), ScoringSettings())
    assert r.discrepancy.tolist() == [[False, False]]  # 10 is not more than 10 % of 100


def test_no_observations() -> None:
    ints, floats = np.array([], dtype=np.int64), np.array([], dtype=np.float64)
    empty = ObservationArrays(ints, ints, floats, ints, floats, np.array([], dtype=bool))
    r = reconcile(empty, 2, 2, np.array([1.0, 1.0]), ScoringSettings())
    assert np.isnan(r.values).all() and r.count.sum() == 0 and not r.discrepancy.any()


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        (obs((3, 0, 1.0, 0, 0.0, False)), "unit index 3"),
        (obs((0, -1, 1.0, 0, 0.0, False)), "leaf index -1"),
    ],
)
def test_out_of_range_indices(bad: ObservationArrays, words: str) -> None:
    with pytest.raises(ScoringError, match=words):
        run("mean", bad)


def test_mismatched_lengths() -> None:
    o = OBS
    broken = ObservationArrays(o.unit, o.leaf, o.value[:-1], o.channel, o.time, o.rejected)
    with pytest.raises(ScoringError, match="same length"):
        run("mean", broken)
