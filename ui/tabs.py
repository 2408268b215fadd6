"""The tabs of the main window, in the order of the work: enter, review, results, then
the coordinator's set-up (names are used by --tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.audit.tab import AuditTab
from ui.charts.analysis_tab import AnalysisTab
from ui.coverage.tab import CoverageTab
from ui.entry.tab import EntryTab
from ui.framework_editor.tab import FrameworkEditorTab
from ui.main_window import TabSpec
from ui.methods import MethodsTab
from ui.results.tab import ResultsTab
from ui.verification.review_actions import observations_tab_with_review


def default_tabs() -> list[TabSpec]:
    translate = QCoreApplication.translate
    return [
        TabSpec("entry", lambda: translate("tabs", "Data entry"), EntryTab),
        TabSpec("coverage", lambda: translate("tabs", "Coverage"), CoverageTab),
        TabSpec(
            "observations",
            lambda: translate("tabs", "Observations"),
            observations_tab_with_review,  # ObservationsTab with Submit/Verify/Reject/Reopen
        ),
        TabSpec("results", lambda: translate("tabs", "Results"), ResultsTab),
        TabSpec("analysis", lambda: translate("tabs", "Analysis"), AnalysisTab),
        TabSpec("framework", lambda: translate("tabs", "Indicator system"), FrameworkEditorTab),
        TabSpec("methods", lambda: translate("tabs", "Methods"), MethodsTab),
        TabSpec("audit", lambda: translate("tabs", "Audit trail"), AuditTab),
    ]
