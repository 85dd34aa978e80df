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
from typing import TextIO

from game import wording
from game.analysis.documented import documented_path
from game.engine.engine import Engine
from game.engine.results import Step
from game.engine.state import GameState
from game.errors import ExcommError, excerpt
from game.scenario.compiled import CompiledScenario, datetime_of

HELP = "Type an option's number and Enter. Other keys: h help, r risk drivers, q quit."


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
    ):
        self.engine = Engine(scenario)
        self.scenario = scenario
        self.seed, self.fate, self.sides = seed, fate, sides
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
            return None
        if not self.interactive:
            self.out.line(excerpt(answer.rstrip("\n"), 80))  # echo piped answers so a transcript reads naturally
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
        state = self.engine.new_game(seed=self.seed, controlled=self.sides, fate=self.fate)
        self.report(state.steps[0], state, opening=True)
        while not state.ended:
            if not self.decide(state):
                out.line("The game was left unfinished.")
                return 0
        self.debrief(state)
        return 0

    def decide(self, state: GameState) -> bool:
        engine, out = self.engine, self.out
        node = engine.node(state)
        choices = engine.choices(state)
        out.rule("═")
        side = {"us": "Washington", "ussr": "Moscow"}.get(node.actor, node.actor)
        out.line(f"{stamp(state.clock)} — {node.title}  [{side} decides]")
        if node.invented:
            out.line("(This scene is the game's invention, not a documented event.)")
        out.rule("═")
        text, intel, departs = engine.briefing(state)
        if departs and not node.invented:
            out.line("(Earlier moves in your game have made this scene depart from 1962's.)")
        out.para(text)
        if intel:
            out.line("What Washington knows:" if node.actor == "us" else "What Moscow knows:")
            for item in intel:
                out.line(textwrap.fill(item, out.width, initial_indent="  • ", subsequent_indent="    "))
            out.line()
        out.line(f"Escalation: risk of nuclear use so far {wording.pct(state.risk)} · DEFCON {engine.defcon(state)}")
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
            answer = self.ask(f"Your choice [{', '.join(map(str, numbers))}; h help; q quit]: ")
            if answer is None or answer in ("q", "quit", "exit"):
                return False
            if answer in ("h", "help", "?"):
                out.line(HELP)
                continue
            if answer in ("r", "risk"):
                self.show_drivers(state.steps[-1])
                continue
            chosen = next((c for c in choices if str(c.number) == answer or c.id == answer), None)
            if chosen is None:
                out.line(f"'{excerpt(answer, 40)}' is not an option here. {HELP}")
                continue
            if not chosen.available:
                out.line(f"That option is not open now: {chosen.reason}")
                continue
            step = engine.choose(state, chosen.id)
            self.report(step, state)
            if node.history:
                out.line("What actually happened:")
                out.para(node.history, "  ")
            return True

    def report(self, step: Step, state: GameState, opening: bool = False) -> None:
        out = self.out
        for event in step.events:
            if event.kind == "decision":
                out.line()
                out.line(f"You chose: {event.choice_text}")
                if event.text:
                    out.para(event.text, "  ")
            elif event.kind == "computer":
                side = {"us": "Washington", "ussr": "Moscow"}.get(event.actor, event.actor)
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
            )
            self.show_drivers(step, limit=4)
            out.line()

    def show_drivers(self, step: Step, limit: int = 10) -> None:
        drivers = step.drivers()[:limit]
        if not drivers:
            self.out.line("  No new danger in this step.")
        for term in drivers:
            self.out.line(
                f"  {wording.points(term.hazard)}  {term.label}  ({wording.DRIVER_KIND.get(term.kind, term.kind)})"
            )

    def debrief(self, state: GameState) -> None:
        engine, out, model = self.engine, self.out, self.scenario.model
        end = engine.node(state)
        out.rule("═")
        out.line(f"THE END — {end.title}  ({wording.ending_category(end.category)})")
        out.rule("═")
        out.para(end.text)
        out.para(end.debrief)
        history = documented_path(engine)
        out.line(
            f"Cumulative risk of nuclear use you ran: {wording.pct(state.risk)}   (1962 as documented: "
            f"{wording.pct(history.risk)})"
        )
        out.line()
        mine, theirs = engine.assess(state), {a.id: a for a in engine.assess(history)}
        if mine:
            out.line("Strategic outcome                     Yours / 1962")
            for line in mine:
                past = theirs.get(line.id)
                out.line(
                    textwrap.fill(
                        f"- {line.label}: {line.text} ({line.score:+d})"
                        + (f"  /  {past.text} ({past.score:+d})" if past else ""),
                        out.width,
                        subsequent_indent="    ",
                    )
                )
            mine_total, their_total = sum(a.score for a in mine), sum(a.score for a in theirs.values())
            out.line(f"Strategic score (each line -3 to +3): yours {mine_total:+d} / 1962 {their_total:+d}")
            out.line()
        out.line("Your path beside the documented one:")
        for entry in state.path:
            if entry.kind != "decision" or entry.by != "player":
                continue
            node = engine.scenario.by_id[entry.node]
            mine_text = next(o.text for o in node.options if o.id == entry.choice)
            hist = next((o.text for o in node.options if o.historical), None)
            same = "  (as in 1962)" if entry.historical else ""
            out.line(
                textwrap.fill(
                    f"{stamp(entry.when)} — {wording.titled(node.title, mine_text)}{same}",
                    out.width,
                    subsequent_indent="    ",
                )
            )
            if hist and not entry.historical:
                out.line(textwrap.fill(f"1962: {hist}", out.width, initial_indent="    ", subsequent_indent="    "))
        out.line()
        for title, pages in (
            ("What the ExComm did not know", model.unknowns),
            ("How historians read the crisis", model.historiography),
        ):
            if pages:
                out.line(title.upper())
                for page in pages:
                    out.line(f"{page.title}")
                    out.para(page.text, "  ")
        if model.sources:
            out.line("SOURCES")
            for citation in model.sources.values():
                out.line(textwrap.fill(f"- {citation}", out.width, subsequent_indent="    "))


def play_text(
    scenario: CompiledScenario,
    seed: int,
    fate: str = "dice",
    sides: tuple[str, ...] = ("us",),
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    stdin = stdin or _tolerant(sys.stdin) or io.StringIO("")  # a closed stdin is an empty one
    stdout = stdout or _tolerant(sys.stdout)
    if stdout is None:
        raise OutputGone("standard output is closed, so the game cannot be shown")
    return TextGame(scenario, seed, fate, sides, stdin, stdout).run()


def _tolerant(stream: TextIO | None) -> TextIO | None:
    """The stream, set to replace what it cannot decode or encode (random bytes under a strict UTF-8
    locale, box-drawing characters under Latin-1) instead of raising."""
    if stream is None:
        return None
    with contextlib.suppress(AttributeError, ValueError, OSError):
        stream.reconfigure(errors="replace")  # type: ignore[attr-defined]
    return stream
