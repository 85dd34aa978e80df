"""Whole-scenario checks beyond loading: the story graph.

Every node and ending reachable, every path terminates, time never runs
backwards, '@resume' only below an interrupt, nuclear endings only through the
risk model, one documented choice per decision. These need no engine; the checks
that play the scenario (dead ends, the documented path and its risk band) live in
game/analysis/playtest.py, above the engine, and `playtest.validate` runs both.
"""

from __future__ import annotations

import re
from collections.abc import Set

from game.scenario.compiled import RESUME, CompiledScenario, RNode, datetime_of
from game.scenario.errors import Problem
from game.scenario.models import DecisionNode
from game.scenario.yaml_source import Path


class ProblemCollector:
    """Problems with their file line, as the checks find them (the play checks in game.analysis use it too)."""

    def __init__(self, sc: CompiledScenario):
        self.sc = sc
        self.items: list[Problem] = []

    def node(self, node: RNode, field: str, message: str, fix: str, sub: Path = ()) -> None:
        path: Path = ("nodes", node.index) + sub
        line = self.sc.lines.line_of(path) if self.sc.lines else None
        self.items.append(Problem(self.sc.path, line, f"node '{node.id}'", field, message, fix))

    def top(self, at: Path, field: str, message: str, fix: str) -> None:
        line = self.sc.lines.line_of(at) if self.sc.lines else None
        self.items.append(Problem(self.sc.path, line, None, field, message, fix))


def _edges(node: RNode) -> list[tuple[int, str, int]]:
    """(target, field name, item index) for every way out of a node."""
    if node.kind == "decision":
        return [(o.next, "options", i) for i, o in enumerate(node.options)]
    if node.kind == "chance":
        return [(o.next, "outcomes", i) for i, o in enumerate(node.outcomes)]
    return []


def _reach(sc: CompiledScenario, roots: list[int], stop: Set[int] = frozenset()) -> set[int]:
    seen: set[int] = set()
    todo = list(roots)
    while todo:
        i = todo.pop()
        if i in seen or i == RESUME or i in stop:
            continue
        seen.add(i)
        todo.extend(t for t, _, _ in _edges(sc.nodes[i]))
    return seen


def check_graph(sc: CompiledScenario) -> list[Problem]:
    """Static checks of the node graph."""
    out = ProblemCollector(sc)
    nodes = sc.nodes
    interrupts = sorted({inc.interrupt for inc in sc.incidents if inc.interrupt is not None})
    roots = [sc.start, sc.catastrophe, *interrupts]
    reachable = _reach(sc, roots)
    for node in nodes:
        if node.index not in reachable:
            what = "ending" if node.kind == "ending" else "node"
            out.node(
                node,
                "id",
                f"this {what} cannot be reached from the start",
                "point some option's or outcome's 'next' at it, or remove it",
            )
    # Time runs forwards along every edge.
    for node in nodes:
        for target, field, i in _edges(node):
            if target == RESUME:
                continue
            nxt = nodes[target]
            if nxt.when < node.when:
                out.node(
                    node,
                    f"{field}[{i}].next",
                    f"leads back in time to '{nxt.id}' ({datetime_of(nxt.when):%d %b %H:%M})",
                    "give the next node a later 'when', or point to another node",
                    (field, i, "next"),
                )
    # Every path terminates: the graph (without @resume returns) has no cycle.
    colour: dict[int, int] = {}
    for root in range(len(nodes)):
        if colour.get(root):
            continue
        stack = [(root, iter(_edges(nodes[root])))]
        colour[root] = 1
        while stack:
            here, it = stack[-1]
            edge = next(it, None)
            if edge is None:
                colour[here] = 2
                stack.pop()
                continue
            target = edge[0]
            if target == RESUME:
                continue
            state = colour.get(target, 0)
            if state == 1:
                out.node(
                    nodes[here],
                    f"{edge[1]}[{edge[2]}].next",
                    f"forms a loop back to '{nodes[target].id}'",
                    "every path must end: point forward in the story",
                    (edge[1], edge[2], "next"),
                )
            elif state == 0:
                colour[target] = 1
                stack.append((target, iter(_edges(nodes[target]))))
    # '@resume' only makes sense below an incident's interrupt.
    below_interrupts = _reach(sc, interrupts)
    for node in nodes:
        for target, field, i in _edges(node):
            if target == RESUME and node.index not in below_interrupts:
                out.node(
                    node,
                    f"{field}[{i}].next",
                    "'@resume' is used outside an incident's interrupt",
                    "name the next node instead",
                    (field, i, "next"),
                )
    # Nuclear endings only through the risk model, so the risk figure stays honest.
    ordinary = _reach(sc, [sc.start, *interrupts], stop={sc.catastrophe})
    for node in nodes:
        if node.kind == "ending" and node.category in sc.catastrophic and node.index in ordinary:
            out.node(
                node,
                "category",
                "a nuclear ending is reachable without the risk model",
                "reach nuclear endings only through the 'risk.catastrophe' node",
            )
    cat_reach = _reach(sc, [sc.catastrophe])
    if not any(nodes[i].kind == "ending" and nodes[i].category in sc.catastrophic for i in cat_reach):
        out.top(
            ("risk", "catastrophe"),
            "risk.catastrophe",
            "leads to no nuclear ending",
            "its outcomes should lead to endings of a category marked 'catastrophic: true' under 'endings:'",
        )
    # Decisions on the documented path name what happened.
    for node in nodes:
        if node.kind == "decision":
            marked = [o.id for o in node.options if o.historical]
            if len(marked) > 1:
                out.node(
                    node,
                    "options",
                    f"{len(marked)} options are marked historical ({', '.join(marked)})",
                    "mark only the option actually taken in 1962",
                )
    return out.items


_READS_RISK = re.compile(r"(?<![A-Za-z0-9_])risk(?![A-Za-z0-9_])")


def advice(sc: CompiledScenario) -> list[Problem]:
    """Notes for authors, not errors: what is allowed but costly.

    A computer-played option whose weight reads `risk` makes states that differ only in their cumulative
    risk (a value different on nearly every path) have different futures, so exact analysis cannot share
    them and its cost grows with the number of paths. A leader sees alerts, speeches and incidents, not
    the game's risk figure: a variable the scenario raises on those events usually says the same thing.
    """
    out = ProblemCollector(sc)
    for index, node in enumerate(sc.model.nodes):
        if not isinstance(node, DecisionNode):
            continue
        for i, opt in enumerate(node.options):
            if opt.weight is not None and _READS_RISK.search(str(opt.weight)):
                out.node(
                    sc.nodes[index],
                    f"options[{i}].weight",
                    f"note: the weight of '{opt.id}' reads the cumulative risk, which makes exact analysis "
                    "expensive (histories with different risk cannot share their future)",
                    "prefer a variable for the danger that side perceives, raised by the events it can see",
                    ("options", i, "weight"),
                )
    return out.items


def validate(sc: CompiledScenario) -> list[Problem]:
    """The static checks; an empty list means the graph is sound. The checks that need to play the
    scenario (dead ends, the documented path's ending and risk band) are in game.analysis.playtest,
    whose `validate` runs both."""
    return check_graph(sc)
