"""Alternate histories in the window, driven by synthetic events: go back, keep both lines, the histories
screen, compare, and the odds of every option. Screenshots of the three views at three sizes."""

from __future__ import annotations

import itertools

import pygame
import pytest

from game import wording as fmt
from game.analysis.documented import historical_choice
from game.session.lines import DOCUMENTED
from tests.ui.test_ui_layout import assert_fits
from tests.ui.ui_support import MINI, REAL, SIZES

SPEECH = "d22-speech"  # 22 October, 19:00: the speech, or the air strike in its place
STRIKE = "strike-dawn"  # 23 October, before dawn: which strike


def _play_on(d, prefer=(), limit=200) -> None:
    """Enter through outcomes; at each decision the first option whose id is in `prefer`, else the 1962 one."""
    for _ in range(limit):
        if d.name == "DebriefScene":
            return
        if d.name == "DecisionScene":
            choices = [c for c in d.scene.choices if c.available]
            hist = historical_choice(d.app.engine, d.scene.node.id)
            pick = next((c for c in choices if c.id in prefer), None)
            pick = pick or next((c for c in choices if hist and c.id == hist[0]), choices[0])
            d.key(pygame.K_0 + pick.number)
            d.key(pygame.K_RETURN)
        else:
            assert d.name in ("OutcomeScene", "BriefingScene"), d.name
            d.key(pygame.K_RETURN)
    raise AssertionError("no ending reached")


def _select(d, row_name: str | None = None, decision: str | None = None) -> None:
    """Move the histories screen's selection by keys to a line (by name) and a decision on it."""
    scene = d.scene
    if row_name is not None:
        target = next(i for i, line in enumerate(scene.lines) if line.name == row_name)
        while scene.row != target:
            d.key(pygame.K_DOWN if scene.row < target else pygame.K_UP)
            scene = d.scene
    if decision is not None:
        marks = [m.decision for m in scene.line.marks]
        target = marks.index(decision)
        while scene.col != target:
            d.key(pygame.K_RIGHT if scene.col < target else pygame.K_LEFT)


def _new_game_one_decision(d) -> None:
    """From the title: a new game, its briefing skipped, its first open option taken (on to the outcome)."""
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    pick = next(c for c in d.scene.choices if c.available)
    d.key(pygame.K_0 + pick.number)
    d.key(pygame.K_RETURN)


def _two_first_choices(d):
    """A new game; the first two options of its first decision each taken, and back (both lines are kept); then
    the histories screen. Returns the session."""
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    session = d.scene.session
    for pick in [c for c in d.scene.choices if c.available][:2]:
        d.key(pygame.K_0 + pick.number)
        d.key(pygame.K_RETURN)
        assert d.name == "OutcomeScene"
        d.key(pygame.K_b)
    d.key(pygame.K_h)
    return session


def _texts(view) -> str:
    return " ".join(item[4] for item in view.laid.items if item[0] == "t")


def _two_histories(d):
    """The 'done when' sequence up to the histories screen: the 1962 course to its end, back to 22 October,
    an air strike instead of the speech, its end, then H."""
    d.play_documented()
    first_end = d.app.engine.node(d.scene.session.state)
    assert first_end.category == "historical"
    d.key(pygame.K_h)
    assert d.name == "HistoriesScene"
    _select(d, "Main line", SPEECH)
    d.key(pygame.K_RETURN)  # re-enter where the decision was awaited
    assert d.name == "DecisionScene" and d.scene.node.id == SPEECH
    _play_on(d, prefer=("strike-instead", "surgical"))
    session = d.scene.session
    decided = [m.node for m in session.current.moves()]
    assert decided[decided.index(SPEECH) + 1] == STRIKE  # the strike ordered on the 22nd, then which one
    d.key(pygame.K_h)
    assert d.name == "HistoriesScene"
    return session


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_go_back_strike_compare_and_odds_in_the_window(make_app):
    d = make_app(REAL, fate="history", seed=11)
    session = _two_histories(d)
    scene = d.scene
    names = [line.name for line in scene.lines]
    assert names[0] == "1962 as it happened" and len(names) == 3  # 1962, the main line, the strike
    main, strike = scene.lines[1], scene.lines[2]
    assert main.ended and main.ending_title and strike.ended
    assert "strike-instead" in [m.choice for m in strike.marks]
    assert "strike-instead" not in [m.choice for m in main.marks]
    assert scene.row == 2  # the screen opens on the line being played
    assert scene.buttons["open"].enabled
    _select(d, "1962 as it happened")  # for reference only: its Re-enter button is greyed, not lit
    assert not d.scene.buttons["open"].enabled
    _select(d, strike.name)
    # pointing at a mark shows what was chosen there and the risk then
    _select(d, decision=SPEECH)
    details = _texts(d.scene.details)
    assert "Chose:" in details and "Risk of nuclear war after this step" in details
    # compare the strike with 1962
    d.key(pygame.K_c)
    assert d.name == "CompareScene"
    cmp = d.scene.cmp
    assert cmp.b.line.id == DOCUMENTED
    assert cmp.a.line.marks[cmp.parts_at].decision == SPEECH
    text = _texts(d.scene.view)
    assert "They part on Monday 22 October" in text
    assert "Strategic score" in text and "What made the difference in risk" in text
    assert cmp.drivers, "an air strike and the quarantine run different dangers"
    # same choices, other luck: both histories replayed with other seeds, off the main thread
    assert d.scene.luck_done.wait(60)
    d.step()
    for luck in d.scene.lucks.values():
        assert luck is not None and luck.runs == 300 and sum(luck.categories.values()) == 300
    shown = _texts(d.scene.view)
    assert "Same choices, other luck" in shown and "mean risk" not in shown  # games counted, not a mean
    cat = d.app.scenario.catastrophic
    for luck in d.scene.lucks.values():  # the headline figure is the count of replays that ended in nuclear use
        nuclear = sum(n for c, n in luck.categories.items() if c in cat)
        assert f"Nuclear use in {nuclear} of 300" in shown
    assert "with its own dice this history" in shown and "Key, left to right:" in shown  # the two figures told apart
    assert "Risk of nuclear war run to get there" in shown  # beside the score, which leaves the risk out
    d.key(pygame.K_ESCAPE)
    assert d.name == "HistoriesScene"
    # the strike against the main line: mark the main line as the other history, back to the strike, C
    _select(d, "Main line")
    d.key(pygame.K_SPACE)
    _select(d, strike.name, SPEECH)
    d.key(pygame.K_c)
    cmp = d.scene.cmp
    assert {cmp.a.line.name, cmp.b.line.name} == {"Main line", strike.name}
    assert cmp.a.line.marks[cmp.parts_at].decision == SPEECH
    assert "Chose" not in _texts(d.scene.view)  # the compare view, not the details
    d.key(pygame.K_ESCAPE)
    # the odds of every option at the decision where they parted
    d.key(pygame.K_o)
    assert d.name == "OddsScene"
    odds_scene = d.scene
    assert odds_scene.worker.busy or odds_scene.odds is not None
    d.key(pygame.K_n)  # the screen answers while the worker computes
    assert odds_scene.numbers
    assert odds_scene.worker.wait(120), "the exact odds under the 1962 choices did not finish"  # well under 1 s
    d.step()
    assert odds_scene.policy == "historical-dice" and odds_scene.odds and "Computed in" in _texts(d.scene.view)
    # the ways of playing on are tabs: a click on one picks it (here Force, then back to 1962's by its number)
    force = odds_scene.policy_btns["force"]
    assert odds_scene.view.rect.top >= max(b.rect.bottom for b in odds_scene.policy_btns.values())
    d.click(force.rect.center)
    assert odds_scene.policy == "force"
    d.key(pygame.K_1)
    assert odds_scene.policy == "historical-dice"
    shown = odds_scene.numbers
    d.click(odds_scene.numbers_btn.rect.center)  # the shares of each ending, to the mouse as to N
    assert odds_scene.numbers != shown and ("Hide" if odds_scene.numbers else "Show") in odds_scene.numbers_btn.label
    d.click(odds_scene.numbers_btn.rect.center)
    # Play on by quarantine and negotiation instead (a number key picks the way of playing).
    d.key(getattr(pygame, f"K_{odds_scene.order.index('diplomacy') + 1}"))
    assert odds_scene.policy == "diplomacy"
    assert odds_scene.worker.wait(300), "the exact odds did not finish"
    d.step()
    odds = odds_scene.odds
    options = {c.id for c in session.engine.choices(session.state_at(odds_scene.node)) if c.available}
    assert {o.option for o in odds} == options
    for o in odds:
        assert abs(sum(o.endings.values()) - 1) < 1e-9
        nuclear = sum(p for cat, p in o.endings.items() if cat in session.engine.scenario.catastrophic)
        assert abs(nuclear - o.nuclear) < 1e-9
    strike_odds = next(o for o in odds if o.option == "strike-instead")
    speech = next(o for o in odds if o.historical)
    # Once ordered, the strike cannot be called off (quarantine and negotiation warns Moscow first, at best):
    # bombs on Soviet crews run more danger than the speech, whatever follows.
    assert strike_odds.nuclear > speech.nuclear
    shown = _texts(d.scene.view)
    assert "Nuclear use from here on: " in shown and "Computed in" in shown
    # what a bar is, that it is exact, and that it leaves out the danger already run: said, in plain words
    assert "Each bar shows how the crisis ends if you take that option" in shown and "exact odds, not a sample" in shown
    assert "Only the danger still to come counts here" in shown
    taken = next(o for o in odds if o.option == odds_scene.taken)  # opened from the strike's history
    assert taken.option == "strike-instead" and f"{taken.number}. {taken.text} · taken in this history" in shown
    assert shown.count("taken in this history") == 1


