"""The blocks a report is made of (Qt-free), shared by the content builder and both
renderers. Figures and tables share one counter, as in the 2021 report (图 3-3, 表 3-2…)."""

from __future__ import annotations

from dataclasses import dataclass

from models.chart_data import ChartSpec

Cell = str


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0 title, 1 chapter, 2 section, 3 subsection


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # body, lead, bullet, small, note, subtitle


@dataclass(frozen=True)
class Figure:
    number: str  # "3-3"; "" for the annex
    caption: str  # full caption line, e.g. "图 3-3 智慧城市三个梯队城市数量占比"
    chart: ChartSpec
    width_cm: float = 16.0
    aspect: float = 0.5625  # height / width of the image


@dataclass(frozen=True)
class Table:
    number: str
    caption: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""
    widths: tuple[float, ...] = ()  # relative column widths
    numeric: tuple[bool, ...] = ()  # per column: right-aligned numbers


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Figure | Table | PageBreak


@dataclass
class Counter:
    """One counter for the chapter's figures and tables, as in the report."""

    chapter: int = 3
    count: int = 0

    def next(self) -> str:
        self.count += 1
        return f"{self.chapter}-{self.count}"
