"""The codex, the people, the log, documents, the calendar, reading aloud and sound: each reachable by its
key from a game screen, back to where the player was with Esc, legible at every size and in high contrast."""

from __future__ import annotations

import pygame
import pytest

from tests.ui.test_ui_layout import assert_fits
from tests.ui.ui_support import REAL, SIZES, Driver


def to_decision(d: Driver, decisions: int = 0) -> None:
    """From the title: a new game, then `decisions` documented choices, to a decision screen."""
    from game.analysis.documented import historical_choice

    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    made = 0
    for _ in range(200):
        if d.name == "DecisionScene":
            if made == decisions:
                return
            hist = historical_choice(d.app.engine, d.scene.node.id)
            pick = next(c for c in d.scene.choices if c.id == hist[0])
            d.key(pygame.K_0 + pick.number)
            d.key(pygame.K_RETURN)
            made += 1
        else:
            d.key(pygame.K_RETURN)
    raise AssertionError("no decision reached")


def key(d: Driver, k: int, mod: int = 0) -> None:
    d.key(k, mod)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_codex_people_and_log_open_and_return(make_app, size, contrast):
    from game.ui.settings_store import Settings

    d = make_app(REAL, size=size)
    if contrast:
        d.app.apply_settings(Settings(high_contrast=True))
    suffix = "-hc" if contrast else ""
    to_decision(d, 2)
    decision = d.scene
    d.key(pygame.K_0 + 2)
    offset = decision.views["briefing"].offset
    d.shot(f"decision{suffix}")
    key(d, pygame.K_c)
    assert d.name == "CodexScene"
    assert d.scene.rows[0] == ("head", "ON THIS SCREEN"), "the screen's own terms come first"
    assert_fits(d, "codex", scroll=True)
    d.shot(f"codex{suffix}")
    key(d, pygame.K_DOWN)
    key(d, pygame.K_ESCAPE)
    assert d.scene is decision and decision.selected == 1, "Esc returns to the screen as it was"
    assert decision.views["briefing"].offset == offset
    key(d, pygame.K_p)
    assert d.name == "CodexScene" and d.scene.rows[d.scene.selected][0] == "person"
    jfk = d.scene.rows.index(("person", "jfk"))
    d.scene.select(jfk)
    d.step()
    assert_fits(d, "dossier", scroll=True)
    d.shot(f"dossier{suffix}")
    key(d, pygame.K_ESCAPE)
    key(d, pygame.K_l)
    assert d.name == "LogScene"
    assert_fits(d, "log", scroll=True)
    d.shot(f"log{suffix}")
    key(d, pygame.K_ESCAPE)
    assert d.scene is decision
    key(d, pygame.K_g)
    assert d.name == "MapScene"
    assert_fits(d, "full map", scroll=True)
    w = d.app.size[0]
    assert d.scene.map_rect.w >= w * 0.6, "the full map takes most of the window"
    assert d.scene.map_rect.bottom <= d.scene.foot.rect.top
    d.shot(f"map-full{suffix}")
    key(d, pygame.K_ESCAPE)
    assert d.scene is decision


def test_codex_click_selects_an_entry(make_app):
    d = make_app(REAL)
    to_decision(d)
    key(d, pygame.K_c)
    scene = d.scene
    i, rect = next((i, r) for i, r in scene.row_rects if scene.rows[i][0] != "head" and i != scene.selected)
    d.click(rect.center)
    assert scene.selected == i


def test_terms_and_people_are_found_in_text():
    from game.scenario import catalog
    from game.ui.codex_index import people_in, terms_in

    model = catalog.load(str(REAL)).model
    found = terms_in(model, "Soviet medium-range missiles (MRBMs); SAC goes to DEFCON 2; a sac of flour")
    assert found[:3] == ["mrbm", "sac", "defcon"] or set(found) >= {"mrbm", "sac", "defcon"}
    assert "sac" in terms_in(model, "SAC") and "sac" not in terms_in(model, "a sac of flour")
    assert "mcnamara" in people_in(model, "McNamara frames three courses")


