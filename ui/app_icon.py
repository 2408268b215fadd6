"""The program's icon: drawn with QPainter, written once to resources/icons (app.png for
the window, app.ico for the Windows executable) and committed.

Regenerate with `python -m ui.app_icon` (offscreen); the window loads app.png at start.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QImage,
    QImageWriter,
    QLinearGradient,
    QPainter,
    QPen,
)

from models.resources import resources_dir

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 256


def icon_path() -> Path:
    return resources_dir() / "icons" / "app.png"


def app_icon() -> QIcon:
    """The window icon (an empty QIcon if the file is missing: the program still runs)."""
    return QIcon(str(icon_path()))


def draw_icon(size: int) -> QImage:
    """A blue rounded square with a white skyline of three towers and a rising line."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 64.0, size / 64.0)  # drawn on a 64 × 64 grid
    gradient = QLinearGradient(0, 0, 0, 64)
    gradient.setColorAt(0.0, QColor("#2f80ed"))
    gradient.setColorAt(1.0, QColor("#1b4f9c"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(gradient)
    painter.drawRoundedRect(QRectF(2, 2, 60, 60), 12, 12)
    painter.setBrush(QColor("#ffffff"))
    for x, top in ((13, 34), (26, 22), (39, 29)):
        painter.drawRect(QRectF(x, top, 10, 52 - top))
    pen = QPen(QColor("#ffd166"), 4.5)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPolyline([QPointF(11, 26), QPointF(24, 15), QPointF(36, 21), QPointF(53, 9)])
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"png")).write(image)
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: list[QImage]) -> bytes:
    """An .ico holding each image as PNG (Windows Vista and later read PNG icon entries)."""
    pngs = [png_bytes(image) for image in images]
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries = b""
    for image, png in zip(images, pngs, strict=True):
        side = image.width() if image.width() < 256 else 0  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return header + entries + b"".join(pngs)


def write_icons(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    png, ico = folder / "app.png", folder / "app.ico"
    png.write_bytes(png_bytes(draw_icon(PNG_SIZE)))
    ico.write_bytes(ico_bytes([draw_icon(size) for size in ICO_SIZES]))
    return png, ico


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path in write_icons(resources_dir() / "icons"):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
