"""`python main.py`, `python -m game` and the `excomm` command.

excomm [play]    the game window (default)
excomm text      play in the terminal
excomm validate  check scenarios
excomm simulate  play many games automatically and report
excomm report    play one game by a policy and write its debrief as Markdown or HTML
excomm schema    write the scenario JSON Schema
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.errors import AnalysisError, ExcommError, excerpt
from game.scenario.errors import ScenarioError

if TYPE_CHECKING:
    from game.analysis.policies import Policy
    from game.engine.engine import Engine
    from game.engine.state import GameState
    from game.scenario.compiled import CompiledScenario
    from game.session import Session

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("write the size as WIDTHxHEIGHT, e.g. 1280x720") from None
    if not (640 <= w <= 7680 and 480 <= h <= 4320):
        raise argparse.ArgumentTypeError("the size must be between 640x480 and 7680x4320")
    return w, h


def _bounded(name: str, low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} is a whole number from {low} to {high}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{name} is a whole number from {low} to {high}")
        return value

    return parse


_port = _bounded("the port", 0, 65535)
_minutes = _bounded("the lesson's minutes", 20, 240)
_count = _bounded("the number of seats", 1, 200)


def _parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="excomm", description="ExComm: decisions of the Cuban Missile Crisis, 1962.")
    sub = top.add_subparsers(dest="command")

    def scenario_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--scenario",
            metavar="ID|PATH",
            default=None,
            help="a bundled scenario id or a .yaml file (default: october-1962)",
        )

    play = sub.add_parser("play", help="open the game window (the default)")
    scenario_arg(play)
    play.add_argument("--seed", type=int, default=None)
    play.add_argument("--size", type=_size, default=None, metavar="WxH")
    play.add_argument("--fullscreen", action="store_true")
    play.add_argument(
        "--fate",
        choices=("dice", "history"),
        default="dice",
        help="dice: chance decides; history: events follow 1962 where they can",
    )

    room = sub.add_parser("classroom", help="run a classroom lesson on a projector (or print its pack)")
    scenario_arg(room)
    room.add_argument("--seed", type=int, default=None)
    room.add_argument("--size", type=_size, default=None, metavar="WxH")
    room.add_argument("--fullscreen", action="store_true")
    room.add_argument("--fate", choices=("dice", "history"), default="dice")
    room.add_argument("--pack", metavar="FILE.pdf", default=None, help="write the classroom pack and exit (no window)")
    room.add_argument("--teams", action="store_true", help="with --pack: a team for every side that plays")
    room.add_argument("--students", type=int, default=20, help="with --pack: how many students to cast")
    room.add_argument("--paper", choices=("a4", "letter"), default="a4", help="with --pack: the paper size")
    room.add_argument(
        "--serve", action="store_true", help="serve the class on the local network (students join from a browser)"
    )
    room.add_argument(
        "--host", default="0.0.0.0", help="the address students' devices reach (default: every one of this machine)"
    )
    room.add_argument(
        "--port", type=_port, default=8962, help="the port for students' devices, with --serve or the window's switch"
    )
    room.add_argument(
        "--minutes", type=_minutes, default=50, help="with --serve: the lesson's minutes (90 or more: every decision)"
    )
    room.add_argument("--count", type=_count, default=30, help="with --serve: how many seats (students) to cast")
    room.add_argument("--new", action="store_true", help="with --serve: start a new lesson even if one is in progress")

    text = sub.add_parser("text", help="play in the terminal")
    scenario_arg(text)
    text.add_argument("--seed", type=int, default=None, help="fixes every roll of the dice (default: random)")
    text.add_argument(
        "--fate",
        choices=("dice", "history"),
        default="dice",
        help="dice: chance decides; history: events follow 1962 where they can",
    )
    text.add_argument(
        "--side", default=None, metavar="SIDE|both", help="the side you play (default: the scenario's), or 'both'"
    )
    text.add_argument("--continue", dest="resume", action="store_true", help="continue the scenario's autosave")
    text.add_argument("--no-save", action="store_true", help="do not keep this game (no autosave)")
    text.add_argument(
        "--load", type=Path, default=None, metavar="FILE", help="import a history file (a save) and play on from it"
    )

    val = sub.add_parser("validate", help="check scenarios (default: every bundled one)")
    val.add_argument("paths", nargs="*", metavar="PATH")
    val.add_argument("--runs", type=_at_least_one, default=400, help="random playthroughs used to find dead ends")

    sim = sub.add_parser("simulate", help="play many games automatically")
    scenario_arg(sim)
    sim.add_argument(
        "--policy",
        required=True,
        help="who decides for the US: historical, historical-dice, random or one of the scenario's strategies",
    )
    sim.add_argument("--runs", type=_at_least_one, default=1)
    sim.add_argument("--seed", type=int, default=0)
    sim.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    sim.add_argument("--json", action="store_true", help="print one JSON object (the only output format)")

    exact = sub.add_parser(
        "analyse", help="exact odds of every ending for a way of playing (no sampling, unless --sample)"
    )
    scenario_arg(exact)
    exact.add_argument(
        "--policy",
        default="historical-dice",
        help="historical, historical-dice (default), random or one of the scenario's strategies",
    )
    exact.add_argument("--options", action="store_true", help="one analysis per option of the first decision")
    exact.add_argument(
        "--at",
        metavar="NODE",
        default=None,
        help="the odds of each option at decision NODE, in the state the documented 1962 course first reaches it "
        "(with --save: as the save's current history last reached it)",
    )
    exact.add_argument(
        "--save",
        type=Path,
        metavar="FILE",
        default=None,
        help="the odds of each option at the decision a save file's game is waiting at (its current history)",
    )
    exact.add_argument(
        "--sample",
        type=int,
        metavar="PLAYS",
        default=None,
        help="with --at or --save: estimate instead, by playing each option on PLAYS times (fast where the exact "
        "odds are slow: `random` early in the crisis); each option's margin_95 bounds all its figures (95%%)",
    )
    exact.add_argument("--json", action="store_true", help="print one JSON object (the only output format)")

    rep = sub.add_parser("report", help="play one game by a policy and write its debrief (Markdown or HTML)")
    scenario_arg(rep)
    rep.add_argument(
        "--policy",
        default="historical",
        help="who decides for the US: historical (default), historical-dice, random or a scenario strategy",
    )
    rep.add_argument("--seed", type=int, default=0)
    rep.add_argument("--format", choices=("md", "html"), default=None, help="default: from --output's suffix, else md")
    rep.add_argument("--output", type=Path, default=None, metavar="FILE", help="default: print to the terminal")

    hist = sub.add_parser("histories", help="write a history file (a save: the whole tree) as a readable report")
    hist.add_argument("save", type=Path, metavar="FILE", help="a save file (autosave or named save)")
    scenario_arg(hist)
    hist.add_argument("--format", choices=("md", "html"), default=None, help="default: from --output's suffix, else md")
    hist.add_argument("--output", type=Path, default=None, metavar="FILE", help="default: print to the terminal")

    schema = sub.add_parser("schema", help="write the scenario JSON Schema")
    schema.add_argument("--output", type=Path, default=None)
    return top


def _print_problems(exc: ScenarioError) -> int:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    return EXIT_INVALID


def _at_least_one(text: str) -> int:
    """A count given on the command line: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{excerpt(text, 20)}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _validate(args: argparse.Namespace) -> int:
    from game.analysis.playtest import validate
    from game.analysis.story import check_story
    from game.scenario.catalog import bundled_paths, resolve
    from game.scenario.loader import load_scenario
    from game.scenario.validate import advice

    names: list[str] = list(args.paths) or [str(p) for p in bundled_paths()]
    if not names:
        print("no scenarios found in scenarios/", file=sys.stderr)
        return EXIT_INVALID
    failed = 0
    for name in names:
        path = Path(name)
        try:
            path = resolve(name)  # a bundled id ('october-1962') as the other commands take it, or a path
            scenario = load_scenario(path)
            problems = validate(scenario, runs=args.runs)
            if not problems:  # the story's consistency, on the same paths the validator played
                problems = check_story(scenario, runs=args.runs)
        except ScenarioError as exc:
            problems = exc.problems
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            failed += 1
        else:
            print(f"{path}: valid")
            for note in advice(scenario):  # advice for authors: never a failure
                print(note)
    return EXIT_INVALID if failed else EXIT_OK


