"""The one-click outputs: a Word report, a PDF report, the results workbook, in the chosen
language. Each asks for a file name, then runs in the background with a progress
dialog and Cancel; the outcome is shown inline (and the file can be opened)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.report.build import ReportJob
from ui.results.source import AnalysisSource


class ReportPanel(QWidget):
    """Buttons for the three outputs and the report language."""

    done = Signal(Path)  # a file was written

    def __init__(self, source: AnalysisSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.job: ReportJob | None = None
        self.last_path: Path | None = None
        self.language = QComboBox(self)
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(1 if source.session.language == "en" else 0)
        self.word = QPushButton(self)
        self.pdf = QPushButton(self)
        self.workbook = QPushButton(self)
        self.word.clicked.connect(lambda: self.ask(".docx"))
        self.pdf.clicked.connect(lambda: self.ask(".pdf"))
        self.workbook.clicked.connect(lambda: self.ask(".xlsx"))
        self.status = QLabel(self)
        self.status.setOpenExternalLinks(False)
        self.status.linkActivated.connect(self._open)
        self._language_label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self._language_label, self.language, self.word, self.pdf, self.workbook):
            layout.addWidget(widget)
        layout.addWidget(self.status, 1)
        self.retranslate()
        source.session.language_changed.connect(lambda _lang: self.retranslate())

    def ask(self, suffix: str) -> None:
        """Ask where to save, then make the file."""
        filters = {
            ".docx": self.tr("Word document (*.docx)"),
            ".pdf": self.tr("PDF document (*.pdf)"),
            ".xlsx": self.tr("Excel workbook (*.xlsx)"),
        }
        name = self._default_name(suffix)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save as"), name, filters[suffix]
        )
        if chosen:
            path = Path(chosen)
            self.start(path if path.suffix.lower() == suffix else path.with_suffix(suffix))

    def _default_name(self, suffix: str) -> str:
        folder = self._source.session.workspace.path.parent
        stem = "results" if suffix == ".xlsx" else "report"
        return str(folder / f"{stem}-{self.language.currentData()}{suffix}")

    def start(self, path: Path) -> bool:
        """Make `path` in the background (False when a job is running or nothing to report)."""
        if self.job is not None:
            return False
        try:
            analysis = self._source.analysis()
        except ValueError as error:
            self.status.setText(str(error))
            return False
        job = ReportJob(analysis, str(self.language.currentData()), path, self.window())
        job.set_texts(
            self.tr("Report"),
            self.tr("Drawing the charts…"),
            self.tr("Writing {name}…").format(name=path.name),
            self.tr("Cancel"),
        )
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self.job = job
        self._set_busy(True)
        self.status.setText(self.tr("Making {name}…").format(name=path.name))
        job.start()
        return True

    def _set_busy(self, busy: bool) -> None:
        for button in (self.word, self.pdf, self.workbook):
            button.setEnabled(not busy)

    def _end(self) -> None:
        if self.job is not None:
            self.job.deleteLater()
        self.job = None
        self._set_busy(False)

    def _finished(self, path: Path, pages: int) -> None:
        self._end()
        self.last_path = path
        url = QUrl.fromLocalFile(str(path)).toString()
        pages_text = self.tr(" ({pages} pages)").format(pages=pages) if pages else ""
        self.status.setText(
            self.tr('Saved <a href="{url}">{name}</a>{pages}').format(
                url=url, name=path.name, pages=pages_text
            )
        )
        self.done.emit(path)

    def _failed(self, message: str) -> None:
        self._end()
        self.status.setText(self.tr("Not saved: {reason}").format(reason=message))

    def _cancelled(self) -> None:
        self._end()
        self.status.setText(self.tr("Cancelled; nothing was saved."))

    def _open(self, url: str) -> None:
        QDesktopServices.openUrl(QUrl(url))

    def retranslate(self) -> None:
        self._language_label.setText(self.tr("Report language:"))
        self.word.setText(self.tr("Word report…"))
        self.pdf.setText(self.tr("PDF report…"))
        self.workbook.setText(self.tr("Results workbook…"))
        self.word.setToolTip(
            self.tr("The report's chapter 3 with every chart, table and city page")
        )
        self.workbook.setToolTip(
            self.tr("Ranking, scores at every level, statistics, weights and settings (.xlsx)")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
