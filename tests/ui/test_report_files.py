"""The one-click report as files: the .docx read back with python-docx (every section
heading, every chart image, the numbers), the PDF (page count, one page per city,
pages render non-blank with pdftoppm), zh and en; the GUI job and the command line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

import main
from models.analysis import Analysis
from models.analysis_tables import ranking_order, table_3_13
from models.findings import findings
from models.report_content import ReportContent, build_report
from models.report_phrases import phrase
from tests.report_helpers import number_2, number_3, sample_analysis
from ui.report.build import ReportJob, unique_figures, write_file
from ui.report.images import ChartRenderer
from ui.session import Session

POPPLER = shutil.which("pdftoppm") is not None and shutil.which("pdftotext") is not None
SECTION_KEYS = ("chapter", "h_conduct", "h_objects", "h_sampling", "h_results", "h_overall",
                "h_first", "h_uneven", "h_compare", "h_second", "h_annex")  # fmt: skip


class Made:
    def __init__(self, analysis: Analysis, content: ReportContent, folder: Path) -> None:
        self.analysis, self.content, self.folder = analysis, content, folder
        renderer = ChartRenderer(content.lang)
        self.images = {f.chart.key: renderer.png(f) for f in unique_figures(content)}
        renderer.close()
        self.docx = folder / f"report-{content.lang}.docx"
        self.pdf = folder / f"report-{content.lang}.pdf"
        write_file(analysis, content, self.images, self.docx)
        self.pages = write_file(analysis, content, self.images, self.pdf)


@pytest.fixture(scope="module", params=["zh", "en"])
def made(
    sample_workspace_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
    qapp: object,
) -> Made:
    analysis = sample_analysis(sample_workspace_template)
    content = build_report(analysis, str(request.param))
    return Made(analysis, content, tmp_path_factory.mktemp(f"report-{request.param}"))


def test_docx_has_every_heading_and_chart(made: Made) -> None:
    document = docx.Document(str(made.docx))
    styles = [(p.text, p.style.name if p.style is not None else None) for p in document.paragraphs]
    headings = [text for text, style in styles if style and style.startswith(("Heading", "Title"))]
    for key in SECTION_KEYS:
        assert phrase(key, made.content.lang) in headings
    pictures = document.inline_shapes
    assert len(pictures) == len(made.content.figures())
    captions = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Caption"
    ]
    for figure in made.content.figures():
        assert figure.caption in captions
    blobs = {rel.target_part.blob for rel in document.part.rels.values() if "image" in rel.reltype}
    assert set(made.images.values()) <= blobs


def test_docx_numbers_equal_scoring(made: Made) -> None:
    document = docx.Document(str(made.docx))
    text = "\n".join(p.text for p in document.paragraphs)
    found = findings(made.analysis)
    for value in (found.index_mean, found.index_sd, found.gdp_fit.r):
        assert number_2(value) in text
    for group in found.circles:
        assert number_2(group.mean) in text
    tables = document.tables
    assert len(tables) == len(made.content.tables())
    second = tables[-(len(made.analysis.cities) + 1)]
    rows = [[c.text for c in row.cells] for row in second.rows][1:]
    expected = table_3_13(made.analysis)
    assert [(r[2], r[3]) for r in rows] == [(number_3(e.mean), number_3(e.sd)) for e in expected]
    first_city = tables[-len(made.analysis.cities)]
    position = ranking_order(made.analysis)[0]
    index_cell = first_city.rows[1].cells[1].text
    assert index_cell == number_3(float(made.analysis.scored.result.index[position]))


def test_pdf_pages(made: Made) -> None:
    n = len(made.analysis.cities)
    assert made.pdf.read_bytes().startswith(b"%PDF")
    assert n + 5 <= made.pages <= n + 25  # the chapter, then one page per city
    if not POPPLER:
        pytest.skip("poppler-utils not installed")
    info = subprocess.run(["pdfinfo", str(made.pdf)], capture_output=True, text=True, check=True)
    assert f"Pages:          {made.pages}" in info.stdout.replace(
        "Pages:           ", "Pages:          "
    )
    order = ranking_order(made.analysis)
    first_annex = made.pages - n + 1
    for k in (0, n // 2, n - 1):
        page = first_annex + k
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(made.pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert f"{k + 1}. {made.analysis.city_name(order[k], made.content.lang)}" in text


@pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
def test_pdf_pages_render(made: Made) -> None:
    prefix = made.folder / "page"
    last = made.pages
    for page in (1, 5, last):
        subprocess.run(["pdftoppm", "-r", "40", "-f", str(page), "-l", str(page), "-png",
                        str(made.pdf), str(prefix)], check=True)  # fmt: skip
    images = sorted(made.folder.glob("page-*.png"))
    assert len(images) == 3
    for path in images:
        image = QImage(str(path))
        dark = sum(
            1
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
            if image.pixelColor(x, y).lightness() < 200
        )
        assert dark > 200, path  # text and charts, not a blank page


def test_gui_job_writes_and_cancels(
    session: Session, qtbot: QtBot, tmp_path: Path, sample_workspace_template: Path
) -> None:
    analysis = sample_analysis(sample_workspace_template)
    xlsx = tmp_path / "r.xlsx"
    job = ReportJob(analysis, "en", xlsx)
    with qtbot.waitSignal(job.finished, timeout=30_000) as signal:
        job.start()
    assert signal.args == [xlsx, 0] and xlsx.is_file()
    pdf = tmp_path / "r.pdf"
    cancelled = ReportJob(analysis, "zh", pdf)
    with qtbot.waitSignal(cancelled.cancelled, timeout=30_000):
        cancelled.start()
        cancelled.cancel()
    assert not pdf.exists()
    del session


def test_command_line_report(sample_workspace_path: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    out = tmp_path / "r.docx"
    args = ["report", "--workspace", str(sample_workspace_path), "--out", str(out), "--lang", "en"]
    assert main.main(args) == 0
    assert docx.Document(str(out)).paragraphs[0].text == phrase("title", "en")
    bad = ["report", "--workspace", str(tmp_path / "none.smartcity"), "--out", str(out)]
    assert main.main(bad) == 2
    assert "no such workspace" in capsys.readouterr().err
