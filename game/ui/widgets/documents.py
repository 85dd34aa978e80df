"""Events set as the documents they were: a cable on teletype paper, a letter, a newspaper's front page, a
broadcast transcript. Which events are documents, and their headings, is scenario data (`documents:`)."""

from __future__ import annotations

from game.ui.theme import INK, PAPER
from game.ui.widgets.doc import P, Row, prose

MUTED_INK = (84, 84, 92)


def style_for(model, event):
    """The DocumentStyle the scenario gives this event (by node, and option when given), or None."""
    if model is None:
        return None
    for d in model.documents:
        if d.node == event.node and (d.option is None or d.option == event.choice):
            return d
    return None


def document_blocks(style, title: str, choice_text: str, text: str) -> list:
    """One boxed block on the document's paper, its text set in the document's face."""
    kind = style.style
    cells: list = []
    if kind == "newspaper":
        cells.append(P(style.byline.upper() if style.byline else "", "serif-small", MUTED_INK, after=2))
        cells.append(P(style.heading, "headline", INK, after=6))
        if choice_text:
            cells.append(P(choice_text, "serif", INK, after=6))
        cells.extend(prose(text, "serif", INK))
        if style.invented:
            cells.append(
                P(
                    "The paper and its headline are the game's invention; the news is the record's.",
                    "serif-small",
                    MUTED_INK,
                )
            )
    elif kind == "letter":
        cells.append(P(title, "serif-small", MUTED_INK, after=8))
        cells.append(P(style.heading, "serif", INK, after=6))
        if choice_text:
            cells.append(P(choice_text, "serif", INK, after=6))
        cells.extend(prose(text, "serif", INK))
        if style.byline:
            cells.append(P(style.byline, "serif-small", MUTED_INK, indent=40))
    else:  # cable or broadcast: a teletype's capitals and monospace
        cells.append(P(style.heading, "mono", INK, after=4))
        if style.byline:
            cells.append(P(style.byline.upper(), "mono", MUTED_INK, after=4))
        if kind == "cable":  # a transcript has no subject line: the scene's title is not the broadcast's
            cells.append(P(("SUBJECT: " + title).upper(), "mono", INK, after=6))
        if choice_text:
            cells.append(P(choice_text.upper(), "mono", INK, after=6))
        cells.extend(prose(text.upper(), "mono", INK))
        cells.append(P("END OF MESSAGE" if kind == "cable" else "END OF TRANSCRIPT", "mono", MUTED_INK, after=0))
    cells = [c for c in cells if not (isinstance(c, P) and not c.text)]
    return [Row([cells], box=True, fill=PAPER[kind], after=10)]
