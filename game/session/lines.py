"""The tree of histories read as lines of play, for screens and reports that lay it out on the calendar.

A line is the way from the root to one leaf: one history. Each decision on it is a `Mark` (what was
chosen, when, the risk after it). Marks are read from what each move recorded when first played
(`HistoryNode.check`), so laying out twenty variations replays nothing. The 1962 course, played
through the same scenario, is one more line for reference.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.engine import Engine
from game.engine.state import GameState
from game.session.inputs import Decide
from game.session.session import Session
from game.session.tree import HistoryNode

__all__ = ["DOCUMENTED", "Line", "Mark", "documented_line", "history_lines", "parting"]

DOCUMENTED = "1962"  # the id of the reference line (tree ids are h0, h1, ...)


@dataclass(frozen=True)
class Mark:
    """One decision on a line."""

    node_id: str  # the tree node this decision made ('' on the 1962 line)
    at_id: str  # the tree node where the decision was awaited: re-enter it to choose again ('' on 1962)
    decision: str  # the scenario's decision node
    title: str
    side: str
    choice: str
    choice_text: str
    when: int  # minutes since 1 January 1962
    risk: float  # cumulative risk of nuclear use after the step it began
    same_as_1962: bool
    label: str = ""
    documented: bool = True  # the decision has a 1962 choice (one that arose only in another history has none)
    closed_1962: str = ""  # why 1962's choice was not open when this one was taken ('' if it was)
    comment: str = ""


@dataclass(frozen=True)
class Line:
    """One history: its decisions in order and where it stands (an ending, or a decision awaited)."""

    id: str  # the leaf's tree id, or DOCUMENTED
    name: str  # the player's name for it, else a description
    marks: tuple[Mark, ...]
    ended: bool
    ending: str  # the ending's category label ('' when not ended)
    ending_title: str  # the ending node's title, or the decision awaited
    catastrophic: bool
    risk: float
    is_main: bool
    leaf: HistoryNode | None  # None for the 1962 line
    ended_when: int | None = None  # the minute (since 1 January 1962) the history ended, if it has

    def ending_words(self, between: str) -> str:
        """The ending's category and its title, `between` them; once where they are the same words."""
        if self.ending.casefold() == self.ending_title.casefold():
            return self.ending
        return f"{self.ending}{between}{self.ending_title}"


def option_text(engine: Engine, node_id: str, option: str) -> tuple[str, bool]:
    """An option's first wording and whether it was 1962's (the id itself when the scenario has no such option)."""
    node = engine.scenario.by_id.get(node_id)
    for o in node.options if node is not None else ():
        if o.id == option:
            return o.text, bool(o.historical)
    return option, False


def _mark(engine: Engine, node: HistoryNode) -> Mark | None:
    move = node.move
    if not isinstance(move, Decide) or node.parent is None:
        return None
    scen = engine.scenario.by_id.get(move.node)
    text, historical = option_text(engine, move.node, move.option)
    text = node.told or text  # as the player read it
    return Mark(
        node_id=node.id,
        at_id=node.parent.id,
        decision=move.node,
        title=scen.title if scen is not None else move.node,
        side=scen.actor if scen is not None else "",
        choice=move.option,
        choice_text=text,
        when=scen.when if scen is not None else 0,
        risk=node.check.risk if node.check is not None else 0.0,
        same_as_1962=historical,
        documented=scen is not None and any(o.historical for o in scen.options),
        closed_1962=node.closed_1962,
        label=node.label,
        comment=node.comment,
    )


def _name(leaf: HistoryNode, number: int) -> str:
    named = next((n.label for n in reversed(leaf.path()) if n.label), "")
    return named or ("Main line" if leaf.is_main_variation() else f"Variation {number}")


def history_lines(session: Session) -> list[Line]:
    """Every history in the tree, main line first, then the variations depth first."""
    engine = session.engine
    lines = []
    for number, leaf in enumerate(session.root.leaves()):
        marks = tuple(m for m in (_mark(engine, n) for n in leaf.path()) if m is not None)
        at = engine.scenario.by_id.get(leaf.check.at) if leaf.check is not None else None
        if at is None:  # the root itself: nothing played yet
            at = engine.node(session.state_at(leaf))
        ended = at.kind == "ending"
        category = at.category if ended else ""
        lines.append(
            Line(
                id=leaf.id,
                name=_name(leaf, number),
                marks=marks,
                ended=ended,
                ending=engine.scenario.ending_label(category) if category else "",
                ending_title=at.title,
                catastrophic=category in engine.scenario.catastrophic,
                risk=leaf.check.risk if leaf.check is not None else session.state_at(leaf).risk,
                is_main=leaf.is_main_variation(),
                leaf=leaf,
                ended_when=session.state_at(leaf).clock if ended else None,
            )
        )
    return lines


def documented_line(engine: Engine, documented: GameState, sides: tuple[str, ...]) -> Line:
    """The 1962 course as a line: the decisions of the sides people play, as the path recorded them."""
    path = documented.path
    starts = [i for i, p in enumerate(path) if p.kind == "decision" and p.actor in sides]
    # each decision's option as the record's telling worded it (events and path keep the same order)
    told = [(e.node, e.choice_text) for st in documented.steps for e in st.events if e.kind in ("decision", "computer")]
    marks = []
    for k, i in enumerate(starts):
        p = path[i]
        node = engine.scenario.by_id[p.node]
        text, _ = option_text(engine, p.node, p.choice)
        k_told = next((j for j, (node_id, _) in enumerate(told) if node_id == p.node), None)
        if k_told is not None:
            text = told[k_told][1] or text
            del told[: k_told + 1]
        # the risk after the whole step, as a session's move records it: a point's risk is the risk on reaching
        # it, so the step's is that of the next decision the player meets (or the end's)
        after = path[starts[k + 1]].risk if k + 1 < len(starts) else documented.risk
        marks.append(Mark("", "", p.node, node.title, p.actor, p.choice, text, p.when, after, True))
    end = engine.node(documented)
    return Line(
        id=DOCUMENTED,
        name="1962 as it happened",
        marks=tuple(marks),
        ended=documented.ended,
        ending=engine.scenario.ending_label(end.category) if end.category else "",
        ending_title=end.title,
        catastrophic=end.category in engine.scenario.catastrophic,
        risk=documented.risk,
        is_main=False,
        leaf=None,
        ended_when=documented.clock if documented.ended else None,
    )


def parting(a: Line, b: Line) -> int:
    """The index of the first decision at which two lines differ (their common length if one extends the other)."""
    n = 0
    for x, y in zip(a.marks, b.marks, strict=False):
        if (x.decision, x.choice) != (y.decision, y.choice):
            break
        n += 1
    return n
