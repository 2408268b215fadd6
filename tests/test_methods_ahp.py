"""AHP: textbook and hand-computed cases, consistency, experts, properties."""

from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.ahp import (
    RANDOM_INDEX,
    AHPError,
    AHPMethod,
    ahp_group,
    ahp_weights,
    combine_experts,
    consistent_matrix,
    matrix_from_upper,
    random_index,
    upper_of,
)
from scoring.hierarchy import FloatArray

# The classic three-criteria example found in many AHP textbooks and course notes:
# A vs B = 1/3, A vs C = 1/5, B vs C = 1/3 → weights 0.105, 0.258, 0.637, λmax 3.039,
# CI 0.019, CR 0.033 (Saaty RI 0.58).
TEXTBOOK = np.array([[1, 1 / 3, 1 / 5], [3, 1, 1 / 3], [5, 3, 1]])
SAATY_SCALE = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]


def test_textbook_example() -> None:
    r = ahp_weights(TEXTBOOK)
    assert r.weights == pytest.approx([0.1047, 0.2583, 0.6370], abs=5e-5)
    assert r.lambda_max == pytest.approx(3.0385, abs=5e-5)
    assert r.ci == pytest.approx(0.0193, abs=5e-5)
    assert r.cr == pytest.approx(0.0332, abs=5e-5)
    assert r.ri == 0.58 and r.ri_table == "saaty"
    assert r.consistent and not r.flagged


def test_geometric_mean_method_by_hand() -> None:
    # row geometric means: (1/15)^(1/3), 1, 15^(1/3); for n = 3 they equal the eigenvector
    g = np.array([(1 / 15) ** (1 / 3), 1.0, 15 ** (1 / 3)])
    r = ahp_weights(TEXTBOOK, method="geometric")
    assert r.weights == pytest.approx(g / g.sum(), rel=1e-12)
    assert r.weights == pytest.approx(ahp_weights(TEXTBOOK).weights, rel=1e-9)
    lam = float(np.mean(np.asarray(TEXTBOOK) @ r.weights / r.weights))
    assert r.lambda_max == pytest.approx(lam, rel=1e-12)


def test_two_criteria_by_hand() -> None:
    r = ahp_weights(matrix_from_upper([3], 2))
    assert r.weights == pytest.approx([0.75, 0.25], rel=1e-12)
    assert r.cr == 0.0 and r.ri == 0.0 and r.worst is None


def test_upper_triangle_round_trip() -> None:
    a = matrix_from_upper([2, 4, 1 / 8, 2, 4, 2], 4)
    assert a[3, 0] == 8 and a[2, 1] == 0.5 and (np.diag(a) == 1).all()
    assert upper_of(a) == pytest.approx([2, 4, 1 / 8, 2, 4, 2])


def test_inconsistent_judgement_is_flagged_and_found() -> None:
    # consistent with weights 8:4:2:1 except a_14, reversed from 8 to 1/8
    r = ahp_weights(matrix_from_upper([2, 4, 1 / 8, 2, 4, 2], 4))
    assert r.cr >= 0.1 and r.flagged
    assert r.worst is not None and (r.worst.row, r.worst.column) == (0, 3)
    assert r.worst.value == 0.125 and r.worst.consistent > 0.125
    assert r.summary()["worst"] == {
        "row": 0,
        "column": 3,
        "value": 0.125,
        "consistent": r.worst.consistent,
    }


def test_random_index_tables() -> None:
    assert [random_index(n) for n in range(3, 11)] == [
        0.58,
        0.90,
        1.12,
        1.24,
        1.32,
        1.41,
        1.45,
        1.49,
    ]
    assert random_index(11, "alonso-lamata") == 1.5141
    with pytest.raises(AHPError, match="stops at n = 10"):
        random_index(11)
    with pytest.raises(AHPError, match="unknown random-index table"):
        random_index(3, "nope")
    r = ahp_weights(TEXTBOOK, ri_table="alonso-lamata")
    assert r.ri == 0.5245 and r.ri_table == "alonso-lamata"
    assert r.cr == pytest.approx(r.ci / 0.5245)


