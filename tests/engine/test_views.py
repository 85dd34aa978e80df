"""Who sees what: a side's view never carries another side's private text; the facilitator sees all."""

from game.engine.views import ViewSettings, decision_view, step_view
from game.session import Session
from tests.support import OCTOBER, engine


def texts(view) -> str:
    return " ".join([view.text, *view.intel, *(s.text for s in view.secrets), *(c.text for c in view.choices)])


def reach_soviet_decision(eng):
    s = Session.new(eng, seed=3, fate="history", controlled=eng.scenario.sides)
    while eng.node(s.state).actor != "ussr":
        s.choose(next(c.id for c in eng.choices(s.state, in_scenario_order=True) if c.historical or c.available))
    return s


def test_moscows_knowledge_never_reaches_washington_unless_revealed():
    eng = engine(OCTOBER)
    s = reach_soviet_decision(eng)
    moscow = decision_view(eng, s.state, "ussr")
    washington = decision_view(eng, s.state, "us")
    public = decision_view(eng, s.state, "all")
    assert moscow.intel and moscow.intel_title == "What Moscow knows"
    assert washington.private and public.private and not washington.intel and not washington.choices
    secret = next(x for x in eng.scenario.secrets if x.id == "soviet-troops")
    assert secret.text in texts(moscow) and secret.text not in texts(washington)
    s.reveal("soviet-troops", "us")
    assert secret.text in texts(decision_view(eng, s.state, "us"))
    assert secret.text not in texts(decision_view(eng, s.state, "all"))


def test_the_facilitator_sees_every_line_and_the_1962_mark_is_a_setting():
    eng = engine(OCTOBER)
    s = Session.new(eng, seed=3)
    plain = decision_view(eng, s.state, "us")
    marked = decision_view(eng, s.state, "us", ViewSettings(mark_history=True))
    assert not any(c.historical for c in plain.choices) and any(c.historical for c in marked.choices)
    everything = decision_view(eng, s.state, "facilitator")
    assert len(everything.intel) >= len(plain.intel) and len(everything.secrets) == len(eng.scenario.secrets)


def test_hidden_risk_terms_are_summed_not_shown():
    eng = engine(OCTOBER)
    s = Session.new(eng, seed=3)
    step = s.state.steps[-1]
    from dataclasses import replace

    hidden = replace(step, terms=tuple(replace(t, audience="ussr") for t in step.terms))
    seen = step_view(hidden, "us")
    assert not seen.terms and abs(seen.hidden_hazard - (1 - _prod(1 - t.hazard for t in step.terms))) < 1e-12
    assert step_view(hidden, "ussr").terms == hidden.terms


def _prod(values) -> float:
    out = 1.0
    for v in values:
        out *= v
    return out


def test_castros_letter_reaches_moscow_and_never_washington_or_the_public():
    """The order to fire on low-flying planes is public; the letter urging a first strike is Moscow's alone."""
    eng = engine(OCTOBER)
    s = Session.new(eng, seed=3, fate="history", controlled=eng.scenario.sides)
    while not s.state.ended:
        s.choose(next(c.id for c in eng.choices(s.state, in_scenario_order=True) if c.historical or c.available))
    steps = [st for st in s.state.steps if any(e.node == "castro-letter" for e in st.events)]
    assert steps, "on the documented path Castro's letter is written on the night of 26-27 October"
    letter = next(e for e in steps[0].events if e.node == "castro-letter")
    assert letter.audience == "ussr"
    assert any(e.node == "castro-letter" for e in step_view(steps[0], "ussr").events)
    for viewer in ("us", "all"):
        seen = step_view(steps[0], viewer).events
        assert not any(e.node == "castro-letter" for e in seen)
        assert not any("letter" in e.text for e in seen if e.node == "castro-orders")


