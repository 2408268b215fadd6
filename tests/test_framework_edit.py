"""Structural framework edits through the Workspace: add, remove/restore, move, weights, specs.

The sample framework: SMART → T (T1 numeric, T2 rating), S (S1 yes/no, S2 checklist, S3).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.framework import Indicator, MeasurementSpec, RatingLevel
from models.framework_weights import normalised, share, unbalanced
from tests.fixtures.sample import ALICE, BOB, LEVELS
from tests.fixtures.workspaces import Setup, open_setup

NEW = Indicator("T3", None, "新指标", "New", weight=2.0, spec=MeasurementSpec("numeric", 0.0, 10.0))


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    opened = open_setup(tmp_path / "city.sqlite")
    yield opened
    opened.ws.close()


def codes_under(setup: Setup, code: str) -> list[str]:
    fw = setup.ws.framework(setup.framework_id)
    return [n.code for n in fw.children(code)]


def node_id(setup: Setup, code: str) -> int:
    found = setup.ws.framework(setup.framework_id)[code].node_id
    assert found is not None
    return found


def live(setup: Setup) -> list[str]:
    return [o.uuid for o in setup.ws.observations(setup.campaign_id)]


# ---------------------------------------------------------------- adding


def test_add_places_the_new_leaf_and_audits_it(setup: Setup) -> None:
    before = len(setup.ws.audit_trail())
    new_id = setup.ws.add_indicator(setup.framework_id, setup.leaf("T"), NEW, BOB, index=1)
    assert codes_under(setup, "T") == ["T1", "T3", "T2"]
    stored = setup.ws.framework(setup.framework_id)["T3"]
    assert (stored.node_id, stored.weight, stored.spec) == (new_id, 2.0, NEW.spec)
    delta = setup.audit_delta(before)
    assert [(e.row_key, e.action, e.field) for e in delta] == [
        (str(new_id), "create", ""),
        (str(new_id), "update", "position"),
        (str(setup.leaf("T2")), "update", "position"),
    ]
    created = delta[0].new_value
    assert isinstance(created, dict) and created["code"] == "T3"
    assert {e.who for e in delta} == {BOB.evaluator}


def test_a_leaf_without_observations_becomes_an_aggregate(setup: Setup) -> None:
    setup.ws.add_indicator(setup.framework_id, setup.leaf("T1"), NEW, ALICE)
    fw = setup.ws.framework(setup.framework_id)
    assert fw["T1"].spec is None and [n.code for n in fw.children("T1")] == ["T3"]
    trail = setup.ws.audit_trail("indicator", setup.leaf("T1"))
    assert {e.field for e in trail if e.action == "update"} >= {"kind", "low", "high", "unit"}


def test_a_leaf_with_observations_gets_no_children(setup: Setup) -> None:
    setup.add("T1", 10.0)
    before = len(setup.ws.audit_trail())
    with pytest.raises(ValueError, match=r"T1 is a leaf indicator with 1 observation"):
        setup.ws.add_indicator(setup.framework_id, setup.leaf("T1"), NEW, ALICE)
    assert len(setup.ws.audit_trail()) == before
    assert setup.ws.framework(setup.framework_id)["T1"].spec is not None


@pytest.mark.parametrize(
    ("node", "words"),
    [
        (Indicator("T1", None, "重复", "Duplicate", spec=NEW.spec), "already used"),
        (Indicator("X", None, "无测量", "No spec"), "no measurement spec"),
        (Indicator("X", None, "", ""), "no name"),
        (Indicator("X", None, "负", "Negative", weight=-1, spec=NEW.spec), "weight"),
        (Indicator(" X", None, "空格", "Space", spec=NEW.spec), "code"),
    ],
)
def test_bad_new_nodes_are_refused(setup: Setup, node: Indicator, words: str) -> None:
    before = setup.ws.framework(setup.framework_id)
    with pytest.raises(ValueError, match=words):
        setup.ws.add_indicator(setup.framework_id, setup.leaf("T"), node, ALICE)
    assert setup.ws.framework(setup.framework_id) == before


# ---------------------------------------------------------------- removing


def test_remove_detaches_the_subtree_and_keeps_its_observations(setup: Setup) -> None:
    kept = setup.add("S1", 1.0)
    gone = [setup.add("T1", 10.0), setup.add("T2", 50.0, city=1)]
    before = len(setup.ws.audit_trail())
    removal = setup.ws.remove_indicator(setup.leaf("T"), BOB, "not measured this year")
    fw = setup.ws.framework(setup.framework_id)
    assert "T" not in fw and "T1" not in fw and codes_under(setup, "SMART") == ["S"]
    assert sorted(removal.observations) == sorted(gone) and live(setup) == [kept]
    for uuid in gone:  # kept, attached by node id, soft-deleted
        obs = setup.ws.observation(uuid)
        assert obs.deleted_at is not None and obs.indicator_id in removal.subtree
    delta = setup.audit_delta(before)
    deleted = {e.row_key for e in delta if e.table == "indicator" and e.action == "delete"}
    assert deleted == {str(setup.leaf(c)) for c in ("T", "T1", "T2")}
    assert {e.row_key for e in delta if e.table == "observation"} == set(gone)
    assert all(e.reason == "not measured this year" for e in delta)
    setup.ws.restore_indicator(removal, BOB, "undo")
    assert setup.ws.framework(setup.framework_id) == setup.fw  # same ids, same places
    assert sorted(live(setup)) == sorted([kept, *gone])
    restored = {e.row_key for e in setup.ws.audit_trail() if e.action == "restore"}
    assert restored >= {str(setup.leaf(c)) for c in ("T", "T1", "T2")} | set(gone)


def test_scoring_ignores_removed_indicators(setup: Setup) -> None:
    from models.campaign_scoring import score_campaign

    setup.add("S3", 7.0)  # the node with the highest id (S3 also has no goalposts)
    setup.add("S1", 1.0)
    setup.ws.remove_indicator(setup.leaf("S3"), ALICE)
    scores = score_campaign(setup.ws, setup.ws.campaign(setup.campaign_id))
    assert "S3" not in scores.framework and scores.cells.values.shape == (3, 4)


def test_the_root_cannot_be_removed(setup: Setup) -> None:
    with pytest.raises(ValueError, match="SMART is the root"):
        setup.ws.remove_indicator(setup.leaf("SMART"), ALICE)


def test_the_last_child_goes_only_with_a_spec_for_its_parent(setup: Setup) -> None:
    setup.ws.remove_indicator(setup.leaf("T1"), ALICE)
    with pytest.raises(ValueError, match="T would be left without sub-indicators"):
        setup.ws.remove_indicator(setup.leaf("T2"), ALICE)
    spec = MeasurementSpec("yesno", 0.0, 1.0)
    setup.ws.remove_indicator(setup.leaf("T2"), ALICE, leaf_spec=spec)
    assert setup.ws.framework(setup.framework_id)["T"].spec == spec


def test_removed_nodes_cannot_be_edited_structurally(setup: Setup) -> None:
    removal = setup.ws.remove_indicator(setup.leaf("T"), ALICE)
    with pytest.raises(ValueError, match="T1 was removed"):
        setup.ws.move_indicator(setup.leaf("T1"), setup.leaf("S"), 0, ALICE)
    with pytest.raises(ValueError, match="already used in this framework \\(by a removed"):
        setup.ws.add_indicator(
            setup.framework_id,
            setup.leaf("S"),
            Indicator("T", None, "同码", "Same code", spec=NEW.spec),
            ALICE,
        )
    setup.ws.restore_indicator(removal, ALICE)
    with pytest.raises(ValueError, match="not removed"):
        setup.ws.restore_indicator(removal, ALICE)


# ---------------------------------------------------------------- moving


def test_move_up_and_to_another_parent(setup: Setup) -> None:
    assert setup.ws.move_indicator(setup.leaf("T2"), setup.leaf("T"), 0, ALICE)
    assert codes_under(setup, "T") == ["T2", "T1"]
    assert not setup.ws.move_indicator(setup.leaf("T2"), setup.leaf("T"), 0, ALICE)
    before = len(setup.ws.audit_trail())
    assert setup.ws.move_indicator(setup.leaf("T1"), setup.leaf("S"), 1, BOB, "regroup")
    assert codes_under(setup, "T") == ["T2"] and codes_under(setup, "S") == [
        "S1",
        "T1",
        "S2",
        "S3",
    ]
    parent_rows = [e for e in setup.audit_delta(before) if e.field == "parent_id"]
    assert [(e.old_value, e.new_value) for e in parent_rows] == [(setup.leaf("T"), setup.leaf("S"))]


def test_moves_that_would_break_the_tree_are_refused(setup: Setup) -> None:
    setup.ws.add_indicator(setup.framework_id, setup.leaf("T1"), NEW, ALICE)
    t3 = node_id(setup, "T3")
    before = setup.ws.framework(setup.framework_id)
    cases = [
        (setup.leaf("T"), t3, "itself or one of its sub-indicators"),
        (setup.leaf("T"), setup.leaf("T"), "itself"),
        (setup.leaf("SMART"), setup.leaf("S"), "root"),
        (t3, setup.leaf("S"), "T1 would be left without"),
    ]
    for moved, target, words in cases:
        with pytest.raises(ValueError, match=words):
            setup.ws.move_indicator(moved, target, None, ALICE)
    assert setup.ws.framework(setup.framework_id) == before


def test_move_under_a_leaf_with_observations_is_refused(setup: Setup) -> None:
    setup.add("S1", 1.0)
    with pytest.raises(ValueError, match="S1 is a leaf indicator with 1"):
        setup.ws.move_indicator(setup.leaf("T1"), setup.leaf("S1"), None, ALICE)


# ---------------------------------------------------------------- weights and specs


def test_set_weights_in_one_transaction(setup: Setup) -> None:
    before = len(setup.ws.audit_trail())
    t, s = setup.leaf("T"), setup.leaf("S")
    assert setup.ws.set_weights({t: 40.0, s: 60.0}, BOB, "normalise")
    fw = setup.ws.framework(setup.framework_id)
    assert (fw["T"].weight, fw["S"].weight) == (40.0, 60.0)
    delta = setup.audit_delta(before)
    assert [(e.field, e.old_value, e.new_value) for e in delta] == [
        ("weight", 0.4, 40.0),
        ("weight", 0.6, 60.0),
    ]
    assert {e.at for e in delta} == {delta[0].at}
    assert not setup.ws.set_weights({t: 40.0}, BOB)


@pytest.mark.parametrize(
    ("weights", "words"),
    [({"T": -1.0}, ">= 0"), ({"T": math.nan}, ">= 0"), ({"T": 0.0, "S": 0.0}, "all weights")],
)
def test_bad_weights_change_nothing(setup: Setup, weights: dict[str, float], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        setup.ws.set_weights({setup.leaf(c): w for c, w in weights.items()}, ALICE)
    assert setup.ws.framework(setup.framework_id) == setup.fw


def test_weight_groups_are_checked_and_normalised(setup: Setup) -> None:
    groups = unbalanced(setup.fw)  # T/S sum to 1, T1/T2 to 2, S1..S3 to 3
    assert [(g.parent, g.total) for g in groups] == [("SMART", 1.0), ("T", 2.0), ("S", 3.0)]
    assert share(setup.fw, "T") == pytest.approx(40.0)
    weights = normalised(setup.fw, ["SMART", "S"])
    assert weights[setup.leaf("T")] == 40.0
    assert [weights[setup.leaf(c)] for c in ("S1", "S2", "S3")] == [33.3334, 33.3333, 33.3333]
    setup.ws.set_weights(weights, ALICE)
    assert [g.parent for g in unbalanced(setup.ws.framework(setup.framework_id))] == ["T"]


def test_set_spec_checks_the_observations(setup: Setup) -> None:
    setup.add("T2", 50.0)
    two_levels = (RatingLevel(0.0, "无", "None"), RatingLevel(100.0, "有", "Yes"))
    with pytest.raises(ValueError, match=r"1 observation\(s\) of T2 would not fit"):
        setup.ws.set_indicator_spec(
            setup.leaf("T2"), MeasurementSpec("rating", 0.0, 100.0, levels=two_levels), ALICE
        )
    finer = (*LEVELS[:2], RatingLevel(75.0, "较好", "Good"), LEVELS[2])
    spec = MeasurementSpec("rating", 0.0, 100.0, levels=finer, unit="分")
    assert setup.ws.set_indicator_spec(setup.leaf("T2"), spec, ALICE)
    assert setup.ws.framework(setup.framework_id)["T2"].spec == spec
    fields = {e.field for e in setup.ws.audit_trail("indicator", setup.leaf("T2"))}
    assert {"levels", "unit"} <= fields
    with pytest.raises(ValueError, match="aggregate"):
        setup.ws.set_indicator_spec(setup.leaf("T"), spec, ALICE)


def test_field_edits_are_refused_when_invalid(setup: Setup) -> None:
    setup.add("T1", 800.0)
    with pytest.raises(ValueError, match="would not fit"):
        setup.ws.update_indicator(setup.leaf("T1"), "high", 500.0, ALICE)
    with pytest.raises(ValueError, match="framework would become invalid"):
        setup.ws.update_indicator(setup.leaf("T2"), "high", 60.0, ALICE)  # levels up to 100
    assert setup.ws.framework(setup.framework_id) == setup.fw
