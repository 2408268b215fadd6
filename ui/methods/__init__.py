"""The Methods tab: AHP and entropy weights, weight sets, statistical audit, uncertainty
and sensitivity analysis."""

from ui.methods.tab import MethodsTab

__all__ = ["MethodsTab"]
