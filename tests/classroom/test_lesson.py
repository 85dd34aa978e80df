"""A whole classroom lesson played by synthetic events: setup, votes, a timer running out, an injection, a reveal,
an undo, a crash and resume, the debrief. The log replays to the same history; the projector never holds a team's
private strings, and that team's own view does."""

from __future__ import annotations

import pytest

from game.classroom import Lesson, lesson_report, projector_viewer, render_lesson_html, screen_for
from game.engine.views import decision_view
from game.errors import RuleError
from game.session import Facilitate, Setup, dump_session, load_session
from tests.support import OCTOBER, engine

SEED = 6  # a seed on which the documented course survives to 28 October (and the U-2 is shot down)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _eng():
    return engine(OCTOBER)


def _private_strings(eng, state, side: str, intel: bool = True) -> set[str]:
    """What only `side` may know now: its secrets (unless shared with all) and its lines of intelligence."""
    out = {s.text.strip() for s in eng.scenario.model.secrets if s.known_to == side}
    out -= {text.strip() for _, _, text in eng.known_secrets(state, "all")}
    if intel and not state.ended and eng.node(state).actor == side:
        out |= {line.text.strip() for line in eng.briefing(state).intel if line.audience == side}
    return {s for s in out if s}


CHECKED = {"projector": 0}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _assert_secrets_kept(lesson: Lesson) -> None:
    """The projector holds no team's private strings; each team's own view holds all of its own."""
    eng, state = lesson.engine, lesson.session.state
    drawn = _flat(" ".join(screen_for(lesson).strings()))
    projector = projector_viewer(lesson)
    for side in lesson.people:
        private = _private_strings(eng, state, side)
        team = _flat(" ".join(screen_for(lesson, side).strings()))
        # while a result is on screen the next briefing is held back: the team then sees its secrets only
        shown = private if lesson.phase != "result" else _private_strings(eng, state, side, intel=False)
        for secret in private:
            if secret in shown:
                assert _flat(secret) in team, f"the {side} team's view lacks {secret!r}"
            if side != projector:
                assert _flat(secret) not in drawn, f"the projector shows {side}'s {secret!r}"
                CHECKED["projector"] += 1
    if projector == "all":  # before two teams the projector tells what a decision does, never its wording
        for d in lesson.class_path():
            worded = _flat(_option_words(lesson, d.node, d.option))
            assert worded not in drawn, f"the projector shows {d.side}'s choice {worded!r}"
            CHECKED["projector"] += 1


def _option_words(lesson: Lesson, node_id: str, option_id: str) -> str:
    node = next(n for n in lesson.engine.scenario.model.nodes if n.id == node_id)
    return next(str(o.text) for o in node.options if o.id == option_id)


def _historical(lesson: Lesson) -> str:
    state = lesson.session.state
    for c in lesson.engine.choices(state, in_scenario_order=True):
        if c.historical and c.available:
            return c.id
    return lesson.engine.available_ids(state)[0]


def _leader(lesson: Lesson) -> str:
    return next(c for c, r in lesson.engine.scenario.model.roles.items() if r.decides and r.side == lesson.awaited)


def play_lesson(clock: Clock, *, stop_before: str | None = None) -> Lesson:
    """Two teams, a 50-minute plan; every decision discussed, voted on and decided; one time-out; one injection;
    one reveal; one undo. With `stop_before`, stops when that decision is reached."""
    eng = _eng()
    setup = Setup(people=("us", "ussr"), count=20, minutes=50, rule="leader", seconds=240)
    lesson = Lesson.start(eng, setup, seed=SEED, clock=clock)
    decisions = 0
    while not lesson.ended:
        _assert_secrets_kept(lesson)
        if lesson.node_id == stop_before:
            return lesson
        lesson.discuss()
        clock.now += 60
        option = _historical(lesson)
        others = [o for o in eng.available_ids(lesson.session.state) if o != option]
        lesson.vote(_leader(lesson), option)
        if others:
            lesson.vote("rfk" if lesson.awaited == "us" else "mikoyan", others[0])
        lesson.hands(option, 5)
        lesson.open_vote()
        _assert_secrets_kept(lesson)
        if lesson.node_id == "d20-choice":  # the timer runs out: the scenario's default happens
            clock.now += 500
            assert lesson.timed_out()
            lesson.time_out()
            wall = screen_for(lesson)  # two teams: the public view says the time ran out, not what was chosen
            assert "time ran out" in wall.result and "Washington" in wall.result, wall.result
        else:
            lesson.decide()
        _assert_secrets_kept(lesson)
        lesson.next()
        decisions += 1
        assert decisions < 60
    return lesson


