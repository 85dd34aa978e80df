"""`python main.py classroom --serve`: the classroom on the local network, headless (no window needed).

Prints where students go, the room code and the facilitator's link with its key, then serves until Ctrl-C
(or SIGTERM): the lesson is saved after every input, and the same command resumes it.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import threading

__all__ = ["serve"]


def serve(args: argparse.Namespace) -> int:
    from game.classroom import teams_of
    from game.classroom.lesson import default_seconds
    from game.engine.engine import Engine
    from game.locations import saves_dir
    from game.scenario.catalog import load
    from game.server.lessons import open_room
    from game.server.runner import ServerThread
    from game.session import Setup

    # the server's own lines; libraries say only what goes wrong (the PDF writer's font subsetting is chatty)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(asctime)s excomm server: %(message)s")
    logging.getLogger("excomm").setLevel(logging.INFO)
    engine = Engine(load(args.scenario))
    people = teams_of(engine, args.teams)
    setup = Setup(
        people=people, count=args.count, minutes=args.minutes, rule="leader", seconds=default_seconds(len(people))
    )
    opened = open_room(engine, setup, saves_dir(), seed=args.seed, fate=args.fate, new=args.new)
    room = opened.room
    server = ServerThread(room, args.host, args.port).start()  # a busy port: ServerError, one line, exit 1
    stop = threading.Event()
    # Ctrl-C and SIGTERM end the wait below (also when the shell started us with SIGINT ignored).
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        _tell(opened, server.url)
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _pause_running_timer(room)
        server.stop()
    if room.lesson.session.state.ended:
        print(f"\nThe server has stopped. {_report_written(room)}", flush=True)
    else:
        print("\nThe server has stopped. The lesson is saved: run the same command to resume it.", flush=True)
    return 0


def _pause_running_timer(room) -> None:
    """A stop is not the class's time: a discussion's timer is paused with what it read (so the same command
    resumes it to the second, not from the last action logged)."""
    from game.errors import ExcommError

    def pause(lesson) -> None:
        timer = lesson.timer
        if timer is not None and timer.running and not lesson.paused:
            lesson.pause()

    with contextlib.suppress(ExcommError):  # nothing to pause: the stop goes on
        room.act(pause)


def _report_written(room) -> str:
    """The ended lesson's report, written beside its autosave: where, in a sentence (or why not)."""
    from game.classroom.store import write_report
    from game.errors import ExcommError

    folder = room.path.parent if room.path is not None else None
    if folder is None:
        return "The lesson has ended."
    try:
        written = write_report(room.lesson_report(), folder)
    except (OSError, ExcommError) as exc:
        return f"The lesson has ended; its report could not be written ({exc})."
    names = ", ".join(p.name for p in written)
    return (
        f"The lesson has ended; its report is in {folder} ({names}). The same command starts the next lesson "
        "and keeps this one beside it."
    )


def _tell(opened, url: str) -> None:
    room = opened.room
    lesson = room.lesson
    teams = ", ".join(lesson.engine.scenario.side_name(s) for s in lesson.people)
    state = "resumed" if opened.resumed else "new"
    if opened.notice:
        print(opened.notice)
    print(f"ExComm classroom ({state} lesson): {teams}; {len(lesson.students)} seats, {lesson.setup.minutes} minutes")
    print(f"Students open    {url}")
    print(f"and type the room code  {room.code}")
    print(f"Facilitator      {room.facilitator_url}")
    print(f"Projector        {room.projector_url}  (for the big screen: no controls, no team's secrets)")
    if opened.resumed:
        print("(Resumed the lesson in progress with its code and seats; --new starts a new lesson.)")
    print("Ctrl-C stops the server.", flush=True)
