"""The tree of histories, shaped like python-chess's game tree.

Each node holds the one input (a move) that leads to it from its parent; its `variations` are the
alternatives tried from that point, and `variations[0]` is the main line. A state is never stored
here: it is rebuilt by replaying the moves from the root (the session caches checkpoints).

    h0  the start (seed, fate, sides: the session's config)
    ├── h1  decide d16-photos → deliberate          ← variations[0]: the main line
    │   └── h2  decide d16-evening → keep-options
    │       ├── h3  decide d17-irbm → campaign      ← main line goes on here
    │       │   └── …
    │       └── h7  decide d17-irbm → strike        ← a variation: "what if Kennedy bombed?"
    │           └── h8  …
    └── h5  decide d16-photos → strike-now          ← another variation from the start

Node ids (h0, h1, …) are handed out in the order nodes are made, so replaying the same log
gives the same ids. Labels and comments belong to nodes; so do the votes cast while the
decision at that node was awaited.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from game.session.inputs import Decide, Inject, Move, Reveal, Vote

__all__ = ["HistoryNode", "PathCheck"]


@dataclass(frozen=True)
class PathCheck:
    """What a move produced when it was first played: the path points it added, where it arrived, the risk.
    A replay must produce the same, or the save no longer fits the scenario."""

    path: tuple[tuple[str, str, str, str], ...]  # (kind, node, choice, by)
    at: str  # the scenario node awaited (or the ending) afterwards
    risk: float


@dataclass(eq=False)
class HistoryNode:
    id: str
    move: Move | None  # None only at the root
    parent: HistoryNode | None = None
    variations: list[HistoryNode] = field(default_factory=list)
    label: str = ""
    comment: str = ""
    votes: list[Vote] = field(default_factory=list)
    check: PathCheck | None = None
    # A decision's option in the words it was read in when played (a variant's, where earlier moves changed
    # them); not saved: it is told again whenever the move is replayed
    told: str = ""
    # Why 1962's choice at this decision was not open when this one was taken ('' if it was, or there is
    # none); not saved either: found again when the move is replayed
    closed_1962: str = ""

    # ---------------------------------------------------------------- shape

    def root(self) -> HistoryNode:
        node = self
        while node.parent is not None:
            node = node.parent
        return node

    def path(self) -> list[HistoryNode]:
        """The nodes from the root to this one, inclusive."""
        out = []
        node: HistoryNode | None = self
        while node is not None:
            out.append(node)
            node = node.parent
        return out[::-1]

    def moves(self) -> list[Move]:
        return [n.move for n in self.path() if n.move is not None]

    def depth(self) -> int:
        return len(self.path()) - 1

    def is_main_variation(self) -> bool:
        """True when every step from the root to here follows variations[0]."""
        node = self
        while node.parent is not None:
            if node.parent.variations[0] is not node:
                return False
            node = node.parent
        return True

    def mainline(self) -> Iterator[HistoryNode]:
        """The nodes after this one along the main line (variations[0] each time)."""
        node = self
        while node.variations:
            node = node.variations[0]
            yield node

    def end(self) -> HistoryNode:
        """The last node of the main line from here."""
        last = self
        for last in self.mainline():  # noqa: B007 - the loop's last value is the answer
            pass
        return last

    def walk(self) -> Iterator[HistoryNode]:
        """Every node of the subtree, depth first, main lines first."""
        stack: list[HistoryNode] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.variations))

    def leaves(self) -> list[HistoryNode]:
        """The last node of every history in the subtree (each is one line of play)."""
        return [n for n in self.walk() if not n.variations]

    def find(self, node_id: str) -> HistoryNode | None:
        return next((n for n in self.walk() if n.id == node_id), None)

    def child_with(self, move: Move) -> HistoryNode | None:
        return next((v for v in self.variations if v.move == move), None)

    # ---------------------------------------------------------------- edits

    def add_variation(self, node_id: str, move: Move) -> HistoryNode:
        child = HistoryNode(node_id, move, self)
        self.variations.append(child)
        return child

    def promote_to_main(self) -> None:
        """Make this node's line the main line at every level above it."""
        node = self
        while node.parent is not None:
            siblings = node.parent.variations
            siblings.remove(node)
            siblings.insert(0, node)
            node = node.parent

    def remove(self) -> None:
        if self.parent is None:
            raise ValueError("the start of the game cannot be removed")
        self.parent.variations.remove(self)

    def describe(self) -> str:
        """A short words-only description of the move, for lists and errors."""
        m = self.move
        if m is None:
            return "the start"
        if isinstance(m, Decide):
            return f"decision at '{m.node}': '{m.option}'"
        if isinstance(m, Inject):
            return f"incident '{m.incident}' injected"
        if isinstance(m, Reveal):
            return f"secret '{m.secret}' revealed to '{m.to}'"
        return str(m)
