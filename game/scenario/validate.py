"""Whole-scenario checks beyond loading: the story graph and its calibration.

In the spirit of ChoiceScript's quicktest/randomtest: every node and ending
reachable, no dead ends, chances that sum to one, every path terminates, time
never runs backwards, nuclear endings only through the risk model, and the
documented path reaching the historical ending inside the stated risk band.
"""

from __future__ import annotations

import random

from game.engine.engine import Engine
from game.errors import RuleError
from game.scenario.compiled import RESUME, CompiledScenario, RNode, datetime_of
from game.scenario.errors import Problem

NUCLEAR = ("limited-nuclear", "general-nuclear")


class _Problems:
    def __init__(self, sc: CompiledScenario):
        self.sc = sc
        self.items: list[Problem] = []

    def node(self, node: RNode, field: str, message: str, fix: str, sub: tuple = ()) -> None:
        path = ("nodes", node.index) + sub
        line = self.sc.lines.line_of(path) if self.sc.lines else None
        self.items.append(Problem(self.sc.path, line, f"node '{node.id}'", field, message, fix))

    def top(self, at: tuple, field: str, message: str, fix: str) -> None:
        line = self.sc.lines.line_of(at) if self.sc.lines else None
        self.items.append(Problem(self.sc.path, line, None, field, message, fix))


def _edges(node: RNode) -> list[tuple[int, str, int]]:
    """(target, field name, item index) for every way out of a node."""
    if node.kind == "decision":
        return [(o.next, "options", i) for i, o in enumerate(node.options)]
    if node.kind == "chance":
        return [(o.next, "outcomes", i) for i, o in enumerate(node.outcomes)]
    return []


def _reach(sc: CompiledScenario, roots: list[int], stop: set[int] = frozenset()) -> set[int]:
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
    out = _Problems(sc)
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
            nxt = next(it, None)
            if nxt is None:
                colour[here] = 2
                stack.pop()
                continue
            target = nxt[0]
            if target == RESUME:
                continue
            state = colour.get(target, 0)
            if state == 1:
                out.node(
                    nodes[here],
                    f"{nxt[1]}[{nxt[2]}].next",
                    f"forms a loop back to '{nodes[target].id}'",
                    "every path must end: point forward in the story",
                    (nxt[1], nxt[2], "next"),
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
        if node.kind == "ending" and node.category in NUCLEAR and node.index in ordinary:
            out.node(
                node,
                "category",
                "a nuclear ending is reachable without the risk model",
                "reach nuclear endings only through the 'risk.catastrophe' node",
            )
    cat_reach = _reach(sc, [sc.catastrophe])
    if not any(nodes[i].kind == "ending" and nodes[i].category in NUCLEAR for i in cat_reach):
        out.top(
            ("risk", "catastrophe"),
            "risk.catastrophe",
            "leads to no nuclear ending",
            "its outcomes should lead to 'limited-nuclear' or 'general-nuclear' endings",
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


def check_play(sc: CompiledScenario, runs: int = 400, seed: int = 0) -> list[Problem]:
    """Dynamic checks by playing: dead ends, the documented path and its risk band."""
    out = _Problems(sc)
    engine = Engine(sc)
    rng = random.Random(seed)
    stuck: set[str] = set()
    failures: dict[str, str] = {}
    for run in range(runs):
        try:
            state = engine.new_game(seed=seed + run)
            while not state.ended:
                options = [c for c in engine.choices(state, in_scenario_order=True) if c.available]
                if not options:
                    stuck.add(engine.node(state).id)
                    break
                engine.choose(state, rng.choice(options).id)
        except RuleError as exc:
            failures.setdefault(str(exc), engine.node(state).id)
    for node_id in sorted(stuck):
        out.node(
            sc.by_id[node_id],
            "options",
            "every option was unavailable in a reachable state (a dead end)",
            "add an option with no condition, or loosen the conditions",
        )
    for message, node_id in failures.items():
        out.node(sc.by_id[node_id], "", f"play failed: {message}", "fix the scenario so play can go on")
    # The documented course.
    from game.analysis.documented import documented_path

    try:
        state = documented_path(engine)
    except RuleError as exc:
        out.top(
            ("nodes",),
            "nodes",
            f"the documented path cannot be played: {exc}",
            "mark the option taken in 1962 'historical: true' on each decision of the path",
        )
        return out.items
    end = engine.node(state)
    has_historical = any(n.kind == "ending" and n.category == "historical" for n in sc.nodes)
    if has_historical and end.category != "historical":
        out.node(
            end,
            "category",
            "the documented path (historical options and outcomes) ends here, not at the historical ending",
            "mark the 1962 choices and outcomes 'historical: true'",
        )
    low, high = sc.model.risk.band
    if not low <= state.risk <= high:
        out.top(
            ("risk", "band"),
            "risk.band",
            f"the documented path ends with cumulative risk {state.risk:.1%}, outside the band {low:.0%}–{high:.0%}",
            "retune the drivers and shocks, or justify a new band in risk.calibration",
        )
    return out.items


def validate(sc: CompiledScenario, runs: int = 400) -> list[Problem]:
    """All checks; an empty list means the scenario is valid."""
    problems = check_graph(sc)
    if not problems:  # playing a broken graph would only repeat the same problems
        problems = check_play(sc, runs=runs)
    return problems
