"""The Excel commands: `template`, `import` (exit 2 naming file, sheet, row and column;
nothing imported), `import --valid-rows-only`, `export observations|scores`."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from main import main
from models.workspace import Workspace
from tests.excel_helpers import columns_of, entry_sheet, fill_template

BAD = Path(__file__).resolve().parent / "data" / "excel"


def count(path: Path) -> tuple[int, int]:
    with Workspace.open(path, read_only=True) as ws:
        campaign = ws.campaigns()[0]
        return len(ws.observations(campaign.campaign_id)), len(ws.audit_trail())


def make_filled(workspace: Path, folder: Path, cities: str = "beijing,wuhan") -> Path:
    template, filled = folder / "t.xlsx", folder / "filled.xlsx"
    args = ["template", "--workspace", str(workspace), "--cities", cities, "--out", str(template)]
    assert main(args) == 0
    with Workspace.open(workspace, read_only=True) as ws:
        campaign = ws.campaigns()[0]
        leaves = ws.framework(campaign.framework_id).leaves()
        fill_template(template, filled, {n.code: n.spec for n in leaves if n.spec is not None})
    return filled


def test_template_then_import_then_import_again(
    sample_workspace_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = make_filled(sample_workspace_path, tmp_path)
    assert "104 rows (2 cities × 52 indicators)" in capsys.readouterr().out
    before = count(sample_workspace_path)
    command = ["import", "--workspace", str(sample_workspace_path), str(filled)]
    assert main([*command, "--evaluator", "王芳"]) == 0
    assert "imported 104 observation(s)" in capsys.readouterr().out
    assert count(sample_workspace_path) == (before[0] + 104, before[1] + 104)
    assert main(command) == 0
    out = capsys.readouterr().out
    assert "imported 0 observation(s)" in out and "104 already imported" in out
    assert count(sample_workspace_path) == (before[0] + 104, before[1] + 104)


def test_import_with_problems_exits_2_and_imports_nothing(
    sample_workspace_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = make_filled(sample_workspace_path, tmp_path, "beijing")
    book = openpyxl.load_workbook(filled)
    sheet = entry_sheet(book)
    col = columns_of(sheet)
    sheet.cell(3, col["value"]).value = "=1+2"
    sheet.cell(5, col["channel"]).value = "pigeon"
    book.save(filled)
    capsys.readouterr()
    before = count(sample_workspace_path)
    problems = tmp_path / "problems.xlsx"
    command = ["import", "--workspace", str(sample_workspace_path), str(filled)]
    assert main([*command, "--problems", str(problems)]) == 2
    err = capsys.readouterr().err
    assert f"error: {filled}: 2 problem(s) in 2 row(s); nothing imported" in err
    assert f"{filled}, sheet '录入 Entry', row 3, column J (数值): a formula (=1+2)" in err
    assert f"{filled}, sheet '录入 Entry', row 5, column K (调查渠道): unknown channel" in err
    assert count(sample_workspace_path) == before
    assert entry_sheet(openpyxl.load_workbook(problems)).max_row == 3
    assert main([*command, "--valid-rows-only"]) == 0
    out = capsys.readouterr().out
    assert "imported 50 observation(s)" in out and "2 row(s) left out" in out
    assert count(sample_workspace_path)[0] == before[0] + 50


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("not_a_workbook.xlsx", "not an Excel workbook"),
        ("encrypted.xlsx", "encrypted"),
        ("xml_bomb.xlsx", "XML attack"),
        ("damaged.xlsx", "damaged workbook"),
    ],
)
def test_refused_files_exit_2_with_one_message(
    sample_workspace_path: Path, capsys: pytest.CaptureFixture[str], name: str, words: str
) -> None:
    before = count(sample_workspace_path)
    assert main(["import", "--workspace", str(sample_workspace_path), str(BAD / name)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {BAD / name}") and words in err and err.count("\n") == 1
    assert count(sample_workspace_path) == before


def test_exports(
    sample_workspace_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = str(sample_workspace_path)
    out = tmp_path / "obs.xlsx"
    assert (
        main(["export", "observations", "--workspace", ws, "--lang", "en", "--out", str(out)]) == 0
    )
    assert "exported 3" in capsys.readouterr().out
    assert entry_sheet(openpyxl.load_workbook(out)).cell(1, 1).value == "Observation UUID"
    scores = tmp_path / "scores.xlsx"
    assert main(["export", "scores", "--workspace", ws, "--out", str(scores)]) == 0
    assert "exported the scores of 50 cities" in capsys.readouterr().out
    assert openpyxl.load_workbook(scores).sheetnames[0] == "得分"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["export", "scores", "--out", "x.csv"], "must end in .xlsx"),
        (["template", "--out", "t.xlsx", "--cities", "atlantis"], "atlantis"),
        (["template", "--out", "t.xlsx", "--campaign", "2099"], "no campaign named '2099'"),
        (["import", "missing.xlsx"], "cannot read the file"),
        (["import", "x.xlsx", "--problems", "p.txt"], "must end in .csv or .xlsx"),
    ],
)
def test_bad_arguments_exit_2(
    sample_workspace_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    words: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([*args, "--workspace", str(sample_workspace_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and words in err
    assert not (tmp_path / "t.xlsx").exists()
