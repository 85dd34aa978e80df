"""Histories-screen figures: opening it and redrawing it with 20 variations; the odds at a late decision.

    python -m game.ui.bench_histories        (SDL's dummy driver unless a display is asked for)

Prints figures; asserts nothing (performance is measured, not tested).
"""

from __future__ import annotations

import os
import random
import statistics
import time


def _session_with_variations(engine, n: int, seed: int = 3):
    from game.analysis.documented import historical_choice
    from game.session import Session

    session = Session.new(engine, seed=seed, fate="dice")
    rng = random.Random(seed)

    def play_out(prefer_history: bool) -> None:
        while not session.state.ended:
            st = session.state
            ids = engine.available_ids(st)
            hist = historical_choice(engine, engine.node(st).id)
            pick = hist[0] if prefer_history and hist and hist[0] in ids else ids[int(rng.random() * len(ids))]
            session.choose(pick)

    play_out(True)
    while len(session.root.leaves()) < n:
        points = [p for p in session.decision_points() if p is not session.current] or session.decision_points()
        session.go_to(rng.choice(points))
        play_out(False)
        session.go_to(rng.choice(session.root.leaves()))
    return session


def main() -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import tempfile

    import pygame

    os.environ.setdefault("EXCOMM_HOME", tempfile.mkdtemp(prefix="excomm-bench-"))
    from game.scenario import catalog
    from game.ui.app import App
    from game.ui.scenes.histories import HistoriesScene

    compiled = catalog.load(None)
    for size in ((1024, 600), (1280, 720), (1920, 1080)):
        app = App(compiled, seed=1, size=size)
        t = time.perf_counter()
        session = _session_with_variations(app.engine, 20)
        build = time.perf_counter() - t
        t = time.perf_counter()
        _ = session.documented  # the 1962 line, computed once per game
        documented = time.perf_counter() - t
        opens = []
        for _ in range(10):
            t = time.perf_counter()
            scene = HistoriesScene(app, session)
            scene.layout(app.size)
            opens.append(time.perf_counter() - t)
        app.scene = scene
        draws, cpu = [], []
        for i in range(200):
            if i % 20 == 0:  # move the selection now and then, as a player would
                scene._select(1 + i % (len(scene.lines) - 1), i % 5)
            t, c = time.perf_counter(), time.thread_time()
            app.screen.fill(app.tf.pal.bg)
            scene.draw(app.screen)
            draws.append(time.perf_counter() - t)
            cpu.append(time.thread_time() - c)
        print(
            f"{size[0]}x{size[1]}: {len(scene.lines) - 1} histories + 1962; "
            f"building them {build:.2f} s (play, not the screen); the 1962 line {documented * 1000:.0f} ms once; "
            f"open median {statistics.median(opens) * 1000:.1f} ms (max {max(opens) * 1000:.1f}); "
            f"redraw median {statistics.median(draws) * 1000:.2f} ms (p95 {sorted(draws)[189] * 1000:.2f}, "
            f"max {max(draws[1:]) * 1000:.2f} after the first; the frames right after a move of the selection: "
            f"median {statistics.median(draws[20::20]) * 1000:.2f} ms); in CPU time, which other load on the "
            f"machine disturbs less: median {statistics.median(cpu) * 1000:.2f} ms, p95 {sorted(cpu)[189] * 1000:.2f}"
        )
        pygame.display.quit()
    # the odds at late decisions, by the exact analyser
    from game.analysis.documented import historical_choice
    from game.engine.engine import Engine
    from game.session import Session
    from game.ui.odds import option_odds, policy_labels

    engine = Engine(compiled)
    session = Session.new(engine, seed=1, fate="history")
    at = {}
    while not session.state.ended:
        node = engine.node(session.state).id
        at[node] = session.current
        session.choose(historical_choice(engine, node)[0])
    for node in ("d27-evening", "d27-letters"):
        for policy in policy_labels(compiled):
            if policy == "random" and node != "d27-evening":
                continue
            t = time.perf_counter()
            odds = option_odds(engine, session.state_at(at[node]), policy)
            took = time.perf_counter() - t
            print(f"odds at {node}, {policy}: {len(odds)} options in {took:.2f} s (the memo is kept across calls)")


if __name__ == "__main__":
    main()
