"""Making a report or results workbook from an Analysis, in three steps:

1. the content (models.report_content; pure, fast),
2. the chart images (ui.report.images; widgets, so on the GUI thread),
3. the file: .docx (models.report_docx), .pdf (ui.report.pdf) or .xlsx
   (models.results_workbook) — pure or QImage/QPdfWriter only, so on a worker thread.

`generate()` runs all three at once (command line, benchmark, tests). `ReportJob` runs
them from the GUI: step 2 in small QTimer steps, step 3 on a TaskRunner, one progress
dialog with Cancel throughout.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from models.analysis import Analysis
from models.report_blocks import Figure
from models.report_content import ReportContent, build_report
from models.report_docx import write_docx
from models.results_workbook import write_results_workbook
from scoring.progress import CancelFn, CancelledError, ProgressFn
from ui.report.images import ChartRenderer
from ui.report.pdf import write_pdf
from ui.tasks import TaskRunner

FORMATS = (".docx", ".pdf", ".xlsx")
IMAGE_SHARE = 0.6  # of the progress bar: rendering the charts (the rest: writing)
STEPS = 1000


def check_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path}: the report must end in .docx, .pdf or .xlsx")
    return suffix


def unique_figures(content: ReportContent) -> list[Figure]:
    """The figures whose images are needed, each chart key once."""
    seen: dict[str, Figure] = {}
    for figure in content.figures():
        seen.setdefault(figure.chart.key, figure)
    return list(seen.values())


def write_file(
    analysis: Analysis,
    content: ReportContent | None,
    images: dict[str, bytes],
    path: Path,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> int:
    """Step 3: write the file; returns the page count for PDF, else 0."""
    suffix = check_format(path)
    if suffix == ".xlsx":
        write_results_workbook(analysis, path, "en" if content and content.lang == "en" else "zh",
                               progress, cancelled)  # fmt: skip
        return 0
    assert content is not None
    if suffix == ".docx":
        write_docx(content, images, path, progress, cancelled)
        return 0
    return write_pdf(content, images, path, progress, cancelled)


def generate(
    analysis: Analysis,
    lang: str,
    path: Path,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> int:
    """All three steps at once on the calling (GUI) thread; returns the PDF's page count
    (0 for .docx and .xlsx). Needs a QApplication."""
    if check_format(path) == ".xlsx":
        write_results_workbook(analysis, path, lang, progress, cancelled)
        return 0
    content = build_report(analysis, lang, cancelled=cancelled)
    figures = unique_figures(content)
    renderer = ChartRenderer(lang)
    images: dict[str, bytes] = {}
    try:
        for k, figure in enumerate(figures):
            if cancelled is not None and cancelled():
                raise CancelledError("cancelled")
            images[figure.chart.key] = renderer.png(figure)
            if progress is not None:
                progress(IMAGE_SHARE * (k + 1) / len(figures))
    finally:
        renderer.close()

    def rest(share: float) -> None:
        if progress is not None:
            progress(IMAGE_SHARE + (1 - IMAGE_SHARE) * share)

    return write_file(analysis, content, images, path, rest, cancelled)


class ReportJob(QObject):
    """One report made from the GUI; emits exactly one of `finished(path, pages)`,
    `failed(message)` or `cancelled()`."""

    finished = Signal(Path, int)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self, analysis: Analysis, lang: str, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._analysis, self._lang, self._path = analysis, lang, path
        self._content: ReportContent | None = None
        self._figures: list[Figure] = []
        self._images: dict[str, bytes] = {}
        self._renderer: ChartRenderer | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._render_next)
        self._runner = TaskRunner(self)
        self._runner.progressed.connect(self._write_progress)
        self._runner.finished.connect(self._written)
        self._runner.failed.connect(self._fail)
        self._runner.cancelled.connect(self._cancelled)
        self.dialog = QProgressDialog("", "", 0, STEPS, parent)
        self.dialog.setMinimumDuration(200)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self._stopped = False

    def set_texts(self, title: str, rendering: str, writing: str, cancel: str) -> None:
        """The dialog's words (translated by the caller)."""
        self.dialog.setWindowTitle(title)
        self.dialog.setCancelButtonText(cancel)
        self._rendering, self._writing = rendering, writing
        self.dialog.setLabelText(rendering)

    _rendering = "Rendering charts…"
    _writing = "Writing the file…"

    def start(self) -> None:
        self.dialog.setValue(0)
        try:
            if check_format(self._path) != ".xlsx":
                self._content = build_report(self._analysis, self._lang)
                self._figures = unique_figures(self._content)
        except (ValueError, CancelledError) as error:
            self._fail(str(error))
            return
        self._renderer = ChartRenderer(self._lang)
        self._timer.start()

    def cancel(self) -> None:
        if self._stopped:
            return
        if self._timer.isActive():
            self._finish_rendering()
            self._stopped = True
            self.dialog.close()
            self.cancelled.emit()
        elif self._runner.running:
            self._runner.cancel()

    def _render_next(self) -> None:
        done = len(self._images)
        if done >= len(self._figures):
            self._finish_rendering()
            self._start_writing()
            return
        figure = self._figures[done]
        try:
            assert self._renderer is not None
            self._images[figure.chart.key] = self._renderer.png(figure)
        except Exception as error:  # a chart that cannot be drawn ends the job, reported
            self._finish_rendering()
            self._fail(f"{figure.caption}: {error}")
            return
        self.dialog.setValue(round(STEPS * IMAGE_SHARE * (done + 1) / max(len(self._figures), 1)))

    def _finish_rendering(self) -> None:
        self._timer.stop()
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None

    def _start_writing(self) -> None:
        self.dialog.setLabelText(self._writing)
        analysis, content, images, path = self._analysis, self._content, self._images, self._path

        def task(progress: ProgressFn, cancelled: CancelFn) -> int:
            return write_file(analysis, content, images, path, progress, cancelled)

        self._runner.start(task)

    def _write_progress(self, share: float) -> None:
        self.dialog.setValue(round(STEPS * (IMAGE_SHARE + (1 - IMAGE_SHARE) * share)))

    def _written(self, pages: object) -> None:
        self._end()
        self.finished.emit(self._path, int(pages) if isinstance(pages, int) else 0)

    def _fail(self, message: str) -> None:
        self._end()
        self.failed.emit(message)

    def _cancelled(self) -> None:
        self._end()
        self.cancelled.emit()

    def _end(self) -> None:
        self._stopped = True
        self.dialog.close()
