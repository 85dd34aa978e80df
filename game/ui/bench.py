"""Figures for the UI: start-up to first interactive frame, peak memory, frame time, idle CPU.

    python -m game.ui.bench [--scenario ID|PATH] [--runs 5] [--idle 10]
    xvfb-run -a python -m game.ui.bench      # a real X server instead of SDL's dummy driver

Every run uses a fresh temporary EXCOMM_HOME, so no real settings or saves are touched.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import os, resource, sys, time
import pygame
from game.ui.app import run
mode, scenario, idle = sys.argv[1], sys.argv[2] or None, float(sys.argv[3])
def first():
    print("FIRST", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    if mode == "start":
        os._exit(0)
    if mode == "idle-decision":  # New game (waits for the scenario load), then S skips the briefing
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0))
        skip = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_s, mod=0, unicode="", scancode=0)
        pygame.time.set_timer(skip, 1500, 1)
    pygame.time.set_timer(pygame.QUIT, int(idle * 1000) + (1500 if mode == "idle-decision" else 0), 1)
code = run(scenario=scenario, seed=1, size=(1280, 720), fullscreen=False, on_first_frame=first)
print("RSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
sys.exit(code)
"""


def _env(home: str) -> dict:
    env = dict(os.environ, EXCOMM_HOME=home, PYTHONPATH=str(ROOT))
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["SDL_VIDEODRIVER"] = "dummy"
    return env


def startup(scenario: str, runs: int) -> tuple[list[float], list[int]]:
    times, rss = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            t0 = time.perf_counter()
            p = subprocess.Popen(
                [sys.executable, "-c", CHILD, "start", scenario, "0"],
                cwd=ROOT,
                env=_env(home),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            line = p.stdout.readline()
            times.append(time.perf_counter() - t0)
            p.wait()
            if not line.startswith("FIRST"):
                raise SystemExit(f"the game did not start: {p.stderr.read().strip()}")
            rss.append(int(line.split()[1]))
    return times, rss


def idle_cpu(scenario: str, mode: str, seconds: float) -> tuple[float, float]:
    """CPU seconds (user+sys) the game uses while `seconds` pass on a static screen, and the wall time.

    Counted from the first frame, so the title's figure includes the background scenario load."""
    with tempfile.TemporaryDirectory() as home:
        p = subprocess.Popen(
            [sys.executable, "-c", CHILD, mode, scenario, str(seconds)],
            cwd=ROOT,
            env=_env(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        p.stdout.readline()
        t0 = time.perf_counter()
        with open(f"/proc/{p.pid}/stat") as f:
            before = f.read().rsplit(")", 1)[1].split()
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    tick = os.sysconf("SC_CLK_TCK")
    used_before = (int(before[11]) + int(before[12])) / tick  # utime, stime at first frame
    return usage.ru_utime + usage.ru_stime - used_before, wall


def frame_times(scenario: str, frames: int = 120) -> dict:
    """In-process: ms per full redraw of the decision screen (dummy driver), and of the debrief."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.scenario import catalog
    from game.ui.app import App

    with tempfile.TemporaryDirectory() as home:
        os.environ["EXCOMM_HOME"] = home
        app = App(catalog.load(scenario or None), seed=1, size=(1280, 720), fate="history")

        def key(k):
            app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
            app.tick(1.0)
            app.draw()

        key(pygame.K_RETURN)
        key(pygame.K_s)
        out = {}
        for label in ("decision", "decision-map"):
            if label == "decision-map":
                key(pygame.K_TAB)
            samples = []
            for _ in range(frames):
                t0 = time.perf_counter()
                app.draw(force=True)
                pygame.display.flip()
                samples.append((time.perf_counter() - t0) * 1000)
            out[label] = statistics.median(samples)
            out[label + "-p95"] = statistics.quantiles(samples, n=20)[-1]
        t0 = time.perf_counter()
        app.scene.layout(app.size)
        out["decision-relayout"] = (time.perf_counter() - t0) * 1000
        out["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        pygame.display.quit()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle", type=float, default=10.0)
    a = ap.parse_args(argv)
    display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or "none (SDL dummy driver)"
    print(f"display: {display}; scenario: {a.scenario or 'default'}")
    times, rss = startup(a.scenario, a.runs)
    print(
        f"start-up to first interactive frame: median {statistics.median(times) * 1000:.0f} ms "
        f"(runs: {', '.join(f'{t * 1000:.0f}' for t in times)} ms)"
    )
    print(f"peak memory at first frame: {max(rss) / 1024:.1f} MiB (ru_maxrss)")
    ft = frame_times(a.scenario)
    print(
        f"decision screen full redraw: median {ft['decision']:.2f} ms, p95 {ft['decision-p95']:.2f} ms "
        f"(briefing/intel tab); median {ft['decision-map']:.2f} ms, p95 {ft['decision-map-p95']:.2f} ms (map tab); "
        f"re-layout {ft['decision-relayout']:.1f} ms"
    )
    print(f"peak memory after a documented-path set-up in-process: {ft['rss_kb'] / 1024:.1f} MiB")
    for mode in ("idle-title", "idle-decision"):
        cpu, wall = idle_cpu(a.scenario, mode, a.idle)
        share = 100 * cpu / wall
        print(f"static {mode.split('-')[1]} screen: {cpu:.3f} s CPU over {wall:.1f} s ({share:.2f}% of a core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
