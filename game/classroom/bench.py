"""Classroom figures: a 50-minute-plan lesson played through by script with the default timers (how long the
script takes, and how much lesson time the discussions would fill), and the paper's page counts and build times.

    python -m game.classroom.bench [--seeds N]
"""

from __future__ import annotations

import argparse
import statistics
import time

from game.classroom.debrief import lesson_report
from game.classroom.lesson import Lesson, default_seconds
from game.classroom.paper import lesson_pack_pdf, report_pdf
from game.classroom.roles import teams_of
from game.engine.engine import Engine
from game.scenario.catalog import load
from game.session.inputs import Setup


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def scripted_lesson(engine: Engine, people: tuple[str, ...], seed: int, minutes: int = 50) -> tuple[Lesson, float]:
    """Every decision the plan plays: discussion to the end of the default timer, a vote of every role, the
    leader's choice (the 1962 one where there is one). Returns the lesson and the discussion time it filled (s)."""
    clock = _Clock()
    setup = Setup(people=people, count=20, minutes=minutes, seconds=default_seconds(len(people)))
    lesson = Lesson.start(engine, setup, seed=seed, clock=clock)
    roles = engine.scenario.model.roles
    filled = 0.0
    while not lesson.ended:
        lesson.discuss()
        state = lesson.session.state
        available = engine.available_ids(state)
        documented = next((c.id for c in engine.choices(state, True) if c.historical and c.available), available[0])
        for rid, role in roles.items():
            if role.side == lesson.awaited or role.team == lesson.awaited:
                lesson.vote(rid, documented if role.decides else available[sum(map(ord, rid)) % len(available)])
        lesson.open_vote()
        clock.now += lesson.remaining()
        filled += lesson.setup.seconds
        lesson.time_out() if lesson.timed_out() else lesson.decide()
        lesson.next()
    return lesson, filled


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=20)
    args = parser.parse_args(argv)
    engine = Engine(load())
    for people in (teams_of(engine, False), teams_of(engine, True)):
        walls, decisions, fills, inputs = [], [], [], []
        for seed in range(1, args.seeds + 1):
            start = time.perf_counter()
            lesson, filled = scripted_lesson(engine, people, seed)
            walls.append(time.perf_counter() - start)
            decisions.append(sum(1 for d in lesson.class_path() if d.how != "auto"))
            fills.append(filled / 60)
            inputs.append(len(lesson.session.log))
        print(
            f"50-minute plan, {' and '.join(people)}: script {statistics.mean(walls) * 1000:.0f} ms a lesson "
            f"(max {max(walls) * 1000:.0f} ms); class decisions {min(decisions)}-{max(decisions)} "
            f"(median {statistics.median(decisions):.0f}); discussion time at the default timer "
            f"{statistics.median(fills):.0f} min (median); log {statistics.median(inputs):.0f} inputs"
        )
    lesson, _ = scripted_lesson(engine, teams_of(engine, True), 6)
    for size in ("a4", "letter"):
        start = time.perf_counter()
        pack = lesson_pack_pdf(engine, lesson.people, lesson.casting, size)
        t_pack = time.perf_counter() - start
        start = time.perf_counter()
        report = report_pdf(lesson_report(lesson), size)
        t_report = time.perf_counter() - start
        print(
            f"paper ({size}): pack {_pages(pack)} pages, {len(pack) / 1024:.0f} KiB in {t_pack:.2f} s; "
            f"report {_pages(report)} pages, {len(report) / 1024:.0f} KiB in {t_report:.2f} s"
        )


def _pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


if __name__ == "__main__":
    main()
