"""The Methods tab: weighting (AHP, entropy, weight sets), the statistical audit and the
uncertainty and sensitivity analysis, one sub-page each.

Each sub-page (and pyqtgraph with it) is built the first time it is needed, so the tab
costs nothing at start-up and nothing on an edit until it is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.methods.state import MethodsState
from ui.session import Session

if TYPE_CHECKING:
    from ui.methods.ahp_page import AhpPage
    from ui.methods.audit_page import AuditPage
    from ui.methods.entropy_page import EntropyPage
    from ui.methods.uncertainty_page import UncertaintyPage
    from ui.methods.weight_sets_page import WeightSetsPage

PAGES = ("ahp", "entropy", "weight_sets", "audit", "uncertainty")
P = TypeVar("P", bound=QWidget)


class MethodsTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.state = MethodsState(self)
        self._built: dict[str, QWidget] = {}
        self.pages = QTabWidget(self)
        for _name in PAGES:
            holder = QWidget(self.pages)
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.pages.addTab(holder, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.pages.currentChanged.connect(lambda _index: self._build_current())
        self.retranslate()

    # ------------------------------------------------------------ pages

    def page(self, name: str) -> QWidget:
        """The sub-page `name` (see PAGES), built on first use."""
        built = self._built.get(name)
        if built is None:
            holder = self.pages.widget(PAGES.index(name))
            assert holder is not None
            built = self._make(name, holder)
            layout = holder.layout()
            assert layout is not None
            layout.addWidget(built)
            self._built[name] = built
            built.show()  # now, not at the next event loop turn (the layout would queue it)
        return built

    def _make(self, name: str, holder: QWidget) -> QWidget:
        session = self._session
        if name == "ahp":
            from ui.methods.ahp_page import AhpPage

            return AhpPage(session, self.state, holder)
        if name == "entropy":
            from ui.methods.entropy_page import EntropyPage

            return EntropyPage(session, self.state, holder)
        if name == "weight_sets":
            from ui.methods.weight_sets_page import WeightSetsPage

            return WeightSetsPage(session, holder)
        if name == "audit":
            from ui.methods.audit_page import AuditPage

            return AuditPage(session, holder)
        from ui.methods.uncertainty_page import UncertaintyPage

        return UncertaintyPage(session, holder)

    def _typed(self, name: str, kind: type[P]) -> P:
        page = self.page(name)
        assert isinstance(page, kind)
        return page

    @property
    def ahp(self) -> AhpPage:
        from ui.methods.ahp_page import AhpPage

        return self._typed("ahp", AhpPage)

    @property
    def entropy(self) -> EntropyPage:
        from ui.methods.entropy_page import EntropyPage

        return self._typed("entropy", EntropyPage)

    @property
    def weight_sets(self) -> WeightSetsPage:
        from ui.methods.weight_sets_page import WeightSetsPage

        return self._typed("weight_sets", WeightSetsPage)

    @property
    def audit(self) -> AuditPage:
        from ui.methods.audit_page import AuditPage

        return self._typed("audit", AuditPage)

    @property
    def uncertainty(self) -> UncertaintyPage:
        from ui.methods.uncertainty_page import UncertaintyPage

        return self._typed("uncertainty", UncertaintyPage)

    def show_page(self, name: str) -> bool:
        """Bring a sub-page to the front by name (see PAGES)."""
        if name not in PAGES:
            return False
        self.pages.setCurrentIndex(PAGES.index(name))
        self._build_current()
        return True

    def _build_current(self) -> None:
        if self.isVisible():
            self.page(PAGES[self.pages.currentIndex()])

    def showEvent(self, event: QShowEvent) -> None:
        self._build_current()
        super().showEvent(event)

    # ------------------------------------------------------------ texts

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        titles = (
            self.tr("AHP"),
            self.tr("Entropy weights"),
            self.tr("Weight sets"),
            self.tr("Statistical audit"),
            self.tr("Uncertainty && sensitivity"),
        )
        for index, title in enumerate(titles):
            self.pages.setTabText(index, title)
