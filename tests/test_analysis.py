"""models.analysis, models.analysis_tables and models.findings on the sample campaign:
every figure equals what scoring/ computes on the same cities."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from models.analysis import Analysis, sources_from_arrays
from models.analysis_tables import (
    city_profile,
    ranking_order,
    report_order_key,
    table_3_2,
    table_3_13,
    tier_counts,
)
from models.findings import findings
from models.regions import admin_rank
from models.workspace import Workspace
from scoring.groups import GdpBands
from scoring.stats import node_stats
from tests.report_helpers import sample_analysis


@pytest.fixture(scope="module")
def analysis(sample_workspace_template: Path) -> Analysis:
    return sample_analysis(sample_workspace_template)


def test_levels_of_the_smart_framework(analysis: Analysis) -> None:
    assert analysis.first == ("T", "R", "A", "M", "S")
    assert len(analysis.second_codes) == 16
    assert analysis.second["R"] == ("R1", "R2")
    assert analysis.gdp_year == 2020


def test_group_statistics_equal_node_stats_of_the_members(analysis: Analysis) -> None:
    scores = analysis.scored.result.scores
    for kind, groups in analysis.groups.items():
        assert groups, kind
        for group in groups:
            expected = node_stats(scores[list(group.members)])
            np.testing.assert_array_equal(group.stats.n, expected.n)
            np.testing.assert_allclose(group.stats.mean, expected.mean, equal_nan=True)
            np.testing.assert_allclose(group.stats.sd, expected.sd, equal_nan=True)
    circles = [g.key for g in analysis.groups["circle"]]
    assert circles == ["长三角", "珠三角", "京津冀"]
    band_sizes = [len(g.members) for g in analysis.groups["band"]]
    assert sum(band_sizes) == 50


def test_bands_follow_gdp(analysis: Analysis) -> None:
    for group in analysis.groups["band"]:
        lower, upper = analysis.bands.bounds(int(group.key))
        for i in group.members:
            gdp = analysis.gdp[i]
            assert lower is None or gdp >= lower
            assert upper is None or gdp < upper


def test_gdp_fit_matches_numpy(analysis: Analysis) -> None:
    index = analysis.scores(analysis.root)
    slope, intercept = np.polyfit(analysis.gdp, index, 1)
    assert analysis.gdp_fit.slope == pytest.approx(slope, rel=1e-9)
    assert analysis.gdp_fit.intercept == pytest.approx(intercept, rel=1e-9)
    assert analysis.gdp_fit.r == pytest.approx(np.corrcoef(analysis.gdp, index)[0, 1])
    assert analysis.gdp_fit.r > 0.5  # the index rises with GDP (the report's finding)


def test_sources_count_live_observations_by_channel(
    analysis: Analysis, sample_workspace_template: Path
) -> None:
    with Workspace.open(sample_workspace_template, read_only=True) as ws:
        campaign = ws.campaigns()[0].campaign_id
        observations = ws.observations(campaign)
    used = [o for o in observations if o.status != "rejected"]
    sources = analysis.sources
    assert sources.observations == len(used)
    assert sources.rejected == len(observations) - len(used)
    by_channel = dict(sources.channels)
    for channel in by_channel:
        assert by_channel[channel] == sum(1 for o in used if o.channel == channel)
    assert sources.channels_used == ("实地调研", "电话访谈", "网络采样", "统计数据", "问卷调查")
    assert sources.cells_total == 50 * 52


def test_sources_from_arrays_puts_unknown_channels_last() -> None:
    cells = np.array([[1.0, np.nan]])
    sources = sources_from_arrays(
        ("其他", "实地调研"), np.array([0, 1, 1]), np.array([False, False, True]), cells
    )
    assert sources.channels[0] == ("实地调研", 1)
    assert sources.channels[-1] == ("其他", 1)
    assert (sources.observations, sources.rejected, sources.cells_filled) == (2, 1, 1)


def test_table_3_2_by_tier_then_level_then_region(analysis: Analysis) -> None:
    rows = table_3_2(analysis)
    assert [r.label for r in rows] == ["领军", "先锋", "探索"]
    assert [len(r.cities) for r in rows] == [8, 17, 25]
    leaders = {analysis.cities[i].name_zh for i in rows[0].cities}
    assert leaders == {"北京", "上海", "杭州", "广州", "青岛", "深圳", "宁波", "无锡"}
    names = [analysis.cities[i].name_zh for i in rows[0].cities]
    assert names[:2] == ["北京", "上海"]  # municipalities first, by division code
    assert names[-1] == "无锡"  # the prefecture-level city last
    for row in rows:
        keys = [report_order_key(analysis, i) for i in row.cities]
        assert keys == sorted(keys)
        ranks = [admin_rank(analysis.cities[i]) for i in row.cities]
        assert ranks == sorted(ranks)


def test_table_3_13_is_the_second_level_statistics(analysis: Analysis) -> None:
    rows = table_3_13(analysis)
    assert [r.code for r in rows] == list(analysis.second_codes)
    stats = analysis.scored.result.stats
    for row in rows:
        j = analysis.column(row.code)
        assert row.mean == stats.mean[j] and row.sd == stats.sd[j]
        assert row.parent == analysis.framework[row.code].parent


def test_ranking_and_tier_counts(analysis: Analysis) -> None:
    order = ranking_order(analysis)
    ranks = [analysis.scored.result.rank[i] for i in order]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert tier_counts(analysis) == [("领军", 8, 0.16), ("先锋", 17, 0.34), ("探索", 25, 0.5)]


def test_city_profile_flags_one_sd(analysis: Analysis) -> None:
    stats = analysis.scored.result.stats
    for position in range(len(analysis.cities)):
        profile = city_profile(analysis, position)
        assert [c.code for c in profile.first] == list(analysis.first)
        assert len(profile.second) == 16
        for c in (*profile.first, *profile.second):
            j = analysis.column(c.code)
            assert c.mean == stats.mean[j] and c.sd == stats.sd[j]
            assert c.value == analysis.scored.result.scores[position, j]
            expected = 1 if c.value >= c.mean + c.sd else -1 if c.value <= c.mean - c.sd else 0
            assert c.flag == expected
        assert set(profile.strengths) | set(profile.weaknesses) == {
            c for c in (*profile.first, *profile.second) if c.flag
        }


def test_findings_numbers(analysis: Analysis) -> None:
    found = findings(analysis)
    index = analysis.scores(analysis.root)
    assert found.index_mean == pytest.approx(float(np.mean(index)))
    assert found.index_sd == pytest.approx(float(np.std(index, ddof=1)))
    assert (found.index_min, found.index_max) == (float(index.min()), float(index.max()))
    assert round(found.index_mean, 2) == 0.71 and round(found.index_sd, 2) == 0.11
    assert found.strongest_first is not None and found.strongest_first.code == "A"
    assert found.weakest_first is not None and found.weakest_first.code == "R"
    assert found.weakest_second is not None and found.weakest_second.code == "T4"
    means = {r.code: r.mean for r in found.second}
    t_means = [means[c] for c in analysis.second["T"]]
    assert found.spread["T"] == pytest.approx(max(t_means) - min(t_means))
    circles = {g.key: g.mean for g in found.circles}
    for group in analysis.groups["circle"]:
        assert circles[group.key] == pytest.approx(float(np.mean(index[list(group.members)])))
    scores_t = analysis.scores("T")
    top = found.top_cities["T"]
    assert list(top) == sorted(top, key=lambda i: -scores_t[i])
    assert len(top) == 6


def test_other_bands(sample_workspace_template: Path) -> None:
    analysis = sample_analysis(sample_workspace_template)
    from models.analysis import analyse

    two = analyse(analysis.scored, analysis.sources, GdpBands((10_000.0,)))
    assert [g.key for g in two.groups["band"]] == ["0", "1"]
    assert two.group_name("band", "0", "en") == "≥ 10 000"
    assert not math.isnan(two.gdp_fit.r)
