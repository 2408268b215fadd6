"""The command line: `main.py score | sample | show`, exit status 2 with one message naming
file, row and column on bad input, and nothing written then."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from main import main

DATA = Path(__file__).parent / "data"
BAD = DATA / "bad"
ASEM_META, ASEM_DATA = DATA / "asem" / "asem_iMeta.csv", DATA / "asem" / "asem_iData.csv"
OK_META, OK_DATA = BAD / "ok_iMeta.csv", BAD / "ok_iData.csv"
ROOT = Path(__file__).parent.parent


def run_score(meta: Path, data: Path, out: Path, *extra: str) -> int:
    return main(["score", "--framework", str(meta), "--data", str(data), "--out", str(out), *extra])


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_score_tables_writes_one_row_per_unit(tmp_path: Path) -> None:
    out = tmp_path / "scores.csv"
    assert run_score(ASEM_META, ASEM_DATA, out, "--normalise", "minmax") == 0
    rows = read_csv(out)
    assert len(rows) == 51
    header = list(rows[0])
    assert header[0] == "uCode" and header[-2:] == ["Rank", "Tier"]
    assert header[1:4] == ["Index", "Conn", "Sust"]  # aggregates from the root down
    assert len(header) == 1 + 11 + 2
    ranks = sorted(int(r["Rank"]) for r in rows)
    assert ranks[0] == 1
    best = min(rows, key=lambda r: int(r["Rank"]))
    assert float(best["Index"]) == max(float(r["Index"]) for r in rows)


def test_score_tables_xlsx_output_keeps_full_precision(tmp_path: Path) -> None:
    import openpyxl

    csv_out, xlsx_out = tmp_path / "s.csv", tmp_path / "s.xlsx"
    assert run_score(ASEM_META, ASEM_DATA, csv_out, "--normalise", "zscore") == 0
    assert run_score(ASEM_META, ASEM_DATA, xlsx_out, "--normalise", "zscore") == 0
    book = openpyxl.load_workbook(xlsx_out, read_only=True)
    sheet = book.worksheets[0]
    values = next(iter(sheet.iter_rows(min_row=2, max_row=2, values_only=True)))
    from_csv = read_csv(csv_out)[0]
    assert values[0] == from_csv["uCode"]
    assert values[1] == float(from_csv["Index"])  # the same float, to the last bit


@pytest.mark.parametrize(
    ("meta", "data", "fragments"),
    [
        ("imeta_duplicate_code.csv", OK_DATA, ["imeta_duplicate_code.csv", "row", "iCode"]),
        ("imeta_unknown_parent.csv", OK_DATA, ["imeta_unknown_parent.csv", "row", "Parent"]),
        ("imeta_cycle.csv", OK_DATA, ["imeta_cycle.csv", "row", "Parent"]),
        ("imeta_weight_negative.csv", OK_DATA, ["imeta_weight_negative.csv", "row", "Weight"]),
        ("imeta_direction.csv", OK_DATA, ["imeta_direction.csv", "row", "Direction"]),
        ("imeta_type.csv", OK_DATA, ["imeta_type.csv", "row", "Type"]),
        ("imeta_empty.csv", OK_DATA, ["imeta_empty.csv"]),
        ("imeta_binary.csv", OK_DATA, ["imeta_binary.csv"]),
        (OK_META, "idata_unknown_indicator.csv", ["idata_unknown_indicator.csv", "column"]),
        (OK_META, "idata_non_numeric.csv", ["idata_non_numeric.csv", "row 3", "column X1"]),
        (OK_META, "idata_duplicate_ucode.csv", ["idata_duplicate_ucode.csv", "row", "uCode"]),
        (OK_META, "idata_empty.csv", ["idata_empty.csv"]),
        (OK_META, "idata_binary.xlsx", ["idata_binary.xlsx"]),
    ],
)
def test_bad_input_exits_2_naming_the_place_and_writes_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    meta: str | Path,
    data: str | Path,
    fragments: list[str],
) -> None:
    out = tmp_path / "scores.csv"
    meta_path = meta if isinstance(meta, Path) else BAD / meta
    data_path = data if isinstance(data, Path) else BAD / data
    assert run_score(meta_path, data_path, out) == 2
    message = capsys.readouterr().err.strip()
    assert message.startswith("error: ") and "\n" not in message
    for fragment in fragments:
        assert fragment in message
    assert list(tmp_path.iterdir()) == []


def test_geometric_mean_over_zero_names_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "scores.csv"
    code = run_score(ASEM_META, ASEM_DATA, out, "--normalise", "minmax", "--aggregate", "geometric")
    assert code == 2
    message = capsys.readouterr().err
    assert "asem_iData.csv" in message and "row " in message and "column " in message
    assert "geometric" in message
    assert not out.exists()


def test_geometric_mean_with_range_1_100_succeeds(tmp_path: Path) -> None:
    out = tmp_path / "scores.csv"
    args = ("--normalise", "minmax", "--range", "1,100", "--aggregate", "geometric")
    assert run_score(ASEM_META, ASEM_DATA, out, *args) == 0
    assert all(1.0 <= float(r["Index"]) <= 100.0 for r in read_csv(out))


def test_bad_range_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_score(ASEM_META, ASEM_DATA, tmp_path / "s.csv", "--range", "zero,one")
    assert exit_info.value.code == 2


def test_unknown_output_format_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_score(ASEM_META, ASEM_DATA, tmp_path / "s.json") == 2
    assert "s.json" in capsys.readouterr().err


def test_sample_then_score_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace = tmp_path / "sample.smartcity"
    assert main(["sample", "--out", str(workspace)]) == 0
    out = tmp_path / "scores.csv"
    assert main(["score", "--workspace", str(workspace), "--out", str(out)]) == 0
    rows = read_csv(out)
    assert len(rows) == 50
    header = list(rows[0])
    assert header[:8] == ["uCode", "uName", "Index", "T", "R", "A", "M", "S"]
    assert header[-3:] == ["S2", "Rank", "Tier"]
    assert {r["uName"] for r in rows if r["Tier"] == "领军"} == {
        "北京",
        "上海",
        "杭州",
        "广州",
        "青岛",
        "深圳",
        "宁波",
        "无锡",
    }
    assert main(["show", "--workspace", str(workspace)]) == 0
    assert "北京 Beijing" in capsys.readouterr().out


def test_sample_refuses_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "taken.smartcity"
    existing.write_bytes(b"keep me")
    assert main(["sample", "--out", str(existing)]) == 2
    assert existing.read_bytes() == b"keep me"
    assert "already exists" in capsys.readouterr().err


def test_score_workspace_unknown_campaign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace = tmp_path / "sample.smartcity"
    assert main(["sample", "--out", str(workspace)]) == 0
    out = tmp_path / "s.csv"
    args = ["score", "--workspace", str(workspace), "--campaign", "2020", "--out", str(out)]
    assert main(args) == 2
    assert "no campaign named '2020'" in capsys.readouterr().err
    assert not out.exists()


def test_score_refuses_a_file_that_is_not_a_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.smartcity"
    junk.write_bytes(b"\x00\x01 not sqlite" * 50)
    before = junk.read_bytes()
    assert main(["score", "--workspace", str(junk), "--out", str(tmp_path / "s.csv")]) == 2
    assert "junk.smartcity" in capsys.readouterr().err
    assert junk.read_bytes() == before


def test_help_mentions_the_window_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "--screenshot" in capsys.readouterr().out


def test_real_process_exit_status(tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    completed = subprocess.run(
        [
            sys.executable,
            "main.py",
            "score",
            "--framework",
            str(BAD / "imeta_cycle.csv"),
            "--data",
            str(OK_DATA),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert "imeta_cycle.csv" in completed.stderr
    assert not out.exists()