def test_back_keeps_both_futures_and_the_pause_menu_goes_back(make_app):
    d = make_app(MINI, fate="history")
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    assert d.name == "DecisionScene"
    first = d.scene.node.id
    session = d.scene.session
    picks = [c for c in d.scene.choices if c.available]
    d.key(pygame.K_0 + picks[0].number)
    d.key(pygame.K_RETURN)
    assert d.name == "OutcomeScene"
    d.key(pygame.K_b)  # back from the outcome to the decision just taken
    assert d.name == "DecisionScene" and d.scene.node.id == first
    assert "the line you left is kept" in d.scene.message  # said, on the screen's footer
    foot = [str(getattr(b, "text", "")) for b in d.scene.foot.blocks]
    assert any("the line you left is kept" in t for t in foot)
    assert any("1–9 choose" in t.replace("\u00a0", " ") for t in foot), "the message hid the keys"
    d.key(pygame.K_9)  # no ninth option: said, nothing chosen
    assert "There is no option 9 here" in d.scene.message and d.scene.selected is None
    d.key(pygame.K_0 + picks[1].number)
    d.key(pygame.K_RETURN)
    assert len(session.root.leaves()) == 2  # both futures kept
    assert not d.app.toast.text  # a new move: nothing to explain
    d.key(pygame.K_b)  # back again, and the same option as the first time: the same dice, the same history
    d.key(pygame.K_0 + picks[0].number)
    d.key(pygame.K_RETURN)
    assert d.name == "OutcomeScene" and len(session.root.leaves()) == 2
    assert "Chosen as before" in d.app.toast.text and "other luck" in d.app.toast.text
    d.key(pygame.K_ESCAPE)
    assert d.name == "PauseScene"
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)  # Go back a decision
    assert d.name == "DecisionScene" and d.scene.node.id == first
    d.key(pygame.K_b)  # nothing before the first decision: said, not done
    assert d.name == "DecisionScene" and "first decision" in d.scene.message


def test_the_mouse_alone_reaches_the_pause_menu_and_the_histories(make_app):
    """Esc and H were the only ways from a game screen to the pause menu and the histories."""
    d = make_app(MINI, fate="history")
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    for scene_name in ("DecisionScene", "OutcomeScene"):
        if scene_name == "OutcomeScene":
            d.key(pygame.K_0 + next(c for c in d.scene.choices if c.available).number)
            d.key(pygame.K_RETURN)
        assert d.name == scene_name and not d.scene.menu_btn.rect.colliderect(d.scene.foot.rect)
        d.click(d.scene.menu_btn.rect.center)
        assert d.name == "PauseScene"
        d.click(d.scene.menu.rects[0].center)  # Resume
        assert d.name == scene_name
    d.click(d.scene.menu_btn.rect.center)
    labels = [it.label for it in d.scene.menu.items]
    d.click(d.scene.menu.rects[labels.index("Histories")].center)
    assert d.name == "HistoriesScene"


def test_the_debrief_saves_its_report_and_opens_the_histories_by_mouse(make_app, home):
    d = make_app(MINI, fate="history")
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    for _ in range(40):  # the first open option each time, through to the debrief
        if d.name == "DebriefScene":
            break
        if d.name == "DecisionScene":
            d.key(pygame.K_0 + next(c for c in d.scene.choices if c.available).number)
        d.key(pygame.K_RETURN)
    assert d.name == "DebriefScene"
    buttons = [d.scene.new_btn, d.scene.title_btn, *d.scene.side_btns.values()]
    for size in SIZES:  # the buttons and the footer keep apart at every size
        d.resize(size)
        buttons = [d.scene.new_btn, d.scene.title_btn, *d.scene.side_btns.values()]
        assert not any(a.rect.colliderect(b.rect) for a, b in itertools.combinations(buttons, 2)), size
        assert not any(b.rect.colliderect(d.scene.foot.rect) for b in buttons), size
    d.click(d.scene.side_btns["report"].rect.center)
    saved = list((home / "reports").glob("*.html"))
    assert len(saved) == 1 and saved[0].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert str(saved[0]) in d.scene.said
    d.shot("06-debrief-report-saved")
    d.click(d.scene.side_btns["histories"].rect.center)
    assert d.name == "HistoriesScene"


