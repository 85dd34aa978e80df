"""Every text block fits its panel at 1024×600, 1280×720 and 1920×1080, in every scene, after resizes."""

from __future__ import annotations

import pygame
import pytest

from game.ui.scenes.base import TextCheck
from tests.ui.ui_support import SIZES, real_or_mini


def assert_no_cut_lines(view, label: str) -> None:
    """Every line drawn lies wholly in the view's text area, and the view starts at the top of a line."""
    if view.drawn is None:
        return  # not on screen this frame (e.g. the other tab)
    clip = view.text_clip()
    assert view.offset in (0, view.max_offset) or view.offset in view.stops, f"{label}: offset between lines"
    for r in view.drawn:
        assert clip.contains(r), f"{label}: a line at {r} is cut by the visible area {clip}"
    # and no line that would fit was left out in the middle of the area (a gap in the text)
    drawn_tops = {r.y for r in view.drawn}
    inner = view.inner()
    for it in view.laid.items:
        if it[0] == "t" and it[4]:
            y = inner.y - view.offset + it[2]
            if clip.top <= y and y + view.tf.line_height(it[3]) <= clip.bottom:
                assert y in drawn_tops, f"{label}: a whole line at y={y} was not drawn"


def redraw(d, checks) -> None:
    for c in checks:
        if c.view is not None:
            c.view.drawn = None
    d.app.draw(force=True)


def assert_fits(d, where: str, scroll: bool = False) -> None:
    w, h = d.app.size
    screen = pygame.Rect(0, 0, w, h)
    checks: list[TextCheck] = d.scene.text_checks()
    redraw(d, checks)
    assert checks, f"{where}: the scene reports no text regions"
    for c in checks:
        label = f"{where} {d.name}/{c.name} at {w}x{h}"
        assert c.widest <= c.width, f"{label}: a line is {c.widest}px wide in {c.width}px"
        if not c.scrolls:
            assert c.height <= c.room, f"{label}: {c.height}px of text in {c.room}px"
        assert c.room > 0, f"{label}: no room at all"
        assert screen.contains(c.rect), f"{label}: {c.rect} is outside the window"
        if c.view is not None:
            view = c.view
            assert_no_cut_lines(view, label)
            if scroll and view.overflows():  # page through it, then back to the top
                start = view.offset
                for _ in range(40):
                    if not view.handle_key(pygame.K_PAGEDOWN):
                        break
                    redraw(d, checks)
                    assert_no_cut_lines(view, f"{label} (scrolled to {view.offset})")
                for key in (pygame.K_UP, pygame.K_HOME):
                    view.handle_key(key)
                    redraw(d, checks)
                    assert_no_cut_lines(view, f"{label} (scrolled to {view.offset})")
                view.offset = start


def visit_every_scene(d, check) -> None:
    check(d, "title")
    d.scene.menu.focus = 2
    d.key(pygame.K_RETURN)
    check(d, "settings")
    d.key(pygame.K_ESCAPE)
    seen = set()

    def each(drv):
        if drv.name not in seen or drv.name == "DecisionScene":
            seen.add(drv.name)
            check(drv, drv.name)
            if drv.name == "DecisionScene" and "pause" not in seen:
                seen.add("pause")
                drv.key(pygame.K_ESCAPE)
                check(drv, "pause")
                drv.key(pygame.K_ESCAPE)

    d.play_documented(each)
    check(d, "debrief")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_text_fits_every_scene(make_app, size):
    d = make_app(real_or_mini(), size=size)
    visit_every_scene(d, lambda drv, where: assert_fits(drv, where, scroll=True))


@pytest.mark.parametrize("text_size", [0, 2], ids=["small-text", "large-text"])
def test_text_fits_with_other_text_sizes(make_app, text_size):
    from game.ui.settings_store import Settings

    d = make_app(real_or_mini(), size=(1024, 600))
    d.app.apply_settings(Settings(text_size=text_size, high_contrast=True))
    visit_every_scene(d, assert_fits)


def test_resize_relayouts_without_overflow(make_app):
    d = make_app(real_or_mini(), size=(1280, 720))
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    assert d.name == "DecisionScene"
    for size in [(1920, 1080), (1024, 600), (1280, 720)]:
        d.resize(size)
        assert d.app.size == size
        assert_fits(d, f"after VIDEORESIZE to {size}")
    d.app.handle(pygame.event.Event(pygame.WINDOWSIZECHANGED, x=1920, y=1080))
    d.step()
    assert d.app.size == (1920, 1080)
    assert_fits(d, "after WINDOWSIZECHANGED")


def test_static_screen_does_not_redraw(make_app):
    d = make_app()
    d.app.draw()
    assert not d.app.draw(), "nothing changed, yet the frame was drawn again"
    d.key(pygame.K_DOWN)  # focus moves: one redraw
    assert not d.app.draw()


def test_a_short_window_shows_what_drove_the_risk_and_names_the_keys_that_scroll_the_panel(make_app):
    """At 1024×600 on Black Saturday the risk panel takes tighter wording, so its largest driver shows without
    scrolling; the footer names [ ] whenever the panel still scrolls, and only then."""
    from tests.ui.ui_support import REAL

    seen = {}

    def at_decision(d):
        if d.name == "DecisionScene" and d.scene.node.id in ("d16-photos", "d27-letters"):
            esc = d.scene.views["escalation"]
            foot = " ".join(str(getattr(b, "text", "")) for b in d.scene.foot.blocks).replace("\u00a0", " ")
            heading = str(getattr(esc.blocks[0], "text", ""))
            seen[d.scene.node.id] = (esc.overflows(), "[ ] scroll the risk panel" in foot, heading, esc)

    for size in ((1024, 600), (1920, 1080)):
        seen.clear()
        d = make_app(REAL, size=size, seed=6)
        d.play_documented(on_scene=at_decision)
        assert set(seen) == {"d16-photos", "d27-letters"}
        for node, (scrolls, named, _, _) in seen.items():
            assert scrolls == named, f"{node} at {size}: the footer's [ ] does not match the panel"
        scrolls, _, heading, esc = seen["d27-letters"]
        if size == (1024, 600):
            assert heading.startswith("Risk so far")
            clip, inner = esc.text_clip(), esc.inner()
            bullets = [it for it in esc.laid.items if it[0] == "t" and it[4] == "•"]
            shown = [it for it in bullets if inner.y - esc.offset + it[2] + esc.tf.line_height(it[3]) <= clip.bottom]
            assert bullets and shown, "the largest driver is below the fold"
        else:
            assert heading.startswith("Risk of nuclear war so far") and not scrolls
