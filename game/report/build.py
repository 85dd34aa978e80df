"""From an ended game (engine + state) to a `Report`: all the debrief's computing happens here, once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from game import wording
from game.analysis.documented import documented_path, historical_choice
from game.engine.engine import AssessmentLine, Engine
from game.engine.state import GameState
from game.errors import RuleError
from game.report.model import (
    Curve,
    CurvePoint,
    Decision,
    Ending,
    GameInfo,
    MissedDecision,
    Outcome,
    OutcomeRow,
    Page,
    PageSection,
    Report,
    RiskSummary,
    Source,
    VoteShare,
    VoteSplit,
)
from game.scenario.compiled import RNode
from game.scenario.models import BriefingPage

BY_LABEL = {"player": "You", "computer": "The computer", "chance": "Chance"}
FATE_LABEL = {"dice": "chance decides", "history": "events follow the record wherever it is known"}
VERDICT = {"same": "✓ same as 1962", "different": "different from 1962", "undocumented": "no documented choice"}
SCALE_NOTE = (
    "Each line scores from −3 (a disaster) to +3 (the best that could be had); the sum weighs the "
    "outcome without the risk run to reach it, which the curve above shows."
)
UNKNOWNS_HEADING = "What the ExComm did not know"
HISTORIOGRAPHY_HEADING = "How historians read the crisis"

# A class's votes: node id -> option id -> number of votes.
Votes = Mapping[str, Mapping[str, int]]


def build_report(
    engine: Engine, state: GameState, documented: GameState | None = None, votes: Votes | None = None
) -> Report:
    """The debrief of `state` beside the documented course (played through `engine` when not given)."""
    doc = documented if documented is not None else documented_path(engine)
    model = engine.scenario.model
    mine = _decisions(engine, state, votes or {})
    return Report(
        title=model.title,
        subtitle=model.subtitle or "",
        game=_game(engine, state),
        ending=_ending(engine, state),
        risk=_risk(engine, state, doc),
        curve=Curve(risk_curve(state), risk_curve(doc), "Your crisis", "1962 course"),
        decisions=mine,
        missed=_missed(engine, state, doc, {d.node for d in mine if d.by == "player"}),
        outcome=_outcome(engine, engine.assess(state), engine.assess(doc)),
        unknowns=_pages(engine, UNKNOWNS_HEADING, model.unknowns),
        historiography=_pages(engine, HISTORIOGRAPHY_HEADING, model.historiography),
        sources=tuple(Source(key, cite) for key, cite in model.sources.items()),
    )


def _game(engine: Engine, state: GameState) -> GameInfo:
    sides = tuple(state.controlled)
    return GameInfo(
        scenario_id=state.scenario_id,
        scenario_version=state.scenario_version,
        seed=state.seed,
        fate=state.fate,
        fate_label=FATE_LABEL.get(state.fate, state.fate),
        sides=sides,
        sides_label=" and ".join(engine.scenario.side_name(s) for s in sides),
        span_text=_span(state),
    )


def _span(state: GameState) -> str:
    """The days a history ran, from its first step to where it stands (the scenario's subtitle gives the
    whole crisis's span, which a history ended early does not)."""
    start = state.steps[0].clock_before if state.steps else state.clock
    first, last = wording.when(start, time=False), wording.when(state.clock, year=True, time=False)
    return last if first == last.rsplit(" ", 1)[0] else f"{first} to {last}"


def _ending(engine: Engine, state: GameState) -> Ending:
    end = engine.node(state)
    category = end.category or ""
    return Ending(
        id=end.id,
        title=end.title,
        category=category,
        category_label=engine.scenario.ending_label(category) if category else "",
        catastrophic=category in engine.scenario.catastrophic,
        text=end.text or "",
        debrief=end.debrief or "",
        when=state.clock,
        when_text=wording.when(state.clock, year=True),
    )


def _risk(engine: Engine, state: GameState, doc: GameState) -> RiskSummary:
    risk = engine.scenario.model.risk
    lo, hi = risk.band
    pct = wording.pct
    lost = any(step.catastrophe for step in state.steps)
    note = ""
    if lost:
        note = (
            f"Control was lost with the risk at {pct(state.risk)}: that is the share of crises played your "
            "way that would have gone this far wrong by then. "
            + (
                "Most of the others would still have been going on, with the dangers of the steps ahead of "
                "them still to run; "
                if state.risk < 0.5
                else "With a risk that high, this end was more likely than not; "
            )
            + "the question the game asks is how much of that chance was worth running."
        )
    return RiskSummary(
        final=state.risk,
        final_text=pct(state.risk),
        documented=doc.risk,
        documented_text=pct(doc.risk),
        band=(lo, hi),
        band_text=(pct(lo), pct(hi)),
        summary=(
            f"Your crisis ran a risk of nuclear war of {pct(state.risk)} in all. The course taken in 1962, played "
            f"through this game, comes to {pct(doc.risk)}: the game is tuned to put it between "
            f"{pct(lo)} and {pct(hi)}, inside the range of serious estimates of the real danger (how these "
            f"numbers were chosen is below)."
        ),
        control_lost=lost,
        control_lost_note=note,
        calibration=risk.calibration or "",
    )


def risk_curve(state: GameState) -> tuple[CurvePoint, ...]:
    """The risk before the first step, then after every step that moved the clock or the risk (a game played
    without narration has no steps, so no points)."""
    raw: list[tuple[int, float]] = []
    for step in state.steps:
        if not raw:
            raw.append((step.clock_before, step.risk_before))
        if (step.clock_after, step.risk_after) != raw[-1]:  # a step that took no time and no risk adds no point
            raw.append((step.clock_after, step.risk_after))
    return tuple(CurvePoint(t, wording.when(t), r, wording.pct(r)) for t, r in raw)


def _risk_after_each_decision(state: GameState) -> list[float]:
    """For each decision in the path, the risk at the end of the step it was taken in.

    Steps narrate their decisions in the same order as the path records them, so counting the two
    together pairs them; a game without narration falls back to the risk the path recorded.
    """
    after = [step.risk_after for step in state.steps for e in step.events if e.kind in ("decision", "computer")]
    path = [entry.risk for entry in state.path if entry.kind == "decision"]
    return after if len(after) == len(path) else path


def _votes(node: RNode, counts: Mapping[str, int] | None, choice: str, told: str) -> VoteSplit | None:
    """The council's split; the option it chose reads in the words it was put in (`told`), like the line above it."""
    if not counts:
        return None
    total = sum(max(0, n) for n in counts.values())
    texts = {o.id: o.text for o in node.options} | {choice: told}
    shares = tuple(
        VoteShare(option, texts.get(option, option), n, wording.pct(n / total) if total else "0%")
        for option, n in sorted(counts.items(), key=lambda kv: -kv[1])
        if n > 0
    )
    return VoteSplit(total, shares)


def _told_choices(state: GameState) -> list[str] | None:
    """For each decision in the path, the words its option was read in when it was chosen (a variant's, on
    paths where one held); None for a game without narration."""
    told = [e.choice_text for step in state.steps for e in step.events if e.kind in ("decision", "computer")]
    return told if len(told) == sum(1 for entry in state.path if entry.kind == "decision") else None


def _closed_1962(engine: Engine, state: GameState) -> dict[tuple[str, int], str]:
    """Where the player chose otherwise than 1962 because 1962's choice was not open (no private letter to
    answer, say): (decision, minute) -> why it was closed, found by replaying the game's decisions."""
    closed: dict[tuple[str, int], str] = {}
    again = engine.new_game(seed=state.seed, controlled=state.controlled, fate=state.fate)
    try:
        for node_id, option in state.decisions:
            hist = historical_choice(engine, node_id)
            why = engine.why_closed(again, node_id, hist[0]) if hist is not None and hist[0] != option else ""
            if why:
                closed[(node_id, again.clock)] = why
            engine.choose(again, option)
    except RuleError:  # a game the replay cannot follow: say nothing rather than something wrong
        return {}
    return closed


def _decisions(engine: Engine, state: GameState, votes: Votes) -> tuple[Decision, ...]:
    entries = [entry for entry in state.path if entry.kind == "decision"]
    risks = _risk_after_each_decision(state)
    told = _told_choices(state)
    closed = _closed_1962(engine, state) if state.steps else {}
    out = []
    for k, (entry, risk_after) in enumerate(zip(entries, risks, strict=True)):
        node = engine.scenario.by_id[entry.node]
        chosen = told[k] if told else next((o.text for o in node.options if o.id == entry.choice), entry.choice)
        hist = historical_choice(engine, entry.node)
        comparison = "undocumented" if hist is None else "same" if hist[0] == entry.choice else "different"
        out.append(
            Decision(
                when=entry.when,
                when_text=wording.when(entry.when),
                when_full=wording.when(entry.when, year=True),
                node=entry.node,
                title=node.title,
                by=entry.by,
                by_label=BY_LABEL.get(entry.by, entry.by),
                side=entry.actor,
                side_label=engine.scenario.side_name(entry.actor),
                choice=entry.choice,
                choice_text=chosen,
                documented_choice=hist[0] if hist else None,
                documented_text=hist[1] if hist else None,
                comparison=comparison,
                verdict=VERDICT[comparison]
                + (
                    f": the 1962 choice was not open ({closed[(entry.node, entry.when)]})"
                    if comparison == "different" and (entry.node, entry.when) in closed
                    else ""
                ),
                history=node.history or "",
                risk_after=risk_after,
                risk_after_text=wording.pct(risk_after),
                votes=_votes(node, votes.get(entry.node), entry.choice, chosen) if entry.by == "player" else None,
                documented_label=_council_chose(engine, entry.actor),
            )
        )
    return tuple(out)


def _council_chose(engine: Engine, side: str) -> str:
    """'The ExComm chose' for Washington's decisions, 'The Presidium chose' for Moscow's: who decided in the record."""
    council = engine.scenario.council_name(side)
    return f"{council[:1].upper()}{council[1:]} chose"


def _missed(engine: Engine, state: GameState, doc: GameState, reached: set[str]) -> tuple[MissedDecision, ...]:
    out = []
    for entry in doc.path:
        if entry.kind != "decision" or entry.actor not in state.controlled or entry.node in reached:
            continue
        node = engine.scenario.by_id[entry.node]
        hist = historical_choice(engine, entry.node)
        text = hist[1] if hist else ""
        out.append(
            MissedDecision(
                entry.when, wording.when(entry.when), entry.node, node.title, text, wording.titled(node.title, text)
            )
        )
    return tuple(out)


def _cell(line: AssessmentLine | None) -> str:
    return f"{line.text} ({line.score:+d})" if line else "—"


def _outcome(engine: Engine, mine: list[AssessmentLine], theirs: list[AssessmentLine]) -> Outcome | None:
    if not mine and not theirs:
        return None
    yours, past = {a.id: a for a in mine}, {a.id: a for a in theirs}
    rows = []
    for a in engine.scenario.assessments:  # the scenario's order; a line neither game reached is left out
        y, d = yours.get(a.id), past.get(a.id)
        if y is None and d is None:
            continue
        rows.append(
            OutcomeRow(
                id=a.id,
                label=a.label,
                yours_text=y.text if y else None,
                yours_score=y.score if y else None,
                yours_cell=_cell(y),
                documented_text=d.text if d else None,
                documented_score=d.score if d else None,
                documented_cell=_cell(d),
            )
        )
    yours_total = sum(r.yours_score or 0 for r in rows)
    documented_total = sum(r.documented_score or 0 for r in rows)
    return Outcome(
        tuple(rows), yours_total, documented_total, f"{yours_total:+d}", f"{documented_total:+d}", SCALE_NOTE
    )


def _pages(engine: Engine, heading: str, pages: Sequence[BriefingPage]) -> PageSection:
    sources = engine.scenario.model.sources
    out = []
    for page in pages:
        cites = tuple(sources.get(s, s) for s in page.sources)  # the ids are for authors; readers see citations
        out.append(Page(page.title, page.text, cites, ("Sources: " + "; ".join(cites)) if cites else ""))
    return PageSection(heading, tuple(out))