def test_name_comment_promote_and_delete_on_the_histories_screen(make_app):
    d = make_app(MINI, fate="history")
    session = _two_first_choices(d)
    assert d.name == "HistoriesScene"
    assert len(d.scene.lines) == 3
    _select(d, "Variation 1")
    d.key(pygame.K_n)
    d.app.handle(pygame.event.Event(pygame.TEXTINPUT, text="Wait and see"))
    d.key(pygame.K_RETURN)
    assert "Wait and see" in [line.name for line in d.scene.lines]
    assert any(n.label == "Wait and see" for n in session.root.walk())
    d.key(pygame.K_k)
    d.app.handle(pygame.event.Event(pygame.TEXTINPUT, text="too timid?"))
    d.key(pygame.K_RETURN)
    assert d.scene.mark.comment == "too timid?"
    d.key(pygame.K_p)  # promote it to the main line
    assert d.scene.lines[1].name == "Wait and see" and d.scene.lines[1].is_main
    # the history that was the main line is called by its new place, and the screen says so
    assert "'Wait and see' is now the main line" in d.scene.message
    assert "'Main line' is now called 'Variation" in d.scene.message
    assert_fits(d, "histories after promote")
    d.key(pygame.K_p)  # again: it is the main line already, and the screen says that instead
    assert "already the main line" in d.scene.message and d.scene.lines[1].name == "Wait and see"
    shown = _texts(d.scene.details)
    ended = d.scene.line.ended
    assert ("at the end" in shown) == ended and ("so far" in shown) != ended, shown
    assert " 1 decisions" not in f" {shown}"
    assert "the main line" in shown  # a named main line says it is the main one
    assert "Named here" not in shown  # the name heads the panel: not said again under the decision
    _select(d, "Wait and see")
    d.key(pygame.K_DELETE)
    assert "again" in d.scene.message and len(d.scene.lines) == 3
    d.key(pygame.K_DELETE)
    assert len(d.scene.lines) == 2 and "Wait and see" not in [line.name for line in d.scene.lines]
    d.key(pygame.K_DELETE)
    assert "only history" in d.scene.message  # the last one stays
    left = session.current
    assert left in session.root.leaves()[0].path()
    # the mouse: pointing at a mark selects it, clicking Compare compares
    rect, row, k = d.scene.chart.hits[-1]
    d.click(rect.center)
    assert (d.scene.row, d.scene.col) == (row, k)
    d.click(d.scene.buttons["compare"].rect.center)
    assert d.name == "CompareScene"
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_ESCAPE)  # back to the game, at the point where it stands
    assert d.name == "DecisionScene" and d.scene.node.id == d.app.engine.node(session.state).id


def test_odds_setting_shows_a_tab_during_play(make_app):
    from game.ui.settings_store import Settings

    d = make_app(MINI, fate="history")
    d.app.apply_settings(Settings(show_odds=True))
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    assert d.name == "DecisionScene" and "odds" in d.scene.tabs
    assert d.scene.worker.wait(60)
    d.step()
    d.key(pygame.K_TAB)
    d.key(pygame.K_TAB)
    assert d.scene.tab == "odds"
    shown = _texts(d.scene.views["odds"])
    assert "Nuclear use from here on:" in shown
    d.key(pygame.K_o)
    assert d.name == "OddsScene"
    # opened in play, the odds do not say which option was 1962's unless the player asked for that mark
    assert d.scene.worker.wait(60)
    d.step()
    assert "(1962)" not in _texts(d.scene.view)
    d.app.apply_settings(Settings(show_odds=True, mark_history=True))
    scene = type(d.scene)(d.app, d.scene.session, d.scene.node, back=d.scene.back, during_play=True)
    d.app.go(scene)
    assert scene.worker.wait(60)
    d.step()
    assert "(1962)" in _texts(scene.view)


def test_odds_are_off_by_default(make_app):
    d = make_app(MINI, fate="history")
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    assert d.name == "DecisionScene" and "odds" not in d.scene.tabs and d.scene.worker is None


def _toggle_odds_from_the_pause_menu(d):
    d.key(pygame.K_ESCAPE)
    for _ in range(3):  # past Go back and Histories
        d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)
    assert d.name == "SettingsScene"
    for _ in range(3):  # text size, contrast, full screen
        d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_ESCAPE)  # back to the pause menu
    d.key(pygame.K_ESCAPE)  # and on with the decision


def test_odds_turned_on_mid_decision_show_at_that_decision(make_app):
    d = make_app(MINI, fate="history")
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    decision = d.scene
    assert "odds" not in decision.tabs
    _toggle_odds_from_the_pause_menu(d)
    assert d.app.settings.show_odds and d.scene is decision
    assert "odds" in decision.tabs and decision.worker is not None
    assert decision.worker.wait(60)
    d.step()
    decision.set_tab("odds")
    assert "Nuclear use from here on:" in _texts(decision.views["odds"])
    _toggle_odds_from_the_pause_menu(d)  # and off again: the tab goes, the screen is back on intelligence
    assert not d.app.settings.show_odds and d.scene is decision
    assert "odds" not in decision.tabs and decision.worker is None and decision.tab == "intel"


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_screenshots_of_histories_compare_and_odds_at_three_sizes(make_app):
    """Writes artifacts/screenshots/1x-*.png for people to look at (not compared)."""
    d = make_app(REAL, fate="history", seed=11)
    _two_histories(d)
    # at each size: the strike line at the speech, compare, then the odds at a late decision (quick to compute)
    for size in SIZES:
        d.resize(size)
        _select(d, d.scene.lines[2].name, SPEECH)
        assert d.shot("10-histories").exists()
        assert_fits(d, "histories")
        d.key(pygame.K_c)
        d.shot("11-compare")
        d.key(pygame.K_PAGEDOWN)
        d.key(pygame.K_PAGEDOWN)
        d.shot("11-compare-more")
        assert d.scene.luck_done.wait(60)
        d.step()
        d.key(pygame.K_END)
        d.shot("11-compare-luck")
        assert_fits(d, "compare", scroll=True)
        d.key(pygame.K_ESCAPE)
        _select(d, "Main line", "d27-evening")
        d.key(pygame.K_o)
        assert d.name == "OddsScene"
        assert d.scene.worker.wait(600)
        d.step()
        d.key(pygame.K_n)
        d.shot("12-odds")
        assert_fits(d, "odds", scroll=True)
        d.key(pygame.K_ESCAPE)
        # with the setting on, the decision screen has an odds tab
        from game.ui.settings_store import Settings

        d.app.apply_settings(Settings(show_odds=True))
        _select(d, "Main line", "d27-evening")
        d.key(pygame.K_RETURN)
        assert d.name == "DecisionScene" and d.scene.worker is not None
        assert d.scene.worker.wait(600)
        d.step()
        while d.scene.tab != "odds":
            d.key(pygame.K_TAB)
        d.shot("13-decision-odds")
        assert_fits(d, "decision with odds", scroll=True)
        d.app.apply_settings(Settings(show_odds=False))
        d.key(pygame.K_h)


