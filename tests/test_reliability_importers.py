"""Fuzzing the importers: damaged input never crashes and never leaves a partial write.

Every reader either returns a table or raises a SourceError naming the file (a
ValueError); creating a workspace from what was read either completes or leaves no file
behind. tests/test_imeta_properties.py covers valid round trips; here the input is bad.

Not covered here yet (written in parallel; add them to IMPORTERS when they land):
the Excel entry-template import (models/excel_*) and field packages (issue 6).
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.cities import City, load_city_list
from models.framework import SourceError
from models.idata import read_idata
from models.imeta import load_framework, read_imeta, write_imeta
from models.new_workspace import create_workspace
from models.resources import city_list_path
from models.store import StoreError
from models.workspace import Workspace
from tests.fixtures.sample import ALICE

DATA = Path(__file__).resolve().parent / "data" / "bad"
OK_META = DATA / "ok_iMeta.csv"
META = read_imeta(OK_META)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SNIPPETS = (b",", b"\n", b'"', b"\xff", b"\xef\xbb\xbf", b"1e999", b"-", b"nan", b"\x00",
            "中".encode(), "，".encode("gb18030"), b"Aggregate", b"=1+1")  # fmt: skip

IMPORTERS: dict[str, tuple[Path, Callable[[Path], object]]] = {
    "iMeta": (OK_META, read_imeta),
    "iData": (DATA / "ok_iData.csv", lambda path: read_idata(path, META)),
    "cities": (city_list_path(), load_city_list),
}


@st.composite
def mutations(draw: st.DrawFn, original: bytes) -> bytes:
    """The file with a few bytes flipped, inserted, deleted or repeated."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(("flip", "insert", "delete", "repeat", "cut")))
        if kind == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(SNIPPETS))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 30))]
        elif kind == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 60))]
        elif kind == "cut":
            del data[at:]
    return bytes(data)


def _read(name: str, content: bytes, suffix: str = ".csv") -> object:
    """Write `content` to a fresh file and read it with the importer; its result or None."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}{suffix}"
        path.write_bytes(content)
        try:
            return IMPORTERS[name][1](path)
        except SourceError as refused:
            assert path.name in str(refused)  # the message names the file
            return None


@pytest.mark.parametrize("name", sorted(IMPORTERS))
def test_damaged_csv_is_read_or_refused_with_a_named_error(name: str) -> None:
    original = IMPORTERS[name][0].read_bytes()

    @FUZZ
    @given(content=mutations(original))
    def check(content: bytes) -> None:
        _read(name, content)  # anything but SourceError fails the test

    check()


# ---------------------------------------------------------------- XLSX (a ZIP of XML)


@pytest.fixture(scope="module")
def damaged_xlsx(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    """Seeded random damage to an iMeta workbook (deterministic)."""
    path = tmp_path_factory.mktemp("xlsx") / "iMeta.xlsx"
    write_imeta(META, path)
    original, rng = path.read_bytes(), random.Random(9)
    variants = []
    for _ in range(120):
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        variants.append(bytes(data))
    return variants


def _xlsx_outcomes(variants: list[bytes]) -> list[BaseException | None]:
    outcomes: list[BaseException | None] = []
    for content in variants:
        try:
            _read("iMeta", content, ".xlsx")
            outcomes.append(None)
        except Exception as failed:
            outcomes.append(failed)
    return outcomes


def test_damaged_xlsx_is_refused_with_a_named_error(damaged_xlsx: list[bytes]) -> None:
    assert [e for e in _xlsx_outcomes(damaged_xlsx) if e is not None] == []


# ---------------------------------------------------------------- no partial write


CITIES = load_city_list(city_list_path())


@FUZZ
@given(
    meta=st.one_of(st.just(OK_META.read_bytes()), mutations(OK_META.read_bytes())),
    cities=st.lists(st.sampled_from(CITIES[:8]), max_size=5),  # repeats fail in the store
    campaign=st.sampled_from(["2021", "", "  ", "评估 2021"]),
)
def test_a_workspace_from_damaged_tables_is_complete_or_absent(
    meta: bytes, cities: list[City], campaign: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "m.csv").write_bytes(meta)
        target = Path(folder) / "new.smartcity"
        try:
            framework = load_framework(Path(folder) / "m.csv")
            create_workspace(target, framework, cities, campaign, ALICE)
        except (SourceError, StoreError, ValueError):
            assert [p.name for p in Path(folder).iterdir()] == ["m.csv"]
            return
        with Workspace.open(target, read_only=True) as ws:
            (stored,) = ws.campaigns()
            assert stored.name == campaign.strip()
            assert [c.code for c in ws.cities()] == [c.code for c in cities]
            assert [n.code for n in ws.framework(stored.framework_id).nodes] == [
                n.code for n in framework.nodes
            ]
