"""Benchmark of the Excel import and export with 50 000 observation rows.

Usage: python bench/excel.py [--json] [--runs N] [--rows N]
  excel-import-50k  check + import of a filled entry workbook (16 template columns, a row
                    key each) into a fresh copy of the sample workspace: read, check every
                    row, compare with the workspace, add in one transaction
  excel-export-50k  export of a campaign's 50 000 observations (19 columns) to .xlsx
With --json, one JSON object per line: {"name", "median_ms", "runs"}. Not imported by
tests; it reports, it asserts nothing.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from bench.common import bench_parser, median_ms, report_line
from models.audit import Actor
from models.excel_columns import ALL_COLUMNS, EXISTING, allowed_text, kind_label
from models.excel_export import export_observations
from models.excel_import import check_workbook, import_workbook
from models.framework import MeasurementSpec
from models.sample_workspace import write_sample_workspace
from models.workspace import Workspace
from models.xlsx_write import SheetData, XValue, write_workbook

ACTOR = Actor("bench", "bench")
CHANNELS = ("实地调研", "电话访谈", "网络采样", "统计数据", "问卷调查")


def value_for(spec: MeasurementSpec, k: int) -> float:
    if spec.kind == "rating" and spec.levels:
        return spec.levels[k % len(spec.levels)].value
    if spec.kind == "yesno":
        return float(k % 2)
    if spec.kind == "checklist":
        return float(k % (len(spec.items) + 1 if spec.items else 2))
    return spec.low + (spec.high - spec.low) * ((k * 37) % 100) / 100.0


def workbook_rows(ws: Workspace, n_rows: int) -> Iterator[list[XValue]]:
    campaign = ws.campaigns()[0]
    cities = {c.city_id: c for c in ws.cities()}
    leaves = [n for n in ws.framework(campaign.framework_id).leaves() if n.spec is not None]
    start = date(2021, 3, 1)
    for k in range(n_rows):
        city = cities[campaign.city_ids[(k // len(leaves)) % len(campaign.city_ids)]]
        leaf = leaves[k % len(leaves)]
        assert leaf.spec is not None
        yield [
            str(uuid.uuid4()),
            city.code,
            f"{city.name_zh} {city.name_en}",
            leaf.code,
            leaf.name_zh,
            leaf.name_en,
            kind_label(leaf.spec.kind),
            leaf.spec.unit,
            allowed_text(leaf.spec),
            value_for(leaf.spec, k),
            CHANNELS[k % len(CHANNELS)],
            start + timedelta(days=k % 90),
            f"评估员{k % 7}",
            f"来源 source {k % 13}",
            "" if k % 3 else f"备注 note {k}",
            "",
        ]


def make_workbook(ws: Workspace, path: Path, n_rows: int) -> None:
    header = [c.header for c in ALL_COLUMNS if c is not EXISTING]
    write_workbook(path, [SheetData("录入 Entry", header, workbook_rows(ws, n_rows))])


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__, runs=3)
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        template, book = tmp / "sample.smartcity", tmp / "filled.xlsx"
        write_sample_workspace(template)
        with Workspace.open(template, read_only=True) as ws:
            make_workbook(ws, book, args.rows)
        target = tmp / "target.smartcity"

        def fresh_copy() -> None:
            for leftover in tmp.glob("target.smartcity*"):
                leftover.unlink()
            shutil.copyfile(template, target)

        def run_import() -> None:
            with Workspace.open(target) as ws:
                campaign = ws.campaigns()[0]
                plan = check_workbook(ws, campaign, book)
                assert plan.ok, plan.problems[:3]
                import_workbook(ws, plan, ACTOR)

        import_ms = median_ms(run_import, args.runs, setup=fresh_copy)
        with Workspace.open(target, read_only=True) as ws:
            campaign = ws.campaigns()[0]
            exported = len(ws.observations(campaign.campaign_id))
            out = tmp / "observations.xlsx"

            def run_export() -> None:
                export_observations(ws, campaign, out)

            export_ms = median_ms(run_export, args.runs)
    print(report_line("excel-import-50k", import_ms, args.runs, args.json))
    print(report_line("excel-export-50k", export_ms, args.runs, args.json))
    if not args.json:
        print(f"({args.rows} rows imported; {exported} observations exported)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
