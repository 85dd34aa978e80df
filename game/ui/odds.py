"""The odds of every option at a decision, exact, computed off the main thread.

`option_odds(engine, state, policy)` is the one place the window asks for them: for each option
open now, the exact distribution of ending categories and the chance of nuclear use if that option
is taken and play goes on by `policy`, every branch of chance followed. It runs today's exact
solver (`game.analysis.exact._Solver`) from the state; when the fast analyser lands, re-point this
function at it and nothing else in the window changes.

`OddsWorker` runs `option_odds` on a daemon thread (never touching pygame) and hands the answer
back to the main thread, which polls `result()` in `update()`. A newer request cancels an older one.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass

from game.analysis.exact import POLICY_FUNCTIONS, Distribution, _Solver
from game.engine.engine import Engine
from game.engine.state import GameState
from game.errors import AnalysisError

# The ways of playing on a player can pick, in the order shown, with words for them.
POLICY_LABELS: dict[str, str] = {
    "historical-dice": "the 1962 choices",
    "diplomacy": "quarantine and negotiation",
    "force": "force",
    "random": "at random",
}
MEMO_LIMIT = 400_000  # states remembered per policy before the memo is dropped (memory bound)


@dataclass(frozen=True)
class OptionOdds:
    option: str
    number: int
    text: str
    historical: bool
    endings: dict[str, float]  # ending category -> probability, given this option and then the policy
    nuclear: float  # P(nuclear use) from here


class Cancelled(Exception):
    """A newer request replaced this one."""


class _Cancellable(_Solver):
    def __init__(self, engine: Engine, policy: str):
        super().__init__(engine.scenario, POLICY_FUNCTIONS[policy])
        self.scenario = engine.scenario
        self.cancel: threading.Event | None = None

    def solve(self, state: GameState) -> Distribution:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled
        return super().solve(state)


_solvers: dict[tuple[int, str], _Cancellable] = {}
_lock = threading.Lock()  # one computation at a time shares a solver's memo


def _lean(engine: Engine, state: GameState) -> GameState:
    """The state as the solver wants it: dice fall as they may, the scenario plays the other side, no history."""
    lean = state.clone()
    lean.fate = "dice"
    lean.path = []
    lean.steps = []
    lean.decisions = []
    lean.controlled = (engine.scenario.model.player,)
    return lean


def option_odds(
    engine: Engine, state: GameState, policy: str, cancel: threading.Event | None = None
) -> list[OptionOdds]:
    """For each option open at the decision awaited in `state`: the exact odds if taken, then `policy` played."""
    if policy not in POLICY_FUNCTIONS:
        raise AnalysisError(f"no exact analysis for the policy '{policy}': choose from {', '.join(POLICY_FUNCTIONS)}")
    if state.ended or engine.node(state).kind != "decision":
        raise AnalysisError("the odds are for a decision: this point is not one")
    if engine.node(state).actor != engine.scenario.model.player:
        raise AnalysisError("the odds are for the player's decisions; the scenario decides for the other side")
    categories = {n.id: n.category for n in engine.scenario.nodes if n.kind == "ending"}
    lean = _lean(engine, state)
    out = []
    with _lock:
        key = (id(engine.scenario), policy)
        solver = _solvers.get(key)
        # the memo belongs to one compiled scenario: an id can be reused once a scenario is gone
        if solver is None or solver.scenario is not engine.scenario or len(solver.memo) > MEMO_LIMIT:
            if len(_solvers) >= 16:
                _solvers.clear()
            solver = _solvers[key] = _Cancellable(engine, policy)
        solver.cancel = cancel
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 20_000))  # one frame per decision on the deepest path
        try:
            for c in engine.choices(state):  # the order and numbers the decision screen shows
                if not c.available:
                    continue
                dist = Distribution(survival=0.0)
                solver.take(lean, c.id, 1.0, dist)
                endings: dict[str, float] = {}
                for end, p in dist.endings.items():
                    cat = categories.get(end, end)
                    endings[cat] = endings.get(cat, 0.0) + p
                out.append(OptionOdds(c.id, c.number, c.text, c.historical, endings, dist.nuclear))
        finally:
            sys.setrecursionlimit(limit)
            solver.cancel = None
    return out


@dataclass
class OddsJob:
    key: tuple
    started: float
    result: list[OptionOdds] | None = None
    error: str = ""
    seconds: float = 0.0


class OddsWorker:
    """One background computation at a time; the main thread polls `poll()` and never waits."""

    def __init__(self) -> None:
        self.job: OddsJob | None = None
        self._cancel: threading.Event | None = None
        self._done = threading.Event()

    def request(self, engine: Engine, state: GameState, policy: str, key: tuple) -> None:
        if self.job is not None and self.job.key == key:
            return
        if self._cancel is not None:
            self._cancel.set()
        cancel = threading.Event()
        job = OddsJob(key, time.perf_counter())
        self.job, self._cancel = job, cancel
        snapshot = state.clone()  # the worker reads its own copy: the session's state is the main thread's

        def work() -> None:
            try:
                job.result = option_odds(engine, snapshot, policy, cancel)
            except Cancelled:
                return
            except AnalysisError as exc:
                job.error = str(exc)
            except Exception as exc:  # a bug must not kill the window: say so on the screen
                job.error = f"the odds could not be computed ({type(exc).__name__}: {exc})"
            job.seconds = time.perf_counter() - job.started

        threading.Thread(target=work, name="excomm-odds", daemon=True).start()

    @property
    def busy(self) -> bool:
        job = self.job
        return job is not None and job.result is None and not job.error

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        self.job = None

    def wait(self, timeout: float) -> bool:
        """For tests and tools: wait until the current job is done (True) or the timeout passes."""
        end = time.perf_counter() + timeout
        while self.busy and time.perf_counter() < end:
            time.sleep(0.01)
        return not self.busy
