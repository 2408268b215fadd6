"""The results workbook read back with openpyxl: every number equals scoring/'s; the
command line writes it and refuses bad input with exit status 2."""

from __future__ import annotations

import json
import math
from pathlib import Path

import openpyxl
import pytest

from models import cli
from models.analysis import Analysis
from models.analysis_tables import ranking_order, table_3_2, table_3_13
from models.results_workbook import write_results_workbook
from tests.report_helpers import sample_analysis


@pytest.fixture(scope="module")
def analysis(sample_workspace_template: Path) -> Analysis:
    return sample_analysis(sample_workspace_template)


@pytest.fixture(scope="module")
def book(analysis: Analysis, tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("book") / "results.xlsx"
    write_results_workbook(analysis, path, "zh")
    return openpyxl.load_workbook(path, read_only=True)


def _rows(book: openpyxl.Workbook, name: str) -> list[tuple[object, ...]]:
    return list(book[name].iter_rows(values_only=True))


def test_sheets(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == [
        "排名", "得分", "指标得分", "指标数值", "观测数", "各指标统计", "分组统计",
        "表3-2 梯队", "表3-13 二级指标", "权重", "评分设置", "渠道观测数",
    ]  # fmt: skip


def test_ranking_sheet(book: openpyxl.Workbook, analysis: Analysis) -> None:
    rows = _rows(book, "排名")
    result = analysis.scored.result
    assert len(rows) == 51
    for row, i in zip(rows[1:], ranking_order(analysis), strict=True):
        assert row[1] == analysis.cities[i].code
        assert row[0] == int(result.rank[i])
        assert row[8] == result.index[i]  # full precision
        assert row[9] == result.tier_labels()[i]
        assert list(row[10:15]) == [analysis.scores(c)[i] for c in analysis.first]


def test_node_and_group_statistics(book: openpyxl.Workbook, analysis: Analysis) -> None:
    stats = analysis.scored.result.stats
    nodes = {row[0]: row for row in _rows(book, "各指标统计")[1:]}
    assert len(nodes) == len(analysis.scored.result.hierarchy.codes)
    for code, row in nodes.items():
        j = analysis.column(str(code))
        assert row[3] == stats.n[j] and row[4] == stats.mean[j] and row[5] == stats.sd[j]
        assert row[6] == stats.min[j] and row[7] == stats.max[j]
    groups = _rows(book, "分组统计")[1:]
    for kind, name in (("circle", "经济圈"), ("band", "GDP 分组")):
        for group in analysis.groups[kind]:
            label = analysis.group_name(kind, group.key, "zh")
            row = next(r for r in groups if r[0] == name and r[1] == label and r[2] == "Index")
            j = analysis.column("Index")
            assert row[4] == group.stats.n[j] and row[5] == group.stats.mean[j]
            assert row[6] == group.stats.sd[j] or (row[6] is None and math.isnan(group.stats.sd[j]))


def test_report_tables(book: openpyxl.Workbook, analysis: Analysis) -> None:
    tiers = _rows(book, "表3-2 梯队")[1:]
    expected = [
        (r.label, analysis.cities[i].name_zh) for r in table_3_2(analysis) for i in r.cities
    ]
    assert [(row[0], row[2]) for row in tiers] == expected
    second = _rows(book, "表3-13 二级指标")[1:]
    assert [(row[1], row[4], row[5]) for row in second] == [
        (r.code, r.mean, r.sd) for r in table_3_13(analysis)
    ]


def test_weights_settings_and_channels(book: openpyxl.Workbook, analysis: Analysis) -> None:
    weights = {row[0]: row for row in _rows(book, "权重")[1:]}
    assert weights["T"][4] == pytest.approx(0.10) and weights["S"][5] == pytest.approx(0.30)
    leaf_shares = [float(str(row[5])) for code, row in weights.items() if "." in str(code)]
    assert sum(leaf_shares) == pytest.approx(1.0)
    settings = {row[0]: row[1] for row in _rows(book, "评分设置")[1:]}
    assert settings["normalise"] == "goalposts"
    assert json.loads(str(settings["tiers"]))["values"] == [0.16, 0.34, 0.5]
    assert json.loads(str(settings["GDP 分组下限（亿元）"])) == [20000.0, 10000.0, 5000.0]
    channels = {row[0]: row[1] for row in _rows(book, "渠道观测数")[1:]}
    for channel, count in analysis.sources.channels:
        assert channels[channel] == count
    assert channels["合计（有效）"] == analysis.sources.observations


def test_english_workbook(analysis: Analysis, tmp_path: Path) -> None:
    path = tmp_path / "en.xlsx"
    write_results_workbook(analysis, path, "en")
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames[0] == "Ranking"
    first = next(book["Ranking"].iter_rows(min_row=2, max_row=2, values_only=True))
    assert first[9] in ("Leader", "Pioneer", "Explorer")


def test_command_line_workbook(sample_workspace_path: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    out = tmp_path / "r.xlsx"
    assert cli.run(["report", "--workspace", str(sample_workspace_path), "--out", str(out)]) == 0
    assert out.is_file() and "50 cities" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--out", "{tmp}/r.txt"], "must end in .docx, .pdf or .xlsx"),
        (["--out", "{tmp}/missing/r.xlsx"], "does not exist"),
        (["--out", "{tmp}/r.xlsx", "--campaign", "nope"], "no campaign named 'nope'"),
        (["--out", "{tmp}/r.xlsx", "--gdp-bands", "5,10,x"], "--gdp-bands"),
        (["--out", "{tmp}/r.docx"], "needs the program's charts"),
    ],
)
def test_command_line_refuses(
    sample_workspace_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    args = [a.format(tmp=tmp_path) for a in extra]
    assert cli.run(["report", "--workspace", str(sample_workspace_path), *args]) == 2
    assert message in capsys.readouterr().err


def test_command_line_missing_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "report",
        "--workspace",
        str(tmp_path / "no.smartcity"),
        "--out",
        str(tmp_path / "r.xlsx"),
    ]
    assert cli.run(args) == 2
    assert "no such workspace" in capsys.readouterr().err
