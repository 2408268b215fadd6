"""The sample campaign, scored with the default settings, reproduces the report's figures
(../shared/reference/README.md): means within ±0.02, standard deviations within ±0.03,
every qualitative statement true."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from models.campaign_scoring import CampaignScores, score_campaign
from models.cities import CHANNELS, load_city_list
from models.resources import city_list_path, load_framework_template
from models.sample import SAMPLE_CAMPAIGN, generate
from models.sample_targets import LEADERS
from models.sample_workspace import write_sample_workspace
from models.workspace import Workspace

MEAN_TOL, SD_TOL = 0.02, 0.03


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.smartcity"
    write_sample_workspace(path)
    return path


@pytest.fixture(scope="module")
def scored(sample_path: Path) -> CampaignScores:
    with Workspace.open(sample_path, read_only=True) as ws:
        (campaign,) = ws.campaigns()
        return score_campaign(ws, campaign)


def column(scored: CampaignScores, code: str) -> np.ndarray:
    result = scored.result
    return result.scores[:, result.hierarchy.index[code]]


def mean(scored: CampaignScores, code: str) -> float:
    return float(np.nanmean(column(scored, code)))


def sd(scored: CampaignScores, code: str) -> float:
    return float(np.nanstd(column(scored, code), ddof=1))


def test_campaign_is_labelled_synthetic(scored: CampaignScores) -> None:
    assert scored.campaign.name == SAMPLE_CAMPAIGN
    assert "合成数据" in scored.campaign.name and "synthetic" in scored.campaign.name


def test_fifty_cities_all_cells_observed(scored: CampaignScores) -> None:
    assert len(scored.cities) == 50
    assert scored.cells.values.shape == (50, 52)
    assert not np.isnan(scored.cells.values).any()


def test_index_mean_and_sd(scored: CampaignScores) -> None:
    assert mean(scored, "Index") == pytest.approx(0.70, abs=MEAN_TOL)
    assert sd(scored, "Index") == pytest.approx(0.11, abs=SD_TOL)


def test_first_level_means(scored: CampaignScores) -> None:
    means = {code: mean(scored, code) for code in "TRAMS"}
    assert means["A"] == pytest.approx(0.80, abs=MEAN_TOL)
    assert max(means, key=means.__getitem__) == "A"
    assert means["R"] == pytest.approx(0.47, abs=MEAN_TOL)
    for code in "MS":  # "close to 0.80", below A
        assert 0.74 <= means[code] < means["A"]
    for code in "TR":  # lower than M and S
        assert means[code] < min(means["M"], means["S"])


def test_technology_second_level(scored: CampaignScores) -> None:
    assert mean(scored, "T1") > 0.80 and mean(scored, "T2") > 0.80
    assert mean(scored, "T3") < 0.60 and mean(scored, "T4") < 0.60
    assert mean(scored, "T4") == pytest.approx(0.38, abs=MEAN_TOL)
    t_means = [mean(scored, f"T{k}") for k in range(1, 7)]
    assert max(t_means) - min(t_means) == pytest.approx(0.51, abs=MEAN_TOL)
    assert sd(scored, "T4") == max(sd(scored, f"T{k}") for k in range(1, 7))


def test_service_second_level(scored: CampaignScores) -> None:
    assert mean(scored, "S1") == pytest.approx(0.80, abs=MEAN_TOL)
    assert mean(scored, "S1") > mean(scored, "S")
    assert sd(scored, "S1") == pytest.approx(0.09, abs=SD_TOL)
    assert sd(scored, "S2") == pytest.approx(0.25, abs=SD_TOL)


def test_platform_second_level(scored: CampaignScores) -> None:
    assert mean(scored, "A1") == pytest.approx(0.53, abs=MEAN_TOL)
    assert sd(scored, "A2") == pytest.approx(0.07, abs=SD_TOL)
    assert sd(scored, "A3") == pytest.approx(0.12, abs=SD_TOL)
    assert sd(scored, "A4") == pytest.approx(0.14, abs=SD_TOL)
    assert sd(scored, "A2") < sd(scored, "A3") < sd(scored, "A4")
    assert mean(scored, "A2") > mean(scored, "A4") and mean(scored, "A3") > mean(scored, "A4")


def test_management_and_resources_second_level(scored: CampaignScores) -> None:
    assert sd(scored, "M1") < 0.15 and sd(scored, "M2") < 0.15
    assert mean(scored, "R1") < mean(scored, "R2") < 0.5
    assert sd(scored, "R1") > 0.3 and sd(scored, "R2") > 0.3


def test_economic_circles(scored: CampaignScores) -> None:
    index = column(scored, "Index")
    circles = np.array([c.economic_circle for c in scored.cities])
    for circle, expected in {"长三角": 0.74, "珠三角": 0.79, "京津冀": 0.70}.items():
        assert index[circles == circle].mean() == pytest.approx(expected, abs=MEAN_TOL)


def test_gdp_bands(scored: CampaignScores) -> None:
    index = column(scored, "Index")
    gdp = np.array([c.gdp[2020] for c in scored.cities])
    edges = [np.inf, 20000.0, 10000.0, 5000.0, -np.inf]
    band_means = []
    for high, low in itertools.pairwise(edges):
        members = (gdp >= low) & (gdp < high)
        assert members.sum() >= 2
        assert index[members].std(ddof=1) < 0.1
        band_means.append(index[members].mean())
    assert band_means == sorted(band_means, reverse=True)
    assert np.corrcoef(index, gdp)[0, 1] > 0


def test_tiers_and_leaders(scored: CampaignScores) -> None:
    labels = scored.result.tier_labels()
    assert Counter(labels) == {"领军": 8, "先锋": 17, "探索": 25}
    leaders = {c.name_zh for c, tier in zip(scored.cities, labels, strict=True) if tier == "领军"}
    assert leaders == set(LEADERS)


def test_observations_spread_over_channels_and_evaluators(sample_path: Path) -> None:
    with Workspace.open(sample_path, read_only=True) as ws:
        (campaign,) = ws.campaigns()
        observations = ws.observations(campaign.campaign_id)
    assert {o.channel for o in observations} == set(CHANNELS)
    assert len({o.evaluator for o in observations}) >= 6
    assert {o.status for o in observations} == {"draft", "submitted", "verified", "rejected"}
    assert all("合成数据" in o.note for o in observations)


def test_generator_is_deterministic() -> None:
    framework = load_framework_template()
    cities = load_city_list(city_list_path())
    assert generate(framework, cities) == generate(framework, cities)
    assert generate(framework, cities, seed=1) != generate(framework, cities)
