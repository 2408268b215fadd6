"""The data-entry tab: cities, the indicator tree of the selected city, the entry panel."""

from __future__ import annotations

from ui.entry.tab import EntryTab

__all__ = ["EntryTab"]
