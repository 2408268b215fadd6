"""A framework indexed by node id for the tree model: children, parents, rows (Qt-free)."""

from __future__ import annotations

from models.framework import Framework, Indicator

Shape = tuple[tuple[int | None, tuple[int, ...]], ...]


class FrameworkTree:
    """The nodes of a stored framework (every node has a node_id) by id, in tree order."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self._nodes: dict[int, Indicator] = {}
        self._kids: dict[int | None, list[int]] = {None: []}
        self._parent: dict[int, int | None] = {}
        self._row: dict[int, int] = {}
        ids = {n.code: _id(n) for n in framework.nodes}
        for node in framework.walk():
            node_id = _id(node)
            parent = None if node.parent is None else ids[node.parent]
            self._nodes[node_id] = node
            self._parent[node_id] = parent
            self._kids.setdefault(node_id, [])
            siblings = self._kids.setdefault(parent, [])
            self._row[node_id] = len(siblings)
            siblings.append(node_id)

    @property
    def root_id(self) -> int:
        return self._kids[None][0]

    def node(self, node_id: int) -> Indicator:
        return self._nodes[node_id]

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def child_ids(self, parent_id: int | None) -> list[int]:
        """The children of a node in order; `None` gives the top level (the root)."""
        return self._kids.get(parent_id, [])

    def parent_of(self, node_id: int) -> int | None:
        return self._parent.get(node_id)

    def row_of(self, node_id: int) -> int | None:
        return self._row.get(node_id)

    def children_by_id(self) -> dict[int | None, list[int]]:
        return self._kids

    def shape(self) -> Shape:
        """Who is whose child in which order: equal shapes differ only in node fields."""
        return tuple((parent, tuple(kids)) for parent, kids in self._kids.items())

    def subtree(self, node_id: int) -> list[int]:
        """The node and its descendants, depth first."""
        out, stack = [], [node_id]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(reversed(self._kids.get(current, [])))
        return out

    def depth(self, node_id: int) -> int:
        depth, parent = 0, self._parent.get(node_id)
        while parent is not None:
            depth, parent = depth + 1, self._parent.get(parent)
        return depth


def _id(node: Indicator) -> int:
    if node.node_id is None:
        raise ValueError(f"indicator {node.code!r} is not stored in a workspace")
    return node.node_id
