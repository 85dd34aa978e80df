"""The report model holds what the debriefs showed, worded, for a documented and a departing game."""

from __future__ import annotations

import dataclasses
import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from game import wording
from game.analysis.documented import historical_choice
from game.report import build_report
from game.report.model import Report
from tests.report.games import DEPARTING_SEED, as_played, documented, october
from tests.support import MINI, engine, play_random


def test_a_documented_game_matches_1962_at_every_decision():
    eng = october()
    state = as_played(eng, seed=1, fate="history")
    report = build_report(eng, state, documented(eng))
    assert report.title == eng.scenario.model.title
    assert report.ending.id == eng.node(state).id and report.ending.category == "historical"
    assert report.ending.category_label == "As in 1962: a settlement"
    assert not report.ending.catastrophic and not report.risk.control_lost and report.risk.control_lost_note == ""
    mine = report.player_decisions
    assert [(d.node, d.choice) for d in mine] == [(p.node, p.choice) for p in state.path if p.by == "player"]
    assert mine and all(d.comparison == "same" and d.verdict == "✓ same as 1962" for d in mine)
    assert all(d.side == "us" and d.side_label == "Washington" and d.by_label == "You" for d in mine)
    assert report.missed == ()  # the documented course reaches every documented US decision
    assert report.risk.final_text == wording.pct(state.risk)
    assert report.risk.documented_text == wording.pct(documented(eng).risk)
    lo, hi = eng.scenario.model.risk.band
    assert report.risk.band_text == (wording.pct(lo), wording.pct(hi))
    assert report.risk.final_text in report.risk.summary and report.risk.band_text[1] in report.risk.summary
    assert report.game.seed == 1 and report.game.fate == "history" and report.game.sides == ("us",)


def test_a_departing_game_says_where_it_left_1962():
    eng = october()
    state = as_played(eng, seed=DEPARTING_SEED, depart=2)
    report = build_report(eng, state)
    first, second, *rest = report.player_decisions
    assert first.choice == state.decisions[0][1] and first.comparison == "different"
    assert first.verdict == "different from 1962"  # not "≠ different": said once
    assert (first.documented_choice, first.documented_text) == historical_choice(eng, first.node)
    node = eng.scenario.by_id[first.node]
    assert first.choice_text == next(o.text for o in node.options if o.id == first.choice)
    assert first.history == node.history and first.history
    assert second.comparison == ("undocumented" if historical_choice(eng, second.node) is None else "different")
    assert all(d.comparison == "same" for d in rest if d.documented_choice is not None)
    # the 1962 decisions this game skipped: exactly those of the documented course it never reached
    reached = {d.node for d in report.player_decisions}
    expected = [p.node for p in documented(eng).path if p.kind == "decision" and p.actor == "us"]
    assert [m.node for m in report.missed] == [n for n in expected if n not in reached]
    assert report.missed, "this game skips the documented week of deliberation"
    assert all(m.line == wording.titled(m.title, m.documented_text) for m in report.missed)


def test_the_debrief_lists_each_choice_in_the_words_it_was_read_in():
    """Issue 11: on a path where Moscow wrote no private letter, Black Saturday's option read 'draft a reply
    to Moscow's public offer'; the debrief must not list it as answering both letters."""
    eng = october()
    state = eng.new_game(seed=5, controlled=("us", "ussr", "cuba"), fate="history")
    while eng.node(state).id != "s26-letter":
        eng.choose(state, historical_choice(eng, eng.node(state).id)[0])
    eng.choose(state, "trade-now")  # Moscow goes straight to the world
    while eng.node(state).id != "d27-letters":
        eng.choose(state, historical_choice(eng, eng.node(state).id)[0])
    read = next(c.text for c in eng.choices(state) if c.id == "work-on-reply")
    eng.choose(state, "work-on-reply")
    report = build_report(eng, state)
    black_saturday = next(d for d in report.decisions if d.node == "d27-letters")
    assert black_saturday.choice_text == read == "Keep talking, and draft a reply to Moscow's public offer"
    assert "both letters" not in black_saturday.line


def test_risk_after_each_decision_is_the_risk_at_the_end_of_its_step():
    eng = october()
    state = as_played(eng, seed=DEPARTING_SEED, depart=2)
    report = build_report(eng, state)
    assert [d.risk_after for d in report.player_decisions] == [s.risk_after for s in state.steps[1:]]
    assert all(d.risk_after_text == wording.pct(d.risk_after) for d in report.decisions)


def test_the_curve_runs_from_the_start_to_the_final_risk_and_never_falls():
    eng = october()
    for state in (as_played(eng, seed=DEPARTING_SEED, depart=2), documented(eng)):
        pts = build_report(eng, state).curve.yours
        assert pts[0].risk == 0 and pts[-1].risk == pytest.approx(state.risk)
        assert all(a.minutes <= b.minutes and a.risk <= b.risk for a, b in itertools.pairwise(pts))
        assert all(p.label == wording.when(p.minutes) and p.risk_text == wording.pct(p.risk) for p in pts)
    report = build_report(eng, as_played(eng, seed=3))
    assert report.curve.documented[-1].risk == pytest.approx(documented(eng).risk)