def test_save_a_copy_then_load_it_and_type_a_seed(make_app):
    d = make_app(MINI, fate="history")
    _new_game_one_decision(d)
    d.key(pygame.K_h)
    header = " ".join(p.text for p in d.scene.head.blocks)  # the seed, and where to type it to share the luck
    assert f"seed {d.scene.session.config.seed} " in header and "New game with a seed" in header, header
    d.key(pygame.K_s)  # save a named copy of the whole tree
    d.app.handle(pygame.event.Event(pygame.TEXTINPUT, text="What if"))
    d.key(pygame.K_RETURN)
    assert "what-if.json" in d.scene.message
    played = d.scene.session
    d.key(pygame.K_ESCAPE)  # back to the outcome
    d.key(pygame.K_ESCAPE)  # pause
    d.scene.menu.focus = 4  # save and quit to title
    d.key(pygame.K_RETURN)
    assert d.name == "TitleScene"
    d.scene.menu.focus = 3  # Saved games
    d.key(pygame.K_RETURN)
    assert d.name == "SavesScene"
    names = [it.label for it in d.scene.menu.items]
    assert "What if" in names and "autosave" in names
    info = next(i for i in d.scene.saves if i.name == "What if")
    assert info.scenario_id == "mini" and info.when_in_game and info.saved_at > 0
    d.scene.menu.focus = names.index("What if")
    d.key(pygame.K_RETURN)
    assert d.name in ("OutcomeScene", "DecisionScene", "DebriefScene")
    assert d.scene.session.state.fingerprint() == played.state.fingerprint()
    # a new game with a typed seed, while a game in progress is in the autosave slot
    d.key(pygame.K_ESCAPE)
    d.scene.menu.focus = 4
    d.key(pygame.K_RETURN)
    d.scene.menu.focus = 3
    d.key(pygame.K_RETURN)
    d.scene.menu.focus = len(d.scene.saves)  # New game with a seed…
    from game.session import Session

    played = Session.new(d.app.engine, seed=5)
    played.choose(next(c.id for c in played.engine.choices(played.state) if c.available))
    if played.state.ended:
        played.back()
    assert d.app.store.autosave(played) and not played.state.ended
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)  # nothing typed: the prompt says what a seed is and stays open
    assert d.scene.mode == "seed" and "whole number" in d.scene.message
    d.app.handle(pygame.event.Event(pygame.TEXTINPUT, text="4242x"))
    d.key(pygame.K_RETURN)
    # the loaded game is in progress in the autosave slot: the new game asks before replacing it
    assert d.name == "SavesScene" and "moves to Saved games" in d.scene.message and "1 history" in d.scene.message
    assert_fits(d, "seed prompt asking to replace the game in progress")
    kept = d.app.store.probe_autosave(d.app.engine)[0]
    assert kept is not None and kept.state.fingerprint() == played.state.fingerprint()
    d.key(pygame.K_ESCAPE)  # keep it
    assert d.scene.mode == "" and d.app.store.probe_autosave(d.app.engine)[0].state.fingerprint() == (
        played.state.fingerprint()
    )
    d.key(pygame.K_RETURN)  # New game with a seed… again, this time confirmed
    d.app.handle(pygame.event.Event(pygame.TEXTINPUT, text="4242"))
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    assert d.name == "BriefingScene" and d.scene.session.config.seed == 4242


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_twenty_variations_scroll_and_stay_readable(make_app):
    from game.ui.bench_histories import _session_with_variations
    from game.ui.scenes.histories import HistoriesScene

    for size in SIZES:
        d = make_app(REAL, size=size)
        session = _session_with_variations(d.app.engine, 20)
        d.app.go(HistoriesScene(d.app, session))
        d.step()
        assert len(d.scene.lines) == 21
        d.key(pygame.K_HOME)
        for _ in range(25):
            d.key(pygame.K_DOWN)
        chart = d.scene.chart
        assert d.scene.row == 20 and chart.rows[20].y >= 0 and chart.rows[0].y >= 0  # 1962 stays on top
        if size[1] < 1080:
            assert chart.first > 0  # the rows scrolled to keep the selection in view
            assert "more above" in chart.more_cue() and "below" not in chart.more_cue()
        d.shot("10-histories-20")
        assert_fits(d, "histories with 20 variations")
        for _ in range(25):
            d.key(pygame.K_UP)
        assert d.scene.row == 0 and chart.rows[1].y >= 0
        if size[1] < 1080:  # scrolled back to the top: what is out of view is below
            assert "more below" in d.scene.chart.more_cue() and "above" not in d.scene.chart.more_cue()


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_pointing_at_another_mark_repaints_only_the_selected_row(make_app):
    """The chart keeps a layer of every row unselected: moving the selection draws the band on the new row and
    not the old one, without painting that layer again (a move costs a blit and one row)."""
    from game.ui.bench_histories import _session_with_variations
    from game.ui.scenes.histories import HistoriesScene

    d = make_app(REAL, size=(1280, 720))
    session = _session_with_variations(d.app.engine, 20)
    d.app.go(HistoriesScene(d.app, session))
    d.step()
    chart = d.scene.chart
    d.key(pygame.K_HOME)
    paints = chart.base_paints
    band = d.app.tf.pal.focus_bg

    def band_at(row: int) -> bool:
        x = chart.rect.right - d.app.tf.px(20)  # right of every mark: only the band or the panel is there
        return tuple(d.app.screen.get_at((x, chart.rows[row].y)))[:3] == band

    old = d.scene.row
    d.key(pygame.K_DOWN)
    new = d.scene.row
    assert new != old and band_at(new) and not band_at(old)
    assert chart.base_paints == paints, "the unselected layer was not painted again"
    d.key(pygame.K_SPACE)  # another partner (◆): that layer changes, so it is painted again
    assert chart.base_paints == paints + 1 and band_at(new)


