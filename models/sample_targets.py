"""Calibration targets of the synthetic sample campaign, and the city-level index targets.

The figures are those the 2021 report publishes (see resources/README and the
report's chapter 3); the sample generator is calibrated so that scoring its
campaign with the default settings reproduces them. Only the published figures
are targets; values the report leaves open are plausible choices, marked so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from models.cities import City

FloatArray = npt.NDArray[np.float64]

INDEX_MEAN = 0.70
INDEX_SD = 0.11
LEADERS: tuple[str, ...] = ("北京", "上海", "杭州", "广州", "青岛", "深圳", "宁波", "无锡")
CIRCLE_MEANS: dict[str, float] = {"长三角": 0.74, "珠三角": 0.79, "京津冀": 0.70}
# GDP bands in 亿元, highest first: (lower bound, index mean chosen to fall with GDP).
GDP_BAND_FLOORS: tuple[float, ...] = (20000.0, 10000.0, 5000.0, 0.0)

# Second-level (mean, sd) targets. Published: T1, T2 > 0.80; T3, T4 < 0.60, T4 0.38,
# T max - min = 0.51; R1 < R2 < 0.5 with sd > 0.3; A1 mean 0.53; A2 sd 0.07, A3 sd 0.12,
# A4 sd 0.14; A mean 0.80; M sds < 0.15; S1 0.80 / 0.09; S2 sd 0.25; R mean 0.47.
# The rest are chosen so that the first-level means and the index mean come out as
# published (A 0.80 highest, M and S close to 0.80, T and R lower, index 0.70).
SECOND_LEVEL_TARGETS: dict[str, tuple[float, float]] = {
    "T1": (0.89, 0.08),
    "T2": (0.83, 0.09),
    "T3": (0.55, 0.15),
    "T4": (0.38, 0.18),
    "T5": (0.52, 0.14),
    "T6": (0.46, 0.15),
    "R1": (0.45, 0.34),
    "R2": (0.49, 0.33),
    "A1": (0.53, 0.15),
    "A2": (0.90, 0.07),
    "A3": (0.89, 0.12),
    "A4": (0.88, 0.14),
    "M1": (0.78, 0.10),
    "M2": (0.76, 0.11),
    "S1": (0.80, 0.09),
    "S2": (0.69, 0.25),
}


@dataclass(frozen=True)
class CityGroups:
    """Index arrays of the cities in each calibration group."""

    band: npt.NDArray[np.int64]  # 0 = highest GDP band
    circle: tuple[str, ...]  # "" when none
    leader: npt.NDArray[np.bool_]
    leader_order: npt.NDArray[np.int64]  # position in LEADERS, -1 for the others


def city_groups(cities: Sequence[City], year: int = 2020) -> CityGroups:
    gdp = np.array([c.gdp.get(year, np.nan) for c in cities])
    band = np.array([_band(g) for g in gdp], dtype=np.int64)
    order = np.array([LEADERS.index(c.name_zh) if c.name_zh in LEADERS else -1 for c in cities])
    return CityGroups(
        band=band,
        circle=tuple(c.economic_circle for c in cities),
        leader=order >= 0,
        leader_order=order.astype(np.int64),
    )


def _band(gdp: float) -> int:
    return next(i for i, floor in enumerate(GDP_BAND_FLOORS) if gdp >= floor)


def index_targets(
    groups: CityGroups, mean: float, rng: np.random.Generator, iterations: int = 200
) -> FloatArray:
    """Index value per city: falls with GDP band, circle means, leaders on top, given sd.

    A fixed-point iteration: start from band means plus seeded noise, then shift circles
    to their published means, lift the leaders above everyone else, and rescale to the
    published mean and sd. Each step moves the others only a little, so it converges.
    """
    band_means = np.array([0.86, 0.75, 0.65, 0.58])  # chosen: falling with GDP
    noise = rng.standard_normal(len(groups.band)) * 0.05
    t = band_means[groups.band] + noise
    circles = np.array(groups.circle)
    for _ in range(iterations):
        for circle, target in CIRCLE_MEANS.items():
            members = circles == circle
            t[members] += target - t[members].mean()
        t = _lift_leaders(t, groups, margin=0.02, step=0.008)
        t = mean + (t - t.mean()) * (INDEX_SD / t.std(ddof=1))
    return t


def _lift_leaders(t: FloatArray, groups: CityGroups, margin: float, step: float) -> FloatArray:
    """Put the leaders above every other city, in the order the report names them."""
    out = t.copy()
    leader = groups.leader
    floor = out[~leader].max() + margin
    rank_from_bottom = len(LEADERS) - 1 - groups.leader_order[leader]
    out[leader] = floor + step * rank_from_bottom
    return out
