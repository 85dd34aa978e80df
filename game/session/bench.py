"""Session figures: replaying a long history from its save, and jumping around a tree of histories.

python -m game.session.bench
"""

from __future__ import annotations

import json
import statistics
import time

from game.analysis.documented import historical_choice
from game.engine.engine import Engine
from game.scenario.catalog import load
from game.session import Session, dump_session, load_session


def _long_history(engine: Engine) -> Session:
    """Both sides played by people along the 1962 course: the longest line the scenario has."""
    s = Session.new(engine, seed=1, fate="history", controlled=engine.scenario.sides)
    while not s.state.ended:
        node = engine.node(s.state)
        hist = historical_choice(engine, node.id)
        s.choose(
            hist[0] if hist else next(c.id for c in engine.choices(s.state, in_scenario_order=True) if c.available)
        )
    return s


def _branchy(engine: Engine, variations: int) -> Session:
    """The 1962 course for the US, then `variations` departures, each played on for a few decisions."""
    s = Session.new(engine, seed=2, fate="dice")
    while not s.state.ended:
        hist = historical_choice(engine, engine.node(s.state).id)
        s.choose(hist[0] if hist else engine.available_ids(s.state)[0])
    line = [n for n in s.root.end().path() if not s.state_at(n).ended]
    made = 0
    for k in range(len(line) * 4):
        if made == variations:
            break
        point = line[k % len(line)]
        s.go_to(point)
        ids = engine.available_ids(s.state)
        taken = {v.move.option for v in point.variations if v.move is not None and hasattr(v.move, "option")}
        fresh = [i for i in ids if i not in taken]
        if not fresh:
            continue
        s.choose(fresh[0])
        made += 1
        for _ in range(3):
            if s.state.ended:
                break
            s.choose(engine.available_ids(s.state)[0])
    return s


def main() -> None:
    engine = Engine(load("october-1962"))
    long = _long_history(engine)
    data = json.loads(json.dumps(dump_session(long)))
    times = []
    for _ in range(20):
        start = time.perf_counter()
        load_session(engine, data)
        times.append(time.perf_counter() - start)
    decisions = long.current.depth()
    print(f"replay a {decisions}-decision history from its save: median {statistics.median(times) * 1000:.2f} ms")

    tree = _branchy(engine, 20)
    nodes = list(tree.root.walk())
    variations = sum(max(0, len(n.variations) - 1) for n in nodes)
    cold, warm = [], []
    for node in nodes:
        tree._cache.clear()
        start = time.perf_counter()
        tree.go_to(node)
        _ = tree.state
        cold.append(time.perf_counter() - start)
    for node in nodes:
        start = time.perf_counter()
        tree.go_to(node)
        _ = tree.state
        warm.append(time.perf_counter() - start)
    print(
        f"jump to any of {len(nodes)} nodes of a tree with {variations} variations: "
        f"no checkpoints max {max(cold) * 1000:.2f} ms (median {statistics.median(cold) * 1000:.2f}), "
        f"with checkpoints max {max(warm) * 1000:.3f} ms"
    )
    data = json.loads(json.dumps(dump_session(tree)))
    start = time.perf_counter()
    load_session(engine, data)
    print(f"load that tree from its save: {(time.perf_counter() - start) * 1000:.1f} ms, {len(json.dumps(data))} bytes")


if __name__ == "__main__":
    main()
