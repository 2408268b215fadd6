"""iMeta tables: COINr's ASEM example as is, our SMART template, round trips, CSV and XLSX."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pytest

from models.framework import FrameworkError, RatingLevel
from models.imeta import format_levels, parse_levels, read_imeta, write_imeta
from models.resources import framework_template_path
from models.tables import Cell, write_table

DATA = Path(__file__).parent / "data"
ASEM_META = DATA / "asem" / "asem_iMeta.csv"
ASEM_NEGATIVE = {
    "CostImpEx", "Tariff", "TBTs", "PrimEner", "CO2", "MatCon", "Forest", "Poverty", "Palma",
    "FreePress", "TolMin", "PubDebt", "PrivDebt", "NEET",
}  # fmt: skip


def test_asem_loads_as_is() -> None:
    meta = read_imeta(ASEM_META)
    fw = meta.framework
    assert fw.name == "asem_iMeta"
    depth = {n.code: fw.depth(n.code) for n in fw}
    assert sum(1 for d in depth.values() if d == 3) == 49
    assert sorted(c for c, d in depth.items() if d == 2) == sorted(
        ["Physical", "ConEcFin", "Political", "Instit", "P2P", "Environ", "Social", "SusEcFin"]
    )
    assert sorted(c for c, d in depth.items() if d == 1) == ["Conn", "Sust"]
    assert fw.root.code == "Index" and fw.root.name_en == "Sustainable Connectivity"
    groups = ["GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"]
    assert [g.code for g in meta.groups] == groups
    assert [(d.code, d.unit) for d in meta.denominators] == [
        ("Area", "Thousand square km"), ("Energy", "Unit"), ("GDP", "USD Bn"),
        ("Population", "Thousands"),
    ]  # fmt: skip
    assert meta.others == ()
    assert {n.code for n in fw if n.direction == -1} == ASEM_NEGATIVE


def test_asem_leaf_specs() -> None:
    fw = read_imeta(ASEM_META).framework
    flights = fw["Flights"].spec
    assert flights is not None
    assert (flights.kind, flights.unit) == ("numeric", "Thousand seats")
    assert flights.denominator == "Population"
    assert flights.target == 200.33265549999999
    assert math.isnan(flights.low) and math.isnan(flights.high) and not flights.bounded
    assert [n.code for n in fw.children("Physical")][:3] == ["LPI", "Flights", "Ship"]
    assert [n.position for n in fw.children("Physical")] == list(range(8))


def test_asem_aggregate_units_are_kept() -> None:
    meta = read_imeta(ASEM_META)
    aggregates = ("Physical", "ConEcFin", "Political", "Instit", "P2P", "Environ", "Social",
                  "SusEcFin", "Conn", "Sust", "Index")  # fmt: skip
    assert meta.extras == {"Unit": dict.fromkeys(aggregates, "Score")}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("source", [ASEM_META, framework_template_path("smart-2021")])
def test_round_trip(source: Path, suffix: str, tmp_path: Path) -> None:
    meta = read_imeta(source)
    out = tmp_path / f"{source.stem}{suffix}"
    write_imeta(meta, out)
    again = read_imeta(out)
    assert again == meta
    write_imeta(again, tmp_path / f"second{suffix}")
    assert read_imeta(tmp_path / f"second{suffix}", name=source.stem) == meta


def test_asem_rows_written_in_coinr_order(tmp_path: Path) -> None:
    write_imeta(read_imeta(ASEM_META), tmp_path / "m.csv")
    lines = (tmp_path / "m.csv").read_text(encoding="utf-8-sig").splitlines()
    codes = [line.split(",")[1] for line in lines[1:]]
    original = [line.split(",")[1].strip('"') for line in ASEM_META.read_text().splitlines()[1:]]
    assert codes == original


def test_xlsx_sheet_named_imeta_is_preferred(tmp_path: Path) -> None:
    meta = read_imeta(framework_template_path("smart-2021"))
    path = tmp_path / "book.xlsx"
    write_imeta(meta, path)
    book = openpyxl.load_workbook(path)
    notes = book.create_sheet("Notes", 0)  # now the first sheet
    notes["A1"] = "read me"
    book.save(path)
    assert read_imeta(path, name="smart-2021") == meta


def test_xlsx_errors_name_spreadsheet_rows(tmp_path: Path) -> None:
    header = ["Level", "iCode", "iName", "Direction", "Weight", "Parent", "Type"]
    rows: list[list[Cell]] = [
        [1.0, "a", "A", 1.0, 1.0, "I", "Indicator"],
        [None] * 7,  # a blank spreadsheet row keeps the numbering
        [1.0, "b", "B", 1.0, "lots", "I", "Indicator"],
        [2.0, "I", "Index", 1.0, 1.0, None, "Aggregate"],
    ]
    path = tmp_path / "m.xlsx"
    write_table(path, header, rows, "iMeta")
    with pytest.raises(FrameworkError) as caught:
        read_imeta(path)
    assert (caught.value.row, caught.value.column) == (4, "Weight")


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    header = ["Level", "iCode", "iName", "Direction", "Weight", "Parent", "Type"]
    rows: list[list[Cell]] = [[1.0, "a", "=SUM(A1)", 1.0, 1.0, "I", "Indicator"],
            [2.0, "I", "#N/A", 1.0, 1.0, None, "Aggregate"]]  # fmt: skip
    write_table(tmp_path / "m.xlsx", header, rows, "iMeta")
    fw = read_imeta(tmp_path / "m.xlsx").framework
    assert (fw["a"].name_en, fw["I"].name_en) == ("=SUM(A1)", "#N/A")


def test_plain_coinr_minimum_and_lenient_cells(tmp_path: Path) -> None:
    text = (
        "\ufeffiCode,Level,iName,Direction,Weight,Parent,Type,Comment\n"
        " x , 1 ,Fibre,1,0.5,I,indicator,first\n"
        "y,1,,\u22121,0.5,I,Indicator,\n"  # no iName; typographic minus
        "I,2,Index,1,1,,Aggregate,root\n"
    )
    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError, match="'y' has no name"):
        read_imeta(path)
    path.write_text(text.replace("y,1,,", "y,1,Cost,"), encoding="utf-8")
    meta = read_imeta(path)
    assert meta.framework["x"].weight == 0.5 and meta.framework["y"].direction == -1
    assert meta.extras == {"Comment": {"x": "first", "I": "root"}}
    write_imeta(meta, tmp_path / "out.xlsx")
    assert read_imeta(tmp_path / "out.xlsx", name="m") == meta


def test_gb18030_csv_from_chinese_excel(tmp_path: Path) -> None:
    source = framework_template_path("smart-2021")
    text = source.read_text(encoding="utf-8-sig")
    path = tmp_path / "smart-2021.csv"
    path.write_bytes(text.encode("gb18030"))
    assert read_imeta(path) == read_imeta(source)


def test_name_zh_only_sheet(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        "Level,iCode,iName,Direction,Weight,Parent,Type,NameZh\n"
        "1,a,,1,1,I,Indicator,光纤\n2,I,,1,1,,Aggregate,指数\n",
        encoding="utf-8",
    )
    fw = read_imeta(path).framework
    assert (fw["a"].name_zh, fw["a"].name_en) == ("光纤", "光纤")


def test_unbalanced_tree_levels(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        "Level,iCode,iName,Direction,Weight,Parent,Type\n"
        "1,a,A,1,1,P,Indicator\n2,P,P,1,1,I,Aggregate\n2,b,B,1,1,I,Indicator\n"
        "3,I,Index,1,1,,Aggregate\n",
        encoding="utf-8",
    )
    meta = read_imeta(path)
    assert [n.code for n in meta.framework.leaves()] == ["a", "b"]
    write_imeta(meta, tmp_path / "m2.csv")
    assert read_imeta(tmp_path / "m2.csv", name="m") == meta


def test_levels_text_format() -> None:
    levels = parse_levels("0=无/None| 50 = 部分/Partial, or half |100=完善")
    assert levels == (
        RatingLevel(0, "无", "None"),
        RatingLevel(50, "部分", "Partial, or half"),
        RatingLevel(100, "完善", ""),
    )
    assert format_levels(levels) == "0=无/None|50=部分/Partial, or half|100=完善"
    assert parse_levels(format_levels(levels)) == levels
    with pytest.raises(ValueError, match="'/'"):
        format_levels([RatingLevel(1, "a/b", "")])
    with pytest.raises(ValueError, match="value=中文/English"):
        parse_levels("high=高/High")