def test_a_whole_lesson_replays_to_the_same_history():
    clock = Clock()
    CHECKED["projector"] = 0
    lesson = play_lesson(clock)
    assert CHECKED["projector"] > 50  # the check above met private strings of both teams many times
    assert lesson.session.state.ended
    path = lesson.class_path()
    played = [d for d in path if d.how != "auto"]
    assert {d.node for d in played} >= {"d16-photos", "d20-choice", "s24-line", "s28-decision"}
    assert all(d.node in lesson.plan.key for d in played)  # a 50-minute lesson plays the key decisions only
    assert any(d.how == "auto" for d in path)  # ... and the rest follow 1962
    timeout = next(d for d in path if d.node == "d20-choice")
    assert timeout.how == "timeout" and timeout.option == "quarantine"
    assert all(d.split for d in played)
    # the log alone rebuilds it
    again = Lesson.resume(load_session(lesson.engine, dump_session(lesson.session)), clock)
    assert [(p.kind, p.node, p.choice) for p in again.session.state.path] == [
        (p.kind, p.node, p.choice) for p in lesson.session.state.path
    ]
    assert again.session.state.risk == lesson.session.state.risk
    assert again.class_path() == path
    report = lesson_report(again)
    assert report.report.ending.id == lesson_report(lesson).report.ending.id
    assert len(report.questions) == 5
    voted = [d for d in report.report.player_decisions if d.votes is not None]
    assert voted and all(d.votes.total == sum(s.votes for s in d.votes.shares) for d in voted)
    html = render_lesson_html(report)
    assert "Questions for discussion" in html and report.questions[0].replace("'", "&#x27;") in html
    # the course of the crisis says who decided as a class knows it, and who decided in the record
    by = {d.node: d.by_label for d in report.report.decisions}
    assert by["d16-photos"] == "The class" and by["d20-choice"] == "The default (time ran out)"
    assert next(by[d.node] for d in path if d.how == "auto") == "As in 1962 (not played)"
    chose = {d.node: d.documented_label for d in report.report.decisions}
    assert chose["d16-photos"] == "The ExComm chose" and chose["s28-decision"] == "The Presidium chose"
    assert "What are we trying to do?:" not in html


