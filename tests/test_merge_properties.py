"""Property: merging random packages in any order, any number of times, gives one workspace.

Random packages over a small pool of observations: each observation has two branches of
edits (as if edited on two laptops) and a package carries a prefix of one branch, so the
packages hold new observations, the same versions, later versions of the same record,
divergent versions (conflicts) and — values drawn from a small set — duplicate
candidates; the master may own some of them (merged, then edited there; or made there
and handed out, so that laptop edits fast-forward it).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from itertools import permutations
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.audit import Actor
from models.observations import NewObservation
from models.workspace import Workspace
from tests.fixtures.fieldwork import CAMPAIGN, COORDINATOR, digest, make_master
from tests.fixtures.synthetic_packages import Made, Target, target_of, write_package

POOL = 5
EDIT = st.one_of(
    st.tuples(st.just("value"), st.sampled_from([1.0, 2.0, 3.0])),
    st.tuples(st.just("note"), st.sampled_from(["x", "y"])),
    st.tuples(st.just("status"), st.just("submitted")),
    st.tuples(st.just("deleted_at"), st.just("2021-05-09T00:00:00.000Z")),
    st.tuples(st.just("deleted_at"), st.none()),
)
BRANCH = st.lists(EDIT, max_size=3)
OBSERVATION = st.fixed_dictionaries(
    {
        "value": st.sampled_from([1.0, 2.0]),
        "city": st.sampled_from([1, 2]),
        "evaluator": st.sampled_from(["E1", "E2"]),
        "branches": st.tuples(BRANCH, BRANCH),
        "base": st.sampled_from(["none", "merged", "owned", "created"]),
    }
)
CHOICE = st.one_of(st.none(), st.tuples(st.integers(0, 1), st.integers(0, 3)))
PACKAGE = st.lists(CHOICE, min_size=POOL, max_size=POOL)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Target]]:
    path = tmp_path_factory.mktemp("prop-merge") / "master.smartcity"
    site = make_master(path)
    target = target_of(site.ws, CAMPAIGN)
    site.close()
    yield path, target


def _made(n: int, spec: dict[str, object], branch: int, length: int, leaf: int) -> Made:
    edits = list(spec["branches"])[branch][:length]  # type: ignore[call-overload]
    stamp = f"2021-05-01T00:00:0{n}.000Z"
    made = Made(
        f"00000000-0000-4000-8000-00000000000{n}",
        int(str(spec["city"])),
        leaf,
        float(str(spec["value"])),
        str(spec["evaluator"]),
        f"laptop-{spec['evaluator']}",
        stamp,
    )
    made.edits = [
        (f"2021-05-0{2 + branch}T00:00:{k:02d}.000Z", str(name), value)
        for k, (name, value) in enumerate(edits)
    ]
    return made


def _build(
    folder: Path,
    template: tuple[Path, Target],
    pool: list[dict[str, object]],
    packages: list[list[tuple[int, int] | None]],
) -> tuple[Path, list[Path]]:
    path, target = template
    leaf = next(i for i, code in target.leaf_codes.items() if code == "T1")
    master = folder / "master.smartcity"
    shutil.copyfile(path, master)
    base = [_made(n, s, 0, 0, leaf) for n, s in enumerate(pool) if s["base"] in ("merged", "owned")]
    created = [_made(n, s, 0, 0, leaf) for n, s in enumerate(pool) if s["base"] == "created"]
    paths = []
    for p, choices in enumerate(packages):
        made = [_made(n, pool[n], *c, leaf) for n, c in enumerate(choices) if c is not None]
        paths.append(write_package(folder / f"p{p}.smartpkg", target, made, device=f"d{p}"))
    with Workspace.open(master) as ws:
        for mine in created:  # the master's own, as the laptops' copies have it
            ws.add_observation(
                _as_new(mine, target.campaign_id), Actor(mine.evaluator, mine.device)
            )
        if base:
            ws.merge_packages([write_package(folder / "base.smartpkg", target, base)], COORDINATOR)
        rows = {o.uuid for o in ws.observations(target.campaign_id)}  # not held back
        for n, spec in enumerate(pool):
            uuid = f"00000000-0000-4000-8000-00000000000{n}"
            if spec["base"] == "owned" and uuid in rows:
                ws.update_observation(uuid, "note", "master's", COORDINATOR, "")
    return master, paths


def _as_new(made: Made, campaign_id: int) -> NewObservation:
    return NewObservation(
        campaign_id,
        made.city_id,
        made.indicator_id,
        made.value,
        made.channel,
        made.observed_on,
        status="draft",
        uuid=made.uuid,
        evaluator=made.evaluator,
        device=made.device,
        created_at=made.created_at,
        updated_at=made.created_at,
    )


def _merged(master: Path, folder: Path, name: str, order: list[Path]) -> str:
    copy = folder / f"{name}.smartcity"
    shutil.copyfile(master, copy)
    with Workspace.open(copy) as ws:
        for path in order:  # one package per merge, as packages arrive over the days
            ws.merge_packages([path], COORDINATOR)
    return digest(copy)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pool=st.lists(OBSERVATION, min_size=POOL, max_size=POOL),
    packages=st.lists(PACKAGE, min_size=2, max_size=3),
)
def test_any_order_and_repetition_gives_the_same_workspace(
    tmp_path_factory: pytest.TempPathFactory,
    template: tuple[Path, Target],
    pool: list[dict[str, object]],
    packages: list[list[tuple[int, int] | None]],
) -> None:
    folder = tmp_path_factory.mktemp("case")
    master, paths = _build(folder, template, pool, packages)
    orders = list(permutations(paths))[:4]
    results = {_merged(master, folder, f"o{k}", list(order)) for k, order in enumerate(orders)}
    assert len(results) == 1, "the order of merging changed the result"
    twice = _merged(master, folder, "twice", [*paths, *paths])
    assert twice in results, "merging the packages again changed the result"
    together = folder / "together.smartcity"
    shutil.copyfile(master, together)
    with Workspace.open(together) as ws:
        ws.merge_packages(list(reversed(paths)), COORDINATOR)  # all in one transaction
    assert digest(together) in results
