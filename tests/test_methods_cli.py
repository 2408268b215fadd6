"""`main.py score` with COINr's data treatment, and `main.py uncertainty`."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from main import main

DATA = Path(__file__).parent / "data"
ASEM_META, ASEM_DATA = DATA / "asem" / "asem_iMeta.csv", DATA / "asem" / "asem_iData.csv"
COINR_FLAGS = (
    "--denominate",
    "--impute",
    "group-mean:EurAsia_group",
    "--screen",
    "0.9",
    "--treat",
    "coinr",
    "--normalise",
    "minmax",
    "--range",
    "0,100",
    "--aggregate",
    "arithmetic",
)
TIERS = ("领军", "先锋", "探索")
PUBLISHED_TOP = {"CHE": 68.38, "NLD": 64.82, "DNK": 64.80, "NOR": 64.47, "BEL": 63.54, "SWE": 63.00}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def score(out: Path, *extra: str) -> int:
    return main(
        [
            "score",
            "--framework",
            str(ASEM_META),
            "--data",
            str(ASEM_DATA),
            "--out",
            str(out),
            *extra,
        ]
    )


def uncertainty(out: Path, *extra: str) -> int:
    tables = ["--framework", str(ASEM_META), "--data", str(ASEM_DATA)]
    return main(["uncertainty", *tables, "--out", str(out), *extra])


def test_score_with_coinr_example_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "scores.csv"
    assert score(out, *COINR_FLAGS) == 0
    rows = read_csv(out)
    top = sorted(rows, key=lambda r: int(r["Rank"]))[:6]
    assert [r["uCode"] for r in top] == list(PUBLISHED_TOP)
    for row in top:
        assert float(row["Index"]) == pytest.approx(PUBLISHED_TOP[row["uCode"]], abs=0.005)
    printed = capsys.readouterr().out
    assert "imputed 65 cells" in printed and "15 winsorised" in printed


def test_impute_choices_and_screening_on_raw_data(tmp_path: Path) -> None:
    out = tmp_path / "scores.csv"
    screen = ("--screen", "0.95", "--screen-on", "raw", "--normalise", "minmax")
    assert score(out, "--impute", "median", *screen) == 0
    assert 0 < len(read_csv(out)) < 51
    assert score(out, "--impute", "group-median:GDP_group", "--normalise", "minmax") == 0
    assert len(read_csv(out)) == 51


@pytest.mark.parametrize(
    ("extra", "fragments"),
    [
        (("--impute", "group-mean:Nope"), ["asem_iData.csv", "Nope", "EurAsia_group"]),
        (("--impute", "mode"), ["imputation", "mode"]),
        (("--screen", "1.5"), ["screen"]),
    ],
)
def test_bad_treatment_options_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: tuple[str, ...], fragments: list[str]
) -> None:
    out = tmp_path / "scores.csv"
    assert score(out, *extra) == 2
    message = capsys.readouterr().err.strip()
    assert message.startswith("error: ") and "\n" not in message
    for fragment in fragments:
        assert fragment in message
    assert not out.exists()


def test_treatment_needs_tables_not_a_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace, out = str(tmp_path / "w.smartcity"), str(tmp_path / "s.csv")
    code = main(["score", "--workspace", workspace, "--treat", "coinr", "--out", out])
    assert code == 2 and "--framework and --data" in capsys.readouterr().err


def test_uncertainty_writes_rank_table(tmp_path: Path) -> None:
    out = tmp_path / "ua.csv"
    noise = ("--weight-noise", "0.25", "--normalise-choices", "minmax,zscore,rank")
    args = ("--samples", "300", *noise, "--seed", "4", *COINR_FLAGS[:7])
    assert uncertainty(out, *args) == 0
    rows = read_csv(out)
    assert list(rows[0]) == ["uCode", "Nominal", "Mean", "Median", "Q5", "Q95", *TIERS]
    assert len(rows) == 51
    che = next(r for r in rows if r["uCode"] == "CHE")
    assert che["Nominal"] == "1" and float(che["领军"]) > 0.9
    for row in rows:
        assert float(row["Q5"]) <= float(row["Median"]) <= float(row["Q95"])
        assert sum(float(row[t]) for t in TIERS) == pytest.approx(1.0)
    again = tmp_path / "ua2.csv"
    assert uncertainty(again, *args) == 0
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_uncertainty_zero_noise_equals_nominal(tmp_path: Path) -> None:
    out = tmp_path / "ua.csv"
    assert uncertainty(out, "--samples", "20", "--impute", "mean") == 0
    for row in read_csv(out):
        assert row["Nominal"] == row["Mean"] == row["Median"] == row["Q5"] == row["Q95"]


def test_uncertainty_with_sensitivity_file(tmp_path: Path) -> None:
    out, sa = tmp_path / "ua.csv", tmp_path / "sa.csv"
    vary = ("--weight-noise", "0.2", "--normalise-choices", "minmax,rank", "--drop-indicators")
    args = ("--samples", "100", *vary, "--impute", "mean", "--seed", "1", "--sensitivity", str(sa))
    assert uncertainty(out, *args) == 0
    indices = read_csv(sa)
    assert [r["Assumption"] for r in indices] == ["weights", "normalise", "drop"]
    assert list(indices[0]) == ["Assumption", "Si", "Si_q5", "Si_q95", "STi", "STi_q5", "STi_q95"]


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (("--normalise-choices", "minmax,fancy"), "--normalise-choices: unknown method 'fancy'"),
        (("--weight-noise", "1.5"), "weight noise"),
        (("--samples", "0"), "samples"),
        (("--normalise-choices", "zscore", "--aggregate-choices", "geometric"), "positive"),
    ],
)
def test_bad_uncertainty_options_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: tuple[str, ...], fragment: str
) -> None:
    out = tmp_path / "ua.csv"
    assert uncertainty(out, "--impute", "mean", *extra) == 2
    message = capsys.readouterr().err.strip()
    assert message.startswith("error: ") and fragment in message and "\n" not in message
    assert not out.exists()
