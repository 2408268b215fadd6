"""`main.py package export` and `main.py merge`: what they print, and exit status 2 with a
clear message (and nothing merged) for a refused package."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.cli import run
from tests.fixtures.fieldwork import COORDINATOR, copy_site, digest, make_master


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    master = make_master(tmp_path / "master.smartcity")
    master.add("SH", "T2", 50, COORDINATOR)
    laptop = copy_site(master, tmp_path / "laptop.smartcity")
    master.close()
    laptop.close()
    return tmp_path / "master.smartcity", tmp_path / "laptop.smartcity"


def test_export_then_merge(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    master, laptop = files
    out = tmp_path / "a.smartpkg"
    args = ["package", "export", "--workspace", str(laptop), "--cities", "SH,SZ"]
    assert run([*args, "--out", str(out), "--evaluator", "张伟", "--team", "A组"]) == 0
    assert "exported 1 observations" in capsys.readouterr().out
    assert run(["merge", "--workspace", str(master), str(out)]) == 0
    printed = capsys.readouterr().out
    assert "a.smartpkg: added 0, updated 0, skipped 1, in conflict 0, duplicates 0" in printed
    assert "张伟 (A组)" in printed and "total:" in printed
    assert run([*args, "--out", str(out)]) == 2
    assert "the file exists" in capsys.readouterr().err


def test_a_refused_package_exits_2_and_merges_nothing(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    master, laptop = files
    good = tmp_path / "good.smartpkg"
    assert run(["package", "export", "--workspace", str(laptop), "--out", str(good)]) == 0
    bad = tmp_path / "bad.smartpkg"
    bad.write_bytes(good.read_bytes()[:-100])
    before = digest(master, merge_rows=True)
    assert run(["merge", "--workspace", str(master), str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.smartpkg" in err and "nothing was merged" in err
    assert digest(master, merge_rows=True) == before
    assert run(["package", "export", "--workspace", str(laptop), "--cities", "XX",
                "--out", str(tmp_path / "x.smartpkg")]) == 2  # fmt: skip
    assert "unknown city code 'XX'" in capsys.readouterr().err
