"""Property: any valid framework and data table survive write → read unchanged (CSV, XLSX)."""

from __future__ import annotations

import itertools
import math
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from models.framework import Framework, Indicator, MeasurementSpec, RatingLevel
from models.framework_validate import validate_framework
from models.idata import UnitTable, read_idata, write_idata
from models.imeta import ColumnInfo, MetaTable, read_imeta, write_imeta

CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Zl", "Zp"))  # what XLSX can hold
TEXT = st.text(CHARS, max_size=10).map(str.strip)  # cells are read trimmed
NAME = TEXT.filter(bool)
LABEL_ZH = TEXT.filter(lambda s: "/" not in s and "|" not in s)
LABEL_EN = TEXT.filter(lambda s: "|" not in s)
ITEM = NAME.filter(lambda s: "|" not in s)
CODE = st.from_regex(r"[A-Za-z][A-Za-z0-9_.]{0,6}", fullmatch=True).filter(
    lambda c: c.casefold() not in {"ucode", "uname", "time"}
)
FINITE = st.floats(allow_nan=False, allow_infinity=False)
YEAR = st.one_of(st.none(), st.integers(1900, 2100))


@st.composite
def goalposts(draw: st.DrawFn) -> tuple[float, float]:
    low, high = sorted(draw(st.lists(FINITE, min_size=2, max_size=2, unique=True)))
    if not low < high:  # -0.0 and 0.0 are distinct floats but equal numbers
        high = low + 1.0
    return low, high


@st.composite
def rating_spec(draw: st.DrawFn) -> MeasurementSpec:
    values = sorted(
        draw(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=4, unique=True)),
    )
    if any(b <= a for a, b in itertools.pairwise(values)):
        values = [float(i) for i in range(len(values))]  # -0.0 next to 0.0
    levels = tuple(RatingLevel(v, draw(LABEL_ZH), draw(LABEL_EN)) for v in values)
    low = values[0] - draw(st.floats(0, 100))
    high = max(values[-1] + draw(st.floats(0, 100)), low + 1.0)
    return MeasurementSpec("rating", low, high, levels=levels)


@st.composite
def specs(draw: st.DrawFn, denominators: tuple[str, ...]) -> MeasurementSpec:
    kind = draw(st.sampled_from(["numeric", "numeric", "rating", "yesno", "checklist"]))
    if kind == "numeric" and draw(st.booleans()):
        spec = MeasurementSpec("numeric", math.nan, math.nan, bounded=False)  # plain COINr
    elif kind == "numeric":
        low, high = draw(goalposts())
        spec = MeasurementSpec("numeric", low, high, bounded=draw(st.booleans()))
    elif kind == "rating":
        spec = draw(rating_spec())
    elif kind == "yesno":
        spec = MeasurementSpec("yesno", 0.0, 1.0)
    else:
        items = tuple(draw(st.lists(ITEM, min_size=1, max_size=4)))
        spec = MeasurementSpec("checklist", 0.0, float(len(items)), items=items)
    return replace(
        spec,
        unit=draw(TEXT),
        target=draw(st.one_of(st.none(), FINITE)),
        denominator=draw(st.sampled_from(["", *denominators])),
    )


