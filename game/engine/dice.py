"""Deterministic, keyed random draws, and the dice object the engine rolls.

Each draw is a pure function of (seed, key): the U-2 incident on 27 October
uses the same number in every history played with the same seed, whatever was
decided before. Comparing two alternate histories therefore compares decisions,
not luck ("common random numbers"), and a replay reproduces every draw.

The function is ours (SplitMix64 finalisers over a BLAKE2 hash of the key), so
it gives the same numbers on every platform and Python version; key hashes are
cached because the same few hundred keys recur in every game.

The engine rolls through a `Dice` object (`Engine(scenario, dice=...)`), so that
an analysis can follow every branch instead of rolling; `KeyedDice`, the
default, draws as described above.
"""

from __future__ import annotations

from hashlib import blake2b
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from game.engine.state import GameState

_MASK = (1 << 64) - 1
_SCALE = 1.0 / 2**64
_INF = float("inf")
_key_hashes: dict[str, int] = {}


def _mix(x: int) -> int:
    x = (x + 0x9E3779B97F4A7C15) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


def key_hash(key: str) -> int:
    h = _key_hashes.get(key)
    if h is None:
        if len(_key_hashes) > 100_000:  # keys are bounded by the scenario; this only guards misuse
            _key_hashes.clear()
        h = _key_hashes[key] = int.from_bytes(blake2b(key.encode(), digest_size=8).digest(), "little")
    return h


def draw(seed: int, key: str, occurrence: int = 0) -> float:
    """A uniform number in [0, 1) fixed by the seed, the key and how often the key was drawn before."""
    x = _mix((seed & _MASK) ^ key_hash(key))
    if occurrence:
        x = _mix(x ^ occurrence)
    return _mix(x) * _SCALE


def pick(u: float, weights: list[float]) -> int:
    """Index chosen by `u` in [0, 1) among non-negative `weights` (uniform when all are zero).

    Never fails: a weight that is negative, NaN or infinite counts as zero, so no content or
    overflow can stop a game here.
    """
    weights = [w if 0.0 < w < _INF else 0.0 for w in weights]
    total = sum(weights)
    if not 0.0 < total < _INF:
        return min(int(u * len(weights)), len(weights) - 1)
    target = u * total
    acc = 0.0
    for i, w in enumerate(weights):
        acc += w
        if target < acc:
            return i
    # Floating point can leave `target` a hair above the sum: take the last positive weight.
    return max(i for i, w in enumerate(weights) if w > 0)


class Dice(Protocol):
    """What the engine asks of chance. `key` names what is drawn for (e.g. 'incident:u2-shot-down').

    A dice object may also define `defer_catastrophe(state, hazard, causes)`: the engine then never draws
    the end-of-step escape itself but reports the step hazard and its causes ((hazard, cause flag slot)
    per term) and goes on as if control held; whoever deferred it enters the catastrophe with
    `Engine.escape`. Exact analysis uses this to treat the catastrophe in closed form.

    It may also define `fork(state, log, point)`: the engine then tells it, just before each draw in a step,
    where it is (`engine.DrawPoint`) with the live state and the step's log; dice that copy them there can
    go on from the copy with another answer (`Engine.resume`) instead of replaying the step from its start.
    """

    def chance(self, state: GameState, key: str, p: float) -> bool:
        """True with probability `p`."""
        ...

    def choice(self, state: GameState, key: str, weights: list[float]) -> int:
        """An index drawn in proportion to non-negative `weights` (uniform when all are zero)."""
        ...


class KeyedDice:
    """The game's dice: draws fixed by the state's seed, the key and how often the key was drawn before."""

    __slots__ = ()

    def chance(self, state: GameState, key: str, p: float) -> bool:
        return p > 0 and self._draw(state, key) < p

    def choice(self, state: GameState, key: str, weights: list[float]) -> int:
        return pick(self._draw(state, key), weights)

    @staticmethod
    def _draw(state: GameState, key: str) -> float:
        draws = state.draws
        n = draws.get(key, 0)
        draws[key] = n + 1
        return draw(state.seed, key, n)
