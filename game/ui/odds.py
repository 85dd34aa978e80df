"""The odds of every option at a decision, exact, computed off the main thread.

`option_odds(engine, state, policy)` is the one place the window asks for them: for each option
open now, the exact distribution of ending categories and the chance of nuclear use if that option
is taken and play goes on by `policy`, every branch of chance followed. It runs the exact
analyser (`game.analysis.exact.Analyser`), one per scenario and policy, so what it has solved is
remembered from one decision to the next. Where the exact analysis would follow more states than the
window may hold (`ROW_LIMIT`), the odds are estimated instead by playing each option on a fixed number of
times (`game.analysis.sampled`), and each result says so (`plays`, `margin`).

`OddsWorker` runs `option_odds` on a daemon thread (never touching pygame) and hands the answer
back to the main thread, which polls `result()` in `update()`. A newer request cancels an older one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from game.analysis.batch import AnalysisTooLarge
from game.analysis.exact import Analyser, AnalysisCancelled, lean_copy
from game.analysis.policies import policies
from game.analysis.sampled import PLAYS, SampledOdds, merged, sampled_option_odds
from game.engine.engine import Engine
from game.engine.state import GameState
from game.errors import AnalysisError
from game.scenario.compiled import CompiledScenario


def policy_labels(scenario: CompiledScenario) -> dict[str, str]:
    """The ways of playing on that a player can pick for the odds, in the order shown, with their names:
    the scenario's documented choices first, its strategies, then chance alone. (The documented course
    itself is not offered: with history's fate nothing is left to chance.)"""
    found = policies(scenario)
    order = ["historical-dice", *(n for n in found if n not in ("historical", "historical-dice", "random")), "random"]
    return {name: found[name].label for name in order if name in found}


MEMO_LIMIT = 400_000  # states remembered per policy before the memo is dropped (memory bound)
# States a batched analysis may hold at once in the window (about 1 GB at the peak): past it, within a few
# seconds (`random` before 24 October), the odds are estimated by sampling instead; the command line allows
# eight times as many, enough for exact odds of `random` from the start.
ROW_LIMIT = 1_500_000
SAMPLE_PLAYS = PLAYS  # games per option when the odds are estimated
# The games per option an estimate is brought up to, batch after batch, while the odds screen shows it:
# ±2.2 points after the first 2,000, about ±1.0 after 10,000 and ±0.45 after 50,000 (some forty seconds)
REFINE_PLAYS = (10_000, 50_000)


@dataclass(frozen=True)
class OptionOdds:
    option: str
    number: int
    text: str
    historical: bool
    endings: dict[str, float]  # ending category -> probability, given this option and then the policy
    nuclear: float  # P(nuclear use) from here
    plays: int = 0  # 0: exact; else an estimate from this many plays (exact analysis was out of reach)
    margin: float = 0.0  # an estimate's widest 95% margin


class Cancelled(Exception):
    """A newer request replaced this one."""


_analysers: dict[tuple[int, str], Analyser] = {}
_lock = threading.Lock()  # one computation at a time shares an analyser's memo
# Points whose exact odds were out of the window's reach, with their estimates (the same seeds give the same
# estimate, so a second visit need not wait for the exact analysis to give up again).
_estimates: dict[tuple[object, ...], list[OptionOdds]] = {}


