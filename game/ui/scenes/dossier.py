"""A person's dossier: portrait and name plate, office, position, and a dated line of what they argued.

`dossier_blocks` is what the codex shows for a person; `DossierScene` opens the codex at the people.
"""

from __future__ import annotations

from game import wording as fmt
from game.ui import portraits
from game.ui.widgets.doc import Figure, P


def name_plate(model, pid: str, size_px: float = 120) -> Figure:
    """The portrait with the name and office on a plate beside it."""
    adv = model.advisors[pid]
    side = model.sides.get(adv.side)
    where = side.name if side is not None else adv.side

    def height(w, tf) -> int:
        return tf.px(size_px)

    def paint(surface, rect, tf) -> None:
        import pygame

        face = tf.px(size_px)
        spec = portraits.spec_for(model, pid)
        surface.blit(portraits.portrait(pid, face, tf.pal, spec), (rect.x, rect.y))
        plate = pygame.Rect(
            rect.x + face + tf.px(12), rect.y + face // 2 - tf.px(34), rect.w - face - tf.px(12), tf.px(68)
        )
        pygame.draw.rect(surface, tf.pal.panel_alt, plate, border_radius=4)
        pygame.draw.rect(surface, tf.pal.accent, plate, 1, border_radius=4)
        y = plate.y + tf.px(6)
        for role, text, color in (("heading", adv.name, "text"), ("small", f"{adv.role} · {where}", "muted")):
            for line in tf.wrap(role, text, plate.w - tf.px(16))[:1]:
                surface.blit(tf.render(role, line, color), (plate.x + tf.px(8), y))
                y += tf.line_height(role) + tf.px(2)

    return Figure(height, paint, after=10)


def dossier_blocks(model, pid: str) -> list:
    """The dossier of advisor `pid` (the advisor's note when the scenario has no dossier for them)."""
    adv = model.advisors.get(pid)
    if adv is None:
        return [P(f"No one has the id '{pid}'.", "body", "muted")]
    person = model.people.get(pid)
    blocks: list = [name_plate(model, pid)]
    blocks.append(P("DOSSIER", "small", "muted", after=2))
    if person is not None:
        blocks.append(P(person.position, "body"))
    elif adv.note:
        blocks.append(P(adv.note, "body"))
    if person is not None and person.timeline:
        blocks.append(P("What they argued, and when", "heading", "accent", after=4))
        for entry in person.timeline:
            when = fmt.when(_minutes(entry.when))
            mark = " — changed course" if entry.changed_mind else ""
            blocks.append(P(f"{when}{mark}", "small", "warn" if entry.changed_mind else "accent", after=1))
            blocks.append(P(entry.text, "body", indent=16, after=6))
    if person is not None and person.sources:
        cites = "; ".join(model.sources.get(s, s) for s in person.sources)
        blocks.append(P(f"Sources: {cites}", "small", "muted"))
    blocks.append(
        P(
            "The portrait is drawn by the game: a likeness invented for it, not a photograph."
            + (" This dossier includes the game's invention." if person is not None and person.invented else ""),
            "small",
            "muted",
        )
    )
    return blocks


def _minutes(when: str) -> int:
    from game.scenario.compiled import minutes_of

    return minutes_of(when)


def DossierScene(app, back, text: str = "", person: str | None = None):
    """The codex opened at the people (at `person`, or the first mentioned in `text`)."""
    from game.ui.scenes.codex import CodexScene

    return CodexScene(app, back, text=text, start=("person", person) if person else "people")
