"""Checks a PNG written by `--screenshot`: the expected size, and not blank (many colours,
and no single colour covering nearly everything). Exit 0 when fine, 1 with the reason.

Usage: python scripts/check_screenshot.py PNG [WIDTHxHEIGHT]   (used by scripts/test-frozen
and .github/workflows/windows.yml)
"""

from __future__ import annotations

import os
import sys
from collections import Counter

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication, QImage

MIN_COLOURS = 50
MAX_SHARE = 0.95  # of the sampled pixels, for the most common colour


def problem(path: str, size: str) -> str | None:
    image = QImage(path)
    if image.isNull():
        return f"{path} is missing or not an image"
    found = f"{image.width()}x{image.height()}"
    if found != size:
        return f"{path} is {found}, expected {size}"
    step = 3
    pixels = Counter(
        image.pixel(x, y)
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    )
    total = sum(pixels.values())
    colour, count = pixels.most_common(1)[0]
    if len(pixels) < MIN_COLOURS or count / total > MAX_SHARE:
        return (
            f"{path} looks blank: {len(pixels)} colours, {count / total:.0%} of one ({colour:#x})"
        )
    return None


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    app = QGuiApplication(sys.argv[:1])
    found = problem(argv[0], argv[1] if len(argv) == 2 else "1366x768")
    del app
    print(f"FAILED: {found}" if found else f"ok: {argv[0]} is a screenshot, not blank")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
