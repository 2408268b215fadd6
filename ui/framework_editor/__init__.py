"""The indicator system editor tab: the framework tree, its weights and its measurements."""

from ui.framework_editor.tab import FrameworkEditorTab

__all__ = ["FrameworkEditorTab"]
