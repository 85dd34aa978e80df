"""Benchmarks of the report: `python -m game.report.bench [--scenario ID|PATH] [--seed N]`.

Prints figures, asserts nothing: the documented course (played once per report unless a session
hands it over), building the report, and rendering it as Markdown and HTML, with the output sizes.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import TypeVar

from game.analysis.documented import documented_path
from game.analysis.simulate import play
from game.engine.engine import Engine
from game.report.build import build_report
from game.report.render_html import render_html
from game.report.render_md import render_markdown
from game.report.replay import narrated
from game.scenario.catalog import load

T = TypeVar("T")


def _ms(fn: Callable[[], T], repeat: int = 20) -> tuple[float, T]:
    times: list[float] = []
    result = fn()
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default=None)
    parser.add_argument("--seed", type=int, default=665164120)
    args = parser.parse_args(argv)
    engine = Engine(load(args.scenario))
    state = narrated(engine, play(engine, "random", args.seed))
    doc_ms, doc = _ms(lambda: documented_path(engine))
    build_ms, report = _ms(lambda: build_report(engine, state, doc))
    md_ms, md = _ms(lambda: render_markdown(report))
    html_ms, page = _ms(lambda: render_html(report))
    print(f"scenario {engine.scenario.id}, random game seed {args.seed}: {len(report.decisions)} decisions")
    print(f"documented course: {doc_ms:.2f} ms; build_report given it: {build_ms:.2f} ms (medians of 20)")
    print(f"render_markdown: {md_ms:.2f} ms, {len(md.encode()):,} bytes")
    print(f"render_html: {html_ms:.2f} ms, {len(page.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