def option_odds(
    engine: Engine,
    state: GameState,
    policy: str,
    cancel: threading.Event | None = None,
    early: Callable[[], list[OptionOdds] | None] | None = None,
) -> list[OptionOdds]:
    """For each option open at the decision awaited in `state`: the exact odds if taken, then `policy` played.

    Dice fall as they may from here (whatever fate the game was started with) and the scenario plays the
    other side: the odds answer "what if I took this, with real luck from now on". Where the exact odds
    would hold too many states they are estimated (`estimate_odds`); `early` gives an estimate already made
    for this request, if there is one, so that it is not made twice.
    """
    labels = policy_labels(engine.scenario)
    if policy not in labels:
        raise AnalysisError(f"no odds for the policy (way of playing) '{policy}': choose from {', '.join(labels)}")
    if state.ended or engine.node(state).kind != "decision":
        raise AnalysisError("the odds are for a decision: this point is not one")
    player = engine.scenario.model.player
    if engine.node(state).actor != player:
        raise AnalysisError("the odds are for the player's decisions; the scenario decides for the other side")
    lean = lean_copy(state, fate="dice", controlled=(player,))
    known = (id(engine.scenario), policy, lean.fingerprint())
    with _lock:
        estimate = _estimates.get(known)
    if estimate is not None:  # this point was out of exact reach before: the same estimate, at once
        return estimate
    with _lock:
        key = (id(engine.scenario), policy)
        analyser = _analysers.get(key)
        # the memo belongs to one compiled scenario: an id can be reused once a scenario is gone
        if analyser is None or analyser.scenario is not engine.scenario or analyser.remembered() > MEMO_LIMIT:
            if len(_analysers) >= 16:
                _analysers.clear()
            analyser = _analysers[key] = Analyser(engine.scenario, policy, row_limit=ROW_LIMIT)
        analyser.cancel = cancel.is_set if cancel is not None else None
        try:
            exact = {o.option: o for o in analyser.option_odds(lean)}
        except AnalysisCancelled:
            raise Cancelled from None
        except AnalysisTooLarge:
            exact = None
        finally:
            analyser.cancel = None
    if exact is None:  # too many states to hold in the window: estimate, and say so
        estimate = (early() if early is not None else None) or _sampled(engine, state, lean, policy, cancel)
        with _lock:
            if len(_estimates) >= 64:
                _estimates.clear()
            _estimates[known] = estimate
        return estimate
    return [
        OptionOdds(c.id, c.number, c.text, c.historical, dict(exact[c.id].categories), exact[c.id].nuclear)
        for c in engine.choices(state)  # the order and numbers the decision screen shows
        if c.available and c.id in exact
    ]


def refined(
    engine: Engine, state: GameState, policy: str, odds: list[OptionOdds], more: int, stop: Callable[[], bool]
) -> list[OptionOdds]:
    """An estimate made closer: `more` games of each option played on after those already counted (the seeds
    go on from there), pooled with them; remembered for this point in place of the estimate it refines."""
    if not odds or any(o.plays != odds[0].plays for o in odds) or not odds[0].plays:
        raise AnalysisError("only an estimate whose options were each played on as often can be refined")
    lean = lean_copy(state, fate="dice", controlled=(engine.scenario.model.player,))
    try:
        batch = {
            o.option: o
            for o in sampled_option_odds(engine.scenario, lean, policy, more, stop, first_seed=odds[0].plays)
        }
    except AnalysisCancelled:
        raise Cancelled from None
    out = []
    for o in odds:
        before = SampledOdds(o.option, o.text, o.historical, o.plays, dict(o.endings), o.nuclear)
        m = merged(before, batch[o.option]) if o.option in batch else before
        out.append(OptionOdds(o.option, o.number, o.text, o.historical, m.categories, m.nuclear, m.plays, m.margin))
    with _lock:
        _estimates[(id(engine.scenario), policy, lean.fingerprint())] = out
    return out


def estimate_odds(engine: Engine, state: GameState, policy: str, stop: Callable[[], bool]) -> list[OptionOdds]:
    """The odds of each option at `state` estimated by sampling (`SAMPLE_PLAYS` games each), as `option_odds`
    would give them where the exact ones are out of reach; `stop` ends it early (`Cancelled`)."""
    lean = lean_copy(state, fate="dice", controlled=(engine.scenario.model.player,))
    return _sampled(engine, state, lean, policy, stop)


def _sampled(
    engine: Engine,
    state: GameState,
    lean: GameState,
    policy: str,
    cancel: threading.Event | Callable[[], bool] | None,
) -> list[OptionOdds]:
    """The odds estimated by sampling (game.analysis.sampled), where exact analysis would hold too much."""
    stop = cancel.is_set if isinstance(cancel, threading.Event) else cancel
    try:
        found = {o.option: o for o in sampled_option_odds(engine.scenario, lean, policy, SAMPLE_PLAYS, stop)}
    except AnalysisCancelled:
        raise Cancelled from None
    return [
        OptionOdds(c.id, c.number, c.text, c.historical, dict(s.categories), s.nuclear, s.plays, s.margin)
        for c in engine.choices(state)
        if c.available and (s := found.get(c.id)) is not None
    ]


