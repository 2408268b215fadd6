"""iData tables: ASEM as is, bad tables refused with the cell named, lossless round trips."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from models.framework import SourceError
from models.idata import UnitTable, read_idata, write_idata
from models.imeta import MetaTable, read_imeta
from models.resources import load_framework_template
from models.tables import DataError

DATA = Path(__file__).parent / "data"
BAD = DATA / "bad"
ASEM_META, ASEM_DATA = DATA / "asem" / "asem_iMeta.csv", DATA / "asem" / "asem_iData.csv"


@pytest.fixture(scope="module")
def asem_meta() -> MetaTable:
    return read_imeta(ASEM_META)


@pytest.fixture(scope="module")
def small_meta() -> MetaTable:
    return read_imeta(BAD / "ok_iMeta.csv")


def test_asem_loads_as_is(asem_meta: MetaTable) -> None:
    table = read_idata(ASEM_DATA, asem_meta)
    assert len(table.codes) == 51 and table.values.shape == (51, 49)
    assert table.indicators == asem_meta.framework.to_hierarchy().leaf_codes
    assert table.codes[:2] == ("AUT", "BEL") and table.names is not None
    assert table.names[:2] == ("Austria", "Belgium")
    assert list(table.groups) == ["GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"]
    assert table.groups["EurAsia_group"][0] == "Europe"
    assert list(table.denominators) == ["Area", "Energy", "GDP", "Population"]
    assert table.denominators["Area"][0] == 83871
    assert table.time == (2018,) * 51
    assert table.column("LPI")[0] == 4.0979850000000004
    assert table.values[0, table.indicators.index("Flights")] == 29.017250000000001
    assert 0 < np.isnan(table.values).sum() < 100  # ASEM has some gaps


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_asem_round_trip(asem_meta: MetaTable, suffix: str, tmp_path: Path) -> None:
    table = read_idata(ASEM_DATA, asem_meta)
    write_idata(table, tmp_path / f"d{suffix}")
    again = read_idata(tmp_path / f"d{suffix}", asem_meta)
    assert again == table


def test_asem_written_in_coinr_column_order(asem_meta: MetaTable, tmp_path: Path) -> None:
    write_idata(read_idata(ASEM_DATA, asem_meta), tmp_path / "d.csv")
    header = (tmp_path / "d.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == ASEM_DATA.read_text().splitlines()[0].replace('"', "")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_full_precision(small_meta: MetaTable, suffix: str, tmp_path: Path) -> None:
    table = read_idata(BAD / "ok_iData.csv", small_meta)
    values = table.values.copy()
    values[0, 2] = 0.1 + 0.2
    values[1, 2] = 1e-300
    values[2, 2] = 12345678.901234567
    tricky = UnitTable(table.codes, table.indicators, values, None, table.groups,
                       {"Pop": np.array([1 / 3, np.nan, -2.5e10])})  # fmt: skip
    write_idata(tricky, tmp_path / f"d{suffix}")
    again = read_idata(tmp_path / f"d{suffix}", small_meta)
    assert again == tricky
    assert again.values[0, 2] == 0.30000000000000004


def test_small_table(small_meta: MetaTable) -> None:
    table = read_idata(BAD / "ok_iData.csv", small_meta)
    assert table.codes == ("sh", "bj", "sz")
    assert table.groups == {"Circle": ("长三角", "京津冀", "珠三角")}
    assert np.isnan(table.values[2, 0]) and np.isnan(table.values[1, 2])  # "NA" and ""
    assert table.time is None and table.others == {}


def test_smart_framework_data(tmp_path: Path) -> None:
    framework = load_framework_template()
    leaves = framework.to_hierarchy().leaf_codes
    rng = np.random.default_rng(1)
    values = np.array([[rng.choice([0.0, 1.0]) for _ in leaves] for _ in range(3)])
    table = UnitTable(("shanghai", "beijing", "xian"), leaves, values, ("上海", "北京", "西安"))
    write_idata(table, tmp_path / "d.xlsx")
    assert read_idata(tmp_path / "d.xlsx", framework) == table


# file, row, column, part of the message
CASES = [
    ("idata_unknown_indicator.csv", 1, "X9", "not an indicator of the framework"),
    ("idata_aggregate_column.csv", 1, "P1", "is an aggregate"),
    ("idata_undeclared_group.csv", 1, "Province", "declared in iMeta"),
    ("idata_case_typo.csv", 1, "x5", "did you mean 'X5'"),
    ("idata_non_numeric.csv", 3, "X1", "'98%' is not a number"),
    ("idata_denominator_text.csv", 4, "Pop", "'many' is not a number"),
    ("idata_duplicate_ucode.csv", 4, "uCode", "duplicate unit code 'sh'"),
    ("idata_empty_ucode.csv", 3, "uCode", "empty"),
    ("idata_missing_ucode.csv", 1, "uCode", "no uCode column"),
    ("idata_missing_indicator.csv", 1, "X3", "column missing"),
    ("idata_out_of_range.csv", 2, "X1", "120 is outside the allowed range 0..100"),
    ("idata_time_fraction.csv", 3, "Time", "whole number"),
    ("idata_empty.csv", None, None, "empty file"),
    ("idata_blank_lines.csv", None, None, "empty file"),
    ("idata_binary.xlsx", None, None, "not an XLSX workbook"),
    ("idata_text.xlsx", None, None, "not an XLSX workbook"),
    ("idata_zip.csv", None, None, "XLSX workbook, not CSV"),
]


@pytest.mark.parametrize(("name", "row", "column", "message"), CASES)
def test_bad_idata(
    small_meta: MetaTable, name: str, row: int | None, column: str | None, message: str
) -> None:
    with pytest.raises(DataError) as caught:
        read_idata(BAD / name, small_meta)
    error = caught.value
    assert (Path(error.source).name, error.row, error.column) == (name, row, column)
    assert message in error.message and name in str(error)
    if row is not None:
        assert f"row {row}, column {column}:" in str(error)


def test_old_xls_refused(small_meta: MetaTable, tmp_path: Path) -> None:
    (tmp_path / "d.xls").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    with pytest.raises(SourceError, match=r"\.xls workbooks are not supported"):
        read_idata(tmp_path / "d.xls", small_meta)


def test_unit_table_shapes_checked() -> None:
    with pytest.raises(ValueError, match="values must be 2 × 1"):
        UnitTable(("a", "b"), ("x",), np.zeros((1, 1)))
    with pytest.raises(ValueError, match="one per unit"):
        UnitTable(("a",), ("x",), np.zeros((1, 1)), names=("A", "B"))


def test_unknown_suffix_refused(small_meta: MetaTable, tmp_path: Path) -> None:
    table = read_idata(BAD / "ok_iData.csv", small_meta)
    with pytest.raises(ValueError, match=r"use \.csv or \.xlsx"):
        write_idata(table, tmp_path / "d.ods")
