"""Writes the bad workbooks of tests/test_excel_files.py (committed; rerun to regenerate).

Usage: python tests/data/excel/make_fixtures.py
`encrypted.xlsx` needs msoffcrypto-tool (not a project dependency: install it in a
throwaway virtual environment); without it the committed file is kept. Every other
fixture is made with openpyxl and zipfile, except `old_format.xls` (an Excel 97-2003
file), converted once from ok.xlsx by LibreOffice: soffice --headless --convert-to xls.
"""

from __future__ import annotations

import importlib
import io
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
HEADER = ("City code", "Indicator code", "Value", "Channel", "Date observed", "Source")
ROWS = (
    ("beijing", "T1.1", 95.5, "实地调研", "2021-04-01", "统计公报"),
    ("shanghai", "T1.1", 97, "统计数据", "2021-04-02", "统计公报"),
)
BOMB_DOCTYPE = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;'
    '&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
)
EXTERNAL_DOCTYPE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def valid_bytes() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Entry"
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_doctype(data: bytes, doctype: str, old: str, new: str) -> bytes:
    """The workbook with a DOCTYPE on its sheet and `old` text replaced by `new` (an
    entity reference)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                body = text[text.index("<worksheet") :].replace(old, new, 1)
                content = ('<?xml version="1.0"?>' + doctype + body).encode()
            target.writestr(info.filename, content)
    return out.getvalue()


def zip_bomb(data: bytes) -> bytes:
    """A sheet padded with 64 MB of spaces: tiny packed, huge unpacked."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"<sheetData>", b"<sheetData>" + b" " * (64 << 20))
            target.writestr(info.filename, content)
    return out.getvalue()


def formulas_and_errors() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Entry"
    sheet.append(HEADER)
    sheet.append(("beijing", "T1.1", "=40+55", "实地调研", "2021-04-01", "ok"))  # row 2: C
    sheet.append(("shanghai", "T1.1", "#DIV/0!", "实地调研", "2021-04-01", "ok"))  # row 3: C
    sheet.append(("guangzhou", "T1.1", 90, "实地调研", "2021-04-01", "#REF!"))  # row 4: F
    sheet.append(("shenzhen", "T1.1", 91, '=IF(1,"实地调研")', "2021-04-01", "ok"))  # row 5: D
    sheet.append(('=LOWER("WUHAN")', "T1.1", 92, "实地调研", "#N/A", "ok"))  # row 6: A, E
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def encrypt(data: bytes) -> bytes | None:
    try:
        ooxml = importlib.import_module("msoffcrypto.format.ooxml")
    except ImportError:
        return None
    out = io.BytesIO()
    ooxml.OOXMLFile(io.BytesIO(data)).encrypt("secret", out)
    return out.getvalue()


def main() -> None:
    data = valid_bytes()
    fixtures = {
        "not_a_workbook.xlsx": "城市代码,指标代码,数值\nbeijing,T1.1,95\n".encode(),
        "damaged.xlsx": data[: len(data) // 2],
        "xml_bomb.xlsx": with_doctype(data, BOMB_DOCTYPE, "<v>95.5</v>", "<v>&lol9;</v>"),
        "external_entity.xlsx": with_doctype(data, EXTERNAL_DOCTYPE, "统计公报", "&xxe;"),
        "zip_bomb.xlsx": zip_bomb(data),
        "formulas_errors.xlsx": formulas_and_errors(),
        "ok.xlsx": data,
    }
    encrypted = encrypt(data)
    if encrypted is not None:
        fixtures["encrypted.xlsx"] = encrypted
    for name, content in fixtures.items():
        (HERE / name).write_bytes(content)
        print(f"{name}: {len(content)} bytes")


if __name__ == "__main__":
    main()
