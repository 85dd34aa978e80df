"""The classroom in the window, driven by synthetic keys: setup, the projector, a time-out, team views that keep
each team's secrets off the projector, an order slip, the debrief and its report; a lesson resumed after the
window closes. Screenshots at 1280x720 and 1920x1080 go to artifacts/screenshots/."""

from __future__ import annotations

import pygame
import pytest

from game.ui.scenes.title import ACTIONS
from tests.ui.test_ui_layout import assert_fits
from tests.ui.ui_support import REAL


class Clock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def _flat(strings) -> str:
    return " ".join(" ".join(strings).split())


def _to_setup(d, teams: bool):
    d.scene.menu.focus = ACTIONS.index("classroom")
    d.key(pygame.K_RETURN)
    assert d.name == "ClassroomSetupScene"
    scene = d.scene
    scene.focus = scene.fields.index("sides")
    if teams:
        d.key(pygame.K_RIGHT)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_DOWN)  # names
    for ch in "Ada":
        d.app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=0, unicode=ch, scancode=0))
    d.key(pygame.K_RETURN)
    assert scene.c.names == ("Ada",)
    d.key(pygame.K_BACKSPACE)  # and take her out again: the class is a count
    assert scene.c.names == ()
    return scene


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_two_team_lesson_in_the_window(make_app, size):
    d = make_app(REAL, size=size, fate="history", seed=6)
    setup = _to_setup(d, teams=True)
    assert setup.setup().people == ("us", "ussr")
    d.shot("classroom-setup")
    assert_fits(d, "setup")
    setup.focus = setup.fields.index("start")
    d.key(pygame.K_RETURN)
    assert d.name == "ClassroomScene"
    lesson = d.scene.lesson
    clock = Clock()
    lesson.clock = clock
    eng = lesson.engine
    soviet = [_flat([s.text]) for s in eng.scenario.model.secrets if s.known_to == "ussr"]
    d.shot("classroom-brief")
    assert_fits(d, "brief")
    # two teams: the projector shows the public view (Washington's deliberation is its own)
    assert d.scene.sc.private and d.scene.sc.viewer == "all"
    # open Washington's team view: blank first, then the team
    d.key(pygame.K_F1)  # a team's view shows its secrets to the room: the screen blanks and asks first
    assert lesson.screen == "blank" and d.scene.mode == "confirm-show"
    assert "Washington team's own view" in d.scene._banner_text() and "Moscow turns away" in d.scene._banner_text()
    d.shot("classroom-confirm-team-view")
    d.key(pygame.K_ESCAPE)  # not now: the public view comes back
    assert lesson.screen == "projector" and d.scene.mode == ""
    d.key(pygame.K_F1)
    d.key(pygame.K_F1)
    assert lesson.screen == "us" and not d.scene.sc.private and d.scene.sc.options
    d.key(pygame.K_a)  # every role's argument
    d.key(pygame.K_RETURN)  # the discussion starts
    d.key(pygame.K_1)
    d.key(pygame.K_1)
    d.key(pygame.K_2)
    assert sum(lesson.split().values()) == 3
    d.shot("classroom-team-discussion")
    assert_fits(d, "team view")
    assert not any(s[:40] in _flat(d.scene.sc.strings()) for s in soviet)
    # the timer runs out: the default happens, and the screen says so
    clock.now += lesson.setup.seconds + 1
    d.step()
    assert "Time is up" in d.scene.notice and lesson.phase == "result"
    d.shot("classroom-timeout")
    d.key(pygame.K_RETURN)  # next
    # the lesson reaches Moscow's first decision: its order slip is entered on its blanked team view
    for _ in range(20):
        if lesson.awaited == "ussr":
            break
        d.key(pygame.K_RETURN)
        d.key(pygame.K_RETURN)
        d.key(pygame.K_l)
        d.key(pygame.K_1)
        d.key(pygame.K_RETURN)
    assert lesson.awaited == "ussr"
    d.key(pygame.K_F5)
    projector = _flat(d.scene.sc.strings())
    assert not any(s[:40] in projector for s in soviet)
    d.shot("classroom-projector-moscow-decides")
    d.key(pygame.K_o)
    assert lesson.screen == "ussr" and d.scene.mode == "slip"
    team = _flat(d.scene.sc.strings())
    assert all(s[:40] in team for s in soviet)  # Moscow's own view holds its secrets
    d.shot("classroom-order-slip")
    d.key(pygame.K_1)
    assert lesson.screen == "blank" and lesson.phase == "result"
    d.shot("classroom-blank")
    d.key(pygame.K_b)
    assert lesson.screen == "projector"
    # end into the debrief, and write the report
    d.key(pygame.K_e)
    d.key(pygame.K_e)
    assert d.name == "ClassroomDebriefScene"
    d.shot("classroom-debrief")
    assert_fits(d, "debrief")
    d.key(pygame.K_w)
    assert "Written" in d.scene.notice
    from game.ui.scenes.classroom_setup import lesson_saves

    folder = lesson_saves(d.app).folder
    assert (folder / "lesson-report.html").stat().st_size > 1000
    assert (folder / "lesson-report-a4.pdf").read_bytes().startswith(b"%PDF")


