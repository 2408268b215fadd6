"""Writes a ReportContent as PDF in-process with Qt (no LibreOffice): the blocks are laid
out in a QTextDocument (QTextCursor), paginated for A4 and printed to a QPdfWriter; Qt
embeds the fonts it uses, so Chinese text needs no font on the reader's machine.

Uses only QImage, QTextDocument and QPdfWriter, so it may run on a worker thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
    QTextLength,
    QTextTableFormat,
)

from models.report_blocks import Block, Figure, Heading, PageBreak, Paragraph, Table
from models.report_content import ReportContent
from scoring.progress import CancelFn, ProgressFn, Ticker

RESOLUTION = 300  # dots per inch of the PDF's layout
CSS_DPI = 96.0  # a QTextDocument's lengths (margins, padding, images) are in 1/96 inch
MARGIN_MM = 20.0
BODY_PT = 10.5
TABLE_PT = 8.0
HEADING_PT = {0: 20.0, 1: 16.0, 2: 13.5, 3: 11.5}
HEADING_COLOR = QColor(0x1F, 0x38, 0x64)
PREFERRED_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "SimSun",
    "Noto Serif CJK SC",
    "WenQuanYi Micro Hei",
)


LATIN_FAMILIES = ("Segoe UI", "Arial", "Helvetica", "Noto Sans", "Liberation Sans", "DejaVu Sans")


def report_families(lang: str) -> list[str]:
    """The fonts of a report: for English a Latin font first (Qt's PDFs of Latin text
    set in a CJK font lose their digits' text layer), then the Chinese one."""
    cjk = report_family()
    if lang != "en":
        return [cjk]
    present = set(QFontDatabase.families())
    latin = next((f for f in LATIN_FAMILIES if f in present), None)
    return [latin, cjk] if latin else [cjk]


def report_family() -> str:
    """A font family with Chinese glyphs if there is one, else the default family."""
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    for family in PREFERRED_FAMILIES:
        if family in chinese:
            return family
    return chinese[0] if chinese else QFont().family()


def write_pdf(
    content: ReportContent,
    images: Mapping[str, bytes],
    path: Path,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> int:
    """Write `content` to `path` (.pdf); returns the number of pages."""
    missing = [f.chart.key for f in content.figures() if f.chart.key not in images]
    if missing:
        raise KeyError(f"no image for chart {missing[0]!r}")
    ticker = Ticker(len(content.blocks) + 2, progress, cancelled)
    temp = path.with_name(f".{path.name}.part")
    try:
        writer = QPdfWriter(str(temp))
        writer.setResolution(RESOLUTION)
        writer.setTitle(content.title)
        writer.setCreator("SMART City Evaluator")
        layout = QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
        writer.setPageLayout(layout)
        document = _document(content, images, writer, ticker)
        pages = document.pageCount()
        ticker.check()
        document.print_(writer)
        del writer  # finishes the file
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)
    ticker.finish()
    return pages


class _Builder:
    """Appends blocks to a QTextDocument laid out for the writer's pages."""

    def __init__(self, document: QTextDocument, width_px: float, families: list[str]) -> None:
        self.document, self.width_px, self.families = document, width_px, families
        self.cursor = QTextCursor(document)
        self.first = True
        self.images = 0
        self.break_next = False  # the next block starts a page

    def _char(
        self, size: float, bold: bool = False, color: QColor | None = None
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontFamilies(self.families)
        fmt.setFontPointSize(size)
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        if color is not None:
            fmt.setForeground(QBrush(color))
        return fmt

    def _block(
        self,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        before: float = 0.0,
        after: float = 6.0,
        indent: int = 0,
        line_height: int = 125,
    ) -> None:
        fmt = QTextBlockFormat()
        fmt.setAlignment(align)
        points = CSS_DPI / 72.0
        fmt.setTopMargin(before * points)
        fmt.setBottomMargin(after * points)
        fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setIndent(indent)
        if self.break_next:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            self.break_next = False
        if self.first:
            self.cursor.setBlockFormat(fmt)
            self.first = False
        else:
            self.cursor.insertBlock(fmt)

    def text(
        self,
        value: str,
        size: float,
        bold: bool = False,
        color: QColor | None = None,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        before: float = 0.0,
        after: float = 6.0,
        indent: int = 0,
    ) -> None:
        self._block(align, before, after, indent)
        self.cursor.insertText(value, self._char(size, bold, color))

    def heading(self, block: Heading) -> None:
        size = HEADING_PT.get(block.level, BODY_PT)
        align = Qt.AlignmentFlag.AlignCenter if block.level <= 1 else Qt.AlignmentFlag.AlignLeft
        self.text(block.text, size, True, HEADING_COLOR, align=align, before=size * 0.8,
                  after=size * 0.5)  # fmt: skip

    def paragraph(self, block: Paragraph) -> None:
        if block.style == "bullet":
            self.text("• " + block.text, BODY_PT, indent=1, after=2.0)
        elif block.style == "small":
            self.text(block.text, TABLE_PT + 0.5, after=3.0)
        elif block.style == "note":
            self.text(block.text, TABLE_PT, color=QColor("#595959"))
        elif block.style == "lead":
            self.text(block.text, BODY_PT, True, before=4.0)
        elif block.style == "subtitle":
            self.text(block.text, BODY_PT, align=Qt.AlignmentFlag.AlignCenter, after=18.0)
        else:
            self.text(block.text, BODY_PT)

    def figure(self, block: Figure, png: bytes) -> None:
        image = QImage.fromData(png)
        name = f"figure-{self.images}.png"
        self.images += 1
        self.document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)
        # QTextDocument sizes images in 1/96 inch and scales them to the printer itself
        width = min(block.width_cm / 2.54 * CSS_DPI, self.width_px * CSS_DPI / RESOLUTION)
        height = width * image.height() / max(image.width(), 1)
        self._block(Qt.AlignmentFlag.AlignCenter, 6.0, 2.0, line_height=100)
        fmt = QTextImageFormat()
        fmt.setName(name)
        fmt.setWidth(width)
        fmt.setHeight(height)
        self.cursor.insertImage(fmt)
        self.text(block.caption, TABLE_PT + 0.5, True, align=Qt.AlignmentFlag.AlignCenter,
                  after=10.0)  # fmt: skip

    def table(self, block: Table) -> None:
        self.text(block.caption, TABLE_PT + 0.5, True, align=Qt.AlignmentFlag.AlignCenter,
                  before=6.0, after=3.0)  # fmt: skip
        fmt = QTextTableFormat()
        fmt.setHeaderRowCount(1)
        fmt.setCellPadding(CSS_DPI / 72.0 * 1.0)
        fmt.setCellSpacing(0)
        fmt.setBorder(CSS_DPI / 72.0 * 0.6)
        fmt.setBorderCollapse(False)
        fmt.setBorderBrush(QBrush(QColor("#7f7f7f")))
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        widths = block.widths or (1.0,) * len(block.header)
        total = sum(widths)
        fmt.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, 100 * w / total) for w in widths]
        )
        table = self.cursor.insertTable(len(block.rows) + 1, len(block.header), fmt)
        numeric = block.numeric or (False,) * len(block.header)
        header_fill = QColor("#D9E2F3")
        for r, values in enumerate([block.header, *block.rows]):
            for c, value in enumerate(values):
                cell = table.cellAt(r, c)
                if r == 0:
                    cell_format = cell.format()
                    cell_format.setBackground(QBrush(header_fill))
                    cell.setFormat(cell_format)
                cursor = cell.firstCursorPosition()
                align = (
                    Qt.AlignmentFlag.AlignRight if numeric[c] and r else Qt.AlignmentFlag.AlignLeft
                )
                if r == 0:
                    align = Qt.AlignmentFlag.AlignCenter
                block_format = QTextBlockFormat()
                block_format.setAlignment(align)
                cursor.setBlockFormat(block_format)
                char = self._char(TABLE_PT, bold=r == 0)
                cursor.setBlockCharFormat(char)  # an empty cell has the table's line height too
                cursor.insertText(value, char)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        if block.note:
            self.text(block.note, TABLE_PT, color=QColor("#595959"), before=3.0)


def _document(
    content: ReportContent, images: Mapping[str, bytes], writer: QPdfWriter, ticker: Ticker
) -> QTextDocument:
    document = QTextDocument()
    families = report_families(content.lang)
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(BODY_PT)
    document.setDefaultFont(font)
    document.documentLayout().setPaintDevice(writer)
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    document.setPageSize(QSizeF(page.size()))
    document.setDocumentMargin(0)
    document.setUndoRedoEnabled(False)
    builder = _Builder(document, float(page.width()), families)
    builder.cursor.beginEditBlock()  # one layout at the end, not one per insertion
    builder.heading(Heading(content.title, 0))
    builder.paragraph(Paragraph(content.subtitle, "subtitle"))
    for block in content.blocks:
        _add(builder, block, images)
        ticker.step()
    builder.cursor.endEditBlock()
    return document


def _add(builder: _Builder, block: Block, images: Mapping[str, bytes]) -> None:
    if isinstance(block, Heading):
        builder.heading(block)
    elif isinstance(block, Paragraph):
        builder.paragraph(block)
    elif isinstance(block, Figure):
        builder.figure(block, images[block.chart.key])
    elif isinstance(block, Table):
        builder.table(block)
    elif isinstance(block, PageBreak):
        builder.break_next = True