def test_log_shows_what_the_viewer_saw_and_nothing_else(make_app, tmp_path):
    from types import SimpleNamespace

    from game.ui.scenes.log import log_blocks
    from tests.ui.ui_support import MINI

    # Moscow's choice is told to Moscow only: Washington's log must not have it, the facilitator's must
    text = MINI.read_text()
    secret = text.replace("        text: Turn back\n", "        text: Turn back quietly\n        audience: ussr\n", 1)
    assert secret != text
    path = tmp_path / "secret.yaml"
    path.write_text(secret)
    d = make_app(path)
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    while d.name != "DecisionScene":
        d.key(pygame.K_RETURN)
    pick = next(c for c in d.scene.choices if c.id == "blockade")
    d.key(pygame.K_0 + pick.number)
    d.key(pygame.K_RETURN)
    session = d.scene.session
    assert any(ev.choice_text == "Turn back quietly" for st in session.state.steps for ev in st.events)

    def words(viewer: str) -> str:
        seen_as = SimpleNamespace(
            current=session.current, state_at=session.state_at, viewer=viewer, settings=session.settings
        )
        return " ".join(b.text for b in log_blocks(d.app.engine, seen_as) if hasattr(b, "text"))

    assert session.viewer == "us"
    assert "Turn back quietly" not in words("us")
    assert "Turn back quietly" in words("facilitator")
    key(d, pygame.K_l)
    assert d.name == "LogScene"
    shown = " ".join(it[4] for it in d.scene.view.laid.items if it[0] == "t")
    assert "quietly" not in shown and "Blockade" in shown
    assert "What to do?" in shown, "the briefings read are in the log too"


def test_documents_are_set_on_paper(make_app):
    from game.ui.theme import PAPER

    d = make_app(REAL)
    for _ in range(40):
        to_node = d.name == "DecisionScene" and d.scene.node.id == "d22-speech"
        if to_node:
            break
        if d.name == "TitleScene":
            to_decision(d)
            continue
        if d.name == "DecisionScene":
            from game.analysis.documented import historical_choice

            hist = historical_choice(d.app.engine, d.scene.node.id)
            pick = next(c for c in d.scene.choices if c.id == hist[0])
            d.key(pygame.K_0 + pick.number)
        d.key(pygame.K_RETURN)
    assert d.scene.node.id == "d22-speech"
    from game.analysis.documented import historical_choice

    pick = next(c for c in d.scene.choices if c.id == historical_choice(d.app.engine, "d22-speech")[0])
    d.key(pygame.K_0 + pick.number)
    d.key(pygame.K_RETURN)
    assert d.name == "OutcomeScene"
    papers = [it[2] for it in d.scene.views["story"].laid.items if it[0] == "b"]
    assert PAPER["newspaper"] in papers
    for size in SIZES:
        d.resize(size)
        assert_fits(d, "newspaper", scroll=True)
        d.shot("outcome-newspaper")


def test_calendar_strip_marks_today(make_app):
    from datetime import date

    d = make_app(REAL)
    to_decision(d)
    assert len(d.scene.days) == 13
    assert d.scene._today() == date(1962, 10, 16)
    assert d.scene.calendar.right <= d.app.size[0]


def test_read_aloud_says_how_without_an_engine(make_app, monkeypatch):
    from game.ui import voice

    monkeypatch.setattr(voice, "engine", lambda: None)
    d = make_app(REAL)
    to_decision(d)
    key(d, pygame.K_v)
    assert d.app.toast.text == voice.HOW_TO
    assert d.name == "DecisionScene"
    d.shot("voice-howto")