def test_injection_reveal_undo_and_a_crash_resume_where_the_lesson_was():
    clock = Clock()
    lesson = play_lesson(clock, stop_before="d24-alert")
    eng = lesson.engine
    # a reveal to one team: that team's view has it; the projector does not
    troops = next(s for s in eng.scenario.model.secrets if s.id == "soviet-troops")
    lesson.discuss()
    clock.now += 30
    lesson.vote("jfk", "stay-defcon3")
    lesson.reveal("soviet-troops", "us")
    assert lesson.role_votes() == {"jfk": "stay-defcon3"}  # the vote is carried over the reveal
    assert lesson.phase == "discuss"
    team = screen_for(lesson, "us")
    assert any(troops.text.strip()[:40] in s for s in team.strings())
    soviet = screen_for(lesson, "ussr")
    assert soviet.private  # Washington's decision is private to Moscow's team
    # undo the reveal (the carried vote is not an entry of its own), then the vote
    assert "reveal" in lesson.undo()
    assert ("soviet-troops", "us") not in lesson.session.state.revealed
    assert lesson.role_votes() == {"jfk": "stay-defcon3"} and lesson.phase == "discuss"
    assert "vote" in lesson.undo()
    assert lesson.role_votes() == {}
    lesson.reveal("soviet-troops", "us")
    # an injection
    before = len(lesson.session.state.steps)
    lesson.inject("radar-scare")
    assert "radar-scare" in lesson.session.state.fired and len(lesson.session.state.steps) > before
    assert lesson.phase == "discuss"  # the discussion goes on through the incident, its 30 s spent kept
    # the timer: extend, pause, and the laptop closes with the timer running
    clock.now += 45
    lesson.extend(120)  # logs the timer's reading: 75 s spent
    spent = lesson.timer.spent(clock())
    limit = lesson.timer.limit
    clock.now += 15  # not logged: a crash loses the seconds since the last action, never more
    saved = dump_session(lesson.session)
    clock.now += 10_000  # the laptop was closed for hours: that time is not the class's
    resumed = Lesson.resume(load_session(eng, saved), clock)
    assert resumed.here.id == lesson.here.id and resumed.phase == lesson.phase
    assert resumed.paused and resumed.timer.limit == limit
    assert resumed.timer.spent(clock()) == pytest.approx(spent, abs=0.01)
    assert isinstance(resumed.session.log[-1], Facilitate) and resumed.session.log[-1].action == "pause"
    assert ("soviet-troops", "us") in resumed.session.state.revealed
    assert spent == pytest.approx(75, abs=0.01)
    resumed.resume_timer()
    clock.now += 5
    assert resumed.remaining() == pytest.approx(limit - spent - 5, abs=0.01)


def test_an_incident_injected_during_a_discussion_keeps_its_votes_phase_and_timer():
    clock = Clock()
    lesson = play_lesson(clock, stop_before="d24-alert")
    lesson.discuss()
    clock.now += 40
    lesson.vote("jfk", "stay-defcon3")
    lesson.hands("stay-defcon3", 4)
    lesson.speak("rfk")
    before = lesson.here
    lesson.inject("radar-scare")
    assert "radar-scare" in lesson.session.state.fired and lesson.here is not before
    assert lesson.node_id == "d24-alert"  # the incident did not interrupt: the same decision goes on
    assert lesson.phase == "discuss" and lesson.role_votes() == {"jfk": "stay-defcon3"}
    assert lesson.split() == {"stay-defcon3": 5} and lesson.spoken() == ["rfk"]
    assert lesson.timer.spent(clock()) == pytest.approx(40, abs=0.01)
    replayed = Lesson(load_session(lesson.engine, dump_session(lesson.session)), clock)
    assert replayed.phase == "discuss" and replayed.role_votes() == {"jfk": "stay-defcon3"}
    clock.now += 10
    assert "radar-scare" in lesson.undo()  # undo goes back to before the incident, the votes still there
    assert lesson.here is before and lesson.role_votes() == {"jfk": "stay-defcon3"}
    assert lesson.timer.running and lesson.timer.spent(clock()) == pytest.approx(50, abs=0.01)  # the clock ran on
    lesson.inject("radar-scare")  # the same incident again re-enters its history: the discussion goes on there
    clock.now += 5
    assert lesson.phase == "discuss" and lesson.timer.running
    assert lesson.timer.spent(clock()) == pytest.approx(55, abs=0.01)


def test_an_incident_brought_forward_says_so_and_one_gone_by_is_not_offered():
    """The Moorestown false alarm's telling is of Sunday 28 October: injected on the 24th it says it was brought
    forward. An incident whose window has passed in this game cannot be injected, so it is not offered."""
    clock = Clock()
    lesson = play_lesson(clock, stop_before="d24-alert")
    offered = [i for i, _ in lesson.injectable()]
    assert "radar-scare" in offered
    lesson.inject("radar-scare")
    event = next(e for e in lesson.session.state.steps[-1].events if e.node == "radar-scare")
    assert event.text.startswith("(Brought forward by the facilitator: in the record it happened on Sunday 28")
    assert "radar-scare" not in [i for i, _ in lesson.injectable()]  # it has happened now
    late = play_lesson(Clock(), stop_before="d28-reply")
    gone = late.session.state.considered
    passed = [inc.id for k, inc in enumerate(late.engine.scenario.model.incidents) if k in gone]
    assert passed and not set(passed) & {i for i, _ in late.injectable()}
    in_window = next(e for s in late.session.state.steps for e in s.events if e.kind == "incident")
    assert not in_window.text.startswith("(Brought forward")  # one that happened in its window is told as it was


