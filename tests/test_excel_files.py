"""Workbooks refused as a whole (not a workbook, encrypted, old .xls, damaged, XML and zip
bombs, too many rows) and the reader's handling of what Excel, WPS and LibreOffice write
(shared strings, phonetic runs, namespace prefixes, dates, the 1904 date system)."""

from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from models.campaigns import Campaign
from models.excel_import import check_workbook
from models.workspace import Workspace
from models.xlsx_read import WorkbookError, XlsxBook
from tests.excel_helpers import SOFFICE, Snapshot, libreoffice_csv, needs_libreoffice

FIXTURES = Path(__file__).resolve().parent / "data" / "excel"


@pytest.fixture
def opened(sample_workspace_path: Path) -> Iterator[tuple[Workspace, Campaign]]:
    with Workspace.open(sample_workspace_path) as ws:
        yield ws, ws.campaigns()[0]


@pytest.mark.parametrize(
    ("name", "kind", "words"),
    [
        ("not_a_workbook.xlsx", "not_workbook", "not an Excel workbook"),
        ("encrypted.xlsx", "encrypted", "encrypted (password-protected)"),
        ("old_format.xls", "encrypted", "Excel 97-2003 (.xls)"),
        ("damaged.xlsx", "damaged", "damaged workbook"),
        ("xml_bomb.xlsx", "xml_attack", "XML attack"),
        ("external_entity.xlsx", "xml_attack", "XML attack"),
        ("zip_bomb.xlsx", "too_large", "zip bomb"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(
    opened: tuple[Workspace, Campaign], name: str, kind: str, words: str
) -> None:
    ws, campaign = opened
    before = Snapshot.of(ws, campaign)
    with pytest.raises(WorkbookError) as caught:
        check_workbook(ws, campaign, FIXTURES / name)
    assert caught.value.kind == kind
    assert words in str(caught.value) and str(FIXTURES / name) in str(caught.value)
    assert Snapshot.of(ws, campaign) == before


def test_the_good_twin_of_the_bad_files_imports(opened: tuple[Workspace, Campaign]) -> None:
    ws, campaign = opened
    plan = check_workbook(ws, campaign, FIXTURES / "ok.xlsx")
    assert plan.ok and len(plan.new) == 2


def test_formulas_and_error_values_are_named_by_cell(opened: tuple[Workspace, Campaign]) -> None:
    ws, campaign = opened
    plan = check_workbook(ws, campaign, FIXTURES / "formulas_errors.xlsx")
    found = [(p.row, p.column, p.kind) for p in plan.problems]
    assert found == [
        (2, "C", "formula"),
        (3, "C", "error_value"),
        (4, "F", "error_value"),
        (5, "D", "formula"),
        (6, "A", "formula"),
        (6, "E", "error_value"),
    ]
    messages = [p.message for p in plan.problems]
    assert "=40+55" in messages[0] and "#DIV/0!" in messages[1] and "#REF!" in messages[2]
    assert plan.new == ()


def test_a_file_that_does_not_exist_is_refused(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    with pytest.raises(WorkbookError, match="cannot read the file"):
        check_workbook(ws, campaign, tmp_path / "missing.xlsx")


def test_too_many_rows_are_refused(
    opened: tuple[Workspace, Campaign], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("models.xlsx_sheet.MAX_ROWS", 1)
    ws, campaign = opened
    with pytest.raises(WorkbookError, match="more than 1 rows") as caught:
        check_workbook(ws, campaign, FIXTURES / "ok.xlsx")
    assert caught.value.kind == "too_many_rows" and caught.value.sheet == "Entry"


def test_a_workbook_without_entry_columns_is_refused(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    ws, campaign = opened
    path = raw_workbook(tmp_path / "other.xlsx", _rows_xml([["Name", "Age"], ["Li", "3"]]))
    with pytest.raises(WorkbookError, match="no sheet has the entry columns") as caught:
        check_workbook(ws, campaign, path)
    assert caught.value.kind == "wrong_columns"


# ---------------------------------------------------------------- the reader


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def raw_workbook(
    path: Path,
    sheet_xml: str,
    strings: list[str] | None = None,
    styles: str = "",
    date1904: bool = False,
) -> Path:
    """A minimal .xlsx written part by part (for shapes openpyxl never writes)."""
    rels = f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    if strings is not None:
        rels += f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    if styles:
        rels += f'<Relationship Id="rId3" Type="{REL}/styles" Target="/xl/styles.xml"/>'
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        package.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr date1904="{int(date1904)}"/>'
            '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        package.writestr(
            "xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{pkg}">{rels}</Relationships>'
        )
        package.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if strings is not None:
            items = "".join(strings)
            package.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{items}</sst>')
        if styles:
            package.writestr("xl/styles.xml", styles)
    return path


def _rows_xml(rows: list[list[str]]) -> str:
    body = "".join(
        f'<row r="{r}">'
        + "".join(f'<c t="inlineStr"><is><t>{text}</t></is></c>' for text in row)
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    return f'<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData></worksheet>'


def _read(path: Path) -> list[tuple[int, dict[int, tuple[str, object]]]]:
    with XlsxBook(path) as book:
        return [
            (row.number, {c: (cell.kind, cell.value) for c, cell in row.cells.items()})
            for row in book.rows(book.sheet_names[0])
        ]


def test_reader_handles_shared_strings_phonetics_prefixes_and_dates(tmp_path: Path) -> None:
    strings = [
        "<si><t>北京</t></si>",
        '<si><r><t>富</t></r><r><t>文本</t></r><rPh sb="0" eb="1"><t>ふ</t></rPh></si>',
    ]
    styles = (
        f'<styleSheet xmlns="{MAIN}"><numFmts><numFmt numFmtId="164" formatCode="yyyy/m/d"/>'
        '</numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs>'
        "</styleSheet>"
    )
    sheet = (
        f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="3">'
        '<x:c r="A3" t="s"><x:v>0</x:v></x:c><x:c r="C3" t="s"><x:v>1</x:v></x:c>'
        '<x:c r="D3" s="1"><x:v>44287</x:v></x:c><x:c r="E3" s="2"><x:v>44288.5</x:v></x:c>'
        '<x:c r="F3" t="b"><x:v>1</x:v></x:c><x:c r="G3" t="e"><x:v>#N/A</x:v></x:c>'
        '<x:c r="H3"><x:f>SUM(D3:E3)</x:f><x:v>88575.5</x:v></x:c>'
        '<x:c r="I3" t="s"><x:v>9</x:v></x:c><x:c r="J3"><x:v>1.5e3</x:v></x:c>'
        '<x:c r="K3" t="str"><x:v>ok &amp; &#x4E2D;</x:v></x:c><x:c r="L3"/>'
        "</x:row></x:sheetData></x:worksheet>"
    )
    path = raw_workbook(tmp_path / "r.xlsx", sheet, strings, styles)
    assert _read(path) == [
        (
            3,
            {
                0: ("text", "北京"),
                2: ("text", "富文本"),
                3: ("date", datetime(2021, 4, 1)),
                4: ("date", datetime(2021, 4, 2, 12)),
                5: ("bool", True),
                6: ("error", "#N/A"),
                7: ("formula", "=SUM(D3:E3)"),
                8: ("error", "#BADSTRING!9"),
                9: ("number", 1500.0),
                10: ("text", "ok & 中"),
            },
        )
    ]


def test_reader_uses_the_1904_date_system_and_cells_without_references(tmp_path: Path) -> None:
    styles = (
        f'<styleSheet xmlns="{MAIN}"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'
        "</styleSheet>"
    )
    sheet = (
        f'<worksheet xmlns="{MAIN}"><sheetData><row><c s="1"><v>0</v></c><c><v>7</v></c></row>'
        "<row><c/></row><row><c><v>8</v></c></row></sheetData></worksheet>"
    )
    path = raw_workbook(tmp_path / "d.xlsx", sheet, styles=styles, date1904=True)
    assert _read(path) == [
        (1, {0: ("date", datetime(1904, 1, 1)), 1: ("number", 7.0)}),
        (3, {0: ("number", 8.0)}),
    ]


def test_reader_refuses_malformed_xml_and_missing_parts(tmp_path: Path) -> None:
    path = raw_workbook(tmp_path / "m.xlsx", f'<worksheet xmlns="{MAIN}"><sheetData><row>')
    with pytest.raises(WorkbookError, match="not well-formed") as caught:
        _read(path)
    assert caught.value.kind == "damaged" and caught.value.sheet == "S"
    with zipfile.ZipFile(tmp_path / "empty.xlsx", "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(WorkbookError, match="without a workbook"):
        XlsxBook(tmp_path / "empty.xlsx")


@needs_libreoffice
def test_a_workbook_saved_by_libreoffice_imports(
    opened: tuple[Workspace, Campaign], tmp_path: Path
) -> None:
    """LibreOffice (like Excel and WPS) saves text as shared strings and dates as styles."""
    ws, campaign = opened
    sheets = libreoffice_csv(FIXTURES / "ok.xlsx", tmp_path)  # proves it opens, too
    assert sheets["Entry"][1][:3] == ["beijing", "T1.1", "95.5"]
    assert SOFFICE is not None
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "xlsx", "--outdir", str(tmp_path / "saved"), str(FIXTURES / "ok.xlsx")],
        capture_output=True, timeout=240, check=True,
    )  # fmt: skip
    saved = tmp_path / "saved" / "ok.xlsx"
    assert "xl/sharedStrings.xml" in zipfile.ZipFile(saved).namelist()
    plan = check_workbook(ws, campaign, saved)
    assert plan.ok and [n.value for n in plan.new] == [95.5, 97]
