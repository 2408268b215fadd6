"""Checks that a font with Chinese glyphs is available, so Chinese text is never shown as
empty boxes without the user being told why."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QMessageBox, QWidget


def chinese_font_families() -> list[str]:
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def missing_chinese_font_message() -> str | None:
    """None when a Chinese font exists; else what to install (shown once at start)."""
    if chinese_font_families():
        return None
    return (
        "No font with Chinese characters was found, so Chinese text would show as empty "
        "boxes. Install one (e.g. Noto Sans CJK SC: `apt-get install fonts-noto-cjk` on "
        "Debian/Ubuntu; Windows and macOS ship one) and restart the program. "
        "未找到中文字体，中文将显示为方框。请安装中文字体（如 Noto Sans CJK SC）后重新启动。"
    )


def warn_if_no_chinese_font(parent: QWidget) -> bool:
    """Show the message of missing_chinese_font_message() if there is one; True if shown."""
    problem = missing_chinese_font_message()
    if problem is None:
        return False
    QMessageBox.warning(parent, parent.windowTitle() or "SMART City Evaluator", problem)
    return True
