"""Exports: observations and scores to .xlsx, labelled in zh or en; text that looks like a
formula stays text in openpyxl and in LibreOffice; the files open in LibreOffice."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from models.campaign_scoring import score_campaign
from models.campaigns import Campaign
from models.excel_export import OBSERVATION_HEADERS, export_observations, export_scores
from models.observations import NewObservation
from models.workspace import Workspace
from models.xlsx_write import SheetData, XValue, is_formula_like, sheet_name, write_workbook
from tests.excel_helpers import TESTER, entry_sheet, libreoffice_csv, needs_libreoffice

INJECTIONS = (
    "=1+1",
    "+2+3",
    "-4+5",
    "@SUM(1,2)",
    '=HYPERLINK("http://example.com","click")',
    "=cmd|' /C calc'!A0",
    "\t=1+1",
)


@pytest.fixture
def opened(sample_workspace_path: Path) -> Iterator[tuple[Workspace, Campaign]]:
    with Workspace.open(sample_workspace_path) as ws:
        yield ws, ws.campaigns()[0]


def add_injections(ws: Workspace, campaign: Campaign) -> list[str]:
    leaf = ws.framework(campaign.framework_id)["T1.1"]
    assert leaf.node_id is not None
    news = [
        NewObservation(
            campaign.campaign_id,
            campaign.city_ids[0],
            leaf.node_id,
            50.0,
            "实地调研",
            "2021-04-01",
            source=text,
            note=f"note {text}",
            evaluator=text,
        )
        for text in INJECTIONS
    ]
    return ws.add_observations(news, TESTER)


def test_observations_export_every_column_in_chinese_and_english(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    stored = ws.observations(campaign.campaign_id)
    assert export_observations(ws, campaign, tmp_path / "zh.xlsx") == len(stored)
    assert export_observations(ws, campaign, tmp_path / "en.xlsx", lang="en") == len(stored)
    zh = entry_sheet(openpyxl.load_workbook(tmp_path / "zh.xlsx"))
    en = entry_sheet(openpyxl.load_workbook(tmp_path / "en.xlsx"))
    assert [c.value for c in zh[1]] == [h[0] for h in OBSERVATION_HEADERS]
    assert [c.value for c in en[1]] == [h[1] for h in OBSERVATION_HEADERS]
    assert zh.max_row == len(stored) + 1 and zh.freeze_panes == "B2"
    first = stored[0]
    zh_row = [c.value for c in zh[2]]
    en_row = [c.value for c in en[2]]
    assert zh_row[0] == first.uuid and zh_row[7] == first.value
    assert zh_row[9] == datetime.combine(first.observed_on, datetime.min.time())
    assert zh_row[8] == first.channel
    assert en_row[8] in ("Field visit", "Phone interview", "Web sampling", "Statistics",
                         "Questionnaire")  # fmt: skip
    statuses = (("草稿", "draft"), ("已提交", "submitted"), ("已核实", "verified"))
    assert (zh_row[15], en_row[15]) in (*statuses, ("已退回", "rejected"))
    assert zh_row[16] == first.created_at and zh_row[18] is None


def test_deleted_observations_are_exported_only_on_request(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    uuid = ws.observations(campaign.campaign_id)[0].uuid
    ws.delete_observation(uuid, TESTER, "duplicate")
    live = export_observations(ws, campaign, tmp_path / "live.xlsx")
    every = export_observations(ws, campaign, tmp_path / "all.xlsx", include_deleted=True)
    assert every == live + 1
    sheet = entry_sheet(openpyxl.load_workbook(tmp_path / "all.xlsx"))
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == uuid)
    assert row[18] is not None


def test_formula_like_text_is_written_as_text(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    uuids = add_injections(ws, campaign)
    export_observations(ws, campaign, tmp_path / "obs.xlsx")
    sheet = entry_sheet(openpyxl.load_workbook(tmp_path / "obs.xlsx"))
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2) if r[0].value in uuids}
    assert len(rows) == len(INJECTIONS)
    for uuid, text in zip(uuids, INJECTIONS, strict=True):
        for cell, expected in ((rows[uuid][10], text), (rows[uuid][12], text)):
            assert (cell.value, cell.data_type) == (expected, "s")
            assert cell.quotePrefix  # Excel's leading apostrophe: stays text when edited
        assert rows[uuid][13].value == f"note {text}" and not rows[uuid][13].quotePrefix


@needs_libreoffice
def test_libreoffice_shows_formula_like_text_as_text(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    uuids = add_injections(ws, campaign)
    export_observations(ws, campaign, tmp_path / "obs.xlsx", lang="en")
    sheets = libreoffice_csv(tmp_path / "obs.xlsx", tmp_path)
    (rows,) = sheets.values()
    assert rows[0][:3] == ["Observation UUID", "City code", "City"]
    by_uuid = {row[0]: row for row in rows[1:]}
    assert len(by_uuid) == len(ws.observations(campaign.campaign_id))
    for uuid, text in zip(uuids, INJECTIONS, strict=True):
        assert by_uuid[uuid][12] == text and by_uuid[uuid][10] == text  # not 2, 5, 1, 3 …


def test_scores_export_ranks_cities_with_every_aggregate(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    assert export_scores(ws, campaign, tmp_path / "s.xlsx", lang="en") == 50
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert book.sheetnames == ["Scores", "Indicator scores", "Indicator values",
                               "Observations used"]  # fmt: skip
    sheet = book["Scores"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["City code", "City"] and str(header[2]).startswith("Index ")
    assert header[-2:] == ["Rank", "Tier"] and len(header) == 2 + 22 + 2
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    ranks = [float(str(r[-2])) for r in rows]
    assert ranks == sorted(ranks) and ranks[0] == 1
    scored = score_campaign(ws, campaign)
    best = int(min(range(50), key=lambda i: float(scored.result.rank[i])))
    assert rows[0][0] == scored.cities[best].code
    assert rows[0][2] == pytest.approx(float(scored.result.index[best]))
    assert rows[0][-1] == "Leader"
    values = book["Indicator values"]
    assert values.cell(1, 3).value == "T1.1 Household fibre-to-the-home rate"
    assert values.cell(2, 1).value == rows[0][0]


@needs_libreoffice
def test_score_workbook_opens_in_libreoffice(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    export_scores(ws, campaign, tmp_path / "s.xlsx")
    sheets = libreoffice_csv(tmp_path / "s.xlsx", tmp_path)
    assert set(sheets) == {"得分", "指标得分", "指标数值", "观测数"}
    scores = sheets["得分"]
    assert scores[0][-2:] == ["排名", "梯队"] and len(scores) == 51
    assert scores[1][-2:] == ["1", "领军"]


def test_writer_keeps_odd_text_and_numbers_exact(tmp_path: Path) -> None:
    rows: list[list[XValue]] = [
        ["tab\there", "ctl\x0bchar", "_x0041_ literal", "<&>\"'", 0.1 + 0.2, math.nan],
        [True, date(2021, 4, 1), datetime(2021, 4, 1, 12, 30), -0.0, 2**60, None],
    ]
    write_workbook(tmp_path / "w.xlsx", [SheetData("a/b:c", ["h1", "h2"], rows)])
    sheet = entry_sheet(openpyxl.load_workbook(tmp_path / "w.xlsx"))
    assert sheet.title == "a_b_c"
    first = [c.value for c in sheet[2]]
    assert first[0] == "tab\there" and first[3] == "<&>\"'"
    assert first[4] == 0.1 + 0.2 and sheet.cell(2, 6).value is None  # 17 digits; NaN empty
    second = [c.value for c in sheet[3]]
    assert second[:3] == [True, datetime(2021, 4, 1), datetime(2021, 4, 1, 12, 30)]
    assert second[4] == 2**60


def test_writer_helpers() -> None:
    assert all(is_formula_like(t) for t in INJECTIONS)
    assert not any(is_formula_like(t) for t in ("1+1", "a=b", "", " =x"))
    assert sheet_name("x" * 40) == "x" * 31 and sheet_name("[]") == "__"
    with pytest.raises(ValueError, match="differ"):
        write_workbook(Path("unused.xlsx"), [SheetData("A", [], []), SheetData("a", [], [])])


@needs_libreoffice
def test_libreoffice_reads_escaped_text_back(tmp_path: Path) -> None:
    rows = [["ctl\x0bchar", "_x0041_ literal", "=1+1"]]
    write_workbook(tmp_path / "w.xlsx", [SheetData("S", ["a", "b", "c"], rows)])
    (csv_rows,) = libreoffice_csv(tmp_path / "w.xlsx", tmp_path).values()
    assert csv_rows[1][1:] == ["_x0041_ literal", "=1+1"]
    assert csv_rows[1][0].replace("\x0b", "") == "ctlchar"
