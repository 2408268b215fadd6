"""The merge dialog and the conflict review screen: packages checked then merged, conflicts
decided (keep one, keep both, edit) and duplicates kept or dismissed, each audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTranslator
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from models.store import StoreError
from models.workspace import Workspace
from tests.ui.fieldwork_helpers import FIELD, conflicted_packages
from tests.ui.model_check import check_model
from ui.launch import translations_dir
from ui.merge.edit_dialog import ResolutionEditDialog
from ui.merge.merge_dialog import MergeDialog
from ui.merge.review import ConflictReviewDialog
from ui.merge.texts import field_label
from ui.session import Session


@pytest.fixture
def merged(session: Session, qtbot: QtBot, tmp_path: Path) -> list[str]:
    a, b, uuids = conflicted_packages(session, tmp_path)
    dialog = MergeDialog(session, tmp_path)
    qtbot.addWidget(dialog)
    dialog.add_packages([a, b, a])  # the same file twice is listed once
    assert [e.path.name for e in dialog.entries] == ["a.smartpkg", "b.smartpkg"]
    assert all(e.ready and not e.needs_mapping for e in dialog.entries)
    assert dialog.merge_button.isEnabled()
    assert dialog.merge()
    reports = [e.report for e in dialog.entries]
    # targets[0]: the master edited it too, so A's and B's notes conflict with it; A's edit
    # of targets[1] is taken (the master left that row alone), then B's conflicts with it
    assert [(r.conflicts, r.updated, r.duplicates) for r in reports if r] == [(1, 1, 1), (2, 0, 0)]
    assert "Merged: 0 added" in str(dialog.packages.data(dialog.packages.index(0, 5)))
    # observations, not versions: targets[0] conflicts in both packages
    assert "2 observations in conflict and 1 duplicate" in dialog.status.text()
    assert not dialog.merge_button.isEnabled() and dialog.review_button.isEnabled()
    assert session.undo_stack.count() == 0
    return uuids


def test_merge_dialog_models(
    session: Session, qtbot: QtBot, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    a, _b, _uuids = conflicted_packages(session, tmp_path)
    broken = tmp_path / "broken.smartpkg"
    broken.write_bytes(a.read_bytes()[:500])
    dialog = MergeDialog(session, tmp_path)
    qtbot.addWidget(dialog)
    dialog.add_packages([a, broken])
    assert dialog.entries[1].error and not dialog.merge_button.isEnabled()
    assert "Refused" in str(dialog.packages.data(dialog.packages.index(1, 5)))
    check_model(qtmodeltester, dialog.packages)
    check_model(qtmodeltester, dialog.mapping)


def _review(session: Session, qtbot: QtBot, qtmodeltester: ModelTester) -> ConflictReviewDialog:
    review = ConflictReviewDialog(session)
    qtbot.addWidget(review)
    for model in (review.conflict_list, review.duplicate_list, review.comparison,
                  review.ours_history, review.theirs_history):  # fmt: skip
        check_model(qtmodeltester, model)
    return review


def decisions(session: Session, uuid: str) -> list[object]:
    return [e.new_value for e in session.workspace.audit_trail("conflict", uuid)]


def test_keep_one_needs_a_reason_and_is_audited(
    session: Session, merged: list[str], qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    review = _review(session, qtbot, qtmodeltester)
    assert len(review.conflicts) == 2 and len(review.duplicates) == 1
    first = review.current_conflict()
    assert first is not None and review.version.count() == 2  # A's and B's notes
    marked = {review.comparison.row_text(r)[0] for r, _c in review.comparison._marked}
    assert marked  # the differing fields are marked
    review.keep_ours.click()
    assert "reason" in review.problem.text()
    assert len(review.conflicts) == 2
    review.reason.setText("the yearbook is right")
    review.keep_ours.click()
    assert len(review.conflicts) == 1 and review.reason.text() == ""
    assert decisions(session, first.uuid) == [{"decision": "keep current"}]
    second = review.current_conflict()
    assert second is not None and second.derived and review.version.count() == 1
    assert session.workspace.observation(second.uuid).source == "B's source"  # saved last
    chosen = second.alternatives[0].version
    assert chosen.row[7] == "A's source"
    review.reason.setText("A's source is the official one")
    review.keep_theirs.click()
    assert review.conflicts == []
    assert session.workspace.observation(second.uuid).source == chosen.row[7]
    assert decisions(session, second.uuid)[0] == {
        "decision": "keep version", "kept": chosen.digest,
    }  # fmt: skip


def test_keep_both_and_edit(
    session: Session,
    merged: list[str],
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    review = _review(session, qtbot, qtmodeltester)
    first = review.current_conflict()
    assert first is not None
    review.reason.setText("two different measurements")
    review.keep_both.click()
    (decision,) = decisions(session, first.uuid)
    assert isinstance(decision, dict) and decision["decision"] == "keep both"
    copy = session.workspace.observation(str(decision["new_uuid"]))
    assert copy.city_id == first.city_id
    second = review.current_conflict()  # the other laptop's note still waits
    assert second is not None and second.uuid == first.uuid and len(second.alternatives) == 1
    monkeypatch.setattr(ResolutionEditDialog, "exec", lambda _self: 1)
    monkeypatch.setattr(ResolutionEditDialog, "values", lambda _self: {"source": "both checked"})
    review.edit_button.click()
    assert "reason" in review.problem.text()  # asked before the editor opens
    review.reason.setText("checked both sources")
    review.edit_button.click()
    assert session.workspace.observation(second.uuid).source == "both checked"
    assert decisions(session, second.uuid)[1:] == [{"decision": "edit", "fields": ["source"]}]
    assert [c.uuid for c in review.conflicts] == [merged[1]]


def test_duplicates_kept_or_dismissed(
    session: Session, merged: list[str], qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    review = _review(session, qtbot, qtmodeltester)
    review.lists.setCurrentIndex(1)
    held = review.current_duplicate()
    assert held is not None and held.other is not None
    assert not review.keep_ours.isVisible() or not review.isVisible()
    assert review.comparison.rowCount() == 12
    review.reason.setText("typed on two laptops")
    review.dismiss.click()
    assert review.duplicates == []
    trail = session.workspace.audit_trail("duplicate", held.uuid)
    assert [e.reason for e in trail] == ["typed on two laptops"]


def test_a_refused_decision_shows_inline(
    session: Session,
    merged: list[str],
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    review = _review(session, qtbot, qtmodeltester)

    def locked(*_args: object) -> None:
        raise StoreError(session.workspace.path, "the workspace is locked")

    monkeypatch.setattr(type(session.workspace), "keep_current", locked)
    review.reason.setText("x")
    review.keep_ours.click()
    assert "locked" in review.problem.text() and len(review.conflicts) == 2


def test_a_package_for_another_framework_needs_the_mapping_confirmed(
    session: Session, qtbot: QtBot, tmp_path: Path
) -> None:
    session.workspace.save_copy(tmp_path / "l.smartcity")
    with Workspace.open(tmp_path / "l.smartcity") as laptop:
        campaign = laptop.campaigns()[0]
        framework = laptop.framework(campaign.framework_id)
        leaf = next(n for n in framework.leaves() if n.spec and n.spec.kind == "numeric"
                    and n.spec.has_goalposts)  # fmt: skip
        assert leaf.spec is not None and leaf.node_id is not None
        laptop.update_indicator(leaf.node_id, "high", leaf.spec.high * 2, FIELD, "wider")
        laptop.export_package(campaign.campaign_id, tmp_path / "mapped.smartpkg", FIELD)
    dialog = MergeDialog(session, tmp_path)
    qtbot.addWidget(dialog)
    dialog.add_packages([tmp_path / "mapped.smartpkg"])
    (entry,) = dialog.entries
    assert entry.ready and entry.needs_mapping and not dialog.merge_button.isEnabled()
    assert dialog.mapping.row_text(0)[0] == f"{leaf.code} {session.name(leaf)}"  # differs: first
    assert dialog.mapping.row_text(0)[3] == "upper goalpost"
    assert not dialog.merge()
    dialog.accept_mapping.setChecked(True)
    assert dialog.merge_button.isEnabled() and dialog.merge()
    assert entry.report is not None and entry.report.added == 0  # the same observations


def test_the_review_texts_are_in_the_chinese_catalogue() -> None:
    translator = QTranslator()
    assert translator.load("smartcity_zh_CN", str(translations_dir()))
    for source in ("Value", "Source", "Last saved", "created", "deleted"):  # field and action
        assert translator.translate("review", source) not in ("", source), source


def test_the_review_screen_says_what_differs_and_enter_decides_nothing(
    session: Session, qtbot: QtBot, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    a, b, _uuids = conflicted_packages(session, tmp_path)
    session.workspace.merge_packages([a, b], session.actor)
    review = _review(session, qtbot, qtmodeltester)
    review.show()
    before = len(review.conflicts)
    assert before
    for row, conflict in enumerate(review.conflicts):  # a named field, not two equal values
        differs = review.conflict_list.row_text(row)[3]
        assert differs and differs in {field_label("note"), field_label("source")}, differs
        assert review.conflict_list.row_text(row)[2] == str(len(conflict.alternatives))
    history = review.theirs_history
    assert history.columnCount() == 4 and history.rowCount()
    change = history.row_text(history.rowCount() - 1)[2]
    assert change.startswith(field_label("note")) or change.startswith(field_label("source"))
    tip = history.data(history.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "laptop-" in str(tip)  # the device is in the tooltip
    review.reason.setFocus()
    review.reason.setText("typed, then Enter")
    QTest.keyClick(review.reason, Qt.Key.Key_Return)
    assert len(review.conflicts) == before and review.reason.text() == "typed, then Enter"
    assert not review.nothing.isVisibleTo(review)


def test_nothing_to_review_is_said(session: Session, qtbot: QtBot) -> None:
    review = ConflictReviewDialog(session)
    qtbot.addWidget(review)
    assert review.nothing.isVisibleTo(review) and "Nothing to review" in review.nothing.text()
    assert not review.keep_both.isEnabled() and not review.reason.isEnabled()


def test_a_refused_package_says_why_in_full_and_the_merge_what_is_left(
    session: Session, qtbot: QtBot, tmp_path: Path
) -> None:
    a, _b, _uuids = conflicted_packages(session, tmp_path)
    broken = tmp_path / "broken.smartpkg"
    broken.write_bytes(a.read_bytes()[:500])
    dialog = MergeDialog(session, tmp_path)
    qtbot.addWidget(dialog)
    assert "smartpkg" in dialog.status.text()  # what to do first
    dialog.add_packages([a, broken])  # the last one added is the current one
    entry = dialog.entries[1]
    assert dialog.refusal.isVisibleTo(dialog) and entry.error in dialog.refusal.text()
    assert not dialog.mapping_view.isVisibleTo(dialog)
    dialog.package_view.selectionModel().setCurrentIndex(
        dialog.packages.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert not dialog.refusal.isVisibleTo(dialog)
    assert "nothing to map" in dialog.mapping_label.text()
    dialog.package_view.selectionModel().setCurrentIndex(
        dialog.packages.index(1, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    dialog.remove_button.click()
    assert dialog.merge()
    assert dialog.status.text().startswith("Merged.") and "wait for a decision" in (
        dialog.status.text()
    )
    assert dialog.review_button.isDefault()