def test_deleting_the_line_being_played_goes_on_from_where_the_game_stands(make_app):
    d = make_app(MINI, fate="history")
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    first = d.scene.node.id
    session = d.scene.session
    picks = [c for c in d.scene.choices if c.available]
    d.key(pygame.K_0 + picks[0].number)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_b)
    d.key(pygame.K_0 + picks[1].number)
    d.key(pygame.K_RETURN)
    assert d.name == "OutcomeScene"
    d.key(pygame.K_h)
    assert d.scene.line.name == "Variation 1"  # the line being played
    d.key(pygame.K_DELETE)
    d.key(pygame.K_DELETE)
    assert len(session.root.leaves()) == 1 and session.current is session.root
    d.key(pygame.K_ESCAPE)  # not to the outcome of a deleted move: to the decision the game now awaits
    assert d.name == "DecisionScene" and d.scene.node.id == first
    assert "The history you were playing was deleted" in d.scene.message  # and it says why it is here


def _random_odds_at_the_first_decision(d, monkeypatch, **settings):
    """A new game of 1962 to its first decision, and the odds screen there for `random`, with the window's
    odds settings (`ROW_LIMIT`, `SAMPLE_PLAYS`, …) as given and nothing remembered from other tests."""
    from game.ui import odds as odds_module
    from game.ui.scenes.odds import OddsScene

    for name, value in settings.items():
        monkeypatch.setattr(odds_module, name, value)
    monkeypatch.setattr(odds_module, "_analysers", {})
    monkeypatch.setattr(odds_module, "_estimates", {})
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    for _ in range(10):
        if d.name == "DecisionScene":
            break
        d.key(pygame.K_RETURN)
    assert d.name == "DecisionScene"
    session = d.scene.session
    scene = OddsScene(d.app, session, session.current, back=d.scene, policy="random")
    d.app.go(scene)
    return session, scene


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_odds_too_large_to_follow_are_estimated_and_say_so(make_app, monkeypatch):
    """`random` from the first day mixes every course with every other: past the window's bound on states
    the odds screen estimates them by playing each option on, says in words that they are estimates, how
    close, and where to get exact ones; the bars are still there, one per option."""
    from game.ui import odds as odds_module

    d = make_app(REAL)
    # the window's bound made small: a few seconds
    session, scene = _random_odds_at_the_first_decision(
        d, monkeypatch, ROW_LIMIT=300_000, SAMPLE_PLAYS=300, REFINE_PLAYS=()
    )
    d.step()
    assert d.name == "OddsScene"
    assert scene.worker.wait(120)
    d.step()
    shown = _texts(scene.view)
    assert not scene.worker.job.error, scene.worker.job.error
    open_now = [c for c in session.engine.choices(session.state) if c.available]
    assert [o.option for o in scene.odds] == [c.id for c in open_now]
    assert all(o.plays == 300 and 0 < o.margin < 0.1 for o in scene.odds)
    assert all(abs(sum(o.endings.values()) - 1) < 1e-9 for o in scene.odds)
    assert "Estimated, not exact" in shown and "played on 300 times" in shown and "later decision" in shown
    # the terminal command it gives weighs this decision, even in a copy saved at the history's end
    at = session.engine.node(session.state).id
    assert f"analyse --save FILE --at {at} --policy random" in shown
    assert "Nuclear use from here on: about " in shown and "Estimated in" in shown
    # asked again at the same point, the estimate is given at once: the exact analysis is not tried again
    from game.analysis.exact import Analyser

    exact = Analyser.option_odds
    monkeypatch.setattr(Analyser, "option_odds", lambda *a: pytest.fail("the exact analysis was tried again"))
    assert odds_module.option_odds(d.app.engine, session.state, "random") == scene.odds
    monkeypatch.setattr(Analyser, "option_odds", exact)
    for size in SIZES:
        d.resize(size)
        assert_fits(d, f"odds estimated at {size}")
        d.shot("odds-estimated")
    d.key(getattr(pygame, f"K_{scene.order.index('diplomacy') + 1}"))  # another way of playing is exact
    assert scene.worker.wait(120)
    d.step()
    assert scene.odds, scene.worker.job.error
    assert all(o.plays == 0 for o in scene.odds)
    assert "Estimated, not exact" not in _texts(scene.view)
    assert "Computed in" in _texts(scene.view)


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_the_calendar_labels_each_day_it_can_and_keeps_them_inside(make_app):
    """Day labels above the chart: never cut off at the panel's edge, never on one another, and the day alone
    once its month is shown, so that the crowded days of the crisis (22 October among them) keep a label."""
    d = make_app(REAL, fate="history", seed=11)
    _two_histories(d)
    for size in SIZES:
        d.resize(size)
        chart = d.scene.chart
        labels = chart.day_labels()
        assert labels and labels[0][0].endswith("Oct")  # the month is said once, first
        for (_, a), (_, b) in itertools.pairwise(labels):
            assert a.right < b.left, size
        assert all(chart.rect.left <= r.left and r.right <= chart.rect.right for _, r in labels), size
        days = {text.split()[0] for text, _ in labels}
        assert "22" in days, (size, sorted(days))
        last = chart.ticks[-1]
        assert labels[-1][0] in (last[1], last[2]), (size, labels[-1][0], last)  # where the histories end


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_the_pointer_on_its_way_to_a_button_tells_of_marks_but_only_a_click_selects(make_app):
    """Pointing at a mark selected it, so the pointer crossing other marks on its way to Odds changed the
    decision Odds opened at. Now pointing tells of the mark in a note beside it; a click selects it."""
    d = make_app(REAL, fate="history", seed=11)
    _two_histories(d)
    scene = d.scene
    chart = scene.chart
    _select(d, "Main line", SPEECH)
    chosen = (scene.row, scene.col)
    other = next((i, k) for i, place in enumerate(chart.rows) for k in range(len(place.xs)) if (i, k) != chosen)
    at = (chart.rows[other[0]].xs[other[1]], chart.rows[other[0]].y)
    d.app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=at, rel=(0, 0), buttons=(0, 0, 0)))
    d.step()
    assert (scene.row, scene.col) == chosen  # told of, not selected
    note = scene.hover_lines()
    assert note and scene.lines[other[0]].name in note[0] and "click to select" in note[-1]
    shot = d.shot("10-histories-pointing")
    assert shot.exists()
    target = scene.buttons["odds"].rect.center  # on to the Odds button: the selection is still the speech
    d.app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=target, rel=(0, 0), buttons=(0, 0, 0)))
    assert (scene.row, scene.col) == chosen and not scene.hover_lines()
    d.click(at)  # a click selects
    assert (scene.row, scene.col) == other
    _select(d, "Variation 1", SPEECH)  # a note on a decision: pointing at it then tells the note too
    noted = (d.scene.row, d.scene.col)
    d.key(pygame.K_k)
    d.app.handle(pygame.event.Event(pygame.TEXTINPUT, text="the turning point"))
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RIGHT)
    row, col = noted
    spot = (d.scene.chart.rows[row].xs[col], d.scene.chart.rows[row].y)
    d.app.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=spot, rel=(0, 0), buttons=(0, 0, 0)))
    assert "Note: the turning point" in d.scene.hover_lines()


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_every_tool_of_the_histories_screen_has_a_button(make_app):
    """Naming, notes, the other history, saving a copy, promoting and deleting were keys only."""
    d = make_app(REAL, fate="history", seed=11)
    _two_histories(d)
    scene = d.scene
    assert set(scene.tools) == {"play", "partner", "name", "note", "save", "promote", "delete"}
    for size in SIZES:  # in view, clear of the chart, the footer and one another
        d.resize(size)
        scene = d.scene
        rects = [b.rect for b in scene.tools.values()]
        assert all(d.app.screen.get_rect().contains(r) for r in rects), size
        assert not any(a.colliderect(b) for a, b in itertools.combinations(rects, 2)), size
        assert all(r.top >= scene.chart.rect.bottom and r.bottom <= scene.foot.rect.top for r in rects), size
    d.click(scene.tools["partner"].rect.center)  # the strike becomes the other history of a comparison
    assert scene.partner == scene.row and "other history" in scene.message
    d.click(scene.tools["name"].rect.center)
    assert scene.mode == "name"
    d.app.handle(pygame.event.Event(pygame.TEXTINPUT, text=" by mouse"))
    d.key(pygame.K_RETURN)
    assert scene.line.name.endswith("by mouse")
    _select(d, "1962 as it happened")  # for reference: what would change it is greyed
    assert not d.scene.tools["delete"].enabled and not d.scene.tools["name"].enabled
    assert d.scene.tools["partner"].enabled and d.scene.tools["save"].enabled


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_an_endings_square_stands_clear_of_the_frame_and_of_the_last_decision(make_app):
    """The square that marks an ending sat against the panel's right edge for every line that ran to 12 November."""
    d = make_app(REAL, fate="history", seed=11)
    _two_histories(d)
    for size in SIZES:
        d.resize(size)
        chart, tf = d.scene.chart, d.scene.tf
        ended = [place for place in chart.rows if place.line.ended]
        assert len(ended) >= 2, size
        for place in ended:
            box = chart.end_box(place)
            assert box.right <= chart.rect.right - tf.px(8), (size, place.line.name, box, chart.rect)
            assert box.left > place.xs[-1] + tf.px(6), (size, place.line.name)


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_an_ending_stands_on_the_day_it_came_and_a_branch_on_the_decision_where_it_parts(make_app):
    """1962's ending (23 November) was drawn beside its last decision (12 November), and a branch's connector
    stood at the last decision it shared, so a history parted on 22 October read as parted on the 21st."""
    from game.session.lines import parting

    d = make_app(REAL, fate="history", seed=11)
    _two_histories(d)
    for size in SIZES:
        d.resize(size)
        chart = d.scene.chart
        for place in chart.rows:
            if place.line.ended:
                assert place.line.ended_when is not None and place.line.ended_when >= place.line.marks[-1].when
                if place.line.ended_when > place.line.marks[-1].when:  # a later day: its own place, further right
                    assert chart.end_box(place).centerx == chart.x_of(place.line.ended_when), (size, place.line.name)
        ended_days = {fmt.day_label(p.line.ended_when) for p in chart.rows if p.line.ended}
        assert "23 Nov" in ended_days  # 1962's ending, as the scenario dates it
        assert "23 Nov" in {label for _, label, _ in chart.ticks}  # with a tick of its own on the calendar
        branch = chart.rows[2]
        parent = chart.rows[branch.parent]
        k = parting(branch.line, parent.line)
        assert branch.line.marks[k].choice != parent.line.marks[k].choice
        assert chart._connector(branch)[0] == branch.xs[k], size


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_slow_exact_odds_show_an_estimate_meanwhile(make_app, monkeypatch):
    """Exact odds that take long (`random` from the first day, here with the bound on states lifted): an
    estimate is shown meanwhile, saying that the exact odds are still coming; leaving stops both."""
    import time

    d = make_app(REAL)
    _, scene = _random_odds_at_the_first_decision(
        d, monkeypatch, ROW_LIMIT=12_000_000, EARLY_SECONDS=0.0, SAMPLE_PLAYS=200
    )
    end = time.perf_counter() + 60
    while scene.worker.job.interim is None and time.perf_counter() < end:
        time.sleep(0.05)
    d.step()
    assert scene.worker.busy and scene.odds is None  # the exact odds are not there yet
    shown = _texts(scene.view)
    assert "Computing the exact odds" in shown and "An estimate while the exact odds are computed" in shown
    assert "played on 200 times" in shown and "Nuclear use from here on: about " in shown
    for size in SIZES:
        d.resize(size)
        assert_fits(d, f"odds estimate meanwhile at {size}")
        d.shot("odds-meanwhile")
    scene.worker.cancel()
    assert scene.worker.job is None