def test_undoing_a_decision_brings_its_discussion_back_paused_at_the_time_it_stood_at():
    clock = Clock()
    lesson = play_lesson(clock, stop_before="d24-alert")
    lesson.discuss()
    clock.now += 70
    lesson.vote("jfk", "stay-defcon3")
    lesson.decide()
    clock.now += 30  # the result on screen: not discussion time
    lesson.undo()
    assert lesson.node_id == "d24-alert" and lesson.phase == "discuss" and lesson.paused
    assert lesson.timer.spent(clock()) == pytest.approx(70, abs=0.01) and not lesson.timer.running
    replayed = Lesson(load_session(lesson.engine, dump_session(lesson.session)), clock)
    assert replayed.paused and replayed.timer.spent(clock()) == pytest.approx(70, abs=0.01)
    lesson.resume_timer()
    clock.now += 5
    assert lesson.timer.running and lesson.timer.spent(clock()) == pytest.approx(75, abs=0.01)


def test_hiding_one_argument_out_of_all_keeps_the_others_and_all_again_hides_them_all():
    clock = Clock()
    lesson = play_lesson(clock, stop_before="d24-alert")
    lesson.speak("*")
    speakers = lesson.speakers_at(lesson.here.id)
    assert len(speakers) >= 2 and lesson.spoken() == ["*"]
    lesson.speak(speakers[0])
    assert lesson.spoken() == speakers[1:]
    lesson.speak("*")
    assert lesson.spoken() == ["*"]
    lesson.speak("*")
    assert lesson.spoken() == []


def test_the_line_the_class_plays_on_after_an_undo_is_the_main_line_of_its_histories():
    from game.session.lines import history_lines

    clock = Clock()
    lesson = play_lesson(clock, stop_before="d24-alert")
    lesson.inject("radar-scare")
    lesson.undo()  # a wrong injection: undone, kept as a branch
    lesson.discuss()
    lesson.vote("jfk", "stay-defcon3")
    lesson.decide()
    lines = history_lines(lesson.session)
    assert lesson.here.is_main_variation() and lesson.here in lines[0].leaf.path()
    assert any("radar-scare" in [getattr(n.move, "incident", "") for n in line.leaf.path()] for line in lines[1:])
    replayed = Lesson(load_session(lesson.engine, dump_session(lesson.session)), clock)
    assert replayed.here.is_main_variation() and replayed.here.id == lesson.here.id


def test_undo_of_a_decision_goes_back_to_it_past_the_decisions_that_followed_1962():
    clock = Clock()
    lesson = play_lesson(clock, stop_before="d20-choice")
    lesson.discuss()
    lesson.vote("jfk", "quarantine")
    lesson.decide()
    lesson.next()
    assert lesson.node_id != "d20-choice"
    lesson.undo()
    assert lesson.node_id == "d20-choice" and lesson.role_votes() == {"jfk": "quarantine"}


def test_the_projector_of_a_one_side_lesson_is_that_side_and_never_moscow():
    clock = Clock()
    eng = _eng()
    lesson = Lesson.start(eng, Setup(people=("us",), count=12, seconds=120), seed=SEED, clock=clock)
    assert projector_viewer(lesson) == "us"
    soviet = {s.text.strip() for s in eng.scenario.model.secrets if s.known_to == "ussr"}
    soviet |= {k.strip() for r in eng.scenario.model.roles.values() if r.side == "ussr" for k in r.knows}
    for _ in range(8):
        if lesson.ended:
            break
        lesson.speak("*")
        screen = screen_for(lesson)
        drawn = " ".join(screen.strings())
        assert screen.options and not screen.private
        assert not [s for s in soviet if s[:50] in drawn]
        lesson.discuss()
        lesson.vote("jfk", _historical(lesson))
        lesson.decide()
        lesson.next()


