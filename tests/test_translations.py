"""The Chinese catalogue covers every string of the interface and its .qm is up to date."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
TS = ROOT / "resources" / "translations" / "smartcity_zh_CN.ts"
QM = TS.with_suffix(".qm")
TOOLS = Path(sys.executable).parent


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    found: dict[tuple[str, str], ET.Element] = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def translation_text(message: ET.Element) -> str | None:
    """The finished translation of a message, or None."""
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return None
    return "".join(translation.itertext()).strip() or None


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


@pytest.fixture(scope="module")
def current(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], ET.Element]:
    """The strings the code uses now, extracted afresh with lupdate."""
    fresh = tmp_path_factory.mktemp("ts") / "fresh.ts"
    command = [
        str(TOOLS / "pyside6-lupdate"),
        "-silent",
        "-locations",
        "none",
        *ui_sources(),
        "-ts",
        str(fresh),
    ]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return messages(fresh)


def test_every_string_is_translated(current: dict[tuple[str, str], ET.Element]) -> None:
    committed = messages(TS)
    missing = [key for key in current if key not in committed]
    assert not missing, f"run scripts/update-translations; new strings: {missing[:10]}"
    unfinished = [key for key in current if translation_text(committed[key]) is None]
    assert not unfinished, f"untranslated: {unfinished[:10]}"


def test_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    command = [str(TOOLS / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(fresh)]
    subprocess.run(command, check=True, capture_output=True)
    assert fresh.read_bytes() == QM.read_bytes(), "run scripts/update-translations"


def test_placeholders_survive_translation() -> None:
    for (context, source), message in messages(TS).items():
        translation = translation_text(message) or ""
        for token in ("{", "}", "%"):
            if token in source:
                assert source.count(token) == translation.count(token), (context, source)
