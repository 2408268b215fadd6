"""The Results tab: ranking model and proxy, filters, second level on expand, the report's
tables, the tier rule (saved, audited, undoable) and the GDP bands."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.analysis_tables import ranking_order, table_3_2
from ui.results.ranking_model import SORT_ROLE, RankingModel, RankingProxy
from ui.results.source import AnalysisSource
from ui.results.tab import ResultsTab
from ui.results.table_models import ReportTableModel
from ui.session import Session


@pytest.fixture
def tab(session: Session, qtbot: QtBot) -> ResultsTab:
    widget = ResultsTab(session)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _tier_values(session: Session) -> list[float]:
    tiers = session.campaign.settings["tiers"]
    assert isinstance(tiers, dict)
    return [float(v) for v in tiers["values"]]


def test_models_pass_the_model_tester(session: Session, qtmodeltester: Any) -> None:
    source = AnalysisSource.of(session)
    model = RankingModel(source)
    qtmodeltester.check(model)
    qtmodeltester.check(RankingProxy(model))
    qtmodeltester.check(ReportTableModel(source, "3-2"))
    qtmodeltester.check(ReportTableModel(source, "3-13"))
    model.set_expanded(set(source.analysis().first))
    qtmodeltester.check(model)


def test_ranking_rows_and_columns(tab: ResultsTab) -> None:
    model = tab.model
    analysis = AnalysisSource.of(tab._session).analysis()
    assert model.rowCount() == 50
    assert [c.kind for c in model.columns] == ["rank", "city", "index", "tier", *["first"] * 5]
    first = ranking_order(analysis)[0]
    assert model.data(model.index(0, 1)) == analysis.cities[first].name_zh
    assert model.data(model.index(0, 2)) == f"{analysis.scores('Index')[first]:.3f}"
    assert model.data(model.index(0, 3)) == "领军"
    assert model.data(model.index(0, 4), SORT_ROLE) == analysis.scores("T")[first]


def test_second_level_on_expand(tab: ResultsTab) -> None:
    model = tab.model
    model.toggle(5)  # 资源准备度
    kinds = [(c.kind, c.code) for c in model.columns]
    assert kinds[5:8] == [("first", "R"), ("second", "R1"), ("second", "R2")]
    assert str(model.headerData(5, Qt.Orientation.Horizontal)).startswith("▾")
    model.toggle(6)  # a second-level column collapses its parent
    assert len(model.columns) == 9
    tab.second_level.setChecked(True)
    assert len(model.columns) == 4 + 5 + 16
    tab.second_level.setChecked(False)
    assert len(model.columns) == 9


def test_filters(tab: ResultsTab) -> None:
    circle = tab.filters["circle"]
    circle.setCurrentIndex(circle.findData("珠三角"))
    assert tab.proxy.rowCount() == 4
    band = tab.filters["band"]
    band.setCurrentIndex(band.findData("0"))  # ≥ 20 000 亿元
    shown = {tab.proxy.data(tab.proxy.index(r, 1)) for r in range(tab.proxy.rowCount())}
    assert shown == {"广州", "深圳"}
    assert "2 of 50" in tab.count.text() or "2/50" in tab.count.text() or "2" in tab.count.text()
    circle.setCurrentIndex(0)
    band.setCurrentIndex(0)
    level = tab.filters["admin_level"]
    level.setCurrentIndex(level.findData("直辖市"))
    assert tab.proxy.rowCount() == 4
    province = tab.filters["province"]
    level.setCurrentIndex(0)
    province.setCurrentIndex(province.findData("江苏省"))
    assert tab.proxy.rowCount() == 9


def test_sorting_is_numeric(tab: ResultsTab) -> None:
    tab.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    values = [float(tab.proxy.data(tab.proxy.index(r, 4))) for r in range(tab.proxy.rowCount())]
    assert values == sorted(values, reverse=True)


def test_report_table_views(tab: ResultsTab) -> None:
    analysis = AnalysisSource.of(tab._session).analysis()
    rows = table_3_2(analysis)
    assert tab.table_3_2.rowCount() == 3
    leaders = str(tab.table_3_2.data(tab.table_3_2.index(0, 1))).split("、")
    assert leaders[0] == analysis.cities[rows[0].cities[0]].name_zh
    assert tab.table_3_13.rowCount() == 16
    assert tab.table_3_13.data(tab.table_3_13.index(3, 1)) == "智慧终端"


def test_tier_rule_is_saved_audited_and_undoable(tab: ResultsTab, session: Session) -> None:
    editor = tab.tiers
    assert [s.value() for s in editor.spins] == pytest.approx([16.0, 34.0, 50.0])
    editor.spins[0].setValue(20.0)
    assert not editor.apply()  # 20 + 34 + 50 ≠ 100
    assert "100" in editor.error.text()
    editor.spins[1].setValue(30.0)
    assert editor.apply()
    assert _tier_values(session) == pytest.approx([0.2, 0.3, 0.5])
    assert tab.model.analysis is not None
    assert [len(r.cities) for r in table_3_2(tab.model.analysis)] == [10, 15, 25]
    trail = session.workspace.audit_trail("campaign")
    assert trail[-1].field == "settings"
    assert json.loads(trail[-1].new or "{}")["tiers"]["values"] == pytest.approx([0.2, 0.3, 0.5])
    session.undo_stack.undo()
    assert _tier_values(session) == pytest.approx([0.16, 0.34, 0.5])
    assert [s.value() for s in editor.spins] == pytest.approx([16.0, 34.0, 50.0])


def test_tier_thresholds(tab: ResultsTab, session: Session) -> None:
    editor = tab.tiers
    editor.kind.setCurrentIndex(1)
    assert len(editor.spins) == 2
    editor.spins[0].setValue(0.7)
    editor.spins[1].setValue(0.8)
    assert not editor.apply()
    editor.spins[0].setValue(0.85)
    editor.spins[1].setValue(0.7)
    assert editor.apply()
    scored = session.scores()
    assert scored.settings.tiers.kind == "thresholds"
    index = scored.result.index
    assert sum(1 for t, v in zip(scored.result.tier, index, strict=True) if t == 0) == sum(
        1 for v in index if v >= 0.85
    )


def test_gdp_bands_are_editable(tab: ResultsTab) -> None:
    tab.bands.setText("30000, 8000")
    tab.bands.editingFinished.emit()
    band = tab.filters["band"]
    assert band.count() == 1 + 3
    tab.bands.setText("abc")
    tab.bands.editingFinished.emit()
    assert tab.bands_error.text()


def test_follows_edits_and_language(tab: ResultsTab, session: Session) -> None:
    session.set_language("en")
    assert tab.model.data(tab.model.index(0, 3)) == "Leader"
    assert tab.model.headerData(1, Qt.Orientation.Horizontal) == "City"
    first_city = tab.model.data(tab.model.index(0, 1))
    assert first_city == "Beijing"
