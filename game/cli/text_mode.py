"""Play in the terminal: the same engine as the window, in plain text.

Reads one answer per line, so it works from a keyboard and from piped input
(`printf '2\n1\n' | python main.py text`). Pauses between briefing pages only
when a person is at a terminal.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TextIO

from game import wording
from game.engine.engine import Engine
from game.engine.results import Step
from game.engine.state import GameState
from game.errors import ExcommError, excerpt
from game.report.build import build_report
from game.report.model import Report
from game.scenario.compiled import CompiledScenario, datetime_of
from game.session import SaveStore, Session

HELP = (
    "Type an option's number and Enter. Other keys: b go back to the previous decision (the line you leave "
    "is kept), histories list every line you have played, goto hN re-enter one at a decision and choose "
    "again, r risk drivers, save NAME keep a named copy, h help, q quit (the game is saved; "
    "`text --continue` resumes it)."
)


MAX_ANSWER = 4096  # characters read for one answer; a longer line is not an answer


class OutputGone(ExcommError):
    """The terminal or file the game writes to is closed or full: nothing more can be shown."""


class _Out:
    def __init__(self, stream: TextIO, width: int):
        self.stream = stream
        self.width = width

    def line(self, text: str = "") -> None:
        self.write(text + "\n")

    def write(self, text: str) -> None:
        try:
            self.stream.write(text)
        except (OSError, ValueError) as exc:  # a full disk (>/dev/full), a closed pipe or file
            raise OutputGone(f"the game's output cannot be written ({_why(exc)})") from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except (OSError, ValueError) as exc:
            raise OutputGone(f"the game's output cannot be written ({_why(exc)})") from None

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


def _why(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def read_answer(stream: TextIO) -> str | None:
    """One line of input, at most MAX_ANSWER characters; None at the end of input.

    Bounded: a stream without line breaks (</dev/zero) ends the game instead of filling memory, and
    undecodable bytes have already been replaced (see `_tolerant`)."""
    try:
        line = stream.readline(MAX_ANSWER)
        if line and not line.endswith("\n"):
            for _ in range(64):  # drop the rest of an over-long line
                more = stream.readline(MAX_ANSWER)
                if not more or more.endswith("\n"):
                    break
            else:
                return None  # no end of line in sight: this is not lines of text
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return line or None


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
        load: Path | None = None,
        keep: bool = True,
    ):
        self.engine = Engine(scenario)
        self.load = load  # a history file to import and play on (made on another machine, say)
        self.loaded: Session | None = None  # that file's game, once read
        self.scenario = scenario
        self.seed, self.fate, self.sides = seed, fate, sides
        self.saves = store  # where a game to continue is found
        self.store = store if keep else None  # where this game is kept (None: --no-save)
        self.resume = resume
        self.fresh = False  # set by open_session when it starts a new game (the background pages are for it)
        self.session: Session | None = None
        self.stdin = stdin
        self.out = _Out(stdout, width or max(50, min(100, shutil.get_terminal_size((88, 24)).columns - 2)))
        try:
            self.interactive = stdin.isatty()
        except (OSError, ValueError):
            self.interactive = False

    def ask(self, prompt: str) -> str | None:
        self.out.write(prompt)
        self.out.flush()
        answer = read_answer(self.stdin)
        if answer is None:
            self.out.line()  # the input ended at the prompt: what follows starts on a line of its own
            return None
        if not self.interactive:
            self.out.line(excerpt(answer.rstrip("\n"), 80))  # echo piped answers so a transcript reads naturally
        return answer.strip().lower()

    # ------------------------------------------------------------------ the game

    def run(self) -> int:
        model = self.scenario.model
        out = self.out
        if self.load is not None:  # read first: a file that is not there or not a game is said before the title
            self.loaded = SaveStore(self.load.parent).load(self.load, self.engine)
        out.rule("═")
        out.line(model.title.upper())
        if model.subtitle:
            out.line(model.subtitle)
        out.rule("═")
        out.para(model.summary)
        out.line(HELP)
        out.line()
        session = self.open_session()
        if session is None:
            return 1
        self.session = session
        if self.fresh:  # a new game: the background first (a resumed or imported one goes straight on)
            for number, page in enumerate(model.briefing, 1):
                out.line(
                    f"BACKGROUND {number}/{len(model.briefing)}: {page.title}"
                    + (" [the game's invention]" if page.invented else "")
                )
                out.para(page.text, "  ")
                if self.interactive and self.ask("Enter to continue, s to skip the background: ") == "s":
                    break
        if len(session.state.steps) == 1 or session.current.parent is None:
            self.report(session.state.steps[0], session.state, opening=True)
        while True:
            while not session.state.ended:
                if not self.decide(session.state):
                    where = f" It is saved: {self.store.autosave_path(self.scenario.id)}." if self.store else ""
                    out.line(f"The game was left unfinished.{where}")
                    return 0
            self.debrief(session.state)
            if not self.after_the_end():
                return 0

    def after_the_end(self) -> bool:
        """At an ending: go back or re-enter another history (True), or finish (False)."""
        assert self.session is not None
        while True:
            answer = self.ask("The game has ended. [b back; histories; goto hN; Enter to finish]: ")
            if answer is None or answer in ("", "q", "quit", "exit"):
                return False
            if answer in ("b", "back"):
                if self.session.back() is not None:
                    self.out.line("Back one decision. The line you left is kept as a variation of this game.")
                    return True
                continue
            if self.tree_command(answer):
                if not self.session.state.ended:
                    return True
                continue
            self.out.line("Type b, histories, goto hN, or press Enter to finish.")

    def tree_command(self, answer: str) -> bool:
        """'histories' lists the lines of the tree; 'goto hN' re-enters one. True when the answer was one of them."""
        from game.errors import RuleError
        from game.session.lines import documented_line, history_lines, parting

        session, out = self.session, self.out
        assert session is not None
        if answer in ("histories", "history", "tree", "t"):
            sides = session.config.controlled or (self.scenario.model.player,)
            doc = documented_line(self.engine, session.documented, sides)
            out.line(
                f"Your histories (seed {session.config.seed}); 1962 ended: {doc.ending}, risk {wording.pct(doc.risk)}."
            )
            lines = history_lines(session)
            # the point played now lies on every line through it: the first of them is marked
            current = next((k for k, line in enumerate(lines) if session.current in line.leaf.path()), -1)
            for number, line in enumerate(lines, 1):
                where = f"ends: {line.ending}" if line.ended else f"next: {line.ending_title}"
                on_it = number - 1 == current
                here = "  ← you are here" if on_it and line.leaf is session.current else ""
                out.line(f"{number}. {line.name} — {where}; risk {wording.pct(line.risk)}{here}")
                start, like = max(
                    ((parting(line, other), k) for k, other in enumerate(lines[: number - 1], 1)), default=(0, 0)
                )
                if start:
                    first = "decision" if start == 1 else f"{start} decisions"
                    out.line(f"     (the first {first} as in line {like})")
                for m in line.marks[start:]:
                    same = "" if m.same_as_1962 else "  ≠1962"
                    # gone back to this decision: the line goes on past it, but the game waits here
                    back = "  ← you are here, to choose again" if on_it and m.at_id == session.current.id else ""
                    out.line(f"     {m.at_id:>5}  {stamp(m.when)}  {m.title}: {m.choice_text}{same}{back}")
            out.line("Type 'goto hN' to re-enter at that decision and choose again.")
            return True
        if answer.startswith("goto "):
            target = answer[5:].strip()
            try:
                session.go_to(target)
            except RuleError as exc:
                said = str(exc)
                out.line(f"{said[:1].upper()}{said[1:]}. Type 'histories' to see the points you can go to.")
                return True
            state = session.state
            if state.ended:
                out.line(f"That point is an ending: {self.engine.node(state).title}.")
            else:
                out.line(f"Back at {stamp(state.clock)}: {self.engine.node(state).title}.")
            return True
        return False

    def open_session(self) -> Session | None:
        """A new game, or with `resume` the scenario's autosave; autosaved after every input when a store is given."""
        out = self.out
        if self.load is not None:
            session = self.loaded or SaveStore(self.load.parent).load(self.load, self.engine)
            out.line(f"Imported the histories of {self.load} (seed {session.config.seed}); 'histories' lists them.")
            if self.store is not None:
                self.store.attach(session)  # it becomes this scenario's game in progress here
            return session
        if self.resume and self.saves is not None:
            session, problem = self.saves.probe_autosave(self.engine)
            if problem is not None:
                kept = f" It was kept as {problem.kept_at}." if problem.kept_at else ""
                out.line(f"Your saved game could not be read: {problem.reason}.{kept}")
                return None
            if session is None:
                out.line(f"There is no saved game of '{self.scenario.id}' to continue; starting a new one.")
            elif self.store is None:  # --no-save: played on from the save, which is left as it was
                out.line(
                    f"Continuing your game (seed {session.config.seed}) without saving: the save is left as it was."
                )
                return session
            else:
                out.line(f"Continuing your game (seed {session.config.seed}).")
                self.store.attach(session, save_now=False)
                return session
        session = Session.new(self.engine, seed=self.seed, fate=self.fate, controlled=self.sides)
        self.fresh = True
        if self.store is not None:
            self.store.attach(session)
            if self.store.kept is not None:
                out.line(f"Your previous game is kept as {self.store.kept} (--load it to play it again).")
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
                        f"{adv.name} ({adv.role}{', ' + adv.stance if adv.stance else ''}): \u201c{adv.argument}\u201d",
                        out.width,
                        initial_indent="     ",
                        subsequent_indent="       ",
                    )
                )
        out.line()
        numbers = [c.number for c in choices if c.available]
        while True:
            answer = self.ask(f"Your choice [{', '.join(map(str, numbers))}; b back; histories; h help; q quit]: ")
            if answer is None or answer in ("q", "quit", "exit"):
                return False
            if answer in ("h", "help", "?"):
                out.line(HELP)
                continue
            if answer in ("r", "risk"):
                self.show_drivers(state.steps[-1], node.actor)
                continue
            if answer == "":
                out.line(f"Type the number of an option ({', '.join(map(str, numbers))}), or h for the other keys.")
                continue
            if answer in ("save", "goto"):
                out.line("Give it a name: save NAME." if answer == "save" else "Say where: goto hN ('histories').")
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
            if answer.startswith("goto ") and self.tree_command(answer):
                return True  # the decision shown next is the one at the point gone to
            if self.tree_command(answer):
                continue
            if answer in ("b", "back"):
                if session.back() is None:
                    out.line("This is the first decision: there is nothing to go back to.")
                    continue
                out.line("Back one decision. The line you left is kept as a variation of this game.")
                return True
            chosen = next((c for c in choices if str(c.number) == answer or c.id == answer), None)
            if chosen is None:
                out.line(
                    f"'{excerpt(answer, 40)}' is not an option here: type {', '.join(map(str, numbers))}, "
                    "or h for the other keys."
                )
                continue
            if not chosen.available:
                out.line(f"That option is not open now: {chosen.reason}")
                continue
            step = session.choose(chosen.id)
            if session.save_error:
                out.line(f"({session.save_error})")
            if session.repeated_last_move():
                out.line(wording.SAME_MOVE_AGAIN)
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
            was, now, added = wording.change(step.risk_before, step.risk_after)
            out.line(
                f"Escalation: risk of nuclear use {now} ({added} this step, from {was}) · DEFCON {step.defcon_after}"
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
            return
        # chances, as the window gives them: each applies to what the others left safe, so they do not add up
        # to the step's points (a step's chance also counts only on what earlier steps left safe)
        side_name = self.scenario.side_name
        lines = [
            (
                term.hazard,
                f"  {wording.pct(term.hazard)} chance  {term.label}  "
                f"({wording.driver_kind(term.kind, term.actor, viewer, side_name)})",
            )
            for term in drivers
        ]
        if seen and seen.hidden_hazard > 0:  # in its place by size: it may be the largest danger of the step
            lines.append((seen.hidden_hazard, f"  {wording.pct(seen.hidden_hazard)} chance  dangers you cannot see"))
        less = wording.rose_by_less(step.risk_before, step.risk_after, step.hazard)  # as the line above prints it
        of = f"; the meter rose {less}, since it counts only if all was still well" if less else ""
        combine = (
            "; the chances below combine, they do not add" if sum(h for h, _ in lines) - step.hazard > 0.0005 else ""
        )
        chance = wording.pct(step.hazard)
        self.out.line(f"  What drove it (a {chance} chance of losing control this step{of}{combine}):")
        for _, line in sorted(lines, key=lambda hl: -hl[0]):
            self.out.line(line)

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
    load: Path | None = None,
    keep: bool = True,
) -> int:
    stdin = stdin or _tolerant(sys.stdin) or io.StringIO("")  # a closed stdin is an empty one
    stdout = stdout or _tolerant(sys.stdout)
    if stdout is None:
        raise OutputGone("standard output is closed, so the game cannot be shown")
    game = TextGame(scenario, seed, fate, sides, stdin, stdout, store=store, resume=resume, load=load, keep=keep)
    return game.run()


def _tolerant(stream: TextIO | None) -> TextIO | None:
    """The stream, set to replace what it cannot decode or encode (random bytes under a strict UTF-8
    locale, box-drawing characters under Latin-1) instead of raising."""
    if stream is None:
        return None
    with contextlib.suppress(AttributeError, ValueError, OSError):
        stream.reconfigure(errors="replace")  # type: ignore[attr-defined]
    return stream