def _simulate(args: argparse.Namespace) -> int:
    from game.analysis.policies import get_policy
    from game.analysis.simulate import one_run_json, simulate_many
    from game.engine.engine import Engine
    from game.scenario.catalog import load

    scenario = load(args.scenario)
    policy = get_policy(scenario, args.policy)  # an unknown name is refused before any game is played
    if args.runs == 1:
        print(json.dumps(one_run_json(Engine(scenario), policy, args.seed), indent=1))
    else:
        print(json.dumps(simulate_many(scenario, policy, args.runs, args.seed, args.jobs)))
    return EXIT_OK


def _analysis_legend(scenario: CompiledScenario) -> dict[str, object]:
    """What the analysis JSON's names and figures mean, in it: endings are given by id, read here by title."""
    return {
        "endings": {n.id: n.title for n in scenario.nodes if n.kind == "ending"},
        "categories": {c: scenario.ending_label(c) for c in scenario.model.endings},
        "p_nuclear": "the chance of nuclear use from the point analysed on (the danger already run left out)",
        "expected_hazard": "the expected sum of the steps' chances of losing control from there: equal to "
        "p_nuclear when exact",
        "margin_95": "with --sample: the widest 95% margin of any of the option's figures",
        "mean_risk": "the risk meter's figure at the end, on average, counted from the start of the game (so it "
        "includes the risk already run; a game cut short by a catastrophe stops adding to it)",
    }