def test_an_unfinished_history_is_charted_as_the_debrief_charts_an_ended_one():
    """The compare chart starts where the game did, before its first step, for a history still being played as
    for one that has ended (the risk before the first decision, then after each step)."""
    from game.session import Session
    from game.session.lines import documented_line, history_lines
    from game.ui.scenes.compare import comparison
    from tests.support import engine

    eng = engine(MINI)
    session = Session.new(eng, seed=3)
    session.choose(historical_choice(eng, eng.node(session.state).id)[0])
    assert not session.state.ended
    mine = history_lines(session)[0]
    cmp = comparison(session, mine, documented_line(eng, session.documented, session.state.controlled))
    first = session.state.steps[0]
    assert cmp.a.report is None and cmp.a.curve[0] == (first.clock_before, first.risk_before)
    assert cmp.a.curve[-1] == (session.state.clock, session.state.risk)
    assert cmp.b.report is not None and cmp.b.curve == tuple((p.minutes, p.risk) for p in cmp.b.report.curve.yours)


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_compare_says_when_moscows_moves_part_before_the_players_do():
    """The 1962 choices with other dice: Washington's decisions match the record for days, but Moscow ran a
    freighter through the line on 24 October where in 1962 it turned the ships back. The comparison says so
    first, with both of Moscow's options, before where the player's own decisions part."""
    from game.session import Session
    from game.session.lines import documented_line, history_lines
    from game.ui.scenes.compare import comparison
    from tests.support import engine

    eng = engine(REAL)
    session = Session.new(eng, seed=0)
    while not session.state.ended:
        found = historical_choice(eng, eng.node(session.state).id)
        ids = eng.available_ids(session.state)
        session.choose(found[0] if found and found[0] in ids else ids[0])
    mine = history_lines(session)[0]
    record = documented_line(eng, session.documented, session.state.controlled)
    text = comparison(session, mine, record).parting_text
    assert text.startswith("Moscow's moves part first, on Wednesday 24 October"), text
    assert "“Order a freighter through the line” (Main line)" in text
    assert "“Stop the ships and turn them back” (1962 as it happened)" in text
    assert "After 10 decisions in common" in text  # and then where Washington's own decisions part
    from game.ui.scenes.compare import compare_blocks
    from game.ui.widgets.doc import Row

    heads = [b for b in compare_blocks(comparison(session, mine, record)) if isinstance(b, Row)]
    assert any([c[0].text for c in r.cells] == ["Driver", "Main line", "1962 as it happened"] for r in heads)
    same = comparison(session, mine, mine).parting_text
    assert "Moscow" not in same  # a history against itself parts nowhere


