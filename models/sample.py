"""The seeded generator of the sample campaign: synthetic observations for the 50 cities.

Scores are built top-down in normalised space (models.sample_scores), calibrated to the
report's published figures (models.sample_targets), then turned into raw observations
of each indicator's measurement kind, spread over the five channels and six evaluators.
Everything here is synthetic and labelled so wherever it is shown.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt

from models.cities import City
from models.framework import Framework, Indicator, MeasurementSpec
from models.observations import Status
from models.sample_scores import quantise_row, second_level_scores, spread_to_leaves
from models.sample_targets import SECOND_LEVEL_TARGETS, city_groups, index_targets

FloatArray = npt.NDArray[np.float64]

SAMPLE_SEED = 2021
SAMPLE_CAMPAIGN = "2021 示例（合成数据）/ 2021 sample (synthetic data)"
# Synthetic evaluators: three teams of two, each team visiting a third of the cities.
TEAMS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("第一组", ("张伟", "李娜")),
    ("第二组", ("王芳", "刘洋")),
    ("第三组", ("陈静", "杨帆")),
)
# Usual channels per first-level indicator: the main one, then the one that cross-checks.
CHANNELS_BY_BRANCH: dict[str, tuple[str, str]] = {
    "T": ("统计数据", "网络采样"),
    "R": ("实地调研", "电话访谈"),
    "A": ("网络采样", "实地调研"),
    "M": ("实地调研", "电话访谈"),
    "S": ("网络采样", "问卷调查"),
}
SECOND_OBSERVATION_SHARE = 0.3
DISCREPANCY_SHARE = 0.03
REJECTED_SHARE = 0.01
FIELD_WORK_START = date(2021, 3, 1)
FIELD_WORK_DAYS = 92


@dataclass(frozen=True)
class SampleObservation:
    """One generated observation, keyed by codes (the store assigns ids)."""

    city_code: str
    indicator_code: str
    value: float
    detail: str  # ticked checklist items as JSON, else ""
    channel: str
    evaluator: str
    device: str
    observed_on: str
    source: str
    note: str
    status: Status


def leaf_scores(framework: Framework, cities: Sequence[City], seed: int) -> FloatArray:
    """Normalised leaf scores, cities × leaves in `framework.leaves()` order."""
    rng = np.random.default_rng(seed)
    second = [n for n in framework.walk() if n.code in SECOND_LEVEL_TARGETS]
    weight = np.array([_index_weight(framework, n) for n in second])
    mean = np.array([SECOND_LEVEL_TARGETS[n.code][0] for n in second])
    sd = np.array([SECOND_LEVEL_TARGETS[n.code][1] for n in second])
    index = index_targets(city_groups(cities), float(weight @ mean), rng)
    node_scores = second_level_scores(index, weight, mean, sd, rng)
    blocks = [
        spread_to_leaves(node_scores[:, k], len(framework.children(n.code)), 0.06, rng)
        for k, n in enumerate(second)
    ]
    leaves = np.hstack(blocks)
    grids = [_grid(leaf.spec) for n in second for leaf in framework.children(n.code)]
    for row in range(len(cities)):  # rounding error diffuses within each second-level node
        start = 0
        for block in blocks:
            stop = start + block.shape[1]
            leaves[row, start:stop] = quantise_row(leaves[row, start:stop], grids[start:stop])
            start = stop
    return leaves


def _index_weight(framework: Framework, node: Indicator) -> float:
    """The node's share of the index: the product of its sibling-normalised weights."""
    share = 1.0
    while node.parent is not None:
        siblings = framework.children(node.parent)
        share *= node.weight / sum(s.weight for s in siblings)
        node = framework[node.parent]
    return share


def _grid(spec: MeasurementSpec | None) -> FloatArray | None:
    """The normalised values a leaf can take, or None when continuous."""
    if spec is None or spec.kind == "numeric":
        return None
    span = spec.high - spec.low
    if spec.kind == "rating":
        return np.array([(level.value - spec.low) / span for level in spec.levels])
    if spec.kind == "yesno":
        return np.array([0.0, 1.0])
    return np.linspace(0.0, 1.0, len(spec.items) + 1)


