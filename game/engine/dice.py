"""Deterministic, keyed random draws.

Each draw is a pure function of (seed, key): the U-2 incident on 27 October
uses the same number in every history played with the same seed, whatever was
decided before. Comparing two alternate histories therefore compares decisions,
not luck ("common random numbers"), and a replay reproduces every draw.
"""

from __future__ import annotations

from hashlib import blake2b

_SCALE = 1.0 / 2**64


def draw(seed: int, key: str) -> float:
    """A uniform number in [0, 1) fixed by the seed and the key."""
    digest = blake2b(f"{seed}|{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") * _SCALE


def pick(u: float, weights: list[float]) -> int:
    """Index chosen by `u` in [0, 1) among non-negative `weights` (uniform when all are zero)."""
    total = sum(weights)
    if total <= 0:
        return min(int(u * len(weights)), len(weights) - 1)
    target = u * total
    acc = 0.0
    for i, w in enumerate(weights):
        acc += w
        if target < acc:
            return i
    # Floating point can leave `target` a hair above the sum: take the last positive weight.
    return max(i for i, w in enumerate(weights) if w > 0)
