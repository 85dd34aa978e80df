"""A small rich-text document: paragraphs, bullets, headings, rules, columns and drawn figures.

`layout(blocks, width, tf)` measures and wraps once; `draw(...)` blits only what is visible,
rendering each line through the typeface's cache. Nothing is rendered at layout time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from game.ui.widgets.text import Typeface
from game.wording import prose_pieces


@dataclass
class P:
    text: str
    role: str = "body"
    color: str | tuple = "text"
    indent: float = 0  # base-scale pixels
    bullet: str = ""
    after: float = 8  # space below, base-scale pixels
    links: tuple = ()  # (start, end, codex entry) of words drawn as links (see game/ui/links.py)


@dataclass
class Gap:
    h: float = 10


@dataclass
class Rule:
    after: float = 8


@dataclass
class Figure:
    """Something drawn in code: `height(width, tf)` and `paint(surface, rect, tf)`."""

    height: Callable[[int, Typeface], int]
    paint: Callable[[pygame.Surface, pygame.Rect, Typeface], None]
    after: float = 10


@dataclass
class Row:
    """Side-by-side cells (each a list of blocks), e.g. 'your choice' beside '1962'."""

    cells: list[list]
    weights: list[float] = field(default_factory=list)
    after: float = 8
    box: bool = False
    fill: tuple | None = None  # the box's colour (a document's paper); default the panel's


@dataclass
class Laid:
    # ('t', x, y, role, text, color) | ('r', x, y, w) | ('f', rect, paint) | ('b', rect, fill)
    # | ('u', rect, entry, color, ascent): a link's words (drawn as 't' items), underlined and hit-tested
    items: list[tuple]
    height: int
    width: int
    widest: int  # right edge of the widest line: must be <= width


def prose(text: str, role: str = "body", color: str | tuple = "text") -> list:
    """Blocks from scenario prose (see `wording.prose_pieces` for the rules)."""
    blocks: list = []
    for pieces in prose_pieces(text):
        for kind, words in pieces:
            if kind == "heading":
                blocks.append(P(words, "heading", "accent", after=6))
            elif kind == "bullet":
                blocks.append(P(words, role, color, indent=22, bullet="•", after=4))
            else:
                blocks.append(P(words, role, color))
        if blocks[-1].bullet:
            blocks[-1].after = 8  # a list ends with a paragraph's space
    return blocks


def layout(blocks: list, width: int, tf: Typeface, x0: int = 0, y0: int = 0) -> Laid:
    items: list[tuple] = []
    y = y0
    widest = x0
    for b in blocks:
        if isinstance(b, P):
            indent = tf.px(b.indent)
            lh = tf.line_height(b.role)
            if b.bullet:
                items.append(("t", x0 + indent - tf.px(16), y, b.role, b.bullet, b.color))
            lines = tf.wrap(b.role, b.text, width - indent)
            starts = _line_starts(b.text, lines) if b.links else []
            for i, line in enumerate(lines):
                if b.links:
                    _linked_line(items, tf, b, line, starts[i], x0 + indent, y)
                else:
                    items.append(("t", x0 + indent, y, b.role, line, b.color))
                widest = max(widest, x0 + indent + tf.width(b.role, line))
                y += lh
            y += tf.px(b.after)
        elif isinstance(b, Gap):
            y += tf.px(b.h)
        elif isinstance(b, Rule):
            items.append(("r", x0, y + tf.px(4), width))
            y += tf.px(8) + tf.px(b.after)
        elif isinstance(b, Figure):
            h = b.height(width, tf)
            items.append(("f", pygame.Rect(x0, y, width, h), b.paint))
            y += h + tf.px(b.after)
        elif isinstance(b, Row):
            n = len(b.cells)
            weights = b.weights or [1.0] * n
            gap = tf.px(16)
            pad = tf.px(8) if b.box else 0
            avail = width - gap * (n - 1) - 2 * pad * n
            x = x0
            bottom = y
            sub_items = []
            for cell, wgt in zip(b.cells, weights, strict=True):
                cw = int(avail * wgt / sum(weights))
                laid = layout(cell, cw, tf, x + pad, y + pad)
                sub_items.append((pygame.Rect(x, y, cw + 2 * pad, 0), laid))
                widest = max(widest, laid.widest)
                bottom = max(bottom, laid.height + pad)
                x += cw + 2 * pad + gap
            for rect, laid in sub_items:
                if b.box:
                    rect.height = bottom - y
                    items.append(("b", rect, b.fill))
                items.extend(laid.items)
            y = bottom + tf.px(b.after)
        else:  # pragma: no cover - programming error
            raise TypeError(f"unknown block {b!r}")
    return Laid(items, y, width, widest)


def _line_starts(text: str, lines: list[str]) -> list[int]:
    """Where each wrapped line begins in `text` (the wrap keeps every character but the breaking spaces)."""
    starts, pos = [], 0
    for line in lines:
        at = text.find(line, pos) if line else pos
        pos = at if at >= 0 else pos
        starts.append(pos)
        pos += len(line)
    return starts


def link_color(color: str | tuple) -> str | tuple:
    """A link's colour: the palette's on screen, a dark blue on a document's paper (ink is a fixed colour)."""
    from game.ui.theme import INK_LINK

    return INK_LINK if isinstance(color, tuple) else "link"