def raw_value(indicator: Indicator, score: float) -> float:
    """The raw observation that normalises (goalposts, with direction) to `score`."""
    spec = indicator.spec
    assert spec is not None, f"leaf {indicator.code} has no measurement spec"
    fraction = score if indicator.direction == 1 else 1.0 - score
    value = spec.low + fraction * (spec.high - spec.low)
    if spec.kind == "numeric":
        return round(value, 2)
    if spec.kind == "rating":
        return min((lvl.value for lvl in spec.levels), key=lambda v: abs(v - value))
    return float(round(value))


def generate(
    framework: Framework, cities: Sequence[City], seed: int = SAMPLE_SEED
) -> list[SampleObservation]:
    """All observations of the sample campaign, deterministic for a seed."""
    scores = leaf_scores(framework, cities, seed)
    rng = np.random.default_rng(seed + 1)
    out: list[SampleObservation] = []
    leaves = framework.leaves()
    for row, city in enumerate(cities):
        team, members = TEAMS[row % len(TEAMS)]
        for col, leaf in enumerate(leaves):
            cell = _Cell(city, leaf, float(scores[row, col]), team, members)
            out.extend(cell.observations(rng))
    return out


@dataclass(frozen=True)
class _Cell:
    city: City
    leaf: Indicator
    score: float
    team: str
    members: tuple[str, str]

    def observations(self, rng: np.random.Generator) -> list[SampleObservation]:
        main, check = CHANNELS_BY_BRANCH[self.leaf.code[0]]
        value = raw_value(self.leaf, self.score)
        draw = rng.random()
        if draw < DISCREPANCY_SHARE:
            pair = self._pair(value, 0.08)
        elif draw < SECOND_OBSERVATION_SHARE:
            pair = self._pair(value, 0.004)
        else:
            pair = None
        first = self._make(rng, value if pair is None else pair[0], main, 0)
        result = [first]
        if pair is not None:
            result.append(self._make(rng, pair[1], check, 1))
        if rng.random() < REJECTED_SHARE:
            result.append(self._rejected(rng, value, check))
        return result

    def _pair(self, value: float, share: float) -> tuple[float, float] | None:
        """Two values whose mean is `value`, apart by 2·share of the range, if the kind allows."""
        spec = self.leaf.spec
        assert spec is not None
        if spec.kind != "numeric":
            return (value, value)  # discrete kinds: a confirming observation
        delta = round(share * (spec.high - spec.low), 2)
        if value - delta < spec.low or value + delta > spec.high:
            return (value, value)
        return (round(value + delta, 2), round(value - delta, 2))

    def _rejected(self, rng: np.random.Generator, value: float, channel: str) -> SampleObservation:
        spec = self.leaf.spec
        assert spec is not None
        wrong = spec.high if value - spec.low < (spec.high - spec.low) / 2 else spec.low
        obs = self._make(rng, wrong, channel, 1)
        return replace(obs, status="rejected", note="与统计公报不符，已退回重新核实（合成数据）")

    def _make(
        self, rng: np.random.Generator, value: float, channel: str, k: int
    ) -> SampleObservation:
        day = FIELD_WORK_START + timedelta(days=int(rng.integers(FIELD_WORK_DAYS)))
        evaluator = self.members[(k + int(rng.integers(2))) % 2]
        status: Status = "verified"
        if rng.random() >= 0.85:
            status = "submitted" if rng.random() < 0.8 else "draft"
        return SampleObservation(
            city_code=self.city.code,
            indicator_code=self.leaf.code,
            value=value,
            detail=self._detail(value, rng),
            channel=channel,
            evaluator=evaluator,
            device=f"{self.team}-笔记本",
            observed_on=day.isoformat(),
            source=_source(self.city, channel),
            note="合成数据 / synthetic data",
            status=status,
        )

    def _detail(self, value: float, rng: np.random.Generator) -> str:
        spec = self.leaf.spec
        if spec is None or spec.kind != "checklist":
            return ""
        ticked = sorted(rng.choice(len(spec.items), size=int(value), replace=False).tolist())
        return json.dumps([spec.items[i] for i in ticked], ensure_ascii=False)


def _source(city: City, channel: str) -> str:
    name = city.name_zh
    return {
        "统计数据": f"《{name}市2020年国民经济和社会发展统计公报》",
        "网络采样": f"{name}市人民政府门户网站及政务服务平台（网络采样）",
        "实地调研": f"{name}市大数据主管部门实地调研记录",
        "电话访谈": f"{name}市相关部门电话访谈记录",
        "问卷调查": f"{name}市市民问卷调查",
    }[channel]
