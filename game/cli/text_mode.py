"""Play in the terminal: the same engine as the window, in plain text.

Reads one answer per line, so it works from a keyboard and from piped input
(`printf '2\n1\n' | python main.py text`). Pauses between briefing pages only
when a person is at a terminal.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from typing import TextIO

from game import wording
from game.engine.engine import Engine
from game.engine.results import Step
from game.engine.state import GameState
from game.report.build import build_report
from game.report.model import Report
from game.scenario.compiled import CompiledScenario, datetime_of
from game.session import SaveStore, Session

HELP = (
    "Type an option's number and Enter. Other keys: b go back to the previous decision (the line you leave "
    "is kept), r risk drivers, save NAME keep a named copy, h help, q quit (the game is saved; "
    "`text --continue` resumes it)."
)


class _Out:
    def __init__(self, stream: TextIO, width: int):
        self.stream = stream
        self.width = width

    def line(self, text: str = "") -> None:
        self.stream.write(text + "\n")

    def para(self, text: str, indent: str = "") -> None:
        for pieces in wording.prose_pieces(text):
            for kind, words in pieces:
                flat = " ".join(words.split())
                if kind == "bullet":
                    first, rest = indent + "  • ", indent + "    "
                elif kind == "heading":
                    flat, first, rest = flat.upper(), indent, indent
                else:
                    first = rest = indent
                self.line(textwrap.fill(flat, self.width, initial_indent=first, subsequent_indent=rest))
            self.line()

    def rule(self, char: str = "─") -> None:
        self.line(char * self.width)


def stamp(minutes: int) -> str:
    moment = datetime_of(minutes)
    return f"{moment:%A} {moment.day} {moment:%B %Y}, {moment:%H:%M}"


class TextGame:
    def __init__(
        self,
        scenario: CompiledScenario,
        seed: int,
        fate: str,
        sides: tuple[str, ...],
        stdin: TextIO,
        stdout: TextIO,
        width: int | None = None,
        store: SaveStore | None = None,
        resume: bool = False,
    ):
        self.engine = Engine(scenario)
        self.scenario = scenario
        self.seed, self.fate, self.sides = seed, fate, sides
        self.store = store
        self.resume = resume
        self.session: Session | None = None
        self.stdin = stdin
        self.out = _Out(stdout, width or max(50, min(100, shutil.get_terminal_size((88, 24)).columns - 2)))
        self.interactive = stdin.isatty()

    def ask(self, prompt: str) -> str | None:
        self.out.stream.write(prompt)
        self.out.stream.flush()
        answer = self.stdin.readline()
        if not answer:
            return None
        if not self.interactive:
            self.out.line(answer.rstrip("\n"))  # echo piped answers so a transcript reads naturally
        return answer.strip().lower()

    # ------------------------------------------------------------------ the game

    def run(self) -> int:
        model = self.scenario.model
        out = self.out
        out.rule("═")
        out.line(model.title.upper())
        if model.subtitle:
            out.line(model.subtitle)
        out.rule("═")
        out.para(model.summary)
        out.line(HELP)
        out.line()
        for number, page in enumerate(model.briefing, 1):
            out.line(
                f"BACKGROUND {number}/{len(model.briefing)}: {page.title}"
                + (" [the game's invention]" if page.invented else "")
            )
            out.para(page.text, "  ")
            if self.interactive and self.ask("Enter to continue, s to skip the background: ") == "s":
                break
        session = self.open_session()
        if session is None:
            return 1
        self.session = session
        if len(session.state.steps) == 1 or session.current.parent is None:
            self.report(session.state.steps[0], session.state, opening=True)
        while not session.state.ended:
            if not self.decide(session.state):
                where = f" It is saved: {self.store.autosave_path(self.scenario.id)}." if self.store else ""
                out.line(f"The game was left unfinished.{where}")
                return 0
        self.debrief(session.state)
        return 0

    def open_session(self) -> Session | None:
        """A new game, or with `resume` the scenario's autosave; autosaved after every input when a store is given."""
        out = self.out
        if self.resume and self.store is not None:
            session, problem = self.store.probe_autosave(self.engine)
            if problem is not None:
                kept = f" It was kept as {problem.kept_at}." if problem.kept_at else ""
                out.line(f"Your saved game could not be read: {problem.reason}.{kept}")
                return None
            if session is None:
                out.line(f"There is no saved game of '{self.scenario.id}' to continue; starting a new one.")
            else:
                out.line(f"Continuing your game (seed {session.config.seed}).")
                self.store.attach(session, save_now=False)
                return session
        session = Session.new(self.engine, seed=self.seed, fate=self.fate, controlled=self.sides)
        if self.store is not None:
            self.store.attach(session)
            if session.save_error:
                out.line(f"{session.save_error} — the game goes on without saving.")
        return session

    def decide(self, state: GameState) -> bool:
        engine, out = self.engine, self.out
        assert self.session is not None
        session = self.session
        node = engine.node(state)
        view = session.decision_view(node.actor)  # the side awaited sees its own briefing, and only that
        assert view is not None
        choices = list(view.choices)
        out.rule("═")
        out.line(f"{stamp(state.clock)} — {view.title}  [{view.actor_name} decides]")
        if node.invented:
            out.line("(This scene is the game's invention, not a documented event.)")
        out.rule("═")
        if view.departs and not node.invented:
            out.line("(Earlier moves in your game have made this scene depart from 1962's.)")
        out.para(view.text)
        if view.intel:
            out.line(f"{view.intel_title}:")
            for item in view.intel:
                out.line(textwrap.fill(item, out.width, initial_indent="  • ", subsequent_indent="    "))
            out.line()
        for secret in view.secrets:
            out.line(f"Known to you: {secret.title}")
            out.para(secret.text, "  ")
        note = engine.defcon_note(state)
        out.line(
            f"Escalation: risk of nuclear use so far {wording.pct(state.risk)} · DEFCON {engine.defcon(state)}"
            + (f" ({note})" if note else "")
        )
        out.line()
        for c in choices:
            mark = "" if c.available else "  (unavailable)"
            out.line(textwrap.fill(f"{c.number}. {c.text}{mark}", out.width, subsequent_indent="   "))
            if c.detail:
                out.line(textwrap.fill(c.detail, out.width, initial_indent="     ", subsequent_indent="     "))
            if not c.available:
                out.line(
                    textwrap.fill(f"Why not: {c.reason}", out.width, initial_indent="     ", subsequent_indent="     ")
                )
            for adv in c.advisors:
                out.line(
                    textwrap.fill(
                        f"{adv.name} ({adv.role}): \u201c{adv.argument}\u201d",
                        out.width,
                        initial_indent="     ",
                        subsequent_indent="       ",
                    )
                )
        out.line()
        numbers = [c.number for c in choices if c.available]
        while True:
            answer = self.ask(f"Your choice [{', '.join(map(str, numbers))}; b back; h help; q quit]: ")
            if answer is None or answer in ("q", "quit", "exit"):
                return False
            if answer in ("h", "help", "?"):
                out.line(HELP)
                continue
            if answer in ("r", "risk"):
                self.show_drivers(state.steps[-1], node.actor)
                continue
            if answer.startswith("save "):
                if self.store is None:
                    out.line("This game is not being kept (--no-save), so it cannot be saved by name.")
                    continue
                try:
                    where = self.store.save_as(session, answer[5:].strip())
                    out.line(f"Saved as {where}.")
                except OSError as exc:
                    out.line(f"Could not save: {exc.strerror or exc}. The game goes on.")
                continue
            if answer in ("b", "back"):
                if session.back() is None:
                    out.line("This is the first decision: there is nothing to go back to.")
                    continue
                out.line("Back one decision. The line you left is kept as a variation of this game.")
                return True
            chosen = next((c for c in choices if str(c.number) == answer or c.id == answer), None)
            if chosen is None:
                out.line(f"'{answer}' is not an option here. {HELP}")
                continue
            if not chosen.available:
                out.line(f"That option is not open now: {chosen.reason}")
                continue
            step = session.choose(chosen.id)
            if session.save_error:
                out.line(f"({session.save_error})")
            self.report(step, session.state, viewer=node.actor)
            if node.history:
                out.line("What actually happened:")
                out.para(node.history, "  ")
            return True

    def report(self, step: Step, state: GameState, opening: bool = False, viewer: str | None = None) -> None:
        out = self.out
        viewer = viewer or self.sides[0]
        seen = self.session.step_view(step, viewer) if self.session else None
        headline = seen.headline if seen else step.headline
        if headline and not opening and not step.ended:
            out.line()
            out.line(f"▶ {headline}")
        for event in seen.events if seen else step.events:
            if event.kind == "decision":
                out.line()
                out.line(f"You chose: {event.choice_text}")
                if event.text:
                    out.para(event.text, "  ")
            elif event.kind == "computer":
                side = self.scenario.side_name(event.actor)
                out.line(f"{stamp(event.when)} — {side}: {event.choice_text}")
                if event.text:
                    out.para(event.text, "  ")
            elif event.kind in ("incident", "chance", "catastrophe"):
                out.line(f"{stamp(event.when)} — {event.title}")
                out.para(event.text, "  ")
        if not opening or step.hazard > 0:
            out.line(
                f"Escalation: risk of nuclear use {wording.pct(step.risk_after)} "
                f"({wording.points(step.risk_change)} this step) · DEFCON {step.defcon_after}"
                + (f" (was {step.defcon_before})" if step.defcon_after != step.defcon_before else "")
                + (f" — {engine_note}" if (engine_note := self.engine.defcon_note(state)) else "")
            )
            self.show_drivers(step, viewer, limit=4)
            out.line()

    def show_drivers(self, step: Step, viewer: str, limit: int = 10) -> None:
        seen = self.session.step_view(step, viewer) if self.session else None
        drivers = (seen.drivers() if seen else step.drivers())[:limit]
        if not drivers and not (seen and seen.hidden_hazard > 0):
            self.out.line("  No new danger in this step.")
        for term in drivers:
            self.out.line(
                f"  {wording.points(term.hazard)}  {term.label}  ({wording.DRIVER_KIND.get(term.kind, term.kind)})"
            )
        if seen and seen.hidden_hazard > 0:
            self.out.line(f"  {wording.points(seen.hidden_hazard)}  dangers you cannot see")

    def debrief(self, state: GameState) -> None:
        self.print_report(build_report(self.engine, state))

    def print_report(self, report: Report) -> None:
        """The debrief in plain text; every word and number comes from `report`."""
        out, end = self.out, report.ending
        out.rule("═")
        out.line(f"THE END — {end.title}  ({end.category_label})")
        out.rule("═")
        out.para(end.text)
        out.para(end.debrief)
        out.line(
            f"Cumulative risk of nuclear use you ran: {report.risk.final_text}   (1962 as documented: "
            f"{report.risk.documented_text})"
        )
        out.line()
        outcome = report.outcome
        if outcome is not None:
            out.line("Strategic outcome                     Yours / 1962")
            for row in outcome.rows:
                out.line(
                    textwrap.fill(
                        f"- {row.label}: {row.yours_cell}"
                        + (f"  /  {row.documented_cell}" if row.documented_text is not None else ""),
                        out.width,
                        subsequent_indent="    ",
                    )
                )
            out.line(
                f"Strategic score (each line -3 to +3): yours {outcome.yours_total_text} "
                f"/ 1962 {outcome.documented_total_text}"
            )
            out.line()
        out.line("Your path beside the documented one:")
        for d in report.player_decisions:
            same = "  (as in 1962)" if d.same else ""
            out.line(textwrap.fill(f"{d.when_full} — {d.line}{same}", out.width, subsequent_indent="    "))
            if d.documented_text is not None and not d.same:
                out.line(
                    textwrap.fill(
                        f"1962: {d.documented_text}", out.width, initial_indent="    ", subsequent_indent="    "
                    )
                )
        out.line()
        for section in (report.unknowns, report.historiography):
            if section.pages:
                out.line(section.heading.upper())
                for page in section.pages:
                    out.line(f"{page.title}")
                    out.para(page.text, "  ")
        if report.sources:
            out.line("SOURCES")
            for source in report.sources:
                out.line(textwrap.fill(f"- {source.citation}", out.width, subsequent_indent="    "))


def play_text(
    scenario: CompiledScenario,
    seed: int,
    fate: str = "dice",
    sides: tuple[str, ...] = ("us",),
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    store: SaveStore | None = None,
    resume: bool = False,
) -> int:
    game = TextGame(scenario, seed, fate, sides, stdin or sys.stdin, stdout or sys.stdout, store=store, resume=resume)
    return game.run()
