"""Sound made in code: a teletype for news, a clock tick for a decision, and a low tension bed whose
loudness follows the risk. Atmosphere only: every sound repeats something already on screen.

Nothing is loaded at start-up; the first cue opens the mixer and synthesises the sounds (a few tens of
milliseconds). Where no audio device exists (or SDL's dummy driver is used) the mixer may open and play
into nothing, or fail to open, and then the game is silent: no cue ever raises.
"""

from __future__ import annotations

import logging
import math
import random
import threading
from array import array

log = logging.getLogger("excomm.ui.sound")

RATE = 22050
BED_CHANNEL = 0


def _pcm(samples: list[float]) -> array:
    """16-bit samples, clipped."""
    return array("h", [int(max(-1.0, min(1.0, v)) * 32000) for v in samples])


def _to_sound(pcm: array):
    import pygame

    channels = pygame.mixer.get_init()[2]
    if channels > 1:  # the same on every channel, interleaved
        wide = array("h", bytes(2 * len(pcm) * channels))
        for c in range(channels):
            wide[c::channels] = pcm
        pcm = wide
    return pygame.mixer.Sound(buffer=pcm.tobytes())


def _synthesise() -> dict[str, array]:
    return {"teletype": _pcm(teletype()), "tick": _pcm(tick()), "bed": _pcm(tension_bed())}


def teletype(seconds: float = 0.9, seed: int = 7) -> list[float]:
    """Hammer strikes: short noise bursts with a knock, at a typist's uneven rate."""
    rng = random.Random(seed)
    n = int(RATE * seconds)
    out = [0.0] * n
    t = 0
    while t < n:
        strike = int(RATE * 0.012)
        amp = 0.35 + 0.25 * rng.random()
        for i in range(min(strike, n - t)):
            env = math.exp(-i / (strike / 5))
            out[t + i] += amp * env * (rng.uniform(-1, 1) * 0.6 + 0.4 * math.sin(2 * math.pi * 1800 * i / RATE))
        t += int(RATE * rng.uniform(0.045, 0.09))
    return out


def tick(seed: int = 3) -> list[float]:
    """One tick of a wall clock: a short, woody click."""
    n = int(RATE * 0.05)
    return [0.5 * math.exp(-i / (n / 8)) * math.sin(2 * math.pi * 2400 * i / RATE) for i in range(n)]


def tension_bed(seconds: float = 3.0) -> list[float]:
    """A low drone of two close tones that beat slowly; loops without a click (whole periods)."""
    n = int(RATE * seconds)
    f1, f2 = 55.0, 55.0 + 1 / seconds * 2  # the beat repeats exactly twice per loop
    return [
        0.22 * (math.sin(2 * math.pi * f1 * i / RATE) + 0.7 * math.sin(2 * math.pi * f2 * i / RATE)) for i in range(n)
    ]


class Sound:
    """The game's sounds, opened lazily; `cue(name)` plays one, `bed(risk)` sets the tension bed."""

    def __init__(self) -> None:
        self.ready = False
        self.failed = False
        self.sounds: dict = {}
        self.volume = 0.7
        self.muted = False
        self._risk = 0.0
        self._made: dict[str, array] | None = None
        self._worker: threading.Thread | None = None

    def prepare(self) -> None:
        """Synthesise the sounds on a worker thread (pure Python, no pygame), so the first cue is instant."""
        if self._worker is None and self._made is None:
            self._worker = threading.Thread(target=self._make, name="excomm-sound", daemon=True)
            self._worker.start()

    def _make(self) -> None:
        self._made = _synthesise()

    def configure(self, volume: int, muted: bool) -> None:
        """Volume 0-10 and mute, from the settings."""
        self.volume = max(0, min(10, int(volume))) / 10
        self.muted = bool(muted)
        self._apply()

    def _open(self) -> bool:
        if self.ready or self.failed:
            return self.ready
        try:
            import pygame

            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=RATE, size=-16, channels=2, buffer=1024)
            pygame.mixer.set_num_channels(8)
            pygame.mixer.set_reserved(1)
            if self._worker is not None:
                self._worker.join()
            made = self._made or _synthesise()
            self.sounds = {name: _to_sound(pcm) for name, pcm in made.items()}
            self.ready = True
        except Exception as exc:  # no device, no driver, no mixer: the game is silent
            log.info("no sound (%s)", exc)
            self.failed = True
        return self.ready

    def cue(self, name: str) -> None:
        if self.muted or self.volume <= 0 or not self._open():
            return
        try:
            snd = self.sounds[name]
            snd.set_volume(self.volume * (0.5 if name == "tick" else 0.6))
            snd.play()
        except Exception as exc:
            log.info("sound %s failed: %s", name, exc)

    def bed(self, risk: float) -> None:
        """The drone grows with the risk (silent below 1%); it keeps playing between screens."""
        self._risk = risk
        if self.bed_level() <= 0:
            self._apply()  # silent: stop the drone so nothing is mixed at all
            return
        if not self._open():
            return
        try:
            import pygame

            ch = pygame.mixer.Channel(BED_CHANNEL)
            if not ch.get_busy():
                ch.play(self.sounds["bed"], loops=-1)
            self._apply()
        except Exception as exc:
            log.info("tension bed failed: %s", exc)

    def bed_level(self) -> float:
        """The bed's loudness 0-1 for the current risk and settings."""
        if self.muted or self._risk < 0.01:
            return 0.0
        return self.volume * min(1.0, 0.15 + 1.5 * self._risk)

    def _apply(self) -> None:
        if not self.ready:
            return
        try:
            import pygame

            ch = pygame.mixer.Channel(BED_CHANNEL)
            level = self.bed_level()
            if level <= 0:
                ch.stop()
            else:
                ch.set_volume(level)
        except Exception as exc:
            log.info("sound settings failed: %s", exc)


_sound: Sound | None = None


def get(app=None) -> Sound:
    """The one Sound of the process, set from the app's settings when given."""
    global _sound
    if _sound is None:
        _sound = Sound()
    if app is not None:
        s = app.settings
        _sound.configure(getattr(s, "volume", 7), getattr(s, "muted", False))
    return _sound