def _linked_line(items: list, tf: Typeface, b: P, line: str, start: int, x: int, y: int) -> None:
    """One wrapped line as runs of plain and linked words; a link cut by the line end links both parts."""
    end = start + len(line)
    cuts = []
    for a, z, key in b.links:
        a, z = max(a, start), min(z, end)
        if a < z:
            cuts.append((a - start, z - start, key))
    done = 0
    lh = tf.line_height(b.role)
    for a, z, key in cuts:
        if a > done:
            items.append(("t", x + tf.width(b.role, line[:done]), y, b.role, line[done:a], b.color))
        lx = x + tf.width(b.role, line[:a])
        color = link_color(b.color)
        items.append(("t", lx, y, b.role, line[a:z], color))
        rect = pygame.Rect(lx, y, tf.width(b.role, line[a:z]), lh)
        items.append(("u", rect, key, color, tf.font(b.role).get_ascent()))
        done = z
    if done < len(line) or not line:
        items.append(("t", x + tf.width(b.role, line[:done]), y, b.role, line[done:], b.color))


def draw(
    surface: pygame.Surface,
    laid: Laid,
    tf: Typeface,
    dx: int,
    dy: int,
    clip: pygame.Rect,
    drawn: list | None = None,
    links: list | None = None,
) -> None:
    """Blit the items of `laid` shifted by (dx, dy) that fall inside `clip`.

    Text is never cut: a line is drawn only when it fits entirely inside `clip`. Figures (drawings) are
    clipped like any picture. `drawn` collects the rects of the lines drawn, `links` (rect, entry, index)
    of the links drawn, index counting every link of `laid`."""
    top, bottom = clip.top, clip.bottom
    old = surface.get_clip()
    surface.set_clip(clip)
    n_links = 0
    for it in laid.items:
        kind = it[0]
        if kind == "u":  # under its words: drawn when they are, in their colour (never colour alone)
            rect = it[1].move(dx, dy)
            if rect.y >= top and rect.bottom <= bottom:
                thick = max(1, tf.px(1.2))
                uy = min(rect.bottom - thick, rect.y + it[4] + thick)  # just under the baseline
                pygame.draw.rect(surface, tf.color(it[3]), (rect.x, uy, rect.w, thick))
                if links is not None:
                    links.append((rect, it[2], n_links))
            n_links += 1
            continue
        if kind == "t":
            _, x, y, role, text, color = it
            y += dy
            if y < top or y + tf.line_height(role) > bottom or not text:
                continue
            surface.blit(tf.render(role, text, color), (x + dx, y))
            if drawn is not None:
                drawn.append(pygame.Rect(x + dx, y, tf.width(role, text), tf.line_height(role)))
        elif kind == "r":
            _, x, y, w = it
            if top <= y + dy <= bottom:
                pygame.draw.line(surface, tf.pal.border, (x + dx, y + dy), (x + dx + w, y + dy), 1)
        elif kind == "b":
            rect = it[1].move(dx, dy)
            if rect.bottom >= top and rect.top <= bottom:
                pygame.draw.rect(surface, it[2] or tf.pal.panel_alt, rect, border_radius=4)
                pygame.draw.rect(surface, tf.pal.border, rect, 1, border_radius=4)
        else:
            rect = it[1].move(dx, dy)
            if rect.bottom >= top and rect.top <= bottom:  # a drawing may be clipped (a gap would look broken)
                it[2](surface, rect, tf)
    surface.set_clip(old)


def stops(laid: Laid) -> list[int]:
    """The y of every line and figure top: where a scrolled view may start so nothing is cut at the top."""
    ys = set()
    for it in laid.items:
        if it[0] == "t":
            ys.add(it[2])
        elif it[0] in ("f", "b"):
            ys.add(it[1].y)
    return sorted(ys)
