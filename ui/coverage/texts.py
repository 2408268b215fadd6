"""The words of the coverage matrix: state names, cell marks, tooltips and totals."""

from __future__ import annotations

from PySide6.QtCore import QObject

from models.cities import City
from models.coverage import CellState, CoverageGrid, Tally
from models.framework import Indicator
from ui.observations.labels import channel_label, status_label
from ui.observations.table_model import format_value
from ui.session import Session

MARKS: dict[CellState, str] = {  # after the count: the state without colour
    CellState.MISSING: "",
    CellState.DISCREPANCY: " !",
    CellState.ENTERED: "",
    CellState.VERIFIED: " ✓",
}


class CoverageTexts(QObject):
    """Formats what the coverage model shows, in the session's language."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session

    def state_name(self, state: CellState) -> str:
        names = {
            CellState.MISSING: self.tr("Missing"),
            CellState.DISCREPANCY: self.tr("Discrepancy"),
            CellState.ENTERED: self.tr("Entered"),
            CellState.VERIFIED: self.tr("Verified"),
        }
        return names[state]

    def leaf_mark(self, state: CellState, count: int) -> str:
        """A leaf cell's text: its observation count and a state mark ('–' when missing)."""
        return "–" if state == CellState.MISSING else f"{count}{MARKS[state]}"

    def _title(self, city: City, node: Indicator) -> str:
        name = self._session.name
        return f"{name(city)} · {node.code} {name(node)}"

    def leaf_tooltip(
        self, city: City, node: Indicator, grid: CoverageGrid, row: int, leaf: int
    ) -> str:
        state = CellState(int(grid.state[row, leaf]))
        count = int(grid.count[row, leaf])
        lines = [self._title(city, node), self.tr("%n observation(s) used", "", count)]
        lines[-1] = f"{self.state_name(state)} · {lines[-1]}"
        language = self._session.language
        unit = f" {node.spec.unit}" if node.spec and node.spec.unit else ""
        for channel, value, status in grid.entries(row, leaf):
            shown = f"{format_value(value)}{unit}"
            label = (
                f"{channel_label(channel, language)}: {shown} ({status_label(status, language)})"
            )
            lines.append(f"  {label}")
        return "\n".join(lines)

    def group_tooltip(
        self,
        city: City,
        node: Indicator,
        grid: CoverageGrid,
        row: int,
        leaves: list[tuple[int, Indicator]],
    ) -> str:
        states = [CellState(int(grid.state[row, p])) for p, _leaf in leaves]
        filled = sum(s != CellState.MISSING for s in states)
        entered = self.tr("{filled}/{total} indicators entered").format(
            filled=filled, total=len(leaves)
        )
        lines = [self._title(city, node), entered]
        for (p, leaf), state in zip(leaves, states, strict=True):
            count = int(grid.count[row, p])
            lines.append(f"  {leaf.code} {self._session.name(leaf)}: {self.state_name(state)}")
            if count:
                lines[-1] += f" ({count})"
        return "\n".join(lines)

    def total_header(self) -> str:
        return self.tr("Total")

    def total_text(self, block: Tally, two_lines: bool) -> str:
        """'filled/cells' and the percentage, on one line or two."""
        separator = "\n" if two_lines else "  "
        return f"{block.filled}/{block.cells}{separator}{block.share:.0%}"

    def total_tooltip(self, block: Tally) -> str:
        head = self.tr("{filled} of {cells} cells entered ({share})").format(
            filled=block.filled, cells=block.cells, share=f"{block.share:.1%}"
        )
        parts = [
            (CellState.VERIFIED, block.verified),
            (CellState.ENTERED, block.entered),
            (CellState.DISCREPANCY, block.discrepancy),
            (CellState.MISSING, block.missing),
        ]
        return "\n".join([head, *(f"  {self.state_name(s)}: {n}" for s, n in parts)])

    def header_tooltip(self, node: Indicator, is_group: bool, expanded: bool) -> str:
        text = f"{node.code} {self._session.name(node)}"
        if is_group:
            return f"{text}\n{self.tr('Click to show its indicators')}"
        if expanded:
            return f"{text}\n{self.tr('Click to collapse the group')}"
        return text
