"""The frozen program's build: what build.spec leaves out is never imported by the
program, the version has one source, the icons are there. (The frozen program itself is
built and run by scripts/test-frozen, not here: a build takes about half a minute.)"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from main import main
from models.version import VERSION

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
PROGRAM = [
    ROOT / "main.py",
    *(p for d in ("models", "scoring", "ui") for p in (ROOT / d).rglob("*.py")),
]


def spec_literal(name: str) -> tuple[str, ...]:
    """A module-level tuple of strings assigned in build.spec."""
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, tuple) and all(isinstance(v, str) for v in value)
            return value
    raise AssertionError(f"build.spec assigns no {name}")


def excluded(optional: bool = True) -> set[str]:
    """What build.spec leaves out; `optional`: also what others import with a fallback."""
    qt = {f"PySide6.{m}" for m in spec_literal("EXCLUDED_QT_MODULES")}
    names = qt | set(spec_literal("EXCLUDED_PACKAGES"))
    return names | set(spec_literal("OPTIONAL_EXCLUDES")) if optional else names


def imported_modules(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def is_excluded(module: str, names: set[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in names)


def test_the_program_imports_nothing_the_bundle_leaves_out() -> None:
    names = excluded()
    assert "scipy" in names and "PySide6.QtWebEngineCore" in names  # the lists were read
    found = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in PROGRAM
        for module in imported_modules(path)
        if is_excluded(module, names)
    ]
    assert found == [], "build.spec excludes modules the program imports: remove them there"


IMPORT_ALL = """
import importlib, pathlib, sys
root = pathlib.Path(sys.argv[1])
for path in sorted(root.glob("*/**/*.py")):
    parts = path.relative_to(root).with_suffix("").parts
    if parts[0] in ("models", "scoring", "ui") and parts[-1] != "__main__":
        importlib.import_module(".".join(p for p in parts if p != "__init__"))
import main
print("\\n".join(sorted(sys.modules)))
"""


def test_importing_the_whole_program_loads_nothing_the_bundle_leaves_out() -> None:
    """Also what libraries import at run time (pyqtgraph loads PySide6.QtOpenGL by name)."""
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded = done.stdout.split()
    assert "ui.launch" in loaded and "pyqtgraph" in loaded
    names = excluded(optional=False)  # hashlib, for one, loads _hashlib when it is there
    assert [m for m in loaded if is_excluded(m, names)] == []


def test_hashing_works_without_openssl_as_in_the_bundle() -> None:
    """The bundle has no _hashlib (OPTIONAL_EXCLUDES): hashlib must fall back."""
    assert "_hashlib" in spec_literal("OPTIONAL_EXCLUDES")
    code = (
        "import sys; sys.modules['_hashlib'] = None; import hashlib; "
        "print(hashlib.sha256(b'abc').hexdigest()[:8], "
        "hashlib.sha1(b'abc', usedforsecurity=False).hexdigest()[:8])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ba7816bf", "a9993e36"]


def test_the_libraries_the_program_uses_need_nothing_the_bundle_leaves_out() -> None:
    names = {n.lower() for n in excluded()}
    top = {m.split(".")[0] for path in PROGRAM for m in imported_modules(path)}
    third_party = top - set(sys.stdlib_module_names) - {"models", "scoring", "ui", "main"}
    distributions = importlib.metadata.packages_distributions()
    needed = []
    for package in sorted(third_party):
        for dist in distributions.get(package, []):
            for requirement in importlib.metadata.requires(dist) or []:
                if "extra ==" in requirement:
                    continue
                name = re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0].lower()
                if name in names:
                    needed.append(f"{package} ({dist}) requires {name}")
    assert needed == []


def test_version_has_one_source_that_the_spec_can_read() -> None:
    text = (ROOT / "models" / "version.py").read_text(encoding="utf-8")
    assert re.findall(r'^VERSION\s*=\s*"([^"]+)"', text, re.MULTILINE) == [VERSION]
    assert 'models" / "version.py' in SPEC.read_text(encoding="utf-8")


def test_version_option_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"SMART City Evaluator {VERSION}"


def test_spec_bundles_the_resources_folder_where_the_program_looks() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec
    for needed in ("frameworks", "cities", "translations", "icons"):
        assert any((ROOT / "resources" / needed).iterdir()), needed


def test_icons_are_small_and_complete() -> None:
    png, ico = ROOT / "resources" / "icons" / "app.png", ROOT / "resources" / "icons" / "app.ico"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size < 50_000 and ico.stat().st_size < 100_000
    data = ico.read_bytes()
    reserved, kind, count = int.from_bytes(data[0:2], "little"), data[2], data[4]
    assert (reserved, kind) == (0, 1)
    sides = sorted(data[6 + 16 * i] or 256 for i in range(count))
    assert sides == [16, 24, 32, 48, 64, 128, 256]
