"""Keys every game screen shares for the extras: G map, C codex, P people, L log, V read aloud, M sound.

`handle_key` opens the codex, the people or the log over the current screen (Esc there comes back to it
as it was left), reads the screen aloud, or mutes; it returns True when it used the key.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui import sound, voice

KEYS_HINT = "G map · C codex · P people · L log · V read aloud · M sound"
KEYS_SHORT = "G map · C codex · P people · L log · V voice · M sound"


def notify(app, text: str) -> None:
    toast = getattr(app, "toast", None)
    if toast is not None:
        toast.show(text)
        app.dirty = True


def handle_key(app, scene, session, event: pygame.event.Event, spoken: Callable[[], str]) -> bool:
    """Act on an extras key for `scene` (whose readable text `spoken()` gives); True when the key was one."""
    if event.type != pygame.KEYDOWN or event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
        return False
    k = event.key
    if k in (pygame.K_c, pygame.K_p):
        from game.ui.scenes.codex import CodexScene

        app.go(CodexScene(app, scene, text=spoken(), start="people" if k == pygame.K_p else "here"))
        return True
    if k == pygame.K_g and session is not None and app.engine is not None:
        from game.ui.scenes.map_full import MapScene

        app.go(MapScene(app, scene, session))
        return True
    if k == pygame.K_l and session is not None:
        from game.ui.scenes.log import LogScene

        app.go(LogScene(app, scene, session))
        return True
    if k == pygame.K_v:
        notify(app, voice.get().toggle(spoken()))
        return True
    if k == pygame.K_m:
        from dataclasses import replace

        muted = not getattr(app.settings, "muted", False)
        app.apply_settings(replace(app.settings, muted=muted))
        notify(app, "Sound off (M to turn it on)." if muted else "Sound on (M to turn it off; volume in Settings).")
        return True
    return False


def enter(app, risk: float | None = None, cue: str | None = None) -> None:
    """A game screen opens: play its cue and set the tension bed to the risk."""
    s = sound.get(app)
    if cue:
        s.cue(cue)
    if risk is not None:
        s.bed(risk)