def test_read_aloud_feeds_the_engine_the_screen(make_app, monkeypatch, tmp_path):
    import os
    import stat

    from game.ui import voice

    heard = tmp_path / "heard.txt"
    fake = tmp_path / "espeak-ng"
    fake.write_text(f"#!/bin/sh\ncat > {heard}\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    d = make_app(REAL)
    to_decision(d)
    key(d, pygame.K_v)
    v = voice.get()
    assert v.proc is not None
    v.proc.wait(timeout=10)
    said = heard.read_text(encoding="utf-8")
    assert d.scene.node.title in said and "Option 1." in said


def test_mute_key_and_settings_volume(make_app):
    from game.ui import sound

    d = make_app(REAL)
    to_decision(d)
    assert not d.app.settings.muted
    key(d, pygame.K_m)
    assert d.app.settings.muted and sound.get().muted
    assert sound.get().bed_level() == 0
    key(d, pygame.K_m)
    assert not d.app.settings.muted
    key(d, pygame.K_ESCAPE)
    d.scene.menu.focus = next(i for i, m in enumerate(d.scene.menu.items) if m.label.startswith("Settings"))
    key(d, pygame.K_RETURN)
    assert d.name == "SettingsScene"
    d.scene.menu.focus = next(i for i, m in enumerate(d.scene.menu.items) if m.label.startswith("Sound"))
    before = d.app.settings.volume
    key(d, pygame.K_LEFT)
    assert d.app.settings.volume == before - 1
    assert_fits(d, "settings")
    d.shot("settings-sound")


def test_sound_is_silent_without_a_mixer(monkeypatch):
    from game.ui import sound

    def broken(*a, **k):
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", broken)
    s = sound.Sound()
    s.cue("teletype")
    s.bed(0.3)
    assert s.failed and not s.ready


def test_synthesised_sounds_are_bounded_and_the_bed_follows_risk():
    from game.ui import sound

    for samples in (sound.teletype(), sound.tick(), sound.tension_bed()):
        assert samples and max(abs(v) for v in samples) <= 1.0
    assert sound.teletype() == sound.teletype(), "made the same way every time"
    s = sound.Sound()
    s.configure(10, False)
    s._risk = 0.02
    low = s.bed_level()
    s._risk = 0.3
    assert s.bed_level() > low > 0
    s._risk = 0.001
    assert s.bed_level() == 0


def test_sound_plays_under_the_dummy_driver(make_app):
    from game.ui import sound

    d = make_app(REAL)
    to_decision(d, 1)  # an outcome (teletype) and a decision (tick, bed) have played
    s = sound.get()
    assert s.ready or s.failed  # opened, or found no device: either way nothing raised


def test_debrief_asks_before_a_new_game(make_app):
    d = make_app(REAL)
    d.play_documented()
    assert d.name == "DebriefScene"
    key(d, pygame.K_n)
    assert d.name == "DebriefScene" and d.scene.confirm_new
    assert_fits(d, "debrief confirming")
    d.shot("debrief-confirm")
    key(d, pygame.K_DOWN)
    assert not d.scene.confirm_new, "any other key cancels"
    key(d, pygame.K_n)
    key(d, pygame.K_n)
    assert d.name == "BriefingScene"


def test_small_size_is_raised_and_said(capsys):
    from game.ui.app import _fit_size

    assert _fit_size((800, 480)) == (1024, 600)
    assert "800x480" in capsys.readouterr().err
    assert _fit_size((1280, 720)) == (1280, 720)


def test_text_read_in_an_earlier_game_is_marked_and_k_skips_it(make_app):
    d = make_app(REAL)
    to_decision(d, 1)  # the first outcome is read now
    d.app.quit()
    d2 = make_app(REAL)  # a second game, same home
    d2.scene.menu.focus = 1
    d2.key(pygame.K_RETURN)
    while d2.name != "DecisionScene":
        d2.key(pygame.K_RETURN)
    from game.analysis.documented import historical_choice

    pick = next(c for c in d2.scene.choices if c.id == historical_choice(d2.app.engine, d2.scene.node.id)[0])
    d2.key(pygame.K_0 + pick.number)
    d2.key(pygame.K_RETURN)
    assert d2.name == "OutcomeScene" and d2.scene.read_before
    assert "READ BEFORE" in " ".join(it[4] for it in d2.scene.head.laid.items if it[0] == "t")
    d2.key(pygame.K_k)
    assert d2.name == "DecisionScene", "K skips the screen read before, and stops at the decision"
    assert not d2.app.skipping


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_scene_in_high_contrast_is_shot_and_fits(make_app, size):
    from game.ui.settings_store import Settings

    d = make_app(REAL, size=size)
    d.app.apply_settings(Settings(high_contrast=True))
    d.step()
    d.shot("hc-title")
    shot: set[str] = set()

    def each(drv):
        if drv.name not in shot:
            shot.add(drv.name)
            assert_fits(drv, f"high contrast {drv.name}")
            drv.shot(f"hc-{drv.name.removesuffix('Scene').lower()}")

    d.play_documented(each)
    assert_fits(d, "high contrast debrief")
    d.shot("hc-debrief")
    assert {"BriefingScene", "DecisionScene", "OutcomeScene"} <= shot


def test_a_notice_goes_with_the_next_key(make_app):
    d = make_app(REAL)
    to_decision(d)
    key(d, pygame.K_m)
    assert d.app.toast.text.startswith("Sound off")
    key(d, pygame.K_DOWN)
    assert d.app.toast.text == ""
    key(d, pygame.K_m)  # sound back on
