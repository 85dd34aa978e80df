"""Figures for the UI: start-up to first interactive frame, peak memory, frame time, idle CPU.

Idle CPU is the CPU seconds the game's real main loop uses over `--idle` seconds on a static screen (the
process's own count, every thread: little disturbed by other load on the machine, unlike a percentage).

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
mode, scenario = sys.argv[1], sys.argv[2] or None
def first():
    print("FIRST", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    os._exit(0)
code = run(scenario=scenario, seed=1, size=(1280, 720), fullscreen=False, on_first_frame=first)
sys.exit(code)
"""

# A static screen in the app's real main loop: the screen is reached by synthetic keys first (title; the first
# decision; a late decision, where the tension bed plays, with the full map open), then the loop runs `idle`
# seconds untouched and the CPU seconds it used are counted (all threads: SDL's audio mixing too).
IDLE_CHILD = r"""
import os, resource, sys, time
import pygame
from game.analysis.documented import historical_choice
from game.scenario import catalog
from game.ui.app import App
screen, scenario, idle = sys.argv[1], sys.argv[2] or None, float(sys.argv[3])
app = App(catalog.load(scenario), seed=1, size=(1280, 720), fate="history")
def key(k):
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
    app.tick(0.5)
    app.draw()
if screen != "title":
    app.scene.menu.focus = 1
    key(pygame.K_RETURN)
    key(pygame.K_s)
while screen == "late-map" and not (type(app.scene).__name__ == "DecisionScene" and app.scene.session.state.risk > 0.1):
    if type(app.scene).__name__ == "DecisionScene":
        hist = historical_choice(app.engine, app.scene.node.id)
        key(pygame.K_0 + next(c for c in app.scene.choices if c.id == hist[0]).number)
    key(pygame.K_RETURN)
if screen == "late-map":
    key(pygame.K_g)
for _ in range(5):
    app.tick(0.5)
    app.draw()
pygame.event.clear()
pygame.time.set_timer(pygame.QUIT, int(idle * 1000), 1)
used = lambda r: r.ru_utime + r.ru_stime
before, t0, frames = used(resource.getrusage(resource.RUSAGE_SELF)), time.perf_counter(), app.frames
app.loop()
cpu, wall = used(resource.getrusage(resource.RUSAGE_SELF)) - before, time.perf_counter() - t0
print("IDLE", type(app.scene).__name__, f"{cpu:.4f}", f"{wall:.3f}", app.frames - frames, flush=True)
"""


EVENTS_CHILD = r"""
import os, random, resource, sys, time
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
import pygame
from game.scenario import catalog
from game.ui.app import App
n, seed = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
keys = [pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT,
        pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_s, pygame.K_SPACE, pygame.K_1, pygame.K_2, pygame.K_3]
def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
app = App(catalog.load(None), seed=seed, size=(1280, 720))
app.draw()
start, t0, samples = rss_mib(), time.perf_counter(), []
for i in range(n):
    w, h = app.size
    roll = rng.random()
    if roll < 0.15:
        size = rng.choice([(rng.randint(1, 3000), rng.randint(1, 2000)), (rng.randint(1, 200), rng.randint(1, 200))])
        ev = pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
    elif roll < 0.55:
        ev = pygame.event.Event(pygame.KEYDOWN, key=rng.choice(keys), mod=0, unicode="", scancode=0)
    elif roll < 0.75:
        ev = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(rng.randrange(w), rng.randrange(h)), button=1)
    elif roll < 0.9:
        pos = (rng.randrange(w), rng.randrange(h))
        ev = pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    else:
        ev = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False)
    app.handle(ev)
    app.running = True  # a random Quit must not end the run
    app.tick(0.05)
    app.draw()
    if (i + 1) % (n // 10 or 1) == 0:
        samples.append(round(rss_mib()))
print("EVENTS", n, round(start), round(rss_mib()), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
      round(time.perf_counter() - t0), " ".join(map(str, samples)), flush=True)
"""

WRAP_CHILD = r"""
import os, sys, time
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
import pygame
pygame.font.init()
from game.ui import paths
from game.ui.widgets.text import wrap
font = pygame.font.Font(str(paths.font_path("DejaVuSans.ttf")), 18)
for n in map(int, sys.argv[1:]):
    t0 = time.perf_counter()
    lines = wrap(font, "x" * n, 600)
    print("WRAP", n, f"{time.perf_counter() - t0:.4f}", len(lines), flush=True)
"""