def test_refused_actions_change_nothing():
    clock = Clock()
    lesson = Lesson.start(_eng(), Setup(people=("us",), count=5), seed=SEED, clock=clock)
    size = len(lesson.session.log)
    with pytest.raises(RuleError):
        lesson.decide()  # nobody has voted
    with pytest.raises(RuleError):
        lesson.vote("jfk", "no-such-option")
    with pytest.raises(RuleError):
        lesson.show("ussr")  # no Moscow team in this lesson
    assert len(lesson.session.log) == size


def test_a_majority_lesson_decides_by_the_votes_and_a_tie_goes_to_the_leader():
    clock = Clock()
    lesson = Lesson.start(_eng(), Setup(people=("us",), count=5, rule="majority"), seed=SEED, clock=clock)
    lesson.discuss()
    lesson.hands("strike-fast", 3)
    lesson.hands("deliberate", 3)
    lesson.vote("jfk", "deliberate")
    assert lesson.proposal() == "deliberate"
    lesson.hands("strike-fast", 5)
    assert lesson.proposal() == "strike-fast"


def test_the_result_says_when_the_leader_decided_against_the_vote():
    clock = Clock()
    lesson = Lesson.start(_eng(), Setup(people=("us",), count=6, rule="leader"), seed=SEED, clock=clock)
    lesson.discuss()
    for voter in ("rfk", "mcnamara", "taylor"):
        lesson.vote(voter, "strike-fast")
    lesson.vote("jfk", "deliberate")
    lesson.decide()  # the leader's rule: Kennedy's vote decides, three to one against him
    shown = screen_for(lesson)
    assert shown.result.startswith("Keep it secret") and shown.heading == "Washington has decided"
    assert "Decided by the leader, against the vote." in shown.result_notes
    assert "4 votes: 3 for" in " ".join(shown.result_notes)
    lesson.next()
    lesson.discuss()
    option = _historical(lesson)
    lesson.vote("jfk", option)
    lesson.vote("rfk", option)
    lesson.decide()
    assert "Decided by the leader, with the vote." in screen_for(lesson).result_notes


def test_the_session_view_of_a_team_is_the_cores(monkeypatch):
    clock = Clock()
    eng = _eng()
    lesson = play_lesson(clock, stop_before="s23-moscow")
    team = screen_for(lesson, "ussr")
    view = decision_view(eng, lesson.session.state, "ussr", lesson.session.settings)
    assert view is not None and team.intel == view.intel and not team.private
    assert screen_for(lesson).private  # two teams: the projector shows only that Moscow is deciding


def test_ending_early_plays_the_rest_along_1962_and_replays_the_same():
    clock = Clock()
    lesson = play_lesson(clock, stop_before="d24-alert")
    lesson.end()
    assert lesson.session.state.ended and lesson.phase == "debrief"
    path = lesson.class_path()
    assert path[-1].how == "auto" and any(d.node == "s28-decision" and d.how == "auto" for d in path)
    again = Lesson.resume(load_session(lesson.engine, dump_session(lesson.session)), clock)
    assert again.class_path() == path
    assert lesson_report(again).lines == lesson_report(lesson).lines


def test_a_ninety_minute_lesson_plays_every_decision():
    clock = Clock()
    eng = _eng()
    lesson = Lesson.start(eng, Setup(people=("us",), count=20, minutes=90), seed=SEED, clock=clock)
    while not lesson.ended:
        lesson.discuss()
        lesson.vote("jfk", _historical(lesson))
        lesson.decide()
        lesson.next()
    path = lesson.class_path()
    assert path and all(d.how == "class" for d in path)
    assert {"d16-evening", "d17-irbm", "d18-gromyko", "d19-jcs"} <= {d.node for d in path}  # not key: played too


