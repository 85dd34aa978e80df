"""Incidents met in time order around interrupts, and catastrophes that know their cause."""

import pytest

from game.engine.engine import Engine
from game.scenario.loader import parse_scenario
from tests.support import OCTOBER, engine

BASE = """
format_version: 1
id: t
version: "1.0"
title: T
summary: S
start: d1
sources: {s: A source}
flags:
  sub_cause: {label: Submarine caused it}
variables:
  alert: {label: Alert, initial: 1, min: 0, max: 5}
risk:
  catastrophe: nuclear
  drivers: [{id: alert, label: Alert, per_day: "0.01 * alert"}]
incidents:
  - {id: a, title: A, text: A happens., window: {from: "1962-10-18T10:00", to: "1962-10-18T11:00"}, chance: "1",
     interrupt: react, effects: ["alert += 2"]}
  - {id: b, title: B, text: B happens., window: {from: "1962-10-19T09:00", to: "1962-10-19T10:00"}, chance: "1"}
nodes:
  - id: d1
    kind: decision
    actor: us
    when: "1962-10-16T10:00"
    title: D1
    history: h
    sources: [s]
    options:
      - {id: wait, text: Wait, next: d2}
      - {id: provoke, text: Provoke, next: d2, risk: [{label: Submarine, hazard: "SUBHAZARD", cause: sub_cause}]}
  - id: react
    kind: decision
    actor: us
    when: "1962-10-18T12:00"
    title: React
    history: h
    sources: [s]
    options:
      - {id: calm, text: Calm, next: "@resume"}
      - {id: calm2, text: Calm too, next: "@resume"}
  - id: d2
    kind: decision
    actor: us
    when: "1962-10-22T10:00"
    title: D2
    history: h
    sources: [s]
    options:
      - {id: x, text: X, next: end}
      - {id: y, text: Y, next: end}
  - id: nuclear
    kind: chance
    when: "1962-10-22T10:00"
    title: N
    outcomes:
      - {id: naval, chance: "num(sub_cause)", next: limited}
      - {id: other, chance: rest, next: general}
  - {id: end, kind: ending, when: "1962-10-23T10:00", title: E, category: historical, debrief: d}
  - {id: limited, kind: ending, when: "1962-10-23T10:00", title: L, category: limited-nuclear, debrief: d}
  - {id: general, kind: ending, when: "1962-10-23T10:00", title: G, category: general-nuclear, debrief: d}
"""


def make(sub_hazard: str = "0") -> Engine:
    return Engine(parse_scenario(BASE.replace("SUBHAZARD", sub_hazard), "t.yaml"))


def test_an_interrupting_incident_does_not_swallow_later_ones():
    eng = make()
    state = eng.new_game(seed=1)
    step = eng.choose(state, "wait")
    assert state.fired == ["a"] and eng.node(state).id == "react"
    assert state.clock == eng.scenario.by_id["react"].when  # the clock stopped for the interrupt
    incident = next(e for e in step.events if e.kind == "incident")
    assert incident.when == eng.scenario.by_id["react"].when - 120  # A happened at its own time, 10:00
    step = eng.choose(state, "calm")
    assert state.fired == ["a", "b"], "B, later in the same interval, must still be met"
    assert eng.node(state).id == "d2"
    assert next(e for e in step.events if e.kind == "incident").title == "B"


def test_danger_accrues_piecewise_at_the_rates_each_stretch_had():
    eng = make()
    state = eng.new_game(seed=1, fate="history")  # no incident is historical: none fires
    eng.choose(state, "wait")
    calm_days = (eng.scenario.by_id["d2"].when - eng.scenario.by_id["d1"].when) / 1440
    assert state.risk == pytest.approx(1 - (1 - 0.01) ** calm_days)
    # With A firing (alert 1 -> 3 from 18 Oct 10:00), the later stretch runs at three times the rate.
    fired = eng.new_game(seed=1)
    eng.choose(fired, "wait")
    eng.choose(fired, "calm")
    before, after = 2 * 1440, calm_days * 1440 - 2 * 1440  # 16 Oct 10:00 -> 18 Oct 10:00, then on
    expected = 1 - (1 - 0.01) ** (before / 1440) * (1 - 0.03) ** (after / 1440)
    assert fired.risk == pytest.approx(expected)


def test_a_catastrophe_knows_its_cause():
    eng = make(sub_hazard="1")  # the submarine escapes control (the step hazard is capped at 0.9)
    caused, catastrophes = 0, 0
    for seed in range(60):
        state = eng.new_game(seed=seed)
        step = eng.choose(state, "provoke")
        if not step.catastrophe:
            continue
        catastrophes += 1
        if eng.value(state, "sub_cause"):
            caused += 1
            assert eng.node(state).id == "limited"
        else:
            assert eng.node(state).id == "general"
    assert catastrophes >= 45
    # The alert driver competes with the submarine only in proportion to its share of the hazard: small.
    assert caused >= 0.8 * catastrophes


def test_cause_must_name_a_flag():
    from game.scenario.errors import ScenarioError

    with pytest.raises(ScenarioError, match="'alert' is not a flag"):
        parse_scenario(BASE.replace("cause: sub_cause", "cause: alert").replace("SUBHAZARD", "1"), "t.yaml")


def test_an_incident_brought_forward_is_answered_where_the_clock_stands():
    eng = make()
    state = eng.new_game(seed=1)
    start = state.clock
    eng.inject(state, "a")
    assert eng.node(state).id == "react" and state.clock == start, "no days skipped to reach the answer"
    assert state.fired == ["a"]
    eng.choose(state, "calm")
    assert eng.node(state).id == "d1" and state.clock == start  # back at the decision it interrupted
    eng.choose(state, "wait")
    assert eng.node(state).id == "d2" and "b" in state.fired  # B, after the first day, still met


def test_the_u2_brought_forward_to_the_first_day_reads_as_the_first_day():
    eng = engine(OCTOBER)
    state = eng.new_game(seed=3)
    start, first = state.clock, eng.node(state).id
    eng.inject(state, "u2-shootdown")
    assert eng.node(state).id == "d27-u2" and state.clock == start
    text = eng.briefing(state).text
    assert "Days ago you and the ExComm agreed" not in text and "nothing has been settled" in text
    assert not any("as agreed" in c.text for c in eng.choices(state))
    eng.choose(state, "hold-fire")
    assert eng.node(state).id == first and state.clock == start
