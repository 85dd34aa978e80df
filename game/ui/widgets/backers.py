"""Who backs an option, by face and name: a row (wrapping as needed) of small portraits with surnames."""

from __future__ import annotations

import pygame

from game.ui import portraits
from game.ui.widgets.doc import Figure
from game.ui.widgets.text import Typeface


def surname(name: str) -> str:
    """'Gen. Maxwell Taylor' -> 'Taylor'; 'U Thant' stays whole (two short words)."""
    words = name.split()
    if len(words) <= 2 and all(len(w) <= 2 for w in words[:-1]):
        return name
    return words[-1]


def caption(advisor) -> str:
    """The name under an advisor's face: the scenario's `short` name (two Kennedys), else the surname."""
    return getattr(advisor, "short", "") or surname(advisor.name)


_STANCES = (("for", "For", "ok"), ("against", "Against", "danger"), ("", "", "muted"))


def _groups(advisors) -> list[tuple[str, str, tuple]]:
    """The advisors by how they lean on the option: (label, label colour, advisors) for those for it, then those
    against, then those who lean neither way ('Heard from' when nobody leans, 'Also heard' after the others)."""
    advisors = tuple(advisors)
    leaning = _leaning(advisors)
    out = []
    for stance, label, color in _STANCES:
        some = tuple(a for a in advisors if (getattr(a, "stance", "") or "") == stance)
        if some:
            out.append((label or ("Also heard" if leaning else "Heard from"), color, some))
    return out


# A cell is (kind, key, text, width, colour): a 'label' ('For') or a 'face' (an advisor's portrait and name).
Cell = tuple[str, str, str, int, str]


_SIGNS = {"For": "+", "Against": "\u2212"}  # beside an option's last line, where words would not fit


def _cells(advisors, tf: Typeface, compact: bool = False, labels: bool = True, signs: bool = False) -> list[Cell]:
    face = face_size(tf, compact)
    out: list[Cell] = []
    for label, color, some in _groups(advisors):
        sign = _SIGNS.get(label) if signs else None
        if sign is not None and labels:  # each leaning face carries its own sign: '+ RFK + Thompson', never
            for a in some:  # one '+' that seems to mark only the face beside it
                out.append(("label", "", sign, tf.width("bold", sign), color))
                out.append(("face", a.id, caption(a), face + tf.px(4) + tf.width("small", caption(a)), ""))
            continue
        if labels and not (signs and label == "Also heard"):  # inline, a face without a sign leans neither way
            out.append(("label", "", label, tf.width("small", label), color))
        out += [("face", a.id, caption(a), face + tf.px(4) + tf.width("small", caption(a)), "") for a in some]
    return out


def face_size(tf: Typeface, compact: bool = False) -> int:
    return round(tf.line_height("small") * (1.15 if compact else 1.5))


def _gap(cell: Cell, tf: Typeface) -> int:
    """The room after a cell: a sign sits close to the face it marks."""
    return tf.px(3) if cell[0] == "label" and cell[2] in _SIGNS.values() else tf.px(12)


def rows(advisors, width: int, tf: Typeface, compact: bool = False, signs: bool = False) -> list[list[Cell]]:
    """The backers split into rows that fit `width` (a label stays on the row of the first face it names);
    `signs`: + and − beside the faces in place of the words 'For' and 'Against', as inline."""
    out: list[list[Cell]] = [[]]
    x = 0
    gap = tf.px(12)
    cells = _cells(advisors, tf, compact, signs=signs)
    i = 0
    while i < len(cells):
        unit = cells[i : i + 2] if cells[i][0] == "label" else cells[i : i + 1]
        need = sum(c[3] for c in unit) + gap * (len(unit) - 1)
        if out[-1] and x + need > width:
            out.append([])
            x = 0
        out[-1] += unit
        x += need + gap
        i += len(unit)
    return out if out[0] else []


def _paint_row(surface: pygame.Surface, row: list[Cell], x: int, y: int, face: int, tf: Typeface, model, color) -> None:
    ty = y + (face - tf.line_height("small")) // 2
    for cell in row:
        kind, pid, text, w, label_color = cell
        if kind == "label":
            sign = text in _SIGNS.values()
            surface.blit(tf.render("bold" if sign else "small", text, label_color), (x, ty))
        else:
            surface.blit(portraits.portrait(pid, face, tf.pal, portraits.spec_for(model, pid)), (x, y))
            surface.blit(tf.render("small", text, color), (x + face + tf.px(4), ty))
        x += w + _gap(cell, tf)


def backers_figure(
    advisors, scenario_model, color: str = "text", after: float = 3, compact: bool = False, signs: bool = False
) -> Figure:
    """A Figure: the face and surname of each advisor who speaks to the option, under 'For' and 'Against' (or
    'Heard from' where the scenario says neither), or with `signs` a + or − beside each face that leans, as
    beside an option's text; nothing when no one speaks."""
    advisors = tuple(advisors)

    def height(w: int, tf: Typeface) -> int:
        n = len(rows(advisors, w, tf, compact, signs))
        return n * (face_size(tf, compact) + tf.px(3))

    def paint(surface: pygame.Surface, rect: pygame.Rect, tf: Typeface) -> None:
        face = face_size(tf, compact)
        y = rect.y
        for row in rows(advisors, rect.w, tf, compact, signs):
            _paint_row(surface, row, rect.x, y, face, tf, scenario_model, color)
            y += face + tf.px(3)

    return Figure(height, paint, after=after)


def _leaning(advisors) -> bool:
    return any(getattr(a, "stance", "") for a in advisors)


def row_width(advisors, tf: Typeface, compact: bool = True) -> int:
    """The width of the backers on one row, as `inline_backers` draws them (+ and − where someone leans)."""
    cells = _cells(tuple(advisors), tf, compact, labels=_leaning(advisors), signs=True)
    return sum(c[3] for c in cells) + sum(_gap(c, tf) for c in cells[:-1])


def inline_backers(advisors, scenario_model, color: str, line_h: int, lift: int) -> Figure:
    """The backers drawn right-aligned on the line above (a Figure of no height): `lift` px up is the top
    of that line, `line_h` its height. Used when they fit beside the last line of an option's text."""
    advisors = tuple(advisors)

    def paint(surface: pygame.Surface, rect: pygame.Rect, tf: Typeface) -> None:
        face = face_size(tf, True)
        y = rect.y - lift + (line_h - face) // 2
        x = rect.right - row_width(advisors, tf)
        cells = _cells(advisors, tf, True, labels=_leaning(advisors), signs=True)
        _paint_row(surface, cells, x, y, face, tf, scenario_model, color)

    return Figure(lambda w, tf: 0, paint, after=0)
