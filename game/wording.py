"""Words and numbers for people (no pygame): dates, percentages, DEFCON meanings, event and ending labels.

Shared by the window and the terminal, so both say the same thing the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable

DEFCON_MEANING = {
    5: "normal peacetime readiness",
    4: "increased intelligence watch",
    3: "forces on heightened alert",
    2: "next step to nuclear war; forces ready",
    1: "nuclear war imminent or under way",
}

EVENT_LABEL = {
    "decision": "Your decision",
    "computer": "Their move",
    "chance": "As it turned out",
    "incident": "Incident",
    "catastrophe": "The dice",
    "ending": "The end of the crisis",
}

# how a role card opens a line, by how the advisor's argument leans on the option it is heard at
STANCE_OPENING = {"for": "For", "against": "Against", "": "On"}


def stance_line(stance: str, option_text: str, argument: str) -> str:
    """A line of a role card: 'Against “Order an air strike”: A surprise attack would be our Pearl Harbor.'"""
    return f"{STANCE_OPENING.get(stance, 'On')} \u201c{option_text}\u201d: {argument}"


DRIVER_KIND = {"ongoing": "ongoing", "action": "your action", "incident": "incident", "chance": "chance"}


def driver_kind(kind: str, actor: str, viewer: str, side_name: Callable[[str], str]) -> str:
    """What kind of danger a driver is, for `viewer`: an action is 'your action' only when it was the viewer's
    own move; another side's is named ('Moscow's action'), as it is for a viewer who is no side."""
    if kind == "action" and actor and actor != viewer:
        return f"{side_name(actor)}'s action"
    return DRIVER_KIND.get(kind, kind)


def pct(p: float) -> str:
    """A probability as a percentage with sensible precision."""
    v = max(0.0, p) * 100
    if v == 0:
        return "0%"
    if v < 0.01:
        return "<0.01%"
    if round(v, 2) < 1:  # 0.998% is shown as 1.0%, not 1.00%
        return f"{v:.2f}%"
    return f"{v:.1f}%"


def points(dp: float) -> str:
    """A change of probability in percentage points, signed."""
    v = dp * 100
    if abs(v) < 0.005:
        return "no change"
    sign = "+" if v > 0 else "−"
    return f"{sign}{abs(v):.2f} points" if round(abs(v), 2) < 1 else f"{sign}{abs(v):.1f} points"


def _places(v: float) -> int:
    """Decimal places `pct` and `points` show for a value of `v` percent (or points)."""
    return 2 if round(abs(v), 2) < 1 else 1


def _fixed(v: float, places: int, signed: bool = False) -> str:
    if abs(v) < 0.5 * 10**-places:
        if not signed:
            return "0%" if v == 0 else f"<{10**-places:.{places}f}%"
        return "no change"
    text = f"{abs(v):.{places}f}"
    return f"{'+' if v > 0 else '−'}{text} points" if signed else f"{text}%"


def change(before: float, after: float) -> tuple[str, str, str]:
    """A step's risk before, after and the change between, to the same places, one or two more where needed so
    that the figures as printed add up (0.044% to 0.055% is +0.011 points, not "0.04% to 0.06%, +0.01 points")."""
    b, a = max(0.0, before) * 100, max(0.0, after) * 100
    d = a - b
    first = max(_places(b), _places(a))

    def adds_up(p: int, pd: int) -> bool:
        return abs(round(b, p) + round(d, pd) - round(a, p)) < 0.5 * 10.0**-p

    for p in range(first, first + 3):
        for pd in range(_places(d), max(_places(d), p) + 1):  # the change to as few places as will do
            if adds_up(p, pd):
                return _fixed(b, p), _fixed(a, p), _fixed(d, pd, signed=True)
    # rare: still off by a unit in the last place; print the change as the printed figures' difference
    return _fixed(b, p), _fixed(a, p), _fixed(round(a, p) - round(b, p), p, signed=True)


def rose_by_less(before: float, after: float, hazard: float) -> str:
    """The points the risk meter rose in a step, where they read differently from the step's chance of
    losing control ('' where they read the same, or the meter did not rise): the chance counts only on what
    was still safe, so a 5% step at 40% adds 3 points. Worded as `change` prints the step's rise."""
    added = change(before, after)[2]
    if added.startswith("+") and added[1:].split()[0] != pct(hazard)[:-1]:
        return added[1:]
    return ""


def when(minutes: int, year: bool = False, time: bool = True) -> str:
    from game.scenario.compiled import datetime_of  # here: the title screen uses this module before the core loads

    d = datetime_of(minutes)
    s = f"{d:%A} {d.day} {d:%B}"
    if year:
        s += f" {d.year}"
    if time:
        s += f", {d:%H:%M}"
    return s


def day_label(minutes: int) -> str:
    from game.scenario.compiled import datetime_of

    d = datetime_of(minutes)
    return f"{d.day} {d:%b}"


def defcon_text(level: int, note: str = "") -> str:
    """'DEFCON 2 — meaning', with which forces it applies to when the scenario says (e.g. SAC alone)."""
    return f"DEFCON {level} — {DEFCON_MEANING.get(level, '')}" + (f" ({note})" if note else "")


BULLETS = ("- ", "* ", "• ")


def prose_pieces(text: str) -> list[list[tuple[str, str]]]:
    """Scenario prose as paragraphs of pieces ('text' | 'bullet' | 'heading', words), for any front end.

    Blank lines part paragraphs; '#' starts a heading; '**' is dropped. A line starting '- ' is a bullet
    only where a list can begin (a paragraph's first line, or after another item), as in Markdown: a
    sentence whose dash happened to start a line stays one sentence. A line after an item continues it.
    """
    text = (text or "").replace("**", "").replace("\r", "")
    paragraphs = []
    for para in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        pieces: list[tuple[str, str]] = []
        buf: list[str] = []
        in_item = False
        for ln in [*lines, None]:
            starts_item = ln is not None and ln.startswith(BULLETS) and not buf
            if buf and (ln is None or ln.startswith("#")):
                pieces.append(("text", " ".join(buf)))
                buf = []
            if ln is None:
                break
            if ln.startswith("#"):
                in_item = False
                pieces.append(("heading", ln.lstrip("#").strip()))
            elif starts_item:
                in_item = True
                pieces.append(("bullet", ln[2:].strip()))
            elif in_item:
                pieces[-1] = ("bullet", f"{pieces[-1][1]} {ln}")
            else:
                buf.append(ln)
        if pieces:
            paragraphs.append(pieces)
    return paragraphs


def titled(title: str, text: str) -> str:
    """'Title: text' — or 'Title? Text' when the title already ends a sentence ('What now?: ...' reads badly)."""
    title, text = title.strip(), text.strip()
    if not text:
        return title
    if title.endswith(("?", "!", ".")):
        return f"{title} {text[:1].upper()}{text[1:]}"
    return f"{title}: {text}"


def private_part(side: str | None, text: str) -> str:
    """A part of an event's story kept to one side (`side`, its name) or to no side at all (None: only the
    facilitator and the debrief tell it), opening with whom it is kept to."""
    kept = "Known to no side at the time" if side is None else f"Known only to {side}"
    return f"{kept}: {text.strip()}"


SAME_MOVE_AGAIN = (
    "Chosen as before: with this game's dice the same history follows, and it is already among your histories. "
    "For other luck, see 'Same choices, other luck' when you compare, or start a new game with another seed."
)
