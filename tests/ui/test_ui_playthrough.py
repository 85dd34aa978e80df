"""Keyboard alone plays the documented 1962 course to the historical ending; screenshots of every scene."""

from __future__ import annotations

import dataclasses

import pygame
import pytest

from game.analysis.documented import documented_path
from tests.ui.ui_support import SHOTS, SIZES, real_or_mini, scenario_paths


@pytest.mark.parametrize("path", scenario_paths(), ids=lambda p: p.stem)
def test_documented_path_by_keys_reaches_the_historical_ending(make_app, path):
    d = make_app(path, fate="history")
    seen = set()
    d.play_documented(lambda d: seen.add(d.name))
    assert {"BriefingScene", "DecisionScene", "OutcomeScene"} <= seen
    state = d.scene.session.state
    assert state.ended
    expected = documented_path(d.app.engine)
    assert d.app.engine.node(state).id == d.app.engine.node(expected).id
    assert d.app.engine.node(state).category == "historical"
    assert d.app.frames > 0


def test_mouse_alone_plays_a_decision(make_app):
    d = make_app(fate="history")
    d.click(d.scene.menu.rects[1].center)  # New game
    assert d.name == "BriefingScene"
    d.click(d.scene.skip.rect.center)
    assert d.name == "DecisionScene"
    pick = next(c for c in d.scene.choices if c.available)
    opts = d.scene.options
    card = opts.cards[pick.number - 1].move(opts.inner().x, opts.inner().y - opts.offset)
    d.click(card.center)
    assert d.scene.selected == pick.number - 1
    d.click(card.center)  # a second click keeps the selection; only Decide decides
    assert d.name == "DecisionScene" and d.scene.selected == pick.number - 1
    d.click(d.scene.decide.rect.center)
    assert d.name == "OutcomeScene"
    d.click(d.scene.go_on.rect.center)
    assert d.name in ("DecisionScene", "DebriefScene")


def test_unavailable_option_says_why_and_cannot_be_chosen(make_app):
    d = make_app(fate="history")
    d.app.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    assert d.name == "DecisionScene"
    # make option 1 unavailable as the engine would report it
    d.scene.choices[0] = dataclasses.replace(d.scene.choices[0], available=False, reason="Too late for talk.")
    d.key(pygame.K_1)
    assert d.scene.selected is None
    assert "Too late for talk." in d.scene.message


def test_screenshots_of_every_scene_at_three_sizes(make_app):
    """Writes artifacts/screenshots/<scene>-<W>x<H>.png for people to look at (not compared)."""
    path = real_or_mini()
    for size in SIZES:
        d = make_app(path, size=size, fate="history")
        d.shot("01-title")
        d.scene.menu.focus = 2  # Settings
        d.key(pygame.K_RETURN)
        assert d.name == "SettingsScene"
        d.shot("07-settings")
        d.key(pygame.K_ESCAPE)
        taken: set[str] = set()

        def snap(drv, taken=taken):
            name = drv.name
            if name == "DecisionScene" and name in taken and "04-map" not in taken:
                drv.key(pygame.K_TAB)
                drv.shot("04-decision-map")
                taken.add("04-map")
                drv.key(pygame.K_TAB)
            if name in taken:
                return
            taken.add(name)
            label = {
                "BriefingScene": "02-briefing",
                "DecisionScene": "03-decision",
                "OutcomeScene": "05-outcome",
                "DebriefScene": "06-debrief",
            }[name]
            drv.shot(label)
            if name == "DecisionScene":
                drv.key(pygame.K_ESCAPE)
                drv.shot("08-pause")
                drv.key(pygame.K_ESCAPE)

        d.play_documented(snap)
        snap(d)
        d.key(pygame.K_END)
        d.shot("06-debrief-end")
    assert len(list(SHOTS.glob("*.png"))) >= 8 * len(SIZES)


def test_keyboard_scrolls_every_panel(make_app):
    """PgDn scrolls the briefing and Shift+PgDn the right-hand panel, at a size where both overflow."""
    from tests.ui.ui_support import REAL

    d = make_app(REAL, size=(1024, 600), fate="history")
    d.app.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    assert d.name == "DecisionScene"
    d.key(pygame.K_TAB)  # the map tab: figure and key overflow at this size
    views = d.scene.views
    assert views["map"].content_h > views["map"].inner().h
    before = views["map"].offset
    d.key(pygame.K_PAGEDOWN, pygame.KMOD_SHIFT)
    assert views["map"].offset > before
    before = views["briefing"].offset
    d.key(pygame.K_PAGEDOWN)
    assert views["briefing"].offset > before