def _analyse(args: argparse.Namespace) -> int:
    import time

    from game.analysis.exact import analyse, analyse_first_decision, documented_state
    from game.analysis.policies import get_policy
    from game.scenario.catalog import load

    scenario = load(args.scenario)
    policy = get_policy(scenario, args.policy)
    if args.at is not None or args.save is not None:
        if args.options:
            raise AnalysisError("give --at NODE, --save FILE (or both) or --options (--options is the first decision)")
        started = time.perf_counter()
        if args.save is not None:
            state, at = _save_point(scenario, args.save, args.at)
        else:
            state = documented_state(scenario, args.at, policy)
            at = {"node": args.at, "state": "the first time the documented 1962 course reaches it"}
        result = {"scenario": scenario.id, "policy": policy.name, **_option_odds(scenario, state, policy, at, args)}
        result["seconds"] = round(time.perf_counter() - started, 3)
    elif args.sample is not None:
        raise AnalysisError("--sample estimates the odds of each option: give it with --at NODE or --save FILE")
    elif args.options:
        analyses = analyse_first_decision(scenario, policy)
        options = [a.as_json() for a in analyses]
        for one in options:  # solved together: the states and the time are the whole computation's, given once
            del one["states"], one["seconds"]
        result = {
            "scenario": scenario.id,
            "policy": policy.name,
            "states": analyses[-1].states if analyses else 0,
            "seconds": round(analyses[-1].seconds, 3) if analyses else 0.0,
            "options": options,
        }
    else:
        result = {"scenario": scenario.id, **analyse(scenario, policy).as_json()}
    result["legend"] = _analysis_legend(scenario)
    print(json.dumps(result, indent=1))
    return EXIT_OK


def _save_point(
    scenario: CompiledScenario, path: Path, decision: str | None = None
) -> tuple[GameState, dict[str, object]]:
    """The state a save's game is waiting in (its current history's last point) — or, given `decision`, the
    state its current history was in when it last awaited that decision — with the dice falling as they may
    from there whatever the game's fate: the odds answer "what if I took this, with real luck from now"."""
    from game.analysis.branching import lean_copy
    from game.engine.engine import Engine
    from game.session import SaveStore

    engine = Engine(scenario)
    session = SaveStore(path.parent).load(path, engine)  # a SaveError says what is wrong, in words
    if decision is not None:
        state = _awaiting(engine, session, decision, path)
        at: dict[str, object] = {
            "save": str(path),
            "node": decision,
            "state": "the last time the save's current history awaited it",
        }
        return lean_copy(state, fate="dice"), at
    state = session.state
    if state.ended:
        raise AnalysisError(
            f"the game in {path} has ended ({engine.node(state).title}): there is no decision to weigh; "
            f"give --at NODE to weigh a decision its current history met on the way, or go back to a decision "
            f"in the window or in `python main.py text`, save, and ask again"
        )
    node = engine.node(state)
    if node.kind != "decision":
        raise AnalysisError(f"the game in {path} is not waiting at a decision ('{node.id}')")
    at = {"save": str(path), "node": node.id, "state": "the point the save's current history has reached"}
    return lean_copy(state, fate="dice"), at


def _awaiting(engine: Engine, session: Session, decision: str, path: Path) -> GameState:
    """The state in which the session's current history last awaited `decision`."""
    met: list[str] = []
    for node in reversed(session.current.path()):
        state = session.state_at(node)
        if state.ended:
            continue
        here = engine.node(state)
        if here.kind == "decision":
            if here.id == decision:
                return state
            met.append(here.id)
    known = list(dict.fromkeys(reversed(met)))
    near = difflib.get_close_matches(decision, known, n=3)
    hint = f"did you mean {', '.join(near)}? " if near else ""
    raise AnalysisError(
        f"the current history in {path} never awaited decision '{excerpt(decision, 64)}'; {hint}"
        f"it met: {', '.join(known) or 'no decision'}"
    )


