"""Checks that no file in a bundle contains any of the given texts, e.g. the checkout's and
the virtual environment's paths on the build machine. Searched as UTF-8 and UTF-16-LE,
with either kind of slash, in every file and inside the compressed parts: the programs'
embedded archives (PyInstaller's PKG and PYZ: the compiled modules) and .zip files.
Exit 0 when none is found, 1 listing where they are.

Usage: python scripts/check_bundle.py FOLDER TEXT...   (used by scripts/test-frozen and
.github/workflows/windows.yml; needs PyInstaller, from the build's environment)
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

from PyInstaller.archive.readers import CArchiveReader

PYZ_ENTRY = "z"  # PyInstaller's type code of the embedded module archive


def needles(texts: list[str]) -> set[bytes]:
    found = set()
    for text in texts:
        for variant in {text, text.replace("\\", "/"), text.replace("/", "\\")}:
            found |= {variant.encode("utf-8"), variant.encode("utf-16-le")}
    return found


def blobs(path: Path) -> Iterator[tuple[str, bytes]]:
    """The file's bytes, then what is compressed inside it (named file:entry)."""
    data = path.read_bytes()
    yield str(path), data
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                yield f"{path}:{name}", archive.read(name)
    elif data[:4] == b"\x7fELF" or data[:2] == b"MZ":
        yield from _program_archive(path)


def _program_archive(path: Path) -> Iterator[tuple[str, bytes]]:
    try:
        package = CArchiveReader(str(path))
    except Exception:  # not a PyInstaller program (a library, a Qt plugin)
        return
    for name, entry in package.toc.items():
        if entry[-1] == PYZ_ENTRY:
            modules = package.open_embedded_archive(name)
            for module in modules.toc:
                yield f"{path}:{module}", modules.extract(module, raw=True) or b""
        else:
            yield f"{path}:{name}", package.extract(name)


def offenders(folder: Path, texts: list[str]) -> list[str]:
    wanted = needles(texts)
    hits = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            for where, data in blobs(path):
                hits += [f"{where}: {n!r}" for n in wanted if n in data]
    return hits


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    folder, texts = Path(argv[0]), [t for t in argv[1:] if t]
    hits = offenders(folder, texts)
    for hit in hits[:20]:
        print(f"FAILED: build path in {hit}")
    if not hits:
        print(f"ok: none of {texts} in {folder} (files, programs' module archives, zips)")
    return 1 if hits else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