def test_the_key_that_opens_a_prompt_is_not_typed_into_it_and_the_compare_partner_follows_its_history(make_app):
    """A real keyboard sends N's text after its key-down: the prompt it opens starts empty. Space marks the other
    history of a comparison; a promotion that moves the rows keeps that mark on the same history. Backspace,
    next to the letters, never deletes a branch."""
    d = make_app(MINI, fate="history")
    session = _two_first_choices(d)
    _select(d, "Main line")
    d.key(pygame.K_SPACE)  # the main line is the other history of the next comparison
    main_leaf = d.scene.lines[d.scene.partner].leaf
    _select(d, "Variation 1")

    def real_key(key: int, letter: str) -> None:  # as SDL sends it: the key, then its text
        d.app.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=letter, scancode=0))
        d.app.handle(pygame.event.Event(pygame.TEXTINPUT, text=letter))
        d.step()

    real_key(pygame.K_n, "n")
    assert d.scene.mode == "name" and d.scene.buffer == ""  # an unnamed history: empty, without an 'n'
    real_key(pygame.K_w, "w")  # typed now: the prompt was already open
    d.key(pygame.K_RETURN)
    assert "w" in [line.name for line in d.scene.lines]
    real_key(pygame.K_k, "k")
    assert d.scene.mode == "comment" and d.scene.buffer == ""
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_p)  # promote 'w': the rows move
    assert d.scene.lines[1].name == "w"
    assert d.scene.lines[d.scene.partner].leaf is main_leaf, "the mark stays on the history it was put on"
    count = len(d.scene.lines)
    d.key(pygame.K_BACKSPACE)
    d.key(pygame.K_BACKSPACE)
    assert len(d.scene.lines) == count and len(session.root.leaves()) == 2


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_the_other_history_chosen_for_compare_is_kept_when_the_screen_is_opened_again(make_app):
    """Chosen with Space, then Esc and H again: the marker went back to 1962 without a word."""
    d = make_app(REAL, fate="history", seed=11)
    _two_histories(d)
    _select(d, "Main line")
    d.key(pygame.K_SPACE)
    d.key(pygame.K_ESCAPE)  # back to where the game stands
    assert d.name != "HistoriesScene"
    d.key(pygame.K_h)
    assert d.name == "HistoriesScene"
    assert d.scene.lines[d.scene.partner].name == "Main line"
    # a new game's histories start from 1962 again: the choice belongs to the game it was made in
    from game.ui.scenes.histories import HistoriesScene
    from game.ui.session import new_session

    d.app.go(HistoriesScene(d.app, new_session(d.app)))
    d.step()
    assert d.scene.partner == 0


def test_compare_words_a_history_after_nuclear_use_and_an_ending_with_a_colon_in_its_label():
    from game.session.lines import Line
    from game.ui.scenes.compare import _ending_text, risk_run

    def line(catastrophic: bool, ending: str, title: str) -> Line:
        return Line("h1", "A", (), True, ending, title, catastrophic, 0.287, True, None)

    war = line(True, "Limited nuclear war", "Fire over Cuba")
    assert risk_run(war) == "nuclear use (28.7% run until then)"  # not a chance: it happened
    assert risk_run(line(False, "A negotiated settlement", "A deal")) == "28.7%"

    class Side:  # what _ending_text reads
        def __init__(self, ln):
            self.line = ln

    settled = _ending_text(Side(line(False, "As in 1962: a settlement", "The missiles go home")))
    assert settled == "As in 1962: a settlement — The missiles go home"  # one colon, not two


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_a_long_history_name_is_cut_short_of_the_first_decision(make_app):
    d = make_app(REAL, fate="history", seed=11)
    _two_histories(d)
    _select(d, "Variation 1")
    d.key(pygame.K_n)
    long_name = "Kennedy listens to the Joint Chiefs and bombs the sites at dawn"
    d.app.handle(pygame.event.Event(pygame.TEXTINPUT, text=long_name))
    d.key(pygame.K_RETURN)
    for size in SIZES:
        d.resize(size)
        d.step()
        chart, tf = d.scene.chart, d.scene.tf
        row = next(p for p in chart.rows if p.line.name == long_name)
        fitted = chart._names[long_name]
        assert fitted.endswith("…") and len(fitted) < len(long_name)
        name_right = chart.rect.x + tf.px(8) + tf.width("small", fitted)
        assert name_right + tf.px(4) <= row.xs[0] - tf.px(6), size  # clear of the first mark's circle