def _option_odds(
    scenario: CompiledScenario, state: GameState, policy: Policy, at: dict[str, object], args: argparse.Namespace
) -> dict[str, object]:
    """The `analyse --at/--save` answer: where, and each option's odds (exact, or estimated with --sample)."""
    from game.analysis.exact import option_odds
    from game.analysis.sampled import sampled_option_odds
    from game.scenario.compiled import datetime_of

    where = {**at, "when": f"{datetime_of(state.clock):%Y-%m-%dT%H:%M}", "risk": round(state.risk, 9)}
    if args.sample is None:
        return {"at": where, "exact": True, "options": [o.as_json() for o in option_odds(scenario, state, policy)]}
    odds = sampled_option_odds(scenario, state, policy, args.sample)
    return {"at": where, "exact": False, "plays": args.sample, "options": [o.as_json() for o in odds]}


def _schema(args: argparse.Namespace) -> int:
    from game.scenario.schema import SCHEMA_PATH, schema_text

    target = args.output or SCHEMA_PATH
    from game.fileio import write_atomic

    write_atomic(target, schema_text())
    print(f"wrote {target}")
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from game.analysis.simulate import play
    from game.engine.engine import Engine
    from game.errors import ExcommError
    from game.report import build_report, render_html, render_markdown
    from game.report.replay import narrated
    from game.scenario.catalog import load

    where = _output(args, "report")
    if where is None:
        return EXIT_USAGE
    out, form = where
    engine = Engine(load(args.scenario))
    try:
        state = narrated(engine, play(engine, args.policy, args.seed))
        report = build_report(engine, state)
    except ExcommError as exc:
        print(f"excomm report: {exc}", file=sys.stderr)
        return EXIT_INVALID
    text = render_html(report) if form == "html" else render_markdown(report)
    return _write_output("report", out, text, f"{report.ending.title}; risk {report.risk.final_text}")


_SUFFIXES = {".md": "md", ".markdown": "md", ".txt": "md", ".html": "html", ".htm": "html"}


def _output(args: argparse.Namespace, command: str) -> tuple[Path | None, str] | None:
    """Where a report goes (None: standard output) and its format: as asked, else by the file's suffix. None
    (said on standard error) for a file named as another format (Markdown went into 'r.pdf'). A folder that
    is not there yet is made when the file is written."""
    out = args.output if args.output is not None and str(args.output) != "-" else None
    if out is None:
        return None, args.format or "md"
    form = args.format or _SUFFIXES.get(out.suffix.lower())
    if out.is_dir():  # not a file at all: writing it fails, and says so
        return out, form or "md"
    if form is None:
        print(
            f"excomm {command}: {out} is neither Markdown nor HTML; name it .md or .html, or give --format",
            file=sys.stderr,
        )
        return None
    return out, form


def _write_output(command: str, out: Path | None, text: str, summary: str) -> int:
    from game.fileio import write_atomic

    if out is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_atomic(out, text)
    except OSError as exc:
        print(
            f"excomm {command}: could not write {out}: {exc.strerror or exc}; choose another --output", file=sys.stderr
        )
        return EXIT_INVALID
    print(f"wrote {out} ({summary})")
    return EXIT_OK


def _histories(args: argparse.Namespace) -> int:
    from game.cli.export import tree_html, tree_markdown
    from game.engine.engine import Engine
    from game.scenario.catalog import load
    from game.session import SaveStore

    where = _output(args, "histories")
    if where is None:
        return EXIT_USAGE
    out, form = where
    engine = Engine(load(args.scenario))
    session = SaveStore(args.save.parent).load(args.save, engine)  # a SaveError says what is wrong, in words
    text = tree_html(session) if form == "html" else tree_markdown(session)
    return _write_output("histories", out, text, f"{len(session.root.leaves())} histories")


def _text(args: argparse.Namespace) -> int:
    import random

    from game.cli.text_mode import play_text
    from game.locations import saves_dir
    from game.scenario.catalog import load
    from game.session import SaveStore

    scenario = load(args.scenario)
    if args.side == "both":
        sides = scenario.sides
    elif args.side is None:
        sides = (scenario.model.player,)
    elif args.side in scenario.sides:
        sides = (args.side,)
    else:
        print(f"--side: choose from {', '.join(scenario.sides)} or both", file=sys.stderr)
        return EXIT_USAGE
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1_000_000)
    store = SaveStore(saves_dir())  # read to continue a game; written only without --no-save
    keep = not args.no_save
    return play_text(scenario, seed, args.fate, sides, store=store, resume=args.resume, load=args.load, keep=keep)


