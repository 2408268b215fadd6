"""Fuzzing the workbook importer: malformed workbooks never crash it (only WorkbookError
is raised) and never import partially (a workbook with problems leaves the observations
and the audit trail untouched; a clean one adds exactly its new rows)."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from models.campaigns import Campaign
from models.excel_import import ImportRefusedError, check_workbook, import_workbook
from models.excel_template import write_template
from models.workspace import Workspace
from models.xlsx_read import WorkbookError
from tests.excel_helpers import TESTER, Snapshot, columns_of, entry_sheet, fill_template

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SNIPPETS = (
    b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>", b"&a;", b"&amp;", b"<", b">", b"</row>", b"<row>",
    b'<c r="ZZZZ9">', b'<c r="A1" t="s"><v>99999</v></c>', b'<c t="e"><v>#REF!</v></c>',
    b"<v>1e999</v>", b"<v>nan</v>", b"<f>1+1</f>", b"\x00", b"\xff\xfe", "中".encode(),
    b'<c t="d"><v>2021-13-45</v></c>', b'<sheet name="X" r:id="rId9"/>', b'r:id="rId1"',
)  # fmt: skip
CELL_VALUES = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(["=1+2", "=SUM(A1:A3)", "#DIV/0!", "#REF!", "#N/A", "+1", "-1", "@x"]),
    st.sampled_from(["实地调研", "Web sampling", "是", "否", "25 起步 / Initial", "2021-04-01"]),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
)
CellValue = str | int | float | bool | date | datetime | None
FILL = ("key", "city_code", "indicator_code", "value", "channel", "observed_on", "status", "note")


@dataclass
class Target:
    ws: Workspace = field(repr=False)
    campaign: Campaign = field(repr=False)
    base: bytes = field(repr=False)  # a filled template of one city
    folder: Path = field(repr=False)


@pytest.fixture(scope="module")
def target(
    sample_workspace_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Target]:
    folder = tmp_path_factory.mktemp("excel-fuzz")
    shutil.copyfile(sample_workspace_template, folder / "w.smartcity")
    with Workspace.open(folder / "w.smartcity") as ws:
        campaign = ws.campaigns()[0]
        write_template(ws, campaign, folder / "t.xlsx", city_codes=["beijing"])
        leaves = ws.framework(campaign.framework_id).leaves()
        specs = {n.code: n.spec for n in leaves if n.spec is not None}
        fill_template(folder / "t.xlsx", folder / "filled.xlsx", specs)
        yield Target(ws, campaign, (folder / "filled.xlsx").read_bytes(), folder)


def import_is_all_or_nothing(t: Target, content: bytes) -> None:
    path = t.folder / "fuzzed.xlsx"
    path.write_bytes(content)
    before = Snapshot.of(t.ws, t.campaign)
    try:
        plan = check_workbook(t.ws, t.campaign, path)
    except WorkbookError:
        assert Snapshot.of(t.ws, t.campaign) == before
        return
    if plan.problems:
        with pytest.raises(ImportRefusedError):
            import_workbook(t.ws, plan, TESTER)
        assert Snapshot.of(t.ws, t.campaign) == before
        return
    added = import_workbook(t.ws, plan, TESTER).added
    after = Snapshot.of(t.ws, t.campaign)
    assert set(after.observations) == set(before.observations) | set(added)
    assert len(after.observations) == len(before.observations) + len(plan.new)
    assert after.audit_rows == before.audit_rows + len(plan.new)


@FUZZ
@given(
    cuts=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8),
    truncate=st.none() | st.floats(0, 1),
)
def test_damaged_bytes_never_crash_or_import_partially(
    target: Target, cuts: list[tuple[float, int]], truncate: float | None
) -> None:
    data = bytearray(target.base)
    for where, byte in cuts:
        data[int(where * (len(data) - 1))] = byte
    if truncate is not None:
        data = data[: int(truncate * len(data))]
    import_is_all_or_nothing(target, bytes(data))


@FUZZ
@given(
    part=st.sampled_from(
        [
            "xl/worksheets/sheet1.xml",
            "xl/workbook.xml",
            "xl/styles.xml",
            "xl/_rels/workbook.xml.rels",
            "_rels/.rels",
            "xl/worksheets/sheet4.xml",
        ]
    ),
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.sampled_from(SNIPPETS) | st.binary(max_size=8)),
        min_size=1,
        max_size=4,
    ),
    cut=st.none() | st.tuples(st.floats(0, 1), st.integers(1, 400)),
)
def test_malformed_xml_never_crashes_or_imports_partially(
    target: Target,
    part: str,
    edits: list[tuple[float, bytes]],
    cut: tuple[float, int] | None,
) -> None:
    source = zipfile.ZipFile(io.BytesIO(target.base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == part:
                for where, snippet in edits:
                    at = int(where * len(content))
                    content = content[:at] + snippet + content[at:]
                if cut is not None:
                    at = int(cut[0] * len(content))
                    content = content[:at] + content[at + cut[1] :]
            package.writestr(info, content)
    import_is_all_or_nothing(target, out.getvalue())


@FUZZ
@given(
    changes=st.lists(
        st.tuples(st.integers(2, 53), st.sampled_from(FILL), CELL_VALUES),
        min_size=1,
        max_size=6,
    ),
    extra_rows=st.integers(0, 2),
)
def test_odd_cell_contents_never_crash_or_import_partially(
    target: Target, changes: list[tuple[int, str, CellValue]], extra_rows: int
) -> None:
    book = openpyxl.load_workbook(io.BytesIO(target.base))
    sheet = entry_sheet(book)
    col = columns_of(sheet)
    for _ in range(extra_rows):  # copies of a row: repeated rows
        sheet.append([c.value for c in sheet[2]])
    for row, column_id, value in changes:
        try:
            sheet.cell(row, col[column_id]).value = value
        except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses these itself
            continue
    out = io.BytesIO()
    try:
        book.save(out)
    except (ValueError, TypeError):
        return
    import_is_all_or_nothing(target, out.getvalue())