@pytest.mark.parametrize("seed", range(12))
def test_outcome_totals_add_up_and_match_the_engine(seed):
    eng = engine(MINI) if seed % 2 else october()
    state = play_random(eng, seed)
    report = build_report(eng, state)
    out = report.outcome
    assert out is not None
    assert out.yours_total == sum(r.yours_score for r in out.rows if r.yours_score is not None)
    assert out.documented_total == sum(r.documented_score for r in out.rows if r.documented_score is not None)
    assert out.yours_total == sum(a.score for a in eng.assess(state))
    assert out.yours_total_text == f"{out.yours_total:+d}"
    assert [(r.id, r.yours_text, r.yours_score) for r in out.rows] == [
        (a.id, a.text, a.score) for a in eng.assess(state)
    ]
    assert all(r.yours_cell == f"{r.yours_text} ({r.yours_score:+d})" for r in out.rows)


def test_a_lost_game_is_catastrophic_and_says_control_was_lost():
    eng = october()
    games = (play_random(eng, seed) for seed in range(200))
    lost = next(state for state in games if any(s.catastrophe for s in state.steps))
    report = build_report(eng, lost)
    assert report.risk.control_lost and report.risk.final_text in report.risk.control_lost_note
    assert report.ending.catastrophic and "nuclear" in report.ending.category


def test_computer_decisions_are_listed_with_their_side():
    eng = october()
    report = build_report(eng, as_played(eng, seed=5))
    computer = [d for d in report.decisions if d.by == "computer"]
    assert any(d.side == "ussr" and d.side_label == "Moscow" for d in computer)
    assert all(d.side in ("ussr", "cuba") and d.side_label == eng.scenario.side_name(d.side) for d in computer)
    assert len(report.decisions) == sum(1 for p in as_played(eng, seed=5).path if p.kind == "decision")


def test_pages_and_sources_carry_full_citations():
    eng = october()
    report = build_report(eng, documented(eng))
    model = eng.scenario.model
    assert [s.citation for s in report.sources] == list(model.sources.values())
    assert [p.title for p in report.unknowns.pages] == [p.title for p in model.unknowns]
    assert [p.title for p in report.historiography.pages] == [p.title for p in model.historiography]
    cited = [p for p in report.historiography.pages + report.unknowns.pages if p.sources]
    assert cited and all(c in model.sources.values() for p in cited for c in p.sources)
    assert all(p.sources_text == "Sources: " + "; ".join(p.sources) for p in cited)


def test_votes_are_counted_into_shares():
    eng = engine(MINI)
    state = play_random(eng, 2)
    node, _ = state.decisions[0]
    report = build_report(eng, state, votes={node: {"strike": 3, "blockade": 6, "wait": 1}})
    split = report.player_decisions[0].votes
    assert split is not None and split.total == 10
    assert [(s.option, s.votes, s.share_text) for s in split.shares] == [
        ("blockade", 6, "60.0%"),
        ("strike", 3, "30.0%"),
        ("wait", 1, "10.0%"),
    ]
    assert all(d.votes is None for d in report.player_decisions[1:])


def test_the_report_is_frozen():
    eng = engine(MINI)
    report = build_report(eng, play_random(eng, 1))
    assert isinstance(report, Report)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.title = "changed"  # type: ignore[misc]


def test_the_report_package_needs_no_front_end():
    code = (
        "import sys, game.report, game.report.replay\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pygame' or m.startswith(('game.ui', 'game.cli'))))"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_vote_split_names_the_chosen_option_in_the_words_it_was_put_in():
    eng = october()
    for seed in range(1, 60):
        state = play_random(eng, seed)
        base = {(d.node, d.choice): d.choice_text for d in build_report(eng, state).player_decisions}
        reworded = [
            (node, choice, told)
            for (node, choice), told in base.items()
            if told != next(o.text for o in eng.scenario.by_id[node].options if o.id == choice)
        ]
        if reworded:
            break
    else:
        pytest.fail("no game in 60 seeds chose an option read in a variant's words")
    node, choice, told = reworded[0]
    decision = next(d for d in build_report(eng, state, votes={node: {choice: 2}}).player_decisions if d.node == node)
    assert decision.votes is not None and decision.votes.shares[0].text == told == decision.choice_text


def test_the_report_says_the_days_its_history_ran_not_only_the_scenarios_span():
    from game.report.render_html import render_html
    from game.report.render_md import render_markdown

    eng = october()
    games = (play_random(eng, seed) for seed in range(200))
    short = next(state for state in games if wording.when(state.clock, year=True, time=False).endswith("October 1962"))
    report = build_report(eng, short)
    start = wording.when(short.steps[0].clock_before, time=False)
    end = wording.when(short.clock, year=True, time=False)
    assert report.game.span_text in (f"{start} to {end}", end)
    assert end in report.game.span_text and "November" not in report.game.span_text
    assert f"This history: {report.game.span_text}" in render_markdown(report)
    assert f"This history: {report.game.span_text}" in render_html(report)


def test_a_1962_choice_that_was_not_open_is_said_so_in_the_verdict():
    """Following the 1962 choices with other dice, Khrushchev may send no private letter: answering it is then
    closed, and the debrief said only 'different from 1962', as if the player had chosen otherwise."""
    from game.engine.engine import Engine
    from game.scenario.catalog import load

    eng = Engine(load("october-1962"))
    state = eng.new_game(seed=7)
    while not state.ended:
        options = [c for c in eng.choices(state) if c.available]
        eng.choose(state, (next((c for c in options if c.historical), None) or options[0]).id)
    decisions = build_report(eng, state).decisions
    closed = [d for d in decisions if "the 1962 choice was not open" in d.verdict]
    assert closed and all(d.comparison == "different" for d in closed)
    assert "private letter" in closed[0].verdict
    # a choice that differed while 1962's was open says no more than that
    assert all(d.verdict == "different from 1962" for d in decisions if d.comparison == "different" and d not in closed)
