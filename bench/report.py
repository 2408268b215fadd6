"""Benchmark of the one-click report: analysis, content, every chart rendered offscreen
and the file written, for the 50-city sample and a synthetic 300-city workspace.

Usage: python bench/report.py [--json] [--runs N]
`report-50` and `report-300` time the PDF report (the slowest output: every chart and a
page per city); `report-50-docx` and `report-50-xlsx` are shown for comparison.
The 300-city workspace repeats the 50 cities six times under new codes, with the sample
generator's observations. Not imported by tests; it reports, it asserts nothing.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from bench.common import bench_parser, median_ms, report_line
from models.analysis import Analysis, analyse, observation_sources
from models.campaign_scoring import score_campaign
from models.cities import City, load_city_list
from models.resources import city_list_path, load_framework_template
from models.sample_workspace import write_sample_workspace
from models.workspace import Workspace
from ui.report.build import generate


def repeated_cities(copies: int) -> list[City]:
    """The 50 cities `copies` times; copy k > 0 gets codes and names suffixed with k."""
    base = load_city_list(city_list_path())
    out = list(base)
    for k in range(1, copies):
        out += [
            replace(c, code=f"{c.code}-{k}", name_zh=f"{c.name_zh}{k}", name_en=f"{c.name_en} {k}")
            for c in base
        ]
    return out


def load(path: Path) -> Analysis:
    with Workspace.open(path, read_only=True) as ws:
        scored = score_campaign(ws, ws.campaigns()[0])
        return analyse(scored, observation_sources(ws, scored))


def main(argv: list[str] | None = None) -> int:
    args = bench_parser(__doc__, 3).parse_args(argv)
    app = QApplication.instance() or QApplication([])
    del app
    with tempfile.TemporaryDirectory(prefix="smartcity-report-bench-") as folder:
        root = Path(folder)
        write_sample_workspace(root / "50.smartcity")
        write_sample_workspace(
            root / "300.smartcity", load_framework_template(), repeated_cities(6)
        )
        cases = [
            ("report-50", "50.smartcity", ".pdf", args.runs),
            ("report-50-docx", "50.smartcity", ".docx", args.runs),
            ("report-50-xlsx", "50.smartcity", ".xlsx", args.runs),
            ("report-300", "300.smartcity", ".pdf", 1),
        ]
        for name, workspace, suffix, runs in cases:
            analysis = load(root / workspace)
            out = root / f"{name}{suffix}"
            ms = median_ms(partial(generate, analysis, "zh", out), runs)
            print(report_line(name, ms, runs, args.json), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
