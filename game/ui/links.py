"""Codex links in the text: which words of a screen's paragraphs are drawn as links, and moving between them.

`mark(model, blocks)` marks the first mention of each codex entry (a term, a person, a public risk driver)
in a list of blocks; the layout draws those words underlined in the link colour (`doc.layout`), and a
scrolling view keeps where they are (`ScrollView.link_items`). `LinkFocus` moves a keyboard focus through
the links of a screen's views in reading order; a click or the codex key opens the codex at the entry.
"""

from __future__ import annotations

from dataclasses import replace

from game.ui import codex_index
from game.ui.widgets.doc import P, Row

UNLINKED_ROLES = {"title", "huge", "heading", "headline"}  # headings are read as headings, not as links
UNLINKED_COLORS = {"muted", "disabled"}  # asides: source citations (a book's title names people), notes


def mark(model, blocks: list, seen: set | None = None) -> list:
    """`blocks` with the first mention of each codex entry in their paragraphs marked as a link.

    `seen` carries the entries already linked (on this view), so later blocks link only what is new."""
    if model is None:
        return blocks
    seen = set() if seen is None else seen
    out = []
    for b in blocks:
        if isinstance(b, P) and b.text and b.role not in UNLINKED_ROLES and b.color not in UNLINKED_COLORS:
            spans = []
            for start, end, key in codex_index.link_spans(model, b.text):
                if key not in seen:
                    seen.add(key)
                    spans.append((start, end, key))
            out.append(replace(b, links=tuple(spans)) if spans else b)
        elif isinstance(b, Row):
            out.append(replace(b, cells=[mark(model, cell, seen) for cell in b.cells]))
        else:
            out.append(b)
    return out


class LinkFocus:
    """The keyboard's place among a screen's links: a view and the index of one of its links."""

    def __init__(self) -> None:
        self.view = None
        self.index = -1

    def clear(self) -> None:
        if self.view is not None:
            self.view.link_focus = None
        self.view, self.index = None, -1

    def step(self, views: list, d: int) -> bool:
        """Focus the next (d=1) or previous (d=-1) link, scrolling it into view; False when there is none."""
        flat = [(v, i) for v in views for i in range(len(v.link_items))]
        if not flat:
            return False
        try:
            at = flat.index((self.view, self.index))
        except ValueError:
            at = -1 if d > 0 else 0
        view, index = flat[(at + d) % len(flat)]
        self.clear()
        self.view, self.index = view, index
        view.link_focus = index
        view.reveal_link(index)
        return True

    def key(self):
        """The codex entry of the focused link, or None."""
        v = self.view
        if v is None or not 0 <= self.index < len(v.link_items) or v.link_focus != self.index:
            return None
        return v.link_items[self.index][1]


def link_at(views: list, pos) -> tuple[str, str] | None:
    """The codex entry of the link drawn under `pos` in any of `views`, or None."""
    for v in views:
        key = v.link_at(pos)
        if key is not None:
            return key
    return None
