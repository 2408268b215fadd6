"""The report's content (Qt-free): sections, figures and tables, and every number in its
text and tables equals what scoring/ computes."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.analysis import Analysis
from models.analysis_tables import city_profile, table_3_2, table_3_13
from models.findings import findings
from models.report_blocks import Figure, Heading, PageBreak, Paragraph, Table
from models.report_content import ReportContent, build_report
from models.report_phrases import phrase
from scoring.progress import CancelledError
from tests.report_helpers import number_2, number_3, sample_analysis

SECTION_KEYS = ("chapter", "h_conduct", "h_objects", "h_sampling", "h_results", "h_overall",
                "h_first", "h_uneven", "h_compare", "h_second", "h_annex")  # fmt: skip


@pytest.fixture(scope="module")
def analysis(sample_workspace_template: Path) -> Analysis:
    return sample_analysis(sample_workspace_template)


@pytest.fixture(scope="module", params=["zh", "en"])
def content(analysis: Analysis, request: pytest.FixtureRequest) -> ReportContent:
    return build_report(analysis, str(request.param))


def test_every_section_heading(content: ReportContent) -> None:
    texts = [h.text for h in content.headings()]
    for key in SECTION_KEYS:
        assert phrase(key, content.lang) in texts


def test_every_chart_is_a_figure_numbered_with_the_tables(content: ReportContent) -> None:
    numbered = [b for b in content.blocks if isinstance(b, Figure | Table) and b.number]
    assert [b.number for b in numbered] == [f"3-{k}" for k in range(1, len(numbered) + 1)]
    keys = [f.chart.key for f in content.figures() if f.number]
    assert keys[0] == "tiers"
    assert {"second-T", "second-R", "second-A", "second-M", "second-S", "band-index",
            "band-first", "gdp", "circles", "first"} <= set(keys)  # fmt: skip
    assert [t.number for t in content.tables()[:2]] == ["3-1", "3-2"]


def test_an_annex_page_per_city(content: ReportContent, analysis: Analysis) -> None:
    profiles = [f for f in content.figures() if f.chart.key.startswith("profile-")]
    assert len(profiles) == len(analysis.cities)
    breaks = sum(isinstance(b, PageBreak) for b in content.blocks)
    assert breaks == len(analysis.cities) + 1


def _paragraphs(content: ReportContent) -> str:
    return "\n".join(b.text for b in content.blocks if isinstance(b, Paragraph))


def test_overall_numbers_in_the_text(content: ReportContent, analysis: Analysis) -> None:
    found = findings(analysis)
    text = _paragraphs(content)
    for value in (found.index_mean, found.index_sd, found.index_min, found.index_max):
        assert number_2(value) in text
    for group in found.circles:
        assert number_2(group.mean) in text
    for group in found.bands:
        assert number_2(group.mean) in text and number_2(group.sd) in text
    assert number_2(found.gdp_fit.r) in text
    assert found.strongest_first is not None and found.weakest_first is not None
    assert number_2(found.strongest_first.mean) in text
    assert number_2(found.weakest_first.mean) in text
    for _channel, count in found.sources.channels:
        assert f"{count}" in text
    assert f"{found.sources.observations}" in text
    for code in analysis.first:
        assert analysis.node_name(code, content.lang) in text


def test_table_3_2_and_3_13_rows(content: ReportContent, analysis: Analysis) -> None:
    lang = content.lang
    tiers = next(t for t in content.tables() if t.number == "3-2")
    sep = phrase("list_sep", lang)
    for row, expected in zip(tiers.rows, table_3_2(analysis), strict=True):
        assert row[1].split(sep) == [analysis.city_name(i, lang) for i in expected.cities]
    second = content.tables()[-(len(analysis.cities) + 1)]
    assert second.caption.endswith(phrase("cap_second", lang))
    for row, node in zip(second.rows, table_3_13(analysis), strict=True):
        assert row[1] == analysis.node_name(node.code, lang)
        assert row[2:] == (number_3(node.mean), number_3(node.sd))


def test_city_tables_hold_its_scores(content: ReportContent, analysis: Analysis) -> None:
    city_tables = content.tables()[-len(analysis.cities) :]
    headings = [b for b in content.blocks if isinstance(b, Heading) and b.level == 3]
    cities = headings[-len(analysis.cities) :]
    assert cities[0].text.startswith("1. ")
    for table in city_tables[:5]:
        names = [analysis.city_name(i, content.lang) for i in range(len(analysis.cities))]
        position = next(i for i, name in enumerate(names) if table.caption.startswith(name))
        profile = city_profile(analysis, position)
        assert table.rows[0][1] == number_3(profile.index)
        values = {row[0].strip("\u3000"): row[1] for row in table.rows[1:]}
        for c in (*profile.first, *profile.second):
            assert values[analysis.node_name(c.code, content.lang)] == number_3(c.value)


def test_progress_and_cancel(analysis: Analysis) -> None:
    seen: list[float] = []
    build_report(analysis, "zh", progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(CancelledError):
        build_report(analysis, "zh", cancelled=lambda: True)