def test_a_lesson_resumes_after_the_window_closes(make_app):
    d = make_app(REAL, size=(1280, 720), fate="history", seed=6)
    setup = _to_setup(d, teams=False)
    setup.focus = setup.fields.index("start")
    d.key(pygame.K_RETURN)
    lesson = d.scene.lesson
    lesson.clock = Clock()
    d.key(pygame.K_RETURN)  # discuss
    d.key(pygame.K_v)  # vote by role: Kennedy first
    d.key(pygame.K_2)
    d.key(pygame.K_ESCAPE)
    votes = dict(lesson.role_votes())
    assert votes and lesson.phase == "discuss"
    drawn = _flat(d.scene.sc.strings())
    soviet = [s.text for s in lesson.engine.scenario.model.secrets if s.known_to == "ussr"]
    assert not any(_flat([s])[:40] in drawn for s in soviet)
    d.shot("classroom-us-council")
    # the facilitator reveals the troop numbers to the council: now the projector (the council's screen) shows them
    d.key(pygame.K_x)
    d.key(pygame.K_1)
    d.key(pygame.K_1)
    assert "Revealed" in d.scene.notice
    assert _flat(soviet[:1])[:40] in _flat(d.scene.sc.strings())
    assert lesson.role_votes() == votes  # the discussion goes on with its votes
    d.shot("classroom-reveal")
    d.key(pygame.K_u)  # a wrong entry: undone
    assert "Undone" in d.scene.notice and not lesson.session.state.revealed
    assert not any(_flat([s])[:40] in _flat(d.scene.sc.strings()) for s in soviet)
    # an incident injected from the list
    titles = [t for _, t in lesson.injectable()]
    d.key(pygame.K_i)
    d.key(getattr(pygame, f"K_{titles.index('The Moorestown false alarm') + 1}"))
    assert "Injected" in d.scene.notice and "radar-scare" in lesson.session.state.fired
    assert any("The Moorestown false alarm" in line for line in d.scene.sc.news)  # and the news says what happened
    d.shot("classroom-injected")
    # the same decision is still awaited after the incident: its discussion goes on, votes and all
    assert lesson.phase == "discuss" and lesson.role_votes() == votes
    d.key(pygame.K_v)
    d.key(pygame.K_1)
    d.key(pygame.K_ESCAPE)
    here = lesson.here.id
    votes = dict(lesson.role_votes())
    assert votes
    pygame.display.quit()
    d2 = make_app(REAL, size=(1280, 720), fate="history", seed=6)
    d2.scene.menu.focus = ACTIONS.index("classroom")
    d2.key(pygame.K_RETURN)
    assert "resume" in d2.scene.fields
    d2.scene.focus = d2.scene.fields.index("resume")
    d2.key(pygame.K_RETURN)
    assert d2.name == "ClassroomScene"
    again = d2.scene.lesson
    assert again.here.id == here and again.role_votes() == votes and again.phase == "discuss" and again.paused
    assert "radar-scare" in again.session.state.fired


def test_the_pack_is_written_from_the_setup_screen(make_app):
    d = make_app(REAL, size=(1280, 720))
    setup = _to_setup(d, teams=True)
    setup.focus = setup.fields.index("pack")
    d.key(pygame.K_RETURN)
    assert setup.notice.startswith("Written"), setup.notice
    from game.ui.scenes.classroom_setup import lesson_saves

    assert (lesson_saves(d.app).folder / "classroom-pack-letter.pdf").read_bytes().startswith(b"%PDF")


def test_the_classroom_command_opens_the_setup_once_the_scenario_is_loaded(home):
    """What `python main.py classroom` does: the title comes up at once, the setup as soon as the load is done."""
    import time

    from game.ui.app import App, ScenarioLoader

    app = App(None, seed=3, size=(1280, 720), loader=ScenarioLoader(str(REAL)))
    try:
        app.scene.pending = "classroom"
        app.draw()
        app.start_loading()
        for _ in range(600):
            app.tick(0.05)
            app.draw()
            if type(app.scene).__name__ != "TitleScene":
                break
            time.sleep(0.02)
        assert type(app.scene).__name__ == "ClassroomSetupScene"
    finally:
        pygame.display.quit()