def test_the_public_learns_what_a_decision_does_not_the_words_its_deciders_weighed():
    """Washington's 'say nothing of the photographs' on a projector before two teams (or on Moscow's phones) would
    tell Moscow what Washington knows: the public's and the other team's view of a side's decision keep its title
    and headline only."""
    eng = engine(OCTOBER)
    s = Session.new(eng, seed=3, fate="history", controlled=eng.scenario.sides)
    while not s.state.ended:
        s.choose(next(c.id for c in eng.choices(s.state, in_scenario_order=True) if c.historical or c.available))
    decisions = [(st, e) for st in s.state.steps for e in st.events if e.kind in ("decision", "computer")]
    assert any(e.actor == "ussr" for _, e in decisions) and any(e.actor == "us" for _, e in decisions)
    for step, event in decisions:
        public = [e for e in step_view(step, "all").events if e.kind == event.kind and e.node == event.node]
        for seen in public:
            assert seen.choice_text == "" and seen.text == "", event.node
            assert seen.headline == event.headline and seen.title == event.title
        for side in ("us", "ussr", "facilitator"):  # the deciding side (and the facilitator) is told in full,
            told = [e for e in step_view(step, side).events if e.node == event.node and e.kind == event.kind]
            full = side in (event.actor, "facilitator")  # the other team as the public is
            assert all(e.choice_text == (event.choice_text if full else "") for e in told), (event.node, side)
            assert all(e.headline == event.headline for e in told)
    headlined = [e for _, e in decisions if e.headline]
    assert headlined, "some 1962 decisions carry a headline the public is told"


def _documented_game(eng):
    s = Session.new(eng, seed=3, fate="history", controlled=eng.scenario.sides)
    while not s.state.ended:
        s.choose(next(c.id for c in eng.choices(s.state, in_scenario_order=True) if c.historical or c.available))
    return s.state


def _step_with(state, incident: str):
    return next(st for st in state.steps if any(e.node == incident for e in st.events))


def test_the_torpedo_on_b59_is_told_to_no_side_while_the_game_is_played():
    """Neither Washington nor Moscow knew what happened aboard B-59: both teams (and a solo player) learn that
    the submarine surfaced, see its danger only as one they cannot see, and the facilitator reads the rest."""
    eng = engine(OCTOBER)
    step = _step_with(_documented_game(eng), "b59")
    label = next(s.label for inc in eng.scenario.incidents if inc.id == "b59" for s in inc.shocks)
    for viewer in ("us", "ussr", "all"):
        seen = step_view(step, viewer)
        told = next(e for e in seen.events if e.node == "b59")
        assert "surfaces" in told.text and "torpedo" not in told.text and not told.private
        assert label not in [t.label for t in seen.terms] and seen.hidden_hazard > 0
    everything = step_view(step, "facilitator")
    told = next(e for e in everything.events if e.node == "b59")
    assert "Known to no side at the time: " in told.text and "nuclear torpedo" in told.text
    assert label in [t.label for t in everything.terms] and everything.hidden_hazard == 0


def test_who_gave_the_order_to_fire_on_anderson_is_moscows_to_know():
    eng = engine(OCTOBER)
    step = _step_with(_documented_game(eng), "u2-shootdown")
    told = {
        v: next(e for e in step_view(step, v).events if e.node == "u2-shootdown").text for v in eng.scenario.audiences()
    }
    assert "Anderson is killed" in told["us"] and "Pliyev" not in told["us"] and "Pliyev" not in told["all"]
    assert "Known only to Moscow: " in told["ussr"] and "Pliyev" in told["ussr"] and "Pliyev" in told["facilitator"]
    raw = next(e for e in step.events if e.node == "u2-shootdown")
    assert "Pliyev" not in raw.text, "the unfiltered event keeps the parts apart, so no front end shows them by mistake"


def test_no_view_of_any_game_carries_a_part_of_a_story_kept_to_another_audience():
    from tests.support import play_random

    eng = engine(OCTOBER)
    private = {inc.id: inc.private for inc in eng.scenario.incidents if inc.private}
    kept = {inc.id: {s.label: s.audience for s in inc.shocks} for inc in eng.scenario.incidents}
    fired: set[str] = set()
    for seed in range(60):
        state = play_random(eng, seed, controlled=eng.scenario.sides)
        for step in state.steps:
            for viewer in eng.scenario.audiences():
                seen = step_view(step, viewer)
                for e in seen.events:
                    for to, text in private.get(e.node, ()):
                        fired.add(e.node)
                        assert (text.strip() in e.text) == (viewer == to or viewer == "facilitator"), (e.node, viewer)
                for t in seen.terms:
                    source = t.source.split(":")[1] if t.source.startswith("incident:") else ""
                    if source in kept:
                        assert viewer == "facilitator" or kept[source][t.label] in ("all", viewer)
    assert {"b59", "u2-shootdown", "fkr-guantanamo"} <= fired, "the random games should meet every private story"