def random_events(events: int, seed: int = 1, root: Path = ROOT) -> dict:
    """RSS while `events` random inputs (keys, clicks, wheel, resizes from 1x1 up) drive the real game.

    `root` may name another checkout of the game, to measure an older version the same way."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(_env(home), PYTHONPATH=str(root))
        env.setdefault("SDL_VIDEODRIVER", "dummy")
        r = subprocess.run(
            [sys.executable, "-c", EVENTS_CHILD, str(events), str(seed)],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
        )
    line = next((x for x in r.stdout.splitlines() if x.startswith("EVENTS")), None)
    if line is None:
        raise SystemExit(f"the random-event run failed: {r.stderr.strip()[-2000:]}")
    _, n, start, end, peak, seconds, *samples = line.split()
    return {
        "events": int(n),
        "rss_start_mib": int(start),
        "rss_end_mib": int(end),
        "peak_mib": int(peak),
        "seconds": int(seconds),
        "samples_mib": [int(x) for x in samples],
    }


def wrap_times(lengths: list[int], root: Path = ROOT) -> list[tuple[int, float, int]]:
    """Seconds to wrap one unbroken word of each length into 600 px lines: (length, seconds, lines)."""
    env = dict(os.environ, PYTHONPATH=str(root), SDL_VIDEODRIVER="dummy")
    r = subprocess.run(
        [sys.executable, "-c", WRAP_CHILD, *map(str, lengths)], cwd=root, env=env, capture_output=True, text=True
    )
    rows = [x.split() for x in r.stdout.splitlines() if x.startswith("WRAP")]
    if len(rows) != len(lengths):
        raise SystemExit(f"the wrap benchmark failed: {r.stderr.strip()[-2000:]}")
    return [(int(n), float(t), int(k)) for _, n, t, k in rows]


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
                [sys.executable, "-c", CHILD, "start", scenario],
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


def idle_cpu(scenario: str, screen: str, seconds: float) -> tuple[float, float, str, int]:
    """CPU seconds (user+sys, every thread) the game's main loop uses while `seconds` pass on a static
    `screen` ('title', 'decision' or 'late-map'), the wall time, the scene and the frames drawn meanwhile."""
    with tempfile.TemporaryDirectory() as home:
        env = _env(home)
        env.setdefault("SDL_AUDIODRIVER", "dummy")  # a mixer that mixes, where the machine has no sound card
        r = subprocess.run(
            [sys.executable, "-c", IDLE_CHILD, screen, scenario, str(seconds)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
    line = next((x for x in r.stdout.splitlines() if x.startswith("IDLE")), None)
    if line is None:
        raise SystemExit(f"the idle run failed: {r.stderr.strip()[-2000:]}")
    _, scene, cpu, wall, frames = line.split()
    return float(cpu), float(wall), scene, int(frames)


def frame_times(scenario: str, frames: int = 120) -> dict:
    """In-process: ms per full redraw of the decision screen (dummy driver), its map tab and the full map."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # no sound card: a mixer into nothing, not ALSA's complaints
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
        for label in ("decision", "decision-map", "map-full"):
            if label == "decision-map":
                key(pygame.K_TAB)
            if label == "map-full":
                key(pygame.K_g)  # the full map over the decision
            samples, cpu = [], []
            for _ in range(frames):
                t0, c0 = time.perf_counter(), time.thread_time()
                app.draw(force=True)
                pygame.display.flip()
                samples.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.thread_time() - c0) * 1000)
            out[label] = statistics.median(samples)
            out[label + "-p95"] = statistics.quantiles(samples, n=20)[-1]
            out[label + "-cpu"] = statistics.median(cpu)  # CPU time: less disturbed by other load
            out[label + "-cpu-p95"] = statistics.quantiles(cpu, n=20)[-1]
        key(pygame.K_ESCAPE)  # back to the decision
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
    ap.add_argument("--events", type=int, default=20_000, help="random inputs for the memory figure")
    ap.add_argument("--only", choices=("all", "robust"), default="all", help="robust: only wrapping and memory")
    a = ap.parse_args(argv)
    for n, seconds, lines in wrap_times([1_000, 10_000, 100_000]):
        print(f"wrapping one unbroken word of {n:,} characters at 600 px: {seconds * 1000:.1f} ms ({lines} lines)")
    ev = random_events(a.events)
    print(
        f"memory over {ev['events']:,} random inputs (keys, clicks, wheel, resizes 1x1 to 3000x2000): "
        f"RSS {ev['rss_start_mib']} MiB at start, {ev['rss_end_mib']} MiB at the end, peak {ev['peak_mib']} MiB "
        f"(every tenth: {', '.join(map(str, ev['samples_mib']))}; {ev['seconds']} s)"
    )
    if a.only == "robust":
        return 0
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
    print(f"full map screen (G) full redraw: median {ft['map-full']:.2f} ms, p95 {ft['map-full-p95']:.2f} ms")
    print(
        "the same in CPU time (less disturbed by other load): "
        + "; ".join(
            f"{label} median {ft[label + '-cpu']:.2f} ms, p95 {ft[label + '-cpu-p95']:.2f} ms"
            for label in ("decision", "decision-map", "map-full")
        )
    )
    print(f"peak memory after a documented-path set-up in-process: {ft['rss_kb'] / 1024:.1f} MiB")
    for screen in ("title", "decision", "late-map"):
        cpu, wall, scene, frames = idle_cpu(a.scenario, screen, a.idle)
        print(
            f"static {screen} screen ({scene}): {cpu:.3f} s CPU over {wall:.1f} s of the main loop "
            f"({100 * cpu / wall:.2f}% of a core; {frames} frames drawn)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