def test_after_an_undo_decided_again_the_next_discussion_starts_its_clock():
    """An undone decision comes back paused; once decided again, opening the next decision's discussion starts
    its timer (the pause was that discussion's, not the lesson's), here and after a replay of the log."""
    clock = Clock()
    lesson = play_lesson(clock, stop_before="d24-alert")
    lesson.discuss()
    clock.now += 70
    lesson.vote("jfk", "stay-defcon3")
    lesson.decide()
    lesson.undo()
    assert lesson.paused
    lesson.decide("stay-defcon3")
    lesson.next()
    while lesson.node_id == "d24-alert" or lesson.awaited not in lesson.people:
        lesson.next()
    lesson.discuss()
    clock.now += 10
    assert not lesson.paused and lesson.timer.running and lesson.timer.spent(clock()) == pytest.approx(10, abs=0.01)
    replayed = Lesson(load_session(lesson.engine, dump_session(lesson.session)), clock)
    assert not replayed.paused


def test_the_report_lists_what_the_facilitator_brought_in_with_the_risk_an_incident_added():
    clock = Clock()
    lesson = play_lesson(clock, stop_before="d24-alert")
    before = lesson.session.state.risk
    lesson.inject("b59")
    after = lesson.session.state.risk
    lesson.reveal("soviet-troops", "us")
    lesson.end()
    report = lesson_report(lesson)
    injected, revealed = report.interventions
    assert "injected: Depth charges over submarine B-59" in injected and after > before
    from game import wording

    assert f"({wording.pct(before)} → {wording.pct(after)})".replace("(", "(risk ") in injected
    assert "revealed to the Washington team" in revealed
    html = render_lesson_html(report)
    assert "What the facilitator brought in" in html and "Depth charges over submarine B-59" in html


def test_each_team_hears_what_the_other_team_did_in_public_and_not_its_words():
    """Moscow's phones are told the other team's public decisions, as the projector is (what a decision does, its
    headline), and never a decision Washington took in secret."""
    clock = Clock()
    lesson = play_lesson(clock, stop_before="s23-moscow")
    moscow = screen_for(lesson, "ussr").news
    assert any("The President speaks" in line for line in moscow), moscow
    speech = next(o for o in lesson.engine.scenario.by_id["d22-speech"].options if o.id == "address-defcon3")
    assert not any(speech.text in line for line in moscow), "the headline, not the option as Washington read it"
    washington = screen_for(lesson, "us").news
    assert not any("The President speaks" in line for line in washington), "its own decision: told as its result"


def test_a_tied_vote_is_told_as_tied_not_as_a_vote_the_leader_followed():
    clock = Clock()
    lesson = play_lesson(clock, stop_before="d24-alert")
    lesson.discuss()
    lesson.vote("jfk", "stay-defcon3")
    lesson.vote("rfk", "sac-defcon2")
    lesson.decide()
    notes = " ".join(screen_for(lesson, "us").result_notes)
    assert "Decided by the leader, breaking a tied vote." in notes and "with the vote" not in notes


def _letters_interrupted(clock: Clock, seconds: float) -> Lesson:
    """Black Saturday: `seconds` into the vote on the letters, with one vote cast, the U-2 is shot down."""
    lesson = play_lesson(clock, stop_before="d27-letters")
    lesson.discuss()
    clock.now += seconds
    lesson.vote("jfk", "work-on-reply")
    lesson.inject("u2-shootdown")
    return lesson


def _decide_the_reprisal_and_go_back(lesson: Lesson, clock: Clock, seconds: float) -> None:
    """The class holds fire on the U-2, and comes back to the letters with their vote and time."""
    lesson.discuss()
    lesson.vote("jfk", "hold-fire")
    lesson.decide()
    lesson.next()
    assert lesson.node_id == "d27-letters" and lesson.phase == "discuss"
    assert lesson.role_votes() == {"jfk": "work-on-reply"}
    assert lesson.timer.spent(clock()) == pytest.approx(seconds, abs=0.01)