def test_washingtons_secret_deliberations_reach_neither_moscow_nor_the_projector():
    """Until the speech the ExComm deliberated in secret: what it decided on 16-21 October (a quarantine with a
    strike in reserve) is not news for the projector both teams watch, nor for Moscow; a move made in the open is
    news for both, and one told to Moscow in secret (an ultimatum) for Moscow alone."""
    eng = engine(OCTOBER)
    state = _documented_game(eng)
    decided = {e.node: st for st in state.steps for e in st.events if e.kind == "decision"}
    for node in ("d16-photos", "d17-irbm", "d19-jcs", "d20-choice", "d21-sweeney"):
        step = decided[node]
        assert any(e.node == node for e in step_view(step, "us").events)
        for viewer in ("all", "ussr"):
            assert not any(e.node == node for e in step_view(step, viewer).events), (node, viewer)
    speech = decided["d22-speech"]
    assert any(e.node == "d22-speech" for e in step_view(speech, "all").events)
    choice = next(n for n in eng.scenario.nodes if n.id == "d20-choice")
    told = {o.id: o.audience for o in choice.options if o.audience != "us"}
    assert told == {"ultimatum": "us+ussr"}  # a secret ultimatum: Moscow hears it, the public does not


def test_a_result_without_a_headline_is_titled_by_its_latest_news_then_by_its_decision():
    from dataclasses import replace

    from game.engine.results import Event

    eng = engine(OCTOBER)
    s = Session.new(eng, seed=3)
    s.choose(next(c.id for c in eng.choices(s.state, in_scenario_order=True) if c.available))
    step = s.state.steps[-1]
    decision = Event("decision", "d16", "What are we trying to do?", "", 0, actor="us", choice="x")
    chance = Event("chance", "c1", "A message for Havana", "", 0)
    hidden = Event("incident", "i1", "Moscow's own news", "", 0, audience="ussr")
    told = replace(step, events=(decision,))
    assert step_view(told, "us").title == "What are we trying to do?"  # nothing else: the decision's title
    told = replace(step, events=(decision, chance, hidden))
    assert step_view(told, "us").title == "A message for Havana"  # news another side keeps is not a title
    told = replace(step, events=(replace(decision, headline="Castro is sounded out"), chance))
    assert step_view(told, "us").title == "Castro is sounded out"  # a headline wins


def test_a_message_between_the_sides_reaches_both_and_never_the_public():
    """'us+ussr': the letter about the Jupiters, handed back in secret, and a private warning to Khrushchev are
    known in Washington and in Moscow; the public (the projector) hears of neither."""
    from dataclasses import replace

    from game.engine.results import Event
    from game.engine.views import sees

    assert sees("us", "us+ussr") and sees("ussr", "us+ussr") and sees("facilitator", "us+ussr")
    assert not sees("all", "us+ussr") and not sees("cuba", "us+ussr")
    eng = engine(OCTOBER)
    letter = next(i for i in eng.scenario.incidents if i.id == "jupiter-letter")
    assert letter.audience == "us+ussr"
    s = Session.new(eng, seed=3)
    s.choose(next(c.id for c in eng.choices(s.state, in_scenario_order=True) if c.available))
    step = s.state.steps[-1]
    told = Event("incident", "jupiter-letter", letter.title, "A letter handed back.", 0, audience=letter.audience)
    step = replace(step, events=(told,))
    assert [e.title for e in step_view(step, "us").events] == [letter.title]
    assert [e.title for e in step_view(step, "ussr").events] == [letter.title]
    assert step_view(step, "all").events == ()
    warning = next(o for n in eng.scenario.nodes for o in n.options if o.id == "private-warning")
    assert warning.audience == "us+ussr"


def test_a_deliberation_kept_to_its_side_keeps_its_title_from_the_others():
    """The first decision is Washington's secret: Moscow and the public learn that Washington is deciding,
    not that it is about photographs of missiles (nor any other word of it)."""
    from game.engine.views import PRIVATE_TITLE

    eng = engine(OCTOBER)
    s = Session.new(eng, seed=3)
    node = eng.node(s.state)
    assert node.actor == "us" and node.audience == "us"
    assert decision_view(eng, s.state, "us").title == node.title
    assert decision_view(eng, s.state, "facilitator").title == node.title
    for other in ("ussr", "all"):
        view = decision_view(eng, s.state, other)
        assert view.private and view.title == PRIVATE_TITLE and view.actor_name == "Washington"
    # a decision whose moves are told to all keeps its title for every viewer
    s2 = reach_soviet_decision(eng)
    open_node = eng.node(s2.state)
    assert open_node.audience == "all" and decision_view(eng, s2.state, "us").title == open_node.title