@st.composite
def metas(draw: st.DrawFn) -> MetaTable:
    n_nodes = draw(st.integers(2, 12))
    n_columns = draw(st.integers(0, 4))
    codes = draw(st.lists(CODE, min_size=n_nodes + n_columns, max_size=n_nodes + n_columns,
                          unique_by=str.casefold))  # fmt: skip
    columns = [
        ColumnInfo(c, draw(NAME), draw(TEXT), draw(TEXT), draw(TEXT)) for c in codes[n_nodes:]
    ]
    cut = sorted(draw(st.lists(st.integers(0, len(columns)), min_size=2, max_size=2)))
    groups, denominators = tuple(columns[: cut[0]]), tuple(columns[cut[0] : cut[1]])
    parents = [None] + [codes[draw(st.integers(0, i - 1))] for i in range(1, n_nodes)]
    has_children = set(parents)
    nodes: list[Indicator] = []
    seen: dict[str | None, int] = {}
    for code, parent in zip(codes, parents, strict=False):
        leaf = code not in has_children
        position = seen[parent] = seen.get(parent, -1) + 1
        nodes.append(
            Indicator(
                code=code,
                parent=parent,
                name_zh=draw(TEXT),
                name_en=draw(NAME),
                weight=draw(st.floats(0, 1e6)),
                direction=draw(st.sampled_from([1, -1])),
                spec=draw(specs(tuple(d.code for d in denominators))) if leaf else None,
                description=draw(TEXT),
                position=position,
            )
        )
    nodes = _some_weight_positive(nodes)
    framework = Framework("m", tuple(Framework("m", tuple(nodes)).walk()))
    validate_framework(framework)  # the strategy itself must only make valid frameworks
    return MetaTable(framework, groups, denominators, tuple(columns[cut[1] :]))


def _some_weight_positive(nodes: list[Indicator]) -> list[Indicator]:
    first_child: dict[str | None, int] = {}
    positive = set()
    for i, node in enumerate(nodes):
        first_child.setdefault(node.parent, i)
        if node.weight > 0:
            positive.add(node.parent)
    for parent, i in first_child.items():
        if parent not in positive:
            nodes[i] = replace(nodes[i], weight=1.0)
    return nodes


@st.composite
def unit_tables(draw: st.DrawFn, meta: MetaTable) -> UnitTable:
    n = draw(st.integers(0, 4))
    codes = tuple(draw(st.lists(NAME, min_size=n, max_size=n, unique=True)))
    leaves = meta.framework.to_hierarchy().leaf_codes
    values = np.array([[_value(draw, meta.framework[c].spec) for c in leaves] for _ in codes])
    optional_text = st.one_of(st.none(), NAME)
    return UnitTable(
        codes=codes,
        indicators=leaves,
        values=values.reshape(n, len(leaves)),
        names=draw(st.one_of(st.none(), st.tuples(*[TEXT] * n))),
        groups={g.code: tuple(draw(optional_text) for _ in codes) for g in meta.groups},
        denominators={
            d.code: np.array([draw(st.one_of(FINITE, st.just(math.nan))) for _ in codes])
            for d in meta.denominators
        },
        others={o.code: tuple(draw(optional_text) for _ in codes) for o in meta.others},
        time=draw(st.one_of(st.none(), st.tuples(*[YEAR] * n))),
    )


def _value(draw: st.DrawFn, spec: MeasurementSpec | None) -> float:
    assert spec is not None
    if draw(st.integers(0, 4)) == 0:
        return math.nan
    if spec.bounded:
        return draw(st.floats(spec.low, spec.high))
    return draw(FINITE)


@st.composite
def meta_and_data(draw: st.DrawFn) -> tuple[MetaTable, UnitTable]:
    meta = draw(metas())
    return meta, draw(unit_tables(meta))


def _round_trip(meta: MetaTable, data: UnitTable, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        meta_path, data_path = Path(folder) / f"m{suffix}", Path(folder) / f"d{suffix}"
        write_imeta(meta, meta_path)
        meta_again = read_imeta(meta_path)
        assert meta_again == meta
        write_idata(data, data_path)
        assert read_idata(data_path, meta_again) == data


@settings(max_examples=80, deadline=None)
@given(meta_and_data())
def test_csv_round_trip(case: tuple[MetaTable, UnitTable]) -> None:
    _round_trip(*case, ".csv")


@settings(max_examples=25, deadline=None)
@given(meta_and_data())
def test_xlsx_round_trip(case: tuple[MetaTable, UnitTable]) -> None:
    _round_trip(*case, ".xlsx")
