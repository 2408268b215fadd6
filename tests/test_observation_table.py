"""The observation table's columns (models.observation_table): loading, filtering, sorting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from models.audit import Actor
from models.cities import CHANNELS
from models.observation_table import ObservationColumns, TableFilter, filter_mask, sort_rows
from models.observations import Observation
from models.schema import STATUSES
from models.workspace import Workspace

ACTOR = Actor("测试员", "test")


@pytest.fixture
def loaded(sample_workspace_path: Path) -> Iterator[tuple[ObservationColumns, list[Observation]]]:
    with Workspace.open(sample_workspace_path) as ws:
        campaign = ws.campaigns()[0].campaign_id
        first = ws.observations(campaign)[0]
        ws.delete_observation(first.uuid, ACTOR, "test")
        yield ws.observation_columns(campaign), ws.observations(campaign)


def test_one_row_per_live_observation(
    loaded: tuple[ObservationColumns, list[Observation]],
) -> None:
    columns, live = loaded
    assert len(columns) == len(live) > 3000
    assert columns.uuid.tolist() == [o.uuid for o in live]  # rowid order, deleted left out
    k = 17
    obs = live[k]
    assert int(columns.city_id[k]) == obs.city_id
    assert int(columns.indicator_id[k]) == obs.indicator_id
    assert float(columns.value[k]) == obs.value
    assert CHANNELS[int(columns.channel[k])] == obs.channel
    assert STATUSES[int(columns.status[k])] == obs.status
    assert columns.evaluators[int(columns.evaluator[k])] == obs.evaluator
    assert columns.observed_on[k] == obs.observed_on.isoformat()
    assert (columns.source[k], columns.note[k]) == (obs.source, obs.note)
    assert columns.evaluators == tuple(sorted({o.evaluator for o in live}))
    assert columns.row_of(obs.uuid) == k and columns.row_of("nope") is None


def test_unknown_campaign(sample_workspace_path: Path) -> None:
    with Workspace.open(sample_workspace_path) as ws, pytest.raises(LookupError):
        ws.observation_columns(999)


def count(live: list[Observation], **wanted: object) -> int:
    return sum(all(getattr(o, k) == v for k, v in wanted.items()) for o in live)


def test_filters_by_each_field(loaded: tuple[ObservationColumns, list[Observation]]) -> None:
    columns, live = loaded
    obs = live[100]
    cases: list[tuple[TableFilter, dict[str, object]]] = [
        (TableFilter(city_id=obs.city_id), {"city_id": obs.city_id}),
        (TableFilter(indicator_id=obs.indicator_id), {"indicator_id": obs.indicator_id}),
        (TableFilter(channel=CHANNELS.index(obs.channel)), {"channel": obs.channel}),
        (TableFilter(status=STATUSES.index("rejected")), {"status": "rejected"}),
        (TableFilter(evaluator=obs.evaluator), {"evaluator": obs.evaluator}),
        (
            TableFilter(city_id=obs.city_id, status=STATUSES.index("verified")),
            {"city_id": obs.city_id, "status": "verified"},
        ),
    ]
    for flt, wanted in cases:
        assert filter_mask(columns, flt).sum() == count(live, **wanted) > 0, flt
    assert filter_mask(columns, TableFilter(evaluator="nobody")).sum() == 0
    assert filter_mask(columns, TableFilter()).all()


def test_free_text(loaded: tuple[ObservationColumns, list[Observation]]) -> None:
    columns, live = loaded
    obs = live[100]
    labels = {"city_id": {obs.city_id: "上海 Shanghai"}}
    by_label = filter_mask(columns, TableFilter(text="  shangHAI "), labels)
    assert by_label.sum() == count(live, city_id=obs.city_id)
    source_word = "统计公报"
    expected = sum(source_word in o.source or source_word in o.note for o in live)
    assert filter_mask(columns, TableFilter(text=source_word)).sum() == expected > 0
    evaluator = filter_mask(columns, TableFilter(text=obs.evaluator))
    assert evaluator.sum() >= count(live, evaluator=obs.evaluator)
    day = obs.observed_on.isoformat()
    assert filter_mask(columns, TableFilter(text=day)).sum() == count(
        live, observed_on=obs.observed_on
    )
    assert filter_mask(columns, TableFilter(text="no such text anywhere")).sum() == 0


def test_sort_is_numeric_and_stable() -> None:
    key = np.array([10.0, 9.0, 100.0, 9.0, 2.5])
    rows = np.arange(5, dtype=np.int64)
    assert sort_rows(rows, key).tolist() == [4, 1, 3, 0, 2]  # 2.5 < 9 = 9 < 10 < 100
    assert sort_rows(rows, key, descending=True).tolist() == [2, 0, 1, 3, 4]  # ties in order
    subset = np.array([3, 0, 1], dtype=np.int64)
    assert sort_rows(subset, key).tolist() == [3, 1, 0]


def test_coded_text_orders_like_the_text(
    loaded: tuple[ObservationColumns, list[Observation]],
) -> None:
    columns, _live = loaded
    coded = columns.coded("source")
    assert list(coded.labels) == sorted(set(columns.source.tolist()))
    texts = [coded.labels[c] for c in coded.codes]
    assert texts == columns.source.tolist()
    order = sort_rows(np.arange(len(columns), dtype=np.int64), coded.codes)
    shown = [columns.source[i] for i in order]
    assert shown == sorted(shown)
