"""Keys every game screen shares for the extras: G map, C codex, P people, L log, V read aloud, M sound,
F the codex links in the text.

`handle_key` opens the codex, the people or the log over the current screen (Esc there comes back to it
as it was left), reads the screen aloud, or mutes; it returns True when it used the key. A screen with
links (underlined terms and names the codex explains) has `link_focus` (a `links.LinkFocus`) and
`link_views()`: F moves to the next link (Shift+F the previous), C opens the codex at the one focused, and
`handle_pointer` opens it at the one clicked.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pygame

from game.ui import sound, voice

KEYS_HINT = "F terms · G map · C codex · P people · L log · V read aloud · M sound"
KEYS_SHORT = "F terms · G map · C codex · P people · L log · V voice · M sound"


def hint(text: str) -> str:
    """A footer's list of keys ('A · B c · D'), each item kept on one line when the footer wraps."""
    return " · ".join(item.replace(" ", "\u00a0") for item in text.split(" · "))


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
    focus = getattr(scene, "link_focus", None)
    if k == pygame.K_ESCAPE and focus is not None and focus.key() is not None:
        focus.clear()  # Esc first leaves the term F moved to; the next Esc is the screen's own
        app.dirty = True
        return True
    if k == pygame.K_f and focus is not None:
        if focus.step(scene.link_views(), -1 if event.mod & pygame.KMOD_SHIFT else 1):
            app.dirty = True
        else:
            notify(app, "Nothing on this screen is in the codex.")
        return True
    if k in (pygame.K_c, pygame.K_p):
        entry = focus.key() if focus is not None and k == pygame.K_c else None
        open_codex(app, scene, spoken, entry or ("people" if k == pygame.K_p else "here"))
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


def open_codex(app, scene, spoken: Callable[[], str], start: str | tuple = "here") -> None:
    """The codex over `scene` (Esc there comes back to it as it was), at entry `start` if one is given."""
    from game.ui.scenes.codex import CodexScene

    _cursor(scene, False)
    app.go(CodexScene(app, scene, text=spoken(), start=start))


MENU_LABEL = "Menu (Esc)"


def menu_button(tf, right: int, centery: int):
    """The small button that opens the pause menu (back a decision, histories, settings, quit) to the mouse."""
    from game.ui.widgets.buttons import Button, button_size

    bw, bh = button_size(tf, MENU_LABEL, "small")
    rect = pygame.Rect(0, 0, bw, bh)
    rect.midright = (right, centery)
    return Button(MENU_LABEL, rect)


def open_menu(app, scene) -> None:
    from game.ui.scenes.pause import PauseScene

    app.go(PauseScene(app, scene, scene.session))


def handle_pointer(app, scene, event: pygame.event.Event, spoken: Callable[[], str]) -> bool:
    """A click on a link opens the codex at its entry, a click on the menu button the pause menu (True: the
    click was used); the pointer over a link is a hand."""
    from game.ui import links

    menu = getattr(scene, "menu_btn", None)
    if menu is not None and event.type == pygame.MOUSEMOTION and menu.hot != menu.hit(event.pos):
        menu.hot = not menu.hot
        scene.dirty()
    if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
        if menu is not None and menu.hit(event.pos):
            open_menu(app, scene)
            return True
        entry = links.link_at(scene.link_views(), event.pos)
        if entry is not None:
            open_codex(app, scene, spoken, entry)
            return True
    elif event.type == pygame.MOUSEMOTION:
        _cursor(scene, links.link_at(scene.link_views(), event.pos) is not None)
    return False


def _cursor(scene, hand: bool) -> None:
    if getattr(scene, "_hand", False) == hand:
        return
    scene._hand = hand
    with contextlib.suppress(pygame.error):  # no cursors on this driver: the underline still shows the link
        pygame.mouse.set_cursor(pygame.SYSTEM_CURSOR_HAND if hand else pygame.SYSTEM_CURSOR_ARROW)


def enter(app, risk: float | None = None, cue: str | None = None) -> None:
    """A game screen opens: play its cue and set the tension bed to the risk."""
    s = sound.get(app)
    if cue:
        s.cue(cue)
    if risk is not None:
        s.bed(risk)