def test_a_discussion_an_incident_interrupts_goes_on_with_its_votes_once_the_interruption_is_decided():
    """Black Saturday: the class is voting on the letters when the U-2 is shot down (injected); it decides the
    reprisal question, then comes back to the letters with its votes and its time, here and after a replay."""
    clock = Clock()
    lesson = _letters_interrupted(clock, 30)
    assert lesson.node_id == "d27-u2" and lesson.role_votes() == {}
    _decide_the_reprisal_and_go_back(lesson, clock, 30)
    replayed = Lesson(load_session(lesson.engine, dump_session(lesson.session)), clock)
    assert replayed.role_votes() == {"jfk": "work-on-reply"} and replayed.phase == "discuss"


def test_a_discussion_an_incident_interrupts_survives_a_crash_before_the_interruption_is_decided():
    """The host crashes while the class decides the reprisal: the lesson rebuilt from its save alone still takes
    the letters up again with their vote and their time (the wait is in the log, not only in memory)."""
    clock = Clock()
    lesson = _letters_interrupted(clock, 40)
    holds = [i for i in lesson.session.log if isinstance(i, Facilitate) and i.action == "hold"]
    assert len(holds) == 1 and holds[0].what == "discuss" and holds[0].elapsed == pytest.approx(40, abs=0.01)
    resumed = Lesson(load_session(lesson.engine, dump_session(lesson.session)), clock)  # the crash
    assert resumed.node_id == "d27-u2"
    _decide_the_reprisal_and_go_back(resumed, clock, 40)
    resumed.next()  # nothing waits any more: a second 'next' carries nothing again
    assert sum(1 for i in resumed.session.log if isinstance(i, Facilitate) and i.action == "carry") == 1


def test_undoing_the_interrupting_incident_forgets_the_wait_live_and_on_replay():
    clock = Clock()
    lesson = _letters_interrupted(clock, 0)
    lesson.undo()
    assert lesson.node_id == "d27-letters" and lesson.role_votes() == {"jfk": "work-on-reply"}
    for each in (lesson, Lesson(load_session(lesson.engine, dump_session(lesson.session)), clock)):
        assert each._interrupted is None, "an undone interruption leaves nothing waiting"


def test_the_same_decision_taken_again_after_an_undo_can_be_undone_again():
    """Undo, decide the same again, undo: the second decision re-entered the history the first made, and undoing
    it goes back to the decision (it raised StopIteration, and the facilitator's Undo did nothing)."""
    clock = Clock()
    lesson = play_lesson(clock, stop_before="d24-alert")
    lesson.discuss()
    lesson.vote("jfk", "stay-defcon3")
    lesson.decide()
    after = lesson.here.id
    lesson.undo()
    assert lesson.node_id == "d24-alert"
    lesson.decide("stay-defcon3")
    assert lesson.here.id == after  # the same move: the same history, re-entered
    assert "stay-defcon3" in lesson.undo()
    assert lesson.node_id == "d24-alert"
    replayed = Lesson(load_session(lesson.engine, dump_session(lesson.session)), clock)
    assert replayed.node_id == "d24-alert"


def test_the_result_and_the_vote_split_name_an_option_as_the_class_read_it():
    """On Black Saturday the options read differently once the second letter is in: the result and the split
    must use those words, not the option's first wording."""
    clock = Clock()
    lesson = play_lesson(clock, stop_before="d27-letters")
    eng, state = lesson.engine, lesson.session.state
    base = {o.id: o.text for o in eng.scenario.by_id["d27-letters"].options}
    shown = {c.id: c.text for c in eng.choices(state) if c.available}
    reworded = [i for i in shown if shown[i] != base[i]]
    assert reworded, "no option of d27-letters reads differently here: pick another decision for this test"
    pick = reworded[0]
    lesson.discuss()
    lesson.vote("jfk", pick)
    lesson.decide()
    view = screen_for(lesson, "us")
    assert view.result == shown[pick]
    assert any(shown[pick] in note for note in view.result_notes), view.result_notes