def test_bad_matrices_are_refused() -> None:
    with pytest.raises(AHPError, match="3 judgements"):
        matrix_from_upper([1, 2], 3)
    with pytest.raises(AHPError, match="outside 1/9"):
        matrix_from_upper([12, 1, 1], 3)
    with pytest.raises(AHPError, match="not reciprocal"):
        ahp_weights(np.array([[1.0, 2.0], [2.0, 1.0]]))
    with pytest.raises(AHPError, match="positive"):
        ahp_weights(np.array([[1.0, -2.0], [-0.5, 1.0]]))
    with pytest.raises(AHPError, match="labels"):
        ahp_weights(TEXTBOOK, labels=["a", "b"])


def test_experts_combined_by_geometric_mean() -> None:
    a = matrix_from_upper([3, 5, 2], 3)
    b = matrix_from_upper([5, 3, 1 / 2], 3)
    c = combine_experts([a, b])
    assert c[0, 1] == pytest.approx(math.sqrt(15)) and c[1, 2] == pytest.approx(1.0)
    assert c[1, 0] == pytest.approx(1 / math.sqrt(15))
    group = ahp_group([a, b], labels=["x", "y", "z"])
    assert len(group.experts) == 2
    assert group.combined.weights == pytest.approx(ahp_weights(c).weights)
    assert group.combined.cr == pytest.approx(ahp_weights(c).cr)
    assert list(group.combined.weight_map()) == ["x", "y", "z"]
    assert list(group.combined.frame().columns) == ["x", "y", "z", "Weight"]


def test_experts_need_equal_sizes() -> None:
    with pytest.raises(AHPError, match="same size"):
        combine_experts([np.ones((2, 2)), np.ones((3, 3))])
    with pytest.raises(AHPError, match="no expert"):
        combine_experts([])


# ---------------------------------------------------------------- properties

METHODS: tuple[AHPMethod, ...] = ("eigenvector", "geometric")


@st.composite
def matrices(draw: st.DrawFn) -> FloatArray:
    n = draw(st.integers(2, 10))
    size = n * (n - 1) // 2
    upper = draw(st.lists(st.sampled_from(SAATY_SCALE), min_size=size, max_size=size))
    return matrix_from_upper(upper, n)


@settings(max_examples=150, deadline=None)
@given(matrices(), st.sampled_from(METHODS))
def test_weights_sum_to_one_and_are_positive(a: FloatArray, method: AHPMethod) -> None:
    r = ahp_weights(a, method=method)
    assert r.weights.sum() == pytest.approx(1.0, abs=1e-12)
    assert (r.weights > 0).all()
    assert r.lambda_max >= a.shape[0] and r.cr >= 0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(1.0, 9.0), min_size=2, max_size=10))
def test_consistent_matrix_has_cr_zero(raw: list[float]) -> None:
    w = np.array(raw)  # ratios stay within 1/9 … 9
    for method in METHODS:
        r = ahp_weights(consistent_matrix(w), method=method)
        assert r.cr == pytest.approx(0.0, abs=1e-9)
        assert r.weights == pytest.approx(w / w.sum(), rel=1e-9)


@settings(max_examples=150, deadline=None)
@given(matrices(), st.data())
def test_permuting_criteria_permutes_weights(a: FloatArray, data: st.DataObject) -> None:
    perm = np.array(data.draw(st.permutations(range(a.shape[0]))))
    for method in METHODS:
        base = ahp_weights(a, method=method)
        moved = ahp_weights(a[np.ix_(perm, perm)], method=method)
        assert moved.weights == pytest.approx(base.weights[perm], rel=1e-8, abs=1e-12)
        assert moved.cr == pytest.approx(base.cr, rel=1e-8, abs=1e-12)


def test_tables_are_increasing() -> None:
    for values in RANDOM_INDEX.values():
        assert all(a <= b for a, b in pairwise(values))
