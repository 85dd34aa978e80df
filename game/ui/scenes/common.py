"""Pieces several screens share: the escalation panel, the intelligence panel, the map panel."""

from __future__ import annotations

import math

from game import wording as fmt
from game.engine.results import Step
from game.ui import map_data
from game.ui.map_view import MapView, figure_height, legend
from game.ui.widgets import doc, gauge
from game.ui.widgets.doc import Figure, P
from game.ui.widgets.text import Typeface


def number_of_key(key: int) -> int | None:
    """1-9 from the number row or keypad."""
    import pygame

    if pygame.K_1 <= key <= pygame.K_9:
        return key - pygame.K_0
    if pygame.K_KP1 <= key <= pygame.K_KP9:
        return key - pygame.K_KP1 + 1
    return None


def escalation_blocks(
    engine,
    state,
    step: Step | None,
    band: tuple[float, float] | None,
    viewer: str = "all",
    looking_back: bool = False,
    compact: bool = False,
) -> list:
    """The risk gauge, DEFCON and what drove this step's danger, as `viewer` may know it. `looking_back`: the
    step shown is the one that led here (a decision screen), not the one just taken. `compact`: shorter
    headings and DEFCON in small type, where the panel is too short to show the drivers otherwise."""
    from game.engine.views import step_view

    risk = state.risk
    level = engine.defcon(state)
    lost = state.ended and engine.node(state).category in engine.scenario.catastrophic
    if lost:  # no longer a chance: it happened, and the figure is what the course had run until then
        heading = f"{'Control lost' if compact else 'Control was lost'}: the risk run until then, {fmt.pct(risk)}"
    else:
        heading = f"{'Risk so far' if compact else 'Risk of nuclear war so far'}: {fmt.pct(risk)}"
    blocks: list = [
        P(heading, "heading", "danger" if lost else "text", after=2),
        Figure(
            lambda w, tf: gauge.gauge_height(tf),
            lambda s, r, tf: gauge.risk_gauge(s, r, tf, risk, band, step.risk_before if step else None),
            after=6,
        ),
        P(fmt.defcon_text(level, engine.defcon_note(state)), "small" if compact else "bold", after=4),
        Figure(
            lambda w, tf: tf.line_height("bold") + tf.px(4),
            lambda s, r, tf: gauge.defcon_ladder(s, r, tf, level),
            after=6,
        ),
    ]
    if step is not None and (step.option or step.terms):
        word = "This step" if step.option else "Before your first decision"
        if looking_back and step.option:
            word = "Since your last decision"
        if compact:  # the figures are on the gauge just above: the change alone
            blocks.append(P(f"{word}: {fmt.points(step.risk_after - step.risk_before)}", "small", after=3))
        else:
            blocks.append(P(f"{word}: {gauge.change_text(step.risk_before, step.risk_after)}", "body", after=4))
        if step.defcon_after != step.defcon_before:
            arrow = "up" if step.defcon_after < step.defcon_before else "down"
            blocks.append(
                P(f"Alert level {arrow}: DEFCON {step.defcon_before} → {step.defcon_after}", "body", "warn", after=4)
            )
        seen = step_view(step, viewer)
        drivers = seen.drivers()
        if drivers or seen.hidden_hazard > 0:
            # The drivers are chances for this step alone; the cumulative risk rises by that chance applied
            # to what was still safe, which is why +2 points can follow from a 5% step when risk is high.
            # where the step's chance and the points it added read differently, say why they differ
            less = fmt.rose_by_less(step.risk_before, step.risk_after, step.hazard)
            if compact:
                drove = f"What drove it (a {fmt.pct(step.hazard)} chance of losing control this step):"
            elif less:  # why the meter rose by less than the step's chance, in plain words
                drove = (
                    f"What drove it (a {fmt.pct(step.hazard)} chance this step; the meter rose {less}, since "
                    f"it counts only if all was still well):"
                )
            else:
                drove = f"What drove it (a {fmt.pct(step.hazard)} chance of losing control in this step):"
            blocks.append(P(drove, "small", "muted", after=2))
            lines = []  # (chance, line): the dangers the viewer cannot see take their place by size among the rest
            for t in drivers[:4]:
                kind = fmt.driver_kind(t.kind, t.actor, viewer, engine.scenario.side_name)
                lines.append(
                    (t.hazard, P(f"{t.label} — {fmt.pct(t.hazard)} ({kind})", "small", indent=18, bullet="•", after=2))
                )
            if seen.hidden_hazard > 0:
                hidden = f"Dangers you cannot see — {fmt.pct(seen.hidden_hazard)}"
                lines.append((seen.hidden_hazard, P(hidden, "small", "muted", indent=18, bullet="•", after=2)))
            blocks += [line for _, line in sorted(lines, key=lambda hl: -hl[0])]
            rest = drivers[4:]  # past the four largest: said together, so that the sources shown are all of them
            if rest:
                more = 1 - math.prod(1 - t.hazard for t in rest)
                blocks.append(
                    P(
                        f"{len(rest)} smaller source{'s' if len(rest) > 1 else ''} — {fmt.pct(more)} together",
                        "small",
                        "muted",
                        indent=18,
                        bullet="•",
                        after=2,
                    )
                )
    return blocks


