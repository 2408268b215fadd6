"""Writes a ReportContent as a Word document (.docx, python-docx; Qt-free).

The chart images come in as PNG bytes by chart key (rendered by ui/report); every Figure
needs its image. The file is written next to the target and moved into place only when
complete, so a cancelled or failed run leaves no half-written document.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable

from models.report_blocks import Block, Figure, Heading, PageBreak, Paragraph, Table
from models.report_content import ReportContent
from scoring.progress import CancelFn, ProgressFn, Ticker

FONTS = {  # language → (Latin font, East Asian font); headings use the second pair
    "zh": (("Times New Roman", "宋体"), ("Arial", "黑体")),
    "en": (("Calibri", "宋体"), ("Calibri Light", "黑体")),
}
BODY_PT = 10.5  # 五号
TABLE_PT = 9.0
HEADING_PT = {0: 22.0, 1: 16.0, 2: 14.0, 3: 12.0}


def write_docx(
    content: ReportContent,
    images: Mapping[str, bytes],
    path: Path,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> None:
    """Write `content` to `path` (.docx). Raises KeyError for a figure without an image."""
    missing = [f.chart.key for f in content.figures() if f.chart.key not in images]
    if missing:
        raise KeyError(f"no image for chart {missing[0]!r}")
    document = docx.Document()
    _styles(document, content.lang)
    _page(document)
    document.add_heading(content.title, 0)
    document.add_paragraph(content.subtitle, style="Subtitle")
    ticker = Ticker(len(content.blocks) + 1, progress, cancelled)
    for block in content.blocks:
        add_block(document, block, images)
        ticker.step()
    temp = path.with_name(f".{path.name}.part")
    try:
        document.save(str(temp))
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)
    ticker.finish()


def _page(document: Document) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.2)


def _set_fonts(style: ParagraphStyle, latin: str, east_asian: str, size: float) -> None:
    style.font.name = latin
    style.font.size = Pt(size)
    r_pr = style.element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)


def _styles(document: Document, lang: str) -> None:
    (latin, east), (head_latin, head_east) = FONTS.get(lang, FONTS["en"])
    styles = document.styles
    for name, size in (("Normal", BODY_PT), ("Caption", TABLE_PT), ("Subtitle", BODY_PT)):
        style = styles[name]
        assert isinstance(style, ParagraphStyle)
        _set_fonts(style, latin, east, size)
    for level, size in HEADING_PT.items():
        style = styles["Title" if level == 0 else f"Heading {level}"]
        assert isinstance(style, ParagraphStyle)
        _set_fonts(style, head_latin, head_east, size)
        style.font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    caption = styles["Caption"]
    assert isinstance(caption, ParagraphStyle)
    caption.font.color.rgb = RGBColor(0x26, 0x26, 0x26)
    caption.font.italic = False
    caption.font.bold = True


def add_block(document: Document, block: Block, images: Mapping[str, bytes]) -> None:
    if isinstance(block, Heading):
        document.add_heading(block.text, min(max(block.level, 0), 9))
    elif isinstance(block, Paragraph):
        _paragraph(document, block)
    elif isinstance(block, Figure):
        _figure(document, block, images[block.chart.key])
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, PageBreak):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _paragraph(document: Document, block: Paragraph) -> None:
    if block.style == "bullet":
        document.add_paragraph(block.text, style="List Bullet")
    elif block.style in ("note", "small"):
        run = document.add_paragraph().add_run(block.text)
        run.font.size = Pt(TABLE_PT)
        if block.style == "note":
            run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    elif block.style == "lead":
        document.add_paragraph().add_run(block.text).bold = True
    else:
        document.add_paragraph(block.text)


def _figure(document: Document, block: Figure, png: bytes) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(block.width_cm))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = document.add_paragraph(block.caption, style="Caption")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(document: Document, block: Table) -> None:
    caption = document.add_paragraph(block.caption, style="Caption")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    table = document.add_table(rows=len(block.rows) + 1, cols=len(block.header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill(table, block)
    if block.note:
        note = document.add_paragraph().add_run(block.note)
        note.font.size = Pt(TABLE_PT)


def _fill(table: DocxTable, block: Table) -> None:
    widths = block.widths or (1.0,) * len(block.header)
    total = sum(widths)
    numeric = block.numeric or (False,) * len(block.header)
    for r, values in enumerate([block.header, *block.rows]):
        cells = table.rows[r].cells
        for c, value in enumerate(values):
            cell = cells[c]
            cell.width = Cm(16.0 * widths[c] / total)
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(value)
            run.font.size = Pt(TABLE_PT)
            if r == 0:
                run.bold = True
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif numeric[c]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = header.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    header.append(repeat)
