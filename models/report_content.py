"""The report as a list of blocks (Qt-free): one content builder, two renderers
(models.report_docx for Word, ui.report.pdf for PDF).

The blocks follow chapter 3 of the 2021 report: the sample and its sources, the overall
findings with their numbers, every chart (a Figure naming its ChartSpec; the renderers
get the chart images by key), the tables, and an annex page per city. Figures and
tables share one counter, as in the report (图 3-3, 表 3-2…). Numbers are written as
the report writes them: two decimals in the text, three in the tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from models.analysis import Analysis
from models.chart_data import analysis_charts
from models.findings import Findings, findings
from models.report_annex import annex_blocks
from models.report_blocks import Block, Counter, Figure, Heading, Table
from models.report_phrases import phrase
from models.report_sections import results_blocks, sampling_blocks
from scoring.progress import CancelFn, ProgressFn, Ticker


@dataclass(frozen=True)
class ReportContent:
    title: str
    subtitle: str
    lang: str
    blocks: tuple[Block, ...]
    findings: Findings = field(compare=False)

    def figures(self) -> list[Figure]:
        return [b for b in self.blocks if isinstance(b, Figure)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]


def build_report(
    analysis: Analysis,
    lang: str,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    today: date | None = None,
) -> ReportContent:
    """The report's blocks for `analysis` in `lang` ("zh" or "en")."""
    ticker = Ticker(len(analysis.cities) + 2, progress, cancelled)
    found = findings(analysis)
    charts = {spec.key: spec for spec in analysis_charts(analysis, lang)}
    counter = Counter()
    blocks: list[Block] = [Heading(phrase("chapter", lang), 1)]
    blocks += sampling_blocks(analysis, found, lang, counter)
    ticker.step()
    blocks += results_blocks(analysis, found, charts, lang, counter)
    ticker.step()
    blocks += annex_blocks(analysis, lang, ticker.step)
    ticker.finish()
    scored = analysis.scored
    subtitle = phrase(
        "subtitle",
        lang,
        campaign=scored.campaign.name,
        framework=scored.framework.name,
        date=(today or date.today()).isoformat(),
    )
    return ReportContent(phrase("title", lang), subtitle, lang, tuple(blocks), found)