def _forceful_lesson_to_a_catastrophe() -> Lesson:
    """A two-team lesson that takes the most forceful option at each decision, on the first seed whose dice then
    turn against it (the class's own decision ends the crisis)."""
    eng = _eng()
    for seed in range(40):
        lesson = Lesson.start(eng, Setup(people=("us", "ussr"), count=6, rule="leader"), seed=seed, clock=Clock())
        while not lesson.ended:
            lesson.discuss()
            ids = eng.available_ids(lesson.session.state)
            forceful = [i for i in ids if any(w in i for w in ("strike", "invade", "invasion", "attack"))]
            lesson.vote(_leader(lesson), (forceful or ids)[0])
            lesson.open_vote()
            lesson.decide()
            if not lesson.ended:
                lesson.next()
        if lesson.session.state.steps[-1].catastrophe:
            return lesson
    raise AssertionError("no seed below 40 ends a forceful lesson in a catastrophe")


def test_when_a_decision_ends_the_crisis_every_screen_says_how():
    lesson = _forceful_lesson_to_a_catastrophe()
    state = lesson.session.state
    last = state.steps[-1]
    told = next(e for e in last.events if e.kind == "catastrophe")
    ending = next(e for e in last.events if e.kind == "ending")
    decided = lesson.class_path()[-1]
    assert lesson.phase == "debrief" and last.node == decided.node
    for viewer in (None, "us", "ussr"):
        screen = screen_for(lesson, viewer)
        assert screen.ended and screen.title == lesson.engine.node(state).title
        assert screen.heading != "" and "has decided" not in screen.heading
        assert _flat(ending.text) in _flat(screen.text)  # the ending's own words, not only its name
        assert _flat(told.text) in _flat(screen.text)  # the cause: which danger slipped out of control, its odds
        news = _flat(" ".join(screen.news))
        assert told.title in news and lesson.engine.node(state).title not in news  # the news says when, once
        assert _flat(told.text) not in news and _flat(ending.text) not in news
        for e in last.events:  # an event's story stays under its own title: one item, not loose lines
            if e.kind == "chance" and e.text.strip():
                item = next(line for line in screen.news if e.title in line.split("\n\n")[0])
                assert _flat(e.text) in _flat(item)
    own = screen_for(lesson, decided.side)
    assert own.result and own.result_notes  # the deciding team sees its decision and how it was taken
    other = screen_for(lesson, "ussr" if decided.side == "us" else "us")
    assert other.result.endswith("has decided.") and not other.result_notes
    _assert_secrets_kept(lesson)


def test_the_other_team_waits_without_the_secret_decisions_title_or_its_vote_count():
    """Washington's first council is secret: Moscow's screen says Washington is deciding, with no title that
    tells what about and no count of Washington's votes."""
    from game.engine.views import PRIVATE_TITLE

    clock = Clock()
    lesson = Lesson.start(_eng(), Setup(people=("us", "ussr"), count=6), seed=SEED, clock=clock)
    lesson.discuss()
    lesson.vote("jfk", "deliberate")
    washington, moscow, wall = screen_for(lesson, "us"), screen_for(lesson, "ussr"), screen_for(lesson)
    title = lesson.engine.node(lesson.session.state).title
    assert washington.title == title and washington.votes_total == 1
    for other in (moscow, wall):
        assert other.private and other.title == PRIVATE_TITLE and other.votes_total == 0
        assert title not in other.strings()


def test_a_title_that_names_the_deciding_side_is_not_headed_by_it_twice():
    clock = Clock()
    lesson = play_lesson(clock, stop_before="s23-moscow")
    node_title = lesson.engine.node(lesson.session.state).title
    assert node_title.startswith("Moscow: ")
    rest = node_title.removeprefix("Moscow: ")
    for screen in (screen_for(lesson, "ussr"), screen_for(lesson, "facilitator")):
        assert screen.title == rest[0].upper() + rest[1:]  # 'The Presidium answers', headed 'Moscow decides'
        assert screen.deciding == "Moscow"
