"""Every way an iMeta can be wrong is refused with the file, row and column named."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from models.framework import (
    Framework,
    FrameworkError,
    Indicator,
    MeasurementSpec,
    RatingLevel,
    SourceError,
)
from models.framework_validate import observation_problem, validate_framework, value_problem
from models.imeta import read_imeta
from models.tables import DataError

BAD = Path(__file__).parent / "data" / "bad"

# file, row, column, part of the message
CASES = [
    ("imeta_duplicate_code.csv", 5, "iCode", "duplicate code 'X1'"),
    ("imeta_reserved_code.csv", 5, "iCode", "reserved"),
    ("imeta_empty_code.csv", 5, "iCode", "iCode is required"),
    ("imeta_unknown_parent.csv", 4, "Parent", "unknown parent 'P9'"),
    ("imeta_cycle.csv", 2, "Parent", "cycle"),
    ("imeta_two_roots.csv", 9, "Parent", "have no Parent"),
    ("imeta_weight_text.csv", 3, "Weight", "'heavy' is not a number"),
    ("imeta_weight_negative.csv", 3, "Weight", ">= 0"),
    ("imeta_weights_zero.csv", 2, "Weight", "all weights under 'P1' are zero"),
    ("imeta_direction.csv", 4, "Direction", "1 or -1"),
    ("imeta_type.csv", 7, "Type", "'Pillar'"),
    ("imeta_level.csv", 4, "Level", "must be 2"),
    ("imeta_level_fraction.csv", 2, "Level", "whole number"),
    ("imeta_indicator_with_children.csv", 8, "Type", "must be Aggregate"),
    ("imeta_aggregate_childless.csv", 5, "Type", "must be Indicator"),
    ("imeta_aggregate_spec.csv", 7, "Kind", "Aggregate"),
    ("imeta_kind.csv", 2, "Kind", "'percent'"),
    ("imeta_goalpost_text.csv", 2, "GoalpostLow", "'zero' is not a number"),
    ("imeta_goalpost_order.csv", 2, "GoalpostHigh", "must be above"),
    ("imeta_goalpost_one.csv", 2, "GoalpostHigh", "both goalposts or neither"),
    ("imeta_levels_syntax.csv", 3, "Levels", "'0-无'"),
    ("imeta_levels_order.csv", 3, "Levels", "increase"),
    ("imeta_rating_no_levels.csv", 3, "Levels", "needs levels"),
    ("imeta_checklist_no_items.csv", 6, "Items", "needs items"),
    ("imeta_yesno_goalposts.csv", 5, "GoalpostLow", "yes/no"),
    ("imeta_bounded.csv", 2, "Bounded", "'maybe'"),
    ("imeta_denominator.csv", 4, "Denominator", "'Area'"),
    ("imeta_no_name.csv", 2, "iName", "no name"),
    ("imeta_missing_column.csv", 1, "Parent", "no Parent column"),
    ("imeta_duplicate_header.csv", 1, "Weight", "duplicate column header"),
    ("imeta_ragged.csv", 6, "T", "without a header"),
    ("imeta_header_only.csv", None, None, "no rows"),
    ("imeta_empty.csv", None, None, "empty file"),
    ("imeta_binary.csv", None, None, "binary"),
    ("imeta_text.xlsx", None, None, "not an XLSX workbook"),
]


@pytest.mark.parametrize(("name", "row", "column", "message"), CASES)
def test_bad_imeta(name: str, row: int | None, column: str | None, message: str) -> None:
    with pytest.raises(FrameworkError) as caught:
        read_imeta(BAD / name)
    error = caught.value
    assert (Path(error.source).name, error.row, error.column) == (name, row, column)
    assert message in error.message
    text = str(error)
    assert name in text and message in text
    if row is not None:
        assert f"row {row}, column {column}:" in text


def test_the_good_twin_loads() -> None:
    meta = read_imeta(BAD / "ok_iMeta.csv")
    assert [n.code for n in meta.framework.leaves()] == ["X1", "X2", "X3", "X4", "X5"]
    assert [c.code for c in meta.groups] == ["Circle"]
    assert [c.code for c in meta.denominators] == ["Pop"]


def test_error_hierarchy() -> None:
    assert issubclass(FrameworkError, SourceError) and issubclass(DataError, SourceError)
    assert issubclass(SourceError, ValueError)


def test_missing_file() -> None:
    with pytest.raises(FrameworkError, match="cannot read"):
        read_imeta(BAD / "no_such_file.csv")


PERCENT = MeasurementSpec("numeric", 0.0, 100.0, unit="%")


def _leaf(
    code: str,
    parent: str,
    weight: float = 1.0,
    direction: int = 1,
    spec: MeasurementSpec | None = PERCENT,
) -> Indicator:
    return Indicator(code, parent, code, code, weight, direction, spec)


def _framework(*nodes: Indicator) -> Framework:
    return Framework("t", (Indicator("I", None, "根", "Root"), *nodes))


def test_validate_in_code_framework() -> None:
    validate_framework(_framework(_leaf("a", "I"), _leaf("b", "I", direction=-1)))
    with pytest.raises(FrameworkError, match="direction 0 of 'a'") as caught:
        validate_framework(_framework(_leaf("a", "I", direction=0)), "edit", rows=[10, 11])
    assert (caught.value.source, caught.value.row, caught.value.column) == ("edit", 11, "Direction")
    with pytest.raises(FrameworkError, match="no measurement spec"):
        validate_framework(_framework(_leaf("a", "I", spec=None)))
    with pytest.raises(FrameworkError, match="aggregate has no measurement spec"):
        validate_framework(_framework(Indicator("g", "I", "g", "g", spec=PERCENT), _leaf("a", "g")))
    with pytest.raises(FrameworkError, match="weight nan"):
        validate_framework(_framework(_leaf("a", "I", weight=math.nan)))


def test_plain_coinr_spec_is_valid_but_unbounded() -> None:
    spec = MeasurementSpec("numeric", math.nan, math.nan, bounded=False)
    validate_framework(_framework(_leaf("a", "I", spec=spec)))
    bounded = MeasurementSpec("numeric", math.nan, math.nan)
    with pytest.raises(FrameworkError, match="bounded values need goalposts"):
        validate_framework(_framework(_leaf("a", "I", spec=bounded)))
    assert spec == MeasurementSpec("numeric", float("nan"), float("nan"), bounded=False)
    assert hash(spec) == hash(MeasurementSpec("numeric", math.nan, math.nan, bounded=False))


def test_value_rules() -> None:
    percent = MeasurementSpec("numeric", 0, 100)
    assert value_problem(percent, 100) is None
    assert value_problem(percent, 100.5) == "100.5 is outside the allowed range 0..100"
    assert value_problem(MeasurementSpec("numeric", 0, 30, bounded=False), 45) is None
    levels = (RatingLevel(0, "无", "None"), RatingLevel(50, "部分", "Partial"),
              RatingLevel(100, "完善", "Complete"))  # fmt: skip
    rating = MeasurementSpec("rating", 0, 100, levels=levels)
    assert value_problem(rating, 62.5) is None  # a reconciled mean
    assert observation_problem(rating, 62.5) is not None
    assert observation_problem(rating, 50) is None
    assert observation_problem(MeasurementSpec("yesno", 0, 1), 0.5) is not None
    checklist = MeasurementSpec("checklist", 0, 2, items=("a", "b"))
    assert observation_problem(checklist, 1.5) is not None
    assert observation_problem(checklist, 2) is None