def test_saved_games_deletes_a_save_on_a_second_press_and_keeps_it_aside(make_app):
    from game.ui.scenes.title import ACTIONS

    d = make_app(MINI, fate="history")
    _new_game_one_decision(d)
    d.app.store.save_as(d.scene.session, "What if")
    d.app.store.save_as(d.scene.session, "Another")
    d.key(pygame.K_ESCAPE)  # pause
    d.scene.menu.focus = 4  # save and quit to title
    d.key(pygame.K_RETURN)
    d.scene.menu.focus = ACTIONS.index("saves")
    d.key(pygame.K_RETURN)
    assert d.name == "SavesScene" and "Del delete" in d.scene.foot.blocks[0].text
    d.key(pygame.K_END)  # the last item, Home the first
    assert d.scene.menu.items[d.scene.menu.focus].label == "Back"
    d.key(pygame.K_HOME)
    assert d.scene.menu.focus == 0
    names = [it.label for it in d.scene.menu.items]
    d.scene.menu.focus = names.index("What if")
    path = next(i.path for i in d.scene.saves if i.name == "What if")
    d.key(pygame.K_DELETE)
    assert "again to delete" in d.scene.message and path.exists()
    d.key(pygame.K_DOWN)  # another key: kept
    assert path.exists() and d.scene.confirm_delete is None and not d.scene.message
    d.scene.menu.focus = names.index("What if")
    d.key(pygame.K_DELETE)
    d.key(pygame.K_DELETE)
    assert not path.exists() and (path.parent / "deleted" / path.name).exists()
    assert "What if" not in [it.label for it in d.scene.menu.items] and "kept in" in d.scene.message
    assert_fits(d, "saved games after a deletion")
    # the current game too, by the mouse this time; and the title no longer offers to continue it, but says
    # where the saves are
    d.scene.menu.focus = [it.label for it in d.scene.menu.items].index("autosave")
    d.scene.layout(d.app.size)
    assert d.scene.delete_btn.enabled
    d.click(d.scene.delete_btn.rect.center)
    assert "your current game" in d.scene.message
    d.click(d.scene.delete_btn.rect.center)
    assert "autosave" not in [it.label for it in d.scene.menu.items]
    d.scene.menu.focus = len(d.scene.saves) + 1  # Back: nothing there to delete
    d.scene.layout(d.app.size)
    assert not d.scene.delete_btn.enabled
    d.key(pygame.K_ESCAPE)
    assert d.name == "TitleScene" and not d.scene.menu.items[ACTIONS.index("continue")].enabled
    assert "Saved games has your saves" in d.scene.menu.items[ACTIONS.index("continue")].note
    # loading a save while a played game holds the slot keeps that game, and says where
    _new_game_one_decision(d)
    d.key(pygame.K_ESCAPE)
    d.scene.menu.focus = 4
    d.key(pygame.K_RETURN)
    d.scene.menu.focus = ACTIONS.index("saves")
    d.key(pygame.K_RETURN)
    d.scene.menu.focus = [it.label for it in d.scene.menu.items].index("Another")
    d.key(pygame.K_RETURN)
    assert "Your previous game is kept in Saved games as 'game-" in d.app.toast.text


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_an_estimate_on_the_odds_screen_is_narrowed_with_more_games_while_it_is_shown(make_app, monkeypatch):
    """Where exact odds are out of reach the screen goes on playing games, batch after batch, and shows each
    closer estimate: the figures are then those of one batch of all the games, and a revisit finds them."""
    from game.analysis.exact import lean_copy
    from game.analysis.sampled import sampled_option_odds
    from game.ui import odds as odds_module

    d = make_app(REAL)
    session, scene = _random_odds_at_the_first_decision(
        d, monkeypatch, ROW_LIMIT=300_000, SAMPLE_PLAYS=200, REFINE_PLAYS=(500, 800)
    )
    d.step()
    assert scene.worker.wait_refined(300), scene.worker.job
    for _ in range(3):
        d.step()
    job = scene.worker.job
    assert not job.error and job.revision == 2 and not job.refining
    assert all(o.plays == 800 for o in scene.odds)
    lean = lean_copy(session.state, fate="dice", controlled=(session.engine.scenario.model.player,))
    whole = {o.option: o for o in sampled_option_odds(session.engine.scenario, lean, "random", 800)}
    for o in scene.odds:
        assert o.nuclear == pytest.approx(whole[o.option].nuclear, abs=1e-12)
        assert o.margin == pytest.approx(whole[o.option].margin, abs=1e-12)
    shown = _texts(scene.view)
    assert "played on 800 times" in shown and "more games are being played" not in shown
    # a second visit finds the closer estimate at once
    assert odds_module.option_odds(d.app.engine, session.state, "random") == scene.odds
    scene.leave()
    assert scene.worker.job is None  # leaving stops any narrowing still going on


@pytest.mark.skipif(not REAL.exists(), reason="the 1962 scenario is not bundled")
def test_the_tools_stay_put_under_their_messages_and_the_prompts_answer_the_mouse(make_app):
    """'Press Delete again' grew the footer and moved every tool up, so the second click on Delete missed;
    and a name or a note being typed could be finished or cancelled only from the keyboard."""
    d = make_app(REAL, fate="history", seed=11)
    _two_histories(d)
    for size in SIZES:
        d.resize(size)
        _select(d, "Variation 1")
        spot = d.scene.tools["delete"].rect.center
        d.click(spot)
        assert "again to remove" in d.scene.message
        assert d.scene.tools["delete"].rect.collidepoint(spot), size  # where it was
        assert_fits(d, f"histories asking to confirm a deletion at {size}")
        d.key(pygame.K_LEFT)  # another key: the deletion is not confirmed
    _select(d, "Variation 1")
    d.click(d.scene.tools["delete"].rect.center)
    d.key(pygame.K_k)  # a prompt opened and closed: a Delete after it asks again
    d.key(pygame.K_ESCAPE)
    d.click(d.scene.tools["delete"].rect.center)
    assert "Variation 1" in [ln.name for ln in d.scene.lines] and "again" in d.scene.message
    d.key(pygame.K_LEFT)
    d.click(d.scene.tools["name"].rect.center)
    assert d.scene.mode == "name" and set(d.scene.prompt) == {"keep", "cancel"}
    assert not any(b.enabled for b in d.scene.buttons.values())  # Enter and Esc are the prompt's meanwhile
    d.app.handle(pygame.event.Event(pygame.TEXTINPUT, text="Strike at dawn"))
    d.click(d.scene.tools["delete"].rect.center)  # not a prompt button: nothing happens, nothing is lost
    assert d.scene.mode == "name" and d.scene.buffer == "Strike at dawn"
    d.click(d.scene.prompt["keep"].rect.center)
    assert d.scene.mode == "" and "Strike at dawn" in [ln.name for ln in d.scene.lines]
    d.click(d.scene.tools["note"].rect.center)
    d.app.handle(pygame.event.Event(pygame.TEXTINPUT, text="never mind"))
    d.click(d.scene.prompt["cancel"].rect.center)
    assert d.scene.mode == "" and not d.scene.mark.comment


def test_promoting_an_unnamed_history_says_its_new_name_once(make_app):
    """'Variation 1 is now the main line. Variation 1 is now called Main line; Main line is now called
    Variation 1' read as a contradiction."""
    d = make_app(MINI, fate="history")
    _two_first_choices(d)
    _select(d, "Variation 1")
    d.key(pygame.K_p)
    said = d.scene.message
    assert "'Variation 1' is now the main line, called 'Main line' from now on." in said, said
    assert "'Main line' is now called 'Variation 1'" in said and said.count("'Variation 1' is now") == 1, said


def test_the_arguments_unfold_and_fold_by_a_click_as_by_a(make_app):
    d = make_app(MINI, fate="history")
    d.scene.menu.focus = 1
    d.key(pygame.K_RETURN)
    d.key(pygame.K_s)
    assert d.name == "DecisionScene"
    button = d.scene.args_btn
    assert button is not None and "All arguments" in button.label
    d.click(button.rect.center)
    assert d.scene.show_arguments and "Fold arguments" in d.scene.args_btn.label
    d.key(pygame.K_a)
    assert not d.scene.show_arguments
    assert not d.scene.args_btn.rect.colliderect(d.scene.foot.rect)
    assert not d.scene.args_btn.rect.colliderect(d.scene.menu_btn.rect)