def intel_blocks(view) -> list:
    """The intelligence panel of a decision view: what the deciding side knows, and the secrets it holds."""
    blocks: list = [P(view.intel_title.upper(), "small", "muted", after=4)]
    if not view.intel:
        blocks.append(P("No new intelligence at this point.", "body", "muted"))
    for item in view.intel:
        blocks.append(P(item, "body", indent=18, bullet="•", after=6))
    for secret in view.secrets:
        blocks.append(P(f"Known to you: {secret.title}", "bold", after=2))
        blocks.extend(doc.prose(secret.text))
    return blocks


class MapPanel:
    """The map as a figure in a scrolling panel, with its legend below."""

    def __init__(self) -> None:
        self.view = MapView()

    def blocks(self, engine, state, room_h: int, tf: Typeface) -> list:
        ms = map_data.map_state(engine, state)
        if ms is None:
            return [P("This scenario has no map.", "body", "muted")]
        lines = legend(ms)

        def height(w: int, tf: Typeface) -> int:
            return figure_height(w, room_h, tf, ms.map)

        blocks: list = [
            Figure(height, lambda s, r, tf: self.view.draw(s, r, tf, ms), after=6),
        ]
        for line in lines:
            blocks.append(P(line, "small", after=3))
        return blocks


def story_of_step(engine, step: Step, include_history: bool = True, viewer: str = "all") -> list:
    """The events of a step that `viewer` may know, in order with dates, then what happened in 1962."""
    from game.analysis.documented import historical_choice
    from game.engine.views import step_view
    from game.ui.widgets.documents import document_blocks, style_for

    blocks: list = []
    side_name = engine.scenario.side_name
    for ev in step_view(step, viewer).events:
        label = fmt.EVENT_LABEL.get(ev.kind, ev.kind)
        if ev.kind == "computer":
            label = f"{side_name(ev.actor)} moves"
        blocks.append(P(f"{fmt.when(ev.when)} — {label}", "small", "accent", after=2))
        paper = style_for(engine.scenario.model, ev)
        if paper is not None:  # set as the cable, letter or front page it was
            if ev.kind == "decision":
                blocks.append(P(f"You chose: “{ev.choice_text}”", "bold", after=4))
            said = ev.choice_text if ev.kind == "computer" else ""  # the other side's move is the document
            blocks.extend(document_blocks(paper, ev.title, said, ev.text))
            continue
        if ev.kind == "decision":
            blocks.append(P(ev.title, "heading", after=2))
            blocks.append(P(f"You chose: “{ev.choice_text}”", "bold", after=4))
        elif ev.kind == "computer":
            blocks.append(P(ev.title, "heading", after=2))
            blocks.append(P(f"{side_name(ev.actor)} chose: “{ev.choice_text}”", "bold", after=4))
        else:
            blocks.append(P(ev.title, "heading", "danger" if ev.kind == "catastrophe" else "text", after=4))
        blocks.extend(doc.prose(ev.text))
        blocks.append(doc.Gap(6))
    if step.option and include_history:
        node = engine.scenario.by_id.get(step.node)
        if node is not None and node.history:
            blocks.append(doc.Rule())
            blocks.append(P("What actually happened in 1962", "heading", "accent", after=4))
            hist = historical_choice(engine, step.node)
            if hist:
                same = hist[0] == step.option
                council = engine.scenario.council_name(node.actor)
                verdict = (
                    f"You made the same choice as {council}."
                    if same
                    else f"{council[:1].upper()}{council[1:]} chose differently: “{hist[1]}”."
                )
                blocks.append(P(verdict, "bold", after=6))
            blocks.extend(doc.prose(node.history))
    return blocks


def go_back(app, session) -> bool:
    """Step back to the decision before the current point (the line left stays as a variation)."""
    from game.ui.scenes.decision import DecisionScene

    if session.back() is None:
        return False
    scene = DecisionScene(app, session)
    scene.message = "Back one decision: the line you left is kept as a history of its own (H shows them all)."
    app.go(scene)
    return True


def open_histories(app, session, back) -> None:
    from game.ui.scenes.histories import HistoriesScene

    app.go(HistoriesScene(app, session, back=back))
