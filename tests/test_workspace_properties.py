"""Property: any sequence of valid edits, then close and reopen, gives the same observations."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.audit import Actor
from models.cities import CHANNELS
from models.observations import Observation, Status
from models.verification import allowed
from models.workspace import Workspace
from tests.fixtures.sample import ALICE, BOB, new_observation, sample_cities, sample_framework

VALUES: dict[str, st.SearchStrategy[float]] = {
    "T1": st.floats(0, 1000, allow_nan=False),
    "T2": st.sampled_from([0.0, 50.0, 100.0]),
    "S1": st.sampled_from([0.0, 1.0]),
    "S2": st.integers(0, 3).map(float),
    "S3": st.floats(-1e12, 1e12, allow_nan=False),
}
STATUSES: tuple[Status, ...] = ("draft", "submitted", "verified", "rejected")
TEXT = st.text(max_size=20)


def _add() -> st.SearchStrategy[tuple[object, ...]]:
    return st.sampled_from(sorted(VALUES)).flatmap(
        lambda code: st.tuples(
            st.just("add"),
            st.integers(0, 2),
            st.just(code),
            VALUES[code],
            st.sampled_from(CHANNELS),
        )
    )


OPS = st.one_of(
    _add(),
    st.tuples(st.just("value"), st.integers(0, 99), st.floats(0, 1)),
    st.tuples(st.just("note"), st.integers(0, 99), TEXT),
    st.tuples(st.just("channel"), st.integers(0, 99), st.sampled_from(CHANNELS)),
    st.tuples(st.just("status"), st.integers(0, 99), st.sampled_from(STATUSES)),
    st.tuples(st.just("delete"), st.integers(0, 99), TEXT),
    st.tuples(st.just("restore"), st.integers(0, 99), TEXT),
    st.tuples(st.just("reopen")),
)


@dataclass
class Run:
    """Applies operations to a workspace and to a plain model of what it should hold."""

    path: Path
    ws: Workspace
    campaign_id: int
    leaves: dict[str, int]
    city_ids: list[int]
    model: dict[str, dict[str, object]] = field(default_factory=dict)
    edits: int = 0

    def pick(self, index: object, *, deleted: bool) -> str | None:
        pool = [u for u, m in self.model.items() if (m["deleted"] is not None) == deleted]
        return pool[int(str(index)) % len(pool)] if pool else None

    def apply(self, op: tuple[object, ...], actor: Actor) -> None:
        kind = op[0]
        if kind == "reopen":
            self.ws.close()
            self.ws = Workspace.open(self.path)
        elif kind == "add":
            self._add(op, actor)
        elif kind in ("delete", "restore"):
            self._delete_or_restore(str(kind), op[1], str(op[2]), actor)
        else:
            self._edit(str(kind), op[1], op[2], actor)

    def _add(self, op: tuple[object, ...], actor: Actor) -> None:
        _, city, code, value, channel = op
        leaf = self.leaves[str(code)]
        new = new_observation(self.campaign_id, self.city_ids[int(str(city))], leaf, value)
        uuid = self.ws.add_observation(dataclasses.replace(new, channel=str(channel)), actor)
        self.model[uuid] = {"value": value, "note": "", "channel": channel, "status": "draft"}
        self.model[uuid].update(deleted=None, leaf=code)
        self.edits += 1

    def _edit(self, kind: str, index: object, value: object, actor: Actor) -> None:
        uuid = self.pick(index, deleted=False)
        if uuid is None:
            return
        if kind == "value":  # a fraction of the leaf's range, so always valid
            value = _scaled(str(self.model[uuid]["leaf"]), float(str(value)))
        if kind == "status" and not _may_set(self.ws, uuid, str(value), actor):
            with pytest.raises(ValueError):  # not a valid transition (models.verification)
                self.ws.set_status(uuid, _status(value), actor, "review")
            return
        if kind == "status":
            changed = self.ws.set_status(uuid, _status(value), actor, "review")
        else:
            changed = self.ws.update_observation(uuid, kind, value, actor, "edit")
        assert changed == (self.model[uuid][kind] != value)
        self.model[uuid][kind] = value
        self.edits += changed

    def _delete_or_restore(self, kind: str, index: object, reason: str, actor: Actor) -> None:
        uuid = self.pick(index, deleted=kind == "restore")
        if uuid is None:
            return
        if kind == "delete":
            self.ws.delete_observation(uuid, actor, reason)
            self.model[uuid]["deleted"] = True
        else:
            self.ws.restore_observation(uuid, actor, reason)
            self.model[uuid]["deleted"] = None
        self.edits += 1


def _scaled(code: str, fraction: float) -> float:
    if code == "T1":
        return 1000 * fraction
    if code == "T2":
        return 50.0 * round(2 * fraction)
    if code == "S2":
        return float(round(3 * fraction))
    return float(round(fraction)) if code == "S1" else 1e6 * (fraction - 0.5)


def _may_set(ws: Workspace, uuid: str, status: str, actor: Actor) -> bool:
    obs = ws.observation(uuid)
    return obs.status == status or allowed(obs.status, status, obs.evaluator, actor, "review")


def _status(value: object) -> Status:
    return next(s for s in STATUSES if s == value)


def _view(observations: list[Observation]) -> dict[str, dict[str, object]]:
    return {
        o.uuid: {
            "value": o.value,
            "note": o.note,
            "channel": o.channel,
            "status": o.status,
            "deleted": None if o.deleted_at is None else True,
        }
        for o in observations
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(OPS, max_size=30), by_bob=st.booleans())
def test_valid_edits_survive_reopening(
    tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[object, ...]], by_bob: bool
) -> None:
    path = tmp_path_factory.mktemp("prop") / "ws.sqlite"
    ws = Workspace.create(path, ALICE)
    fw_id = ws.add_framework(sample_framework(), ALICE)
    fw = ws.framework(fw_id)
    city_ids = ws.add_cities(sample_cities(), ALICE)
    campaign_id = ws.add_campaign("c", fw_id, city_ids, {}, ALICE)
    leaves = {code: fw[code].node_id or 0 for code in VALUES}
    run = Run(path, ws, campaign_id, leaves, city_ids)
    baseline = len(ws.audit_trail())
    for op in ops:
        run.apply(op, BOB if by_bob else ALICE)
    before = run.ws.observations(campaign_id, include_deleted=True)
    run.ws.close()
    with Workspace.open(path) as reopened:
        after = reopened.observations(campaign_id, include_deleted=True)
        assert after == before
        expected = {u: {k: v for k, v in m.items() if k != "leaf"} for u, m in run.model.items()}
        assert _view(after) == expected
        assert len(reopened.audit_trail()) == baseline + run.edits
        live = [u for u, m in run.model.items() if m["deleted"] is None]
        assert len(reopened.observation_arrays(campaign_id)) == len(live)
