"""The shipped SMART 2021 framework: shape, codes, names, weights and specs as in the report."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from models.framework import Framework, MeasurementSpec
from models.imeta import read_imeta, write_imeta
from models.resources import (
    city_list_path,
    framework_template_path,
    framework_templates,
    load_framework_template,
    resources_dir,
)

FIRST = [
    ("T", "技术支撑度", 10),
    ("R", "资源准备度", 15),
    ("A", "应用平台成熟度", 25),
    ("M", "管理成熟度", 20),
    ("S", "服务完备度", 30),
]
SECOND = [
    ("T1", "网络基础"), ("T2", "物联网"), ("T3", "云计算"), ("T4", "智慧终端"),
    ("T5", "创新能力建设"), ("T6", "产业生态"),
    ("R1", "信息(数据)资源标准规范"), ("R2", "信息(数据)资源库建设"),
    ("A1", "平台开放度"), ("A2", "平台统一度"), ("A3", "平台安全度"), ("A4", "平台效果"),
    ("M1", "建设管理"), ("M2", "社会管理"),
    ("S1", "数字服务"), ("S2", "服务体验"),
]  # fmt: skip
# The appendix (附表) of the report, in its order.
THIRD = [
    "家庭光纤入户率", "公共场所 WLAN 建设情况", "5G 基础设施建设", "政府网站 IPV6 支持率",
    "智能物联网及其终端投入情况", "物联网产业链的完善程度", "物联网产业投入产出情况",
    "城市数据中心", "城市大脑建设情况",
    "公共设施智慧终端发展现状",
    "技术创新水平", "知识创新体系", "科技发展支撑", "研究与试验发展水平", "人才引培",
    "数字产业化", "产业数字化",
    "目录体系", "交换体系",
    "基础信息(数据)资源", "宏观调控信息(数据)资源", "社会管理信息(数据)资源",
    "公共服务信息(数据)资源",
    "应用平台信息(数据)资源外部开放情况", "信息(数据)资源内部(部门间)共享情况",
    "“一站式”服务", "“一卡通”应用",
    "安全技术保障", "安全制度建设", "安全事故防范", "平台风险控制",
    "支撑层面", "应用层面",
    "顶层设计", "管理制度", "评价体系", "管理效果", "宣传示范",
    "公共安全", "社会信用", "数字城管", "数字社区", "数字生态",
    "数字交通", "数字医疗", "数字教育", "数字社保", "数字政务", "数字就业",
    "移动端城市服务", "无障碍访问", "市民反馈",
]  # fmt: skip
PER_SECOND = [4, 3, 2, 1, 5, 2, 2, 4, 2, 2, 4, 2, 5, 5, 6, 3]


def _spec(framework: Framework, code: str) -> MeasurementSpec:
    spec = framework[code].spec
    assert spec is not None
    return spec


@pytest.fixture(scope="module")
def smart() -> Framework:
    return load_framework_template("smart-2021")


def test_nodes_per_level(smart: Framework) -> None:
    depths = Counter(smart.depth(n.code) for n in smart)
    assert [depths[d] for d in range(4)] == [1, 5, 16, 52]
    assert len(smart.leaves()) == 52


def test_root(smart: Framework) -> None:
    assert smart.root.code == "Index"
    assert smart.root.name_zh == "智慧城市发展水平指数"
    assert smart.root.name_en == "Smart City Development Index"


def test_first_level_codes_names_weights(smart: Framework) -> None:
    got = [(n.code, n.name_zh, n.weight) for n in smart.children("Index")]
    assert got == FIRST


def test_second_level_in_appendix_order(smart: Framework) -> None:
    got = [(n.code, n.name_zh) for f in smart.children("Index") for n in smart.children(f.code)]
    assert got == SECOND


def test_third_level_in_appendix_order(smart: Framework) -> None:
    leaves = smart.leaves()
    assert [n.name_zh for n in leaves] == THIRD
    assert [len(smart.children(code)) for code, _ in SECOND] == PER_SECOND
    for code, _ in SECOND:
        kids = smart.children(code)
        assert [k.code for k in kids] == [f"{code}.{i}" for i in range(1, len(kids) + 1)]


def test_equal_weights_below_first_level(smart: Framework) -> None:
    """Weights are percentages of the parent: equal within a group, summing to 100 %."""
    assert smart.root.weight == 100
    for node in smart:
        kids = smart.children(node.code)
        if kids and smart.depth(node.code) >= 1:
            assert len({k.weight for k in kids}) == 1, node.code
            assert abs(sum(k.weight for k in kids) - 100.0) <= 0.005, node.code


def test_every_leaf_has_a_sensible_spec(smart: Framework) -> None:
    for leaf in smart.leaves():
        spec = leaf.spec
        assert spec is not None
        assert leaf.name_en and leaf.description
        assert math.isfinite(spec.low) and spec.low < spec.high, leaf.code
        if spec.kind == "rating":
            assert len(spec.levels) == 5
            assert [lv.value for lv in spec.levels] == [0, 25, 50, 75, 100]
            assert all(lv.label_zh and lv.label_en for lv in spec.levels)
    kinds = Counter(leaf.spec.kind for leaf in smart.leaves() if leaf.spec)
    assert kinds["numeric"] + kinds["rating"] > 40
    fibre = _spec(smart, "T1.1")
    assert fibre == _spec(smart, "T1.4")  # both percent, 0–100
    assert (fibre.kind, fibre.unit, fibre.low, fibre.high, fibre.bounded) == (
        "numeric", "%", 0, 100, True,
    )  # fmt: skip
    catalogue = _spec(smart, "R1.1")
    assert catalogue.kind == _spec(smart, "R1.2").kind == "checklist"
    assert (catalogue.low, catalogue.high) == (0, len(catalogue.items))


def test_directions(smart: Framework) -> None:
    negative = [n.code for n in smart if n.direction == -1]
    assert negative == ["A3.3"]  # security incidents: fewer is better


def test_hierarchy_leaf_order(smart: Framework) -> None:
    hierarchy = smart.to_hierarchy()
    assert hierarchy.leaf_codes == tuple(n.code for n in smart.leaves())
    assert hierarchy.leaf_codes[0] == "T1.1" and hierarchy.leaf_codes[-1] == "S2.3"


def test_shipped_file_is_writer_output(tmp_path: Path) -> None:
    source = framework_template_path("smart-2021")
    meta = read_imeta(source)
    write_imeta(meta, tmp_path / "smart-2021.csv")
    assert (tmp_path / "smart-2021.csv").read_bytes() == source.read_bytes()


def test_resources_locations(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert "smart-2021" in framework_templates()
    assert city_list_path().is_file()
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"


def test_unknown_template() -> None:
    with pytest.raises(FileNotFoundError, match="smart-2021"):
        framework_template_path("smart-1999")
    with pytest.raises(ValueError, match="not a framework template name"):
        framework_template_path("../cities/cities_2020")