@dataclass
class OddsJob:
    key: tuple
    started: float
    result: list[OptionOdds] | None = None
    error: str = ""
    seconds: float = 0.0
    interim: list[OptionOdds] | None = None  # an estimate shown while the exact odds are still computed
    refining: bool = False  # an estimate is being made closer with more games (`result` is replaced as it is)
    revision: int = 0  # how many times `result` was replaced by a closer estimate


EARLY_SECONDS = 1.5  # exact odds not there by then: an estimate is made beside them, to show meanwhile


class OddsWorker:
    """One background computation at a time; the main thread polls `poll()` and never waits."""

    def __init__(self) -> None:
        self.job: OddsJob | None = None
        self._cancel: threading.Event | None = None
        self._done = threading.Event()

    def request(self, engine: Engine, state: GameState, policy: str, key: tuple, refine: bool = False) -> None:
        """Compute the odds at `state` for `policy` on a thread; `refine`: where they come out as an estimate,
        go on playing more games (up to each of REFINE_PLAYS) and replace the result with each closer one."""
        if self.job is not None and self.job.key == key:
            return
        if self._cancel is not None:
            self._cancel.set()
        cancel = threading.Event()
        # `refining` until the result shows whether it is an estimate to refine (so `wait_refined` sees no gap)
        job = OddsJob(key, time.perf_counter(), refining=refine)
        self.job, self._cancel = job, cancel
        snapshot = state.clone()  # the worker reads its own copy: the session's state is the main thread's

        done = threading.Event()

        def meanwhile() -> None:  # on a thread of its own: the exact analysis goes on beside it
            if done.wait(EARLY_SECONDS) or cancel.is_set():
                return
            try:
                found = estimate_odds(engine, snapshot, policy, lambda: cancel.is_set() or done.is_set())
            except Exception:  # Cancelled, or anything else: the exact odds still come, or their error does
                return
            if not done.is_set():
                job.interim = found

        def work() -> None:
            threading.Thread(target=meanwhile, name="excomm-odds-estimate", daemon=True).start()
            try:
                job.result = option_odds(engine, snapshot, policy, cancel, early=lambda: job.interim)
            except Cancelled:
                job.refining = False
                return
            except AnalysisError as exc:
                job.refining = False
                job.error = str(exc)
            except Exception as exc:  # a bug must not kill the window: say so on the screen
                job.refining = False
                job.error = f"the odds could not be computed ({type(exc).__name__}: {exc})"
            finally:
                done.set()  # the estimate beside it stops, or is not shown
            job.seconds = time.perf_counter() - job.started
            if not (refine and job.result and job.result[0].plays and not cancel.is_set()):
                job.refining = False
            else:
                try:
                    for total in REFINE_PLAYS:
                        have = job.result[0].plays
                        if have >= total:  # an estimate remembered from an earlier visit may be there already
                            continue
                        job.result = refined(engine, snapshot, policy, job.result, total - have, cancel.is_set)
                        job.revision += 1
                        job.seconds = time.perf_counter() - job.started
                except Cancelled:
                    return
                except Exception:  # the estimate already shown stays; a closer one is a bonus, not a need
                    pass
                finally:
                    job.refining = False

        threading.Thread(target=work, name="excomm-odds", daemon=True).start()

    @property
    def busy(self) -> bool:
        job = self.job
        return job is not None and job.result is None and not job.error

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        self.job = None

    def wait_refined(self, timeout: float) -> bool:
        """For tests and tools: wait until the current job is done and no longer refining its estimate."""
        end = time.perf_counter() + timeout
        while (self.busy or (self.job is not None and self.job.refining)) and time.perf_counter() < end:
            time.sleep(0.01)
        return not self.busy and not (self.job is not None and self.job.refining)

    def wait(self, timeout: float) -> bool:
        """For tests and tools: wait until the current job is done (True) or the timeout passes."""
        end = time.perf_counter() + timeout
        while self.busy and time.perf_counter() < end:
            time.sleep(0.01)
        return not self.busy
