"""Named weight sets kept in campaign settings: pure helpers and the workspace round trip."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.weight_sets import (
    ACTIVE_KEY,
    SETS_KEY,
    WeightSet,
    active_hierarchy,
    active_weight_set,
    delete_weight_set,
    load_weight_sets,
    save_weight_set,
    scoring_part,
    select_weight_set,
    weight_sets,
    with_active,
    with_weight_set,
    without_weight_set,
)
from scoring.ahp import ahp_weights, matrix_from_upper
from scoring.hierarchy import Hierarchy, NodeSpec
from scoring.pipeline import ScoringSettings
from scoring.weighting import set_child_weights
from tests.fixtures.sample import ALICE
from tests.fixtures.workspaces import Setup, open_setup

BASE: dict[str, object] = {"normalise": "minmax", "out_range": [0, 100]}


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    opened = open_setup(tmp_path / "city.sqlite")
    yield opened
    opened.ws.close()


def tree() -> Hierarchy:
    nodes = [NodeSpec("I", None), NodeSpec("A", "I"), NodeSpec("B", "I")]
    return Hierarchy.from_nodes([*nodes, NodeSpec("a", "A"), NodeSpec("b", "B")])


def test_settings_helpers_are_pure_and_keep_scoring_settings_valid() -> None:
    ws = WeightSet("ahp-2021", {"A": 0.25, "B": 0.75}, "ahp", {"cr": 0.0})
    settings = with_weight_set(BASE, ws, activate=True)
    assert SETS_KEY not in BASE  # the input is not changed
    assert settings[ACTIVE_KEY] == "ahp-2021"
    assert weight_sets(settings) == {"ahp-2021": ws}
    assert active_weight_set(settings) == ws
    assert ScoringSettings.from_dict(scoring_part(settings)).normalise == "minmax"
    with pytest.raises(ValueError, match="unknown scoring setting"):
        ScoringSettings.from_dict(settings)  # why scoring code must use scoring_part
    h = active_hierarchy(tree(), settings)
    assert h.weight[h.index["B"]] == 0.75 and tree().weight[tree().index["B"]] == 1.0
    off = with_active(settings, None)
    assert ACTIVE_KEY not in off and active_hierarchy(tree(), off).weight.tolist() == [1.0] * 5
    gone = without_weight_set(settings, "ahp-2021")
    assert weight_sets(gone) == {} and ACTIVE_KEY not in gone
    with pytest.raises(KeyError):
        with_active(BASE, "nope")


def test_weight_sets_are_validated() -> None:
    with pytest.raises(ValueError, match="name"):
        WeightSet(" ", {})
    with pytest.raises(ValueError, match=">= 0"):
        WeightSet("x", {"A": -1.0})
    with pytest.raises(ValueError, match="no weights"):
        weight_sets({SETS_KEY: {"x": {"method": "ahp"}}})


def test_ahp_result_saved_selected_and_audited(setup: Setup) -> None:
    h = setup.fw.to_hierarchy()
    root = h.codes[h.root]
    pillars = [h.codes[int(i)] for i in h.children(h.root)]
    n = len(pillars)
    ahp = ahp_weights(matrix_from_upper([2.0] * (n * (n - 1) // 2), n), labels=pillars)
    weights = set_child_weights(h, root, ahp.weight_map())
    before = len(setup.ws.audit_trail())
    ws = WeightSet("AHP 2021", weights, "ahp", ahp.summary())
    assert save_weight_set(setup.ws, setup.campaign_id, ws, ALICE, activate=True)
    assert not save_weight_set(setup.ws, setup.campaign_id, ws, ALICE, activate=True)
    (entry,) = setup.audit_delta(before)
    assert entry.table == "campaign" and entry.field == "settings"
    assert "AHP 2021" in entry.reason
    loaded = load_weight_sets(setup.ws, setup.campaign_id)
    assert loaded["AHP 2021"].weights == pytest.approx(weights)
    assert loaded["AHP 2021"].details["cr"] == pytest.approx(ahp.cr)
    settings = setup.ws.campaign(setup.campaign_id).settings
    assert ScoringSettings.from_dict(scoring_part(settings)).normalise == "goalposts"
    applied = active_hierarchy(h, settings)
    assert applied.weight[[applied.index[p] for p in pillars]] == pytest.approx(ahp.weights)
    assert select_weight_set(setup.ws, setup.campaign_id, None, ALICE)
    assert delete_weight_set(setup.ws, setup.campaign_id, "AHP 2021", ALICE)
    assert load_weight_sets(setup.ws, setup.campaign_id) == {}
    assert len(setup.audit_delta(before)) == 3
