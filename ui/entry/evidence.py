"""Evidence files and photos of the observation being edited: drop or choose, list, open."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.attachments import Attachment
from models.store import StoreError
from ui.session import Session

ATTACHMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FILE_NAME_ROLE = Qt.ItemDataRole.UserRole + 2


def open_url(url: QUrl) -> bool:
    """Open with the system's viewer (a module function so tests can replace it)."""
    return QDesktopServices.openUrl(url)


def _safe_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip() or "evidence"


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


class EvidenceBox(QGroupBox):
    """Lists the attachments (name, size, SHA-256); files dropped here are attached."""

    attached = Signal(str)  # SHA-256 of a stored file

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._uuid: str | None = None
        self._temp: Path | None = None
        self.list = QListWidget(self)
        self.list.setMinimumHeight(48)
        self.list.setMaximumHeight(96)
        self.choose = QPushButton(self)
        self.open = QPushButton(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self._build()
        self.retranslate()
        self.set_observation(None)

    def _build(self) -> None:
        self.setAcceptDrops(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.open)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.choose.clicked.connect(self._choose)
        self.open.clicked.connect(self.open_selected)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())

    # ------------------------------------------------------------ content

    def set_observation(self, uuid: str | None) -> None:
        self._uuid = uuid
        self.message.clear()
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        if self._uuid is not None:
            for attachment in self._session.workspace.attachments(self._uuid):
                self.list.addItem(self._item(attachment))
        self._update_buttons()

    def _item(self, attachment: Attachment) -> QListWidgetItem:
        size, sha = size_text(attachment.size), attachment.sha256[:12]
        item = QListWidgetItem(f"{attachment.file_name}  ·  {size}  ·  SHA-256 {sha}…")
        item.setData(ATTACHMENT_ID_ROLE, attachment.attachment_id)
        item.setData(FILE_NAME_ROLE, attachment.file_name)
        item.setToolTip(
            self.tr("{name}\nSHA-256: {sha}\nAdded {at} by {who}").format(
                name=attachment.file_name,
                sha=attachment.sha256,
                at=attachment.added_at,
                who=attachment.evaluator,
            )
        )
        return item

    def _update_buttons(self) -> None:
        has = self._uuid is not None
        self.choose.setEnabled(has)
        self.open.setEnabled(has and self.list.currentItem() is not None)
        self.list.setEnabled(has)
        if not has:
            self.message.setText(self.tr("Enter a value first; then attach files here."))

    # ------------------------------------------------------------ attaching

    def attach(self, paths: list[Path]) -> list[str]:
        """Store `paths` with the observation; returns their SHA-256 (errors shown inline)."""
        if self._uuid is None:
            return []
        stored: list[str] = []
        problems: list[str] = []
        for path in paths:
            try:
                stored.append(
                    self._session.workspace.attach_file(self._uuid, path, self._session.actor)
                )
            except (StoreError, ValueError, LookupError) as exc:
                problems.append(f"{path.name}: {exc}")
        self.reload()
        if problems:
            self.message.setText(
                self.tr("Not attached: {problems}").format(problems="; ".join(problems))
            )
            self.message.setStyleSheet("color: #b3261e")
        elif stored:
            self.message.setText(self.tr("Attached; SHA-256 {sha}").format(sha=stored[-1]))
            self.message.setStyleSheet("")
        for sha in stored:
            self.attached.emit(sha)
        return stored

    def _choose(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Attach evidence files"))
        self.attach([Path(n) for n in names])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if self._uuid is not None and urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.attach([p for p in paths if p.is_file()])

    # ------------------------------------------------------------ opening

    def open_selected(self) -> Path | None:
        """Write the selected attachment to a temporary file and open it; returns the file."""
        item = self.list.currentItem()
        if item is None:
            return None
        attachment_id = int(item.data(ATTACHMENT_ID_ROLE))
        try:
            data = self._session.workspace.attachment_bytes(attachment_id)
        except StoreError as exc:
            self.message.setText(self.tr("Cannot open: {error}").format(error=exc))
            return None
        name = _safe_name(str(item.data(FILE_NAME_ROLE)))
        if self._temp is None:
            self._temp = Path(tempfile.mkdtemp(prefix="smartcity-evidence-"))
        target = self._temp / f"{attachment_id}-{name}"
        target.write_bytes(data)
        open_url(QUrl.fromLocalFile(str(target)))
        return target

    # ------------------------------------------------------------ language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Evidence (drop files here)"))
        self.choose.setText(self.tr("Choose files…"))
        self.open.setText(self.tr("Open"))
        self.list.setToolTip(self.tr("Double-click a file to open it"))
        self._update_buttons()