def _play(args: argparse.Namespace) -> int:
    try:
        from game.ui.app import run
    except ImportError as exc:
        print(
            f"The game window needs pygame-ce ({exc.name or exc}). Install the game with "
            "'pip install .' or play in the terminal: python main.py text",
            file=sys.stderr,
        )
        return EXIT_INVALID
    return run(
        scenario=getattr(args, "scenario", None),
        seed=getattr(args, "seed", None),
        size=getattr(args, "size", None),
        fullscreen=getattr(args, "fullscreen", False),
        fate=getattr(args, "fate", "dice"),
    )


def _classroom(args: argparse.Namespace) -> int:
    if args.serve:
        from game.cli.serve import serve

        return serve(args)
    if args.pack:
        from game.classroom import cast, roles_of, student_names, teams_of
        from game.classroom.paper import lesson_pack_pdf
        from game.classroom.store import write_bytes
        from game.engine.engine import Engine
        from game.scenario.catalog import load

        engine = Engine(load(args.scenario))
        sides = teams_of(engine, args.teams)
        students = student_names((), max(1, min(200, args.students)))
        casting = cast(roles_of(engine, sides), students, sides)
        try:
            path = write_bytes(Path(args.pack), lesson_pack_pdf(engine, sides, casting, args.paper))
        except OSError as exc:
            print(f"excomm: cannot write {args.pack}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_INVALID
        print(f"wrote {path}")
        return EXIT_OK
    try:
        from game.ui.app import run
    except ImportError as exc:
        print(f"The classroom needs the game window, which needs pygame-ce ({exc.name or exc}).", file=sys.stderr)
        return EXIT_INVALID
    return run(
        scenario=args.scenario,
        seed=args.seed,
        size=args.size,
        fullscreen=args.fullscreen,
        fate=args.fate,
        start="classroom",
        serve=(getattr(args, "host", "0.0.0.0"), getattr(args, "port", 8962)),  # for the setup's devices switch
    )


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
        _flush(sys.stdout)
        return code
    except KeyboardInterrupt:  # Ctrl-C at any moment, even while arguments are read: no traceback
        _say("")
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); exit quietly without a traceback.
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:  # the output is full or closed (>/dev/full, >&-), or a file cannot be written
        if exc.filename is None:
            _silence_stdout()
            _say(f"excomm: the output cannot be written: {exc.strerror or exc}")
        else:
            _say(f"excomm: {excerpt(str(exc.filename), 120)}: {exc.strerror or exc}")
        return EXIT_INVALID


def _main(argv: list[str] | None) -> int:
    from game.cli.text_mode import OutputGone

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv.insert(0, "play")  # `python main.py --seed 3` means `python main.py play --seed 3`
    args = _parser().parse_args(argv)
    command = args.command or "play"
    handlers = {
        "play": _play,
        "text": _text,
        "validate": _validate,
        "simulate": _simulate,
        "analyse": _analyse,
        "schema": _schema,
        "report": _report,
        "histories": _histories,
        "classroom": _classroom,
    }
    try:
        return handlers[command](args)
    except ScenarioError as exc:
        return _print_problems(exc)
    except OutputGone as exc:
        _silence_stdout()
        _say(f"excomm: {exc}")
        return EXIT_INVALID
    except AnalysisError as exc:  # an unknown policy, a node that cannot be analysed: say what is possible
        _say(f"excomm: {excerpt(str(exc), 2000)}")
        return EXIT_USAGE
    except ExcommError as exc:  # a documented limit or a refused input: one line that says what to do
        _say(f"excomm: {excerpt(str(exc), 2000)}")
        return EXIT_INVALID
    except (KeyboardInterrupt, OSError):
        raise
    except Exception as exc:  # a bug: one line for the player, the traceback only on request
        if os.environ.get("EXCOMM_DEBUG"):
            raise
        _say(f"excomm: internal error: {type(exc).__name__}: {exc} (set EXCOMM_DEBUG=1 for details)")
        return 3


def _flush(stream) -> None:
    if stream is not None:
        stream.flush()


def _say(line: str) -> None:
    """A line on stderr, if there is one that works (it may be closed or full too)."""
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """Point stdout at the null device, so what is still buffered cannot fail again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
