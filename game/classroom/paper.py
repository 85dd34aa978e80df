"""Paper for a lesson, as PDF (fpdf2: pure Python, fonts embedded): role cards, team dossiers, order slips,
and the session report. A4 or US Letter. DejaVu fonts from `assets/fonts` carry every character the
scenario uses (curly quotes, dashes, accented names)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from game import wording
from game.classroom.casting import Casting
from game.classroom.debrief import LessonReport
from game.classroom.roles import RoleCard, arguments_at, roles_of
from game.engine.engine import Engine
from game.errors import ExcommError
from game.report.model import Curve

__all__ = ["SIZES", "PaperError", "lesson_pack_pdf", "report_pdf"]

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
SIZES = {"a4": "A4", "letter": "Letter"}
INK = (29, 29, 29)
MUTED = (95, 95, 95)
RULE = (190, 186, 175)
ACCENT = (138, 90, 0)
WAR = (161, 34, 27)


class PaperError(ExcommError):
    """The PDF could not be made (fonts missing, an unknown paper size)."""


class _Doc(FPDF):
    def __init__(self, size: str, footer_text: str):
        fmt = SIZES.get(size.lower())
        if fmt is None:
            raise PaperError(f"unknown paper size '{size}': use one of {', '.join(SIZES)}")
        super().__init__(format=fmt, unit="mm")
        self.footer_text = footer_text
        try:
            self.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
            self.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        except (OSError, RuntimeError) as exc:
            raise PaperError(f"the fonts in {FONTS} could not be read ({exc}); reinstall the game") from None
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(True, 16)
        self.set_title(footer_text)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.footer_text} · page {self.page_no()}", align="C")

    # -- small helpers
    def heading(self, text: str, size: float = 18, color: tuple[int, int, int] = INK) -> None:
        self.set_font("DejaVu", "B", size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)

    def need(self, mm: float) -> None:
        """Start a new page unless `mm` of room are left (a heading never ends a page alone)."""
        if self.get_y() + mm > self.h - self.b_margin:
            self.add_page()

    def label(self, text: str) -> None:
        self.need(22)
        self.set_font("DejaVu", "B", 8.5)
        self.set_text_color(*ACCENT)
        self.cell(0, 5, text.upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)

    def para(self, text: str, size: float = 10, color: tuple[int, int, int] = INK, indent: float = 0) -> None:
        self.set_font("DejaVu", "", size)
        self.set_text_color(*color)
        if indent:
            self.set_x(self.l_margin + indent)
        self.multi_cell(0, size * 0.47, " ".join(text.split()), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.2)

    def bullet(self, text: str, size: float = 9.5) -> None:
        self.set_font("DejaVu", "", size)
        self.set_text_color(*INK)
        self.cell(4, size * 0.47, "•")
        self.multi_cell(0, size * 0.47, " ".join(text.split()), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(0.6)

    def rule(self) -> None:
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def blank_line(self, caption: str, width: float | None = None) -> None:
        self.set_font("DejaVu", "", 9)
        self.set_text_color(*MUTED)
        self.cell(0, 6, caption, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        y = self.get_y() + 5
        self.line(self.l_margin, y, self.l_margin + (width or (self.w - self.l_margin - self.r_margin)), y)
        self.ln(7)


def _key_nodes(engine: Engine, side: str) -> list[tuple[str, str, str, bool]]:
    """(node id, title, date, on the 1962 course) of the plan's key decisions for `side`, in time order."""
    from game.analysis.documented import documented_path

    plan = engine.scenario.model.classroom
    keys = set(plan.key) if plan is not None else set()
    course = {p.node for p in documented_path(engine).path}
    nodes = [n for n in engine.scenario.model.nodes if n.id in keys and getattr(n, "actor", None) == side]
    return [(n.id, n.title, n.when, n.id in course) for n in sorted(nodes, key=lambda n: n.when)]


TURN = " (if the crisis takes another turn)"


def _date(when: str) -> str:
    from game.scenario.compiled import minutes_of

    return wording.when(minutes_of(when))


def _role_page(doc: _Doc, engine: Engine, card: RoleCard, students: tuple[str, ...]) -> None:
    role = card.role
    doc.add_page()
    doc.label(f"Role card · {card.side_name}" + (" · decides for the side" if role.decides else ""))
    doc.heading(role.name, 20)
    doc.para(role.office, 11, MUTED)
    if students:
        doc.para("Played by: " + ", ".join(students), 9.5, MUTED)
    doc.rule()
    for title, text in (("Who you are", role.portrait), ("What you want", role.wants), ("What you fear", role.fears)):
        doc.label(title)
        doc.para(text, 10)
    doc.label("What you argued in 1962")
    doc.para(role.argued, 10)
    if role.knows:
        doc.label("What only you know — keep it to yourself until it matters")
        for line in role.knows:
            doc.bullet(line)
        doc.ln(1)
    doc.label("What to argue when")
    any_line = False
    for node_id, title, when, course in _key_nodes(engine, card.side):
        lines = arguments_at(engine, card.id, node_id)
        if not lines:
            continue
        any_line = True
        doc.set_font("DejaVu", "B", 9.5)
        # a heading as long as the line wraps rather than runs off the page (Moscow's off-course decisions)
        heading = f"{_date(when)} — {title}{'' if course else TURN}"
        doc.multi_cell(0, 5, heading, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for line in lines:
            doc.bullet(line, 9)
    if not any_line:
        doc.para("Speak from your aims and fears at every decision; the facilitator will call on you.", 9.5)
    if role.invented:
        doc.ln(1)
        doc.para(f"Invented for the game: {role.invented}", 8, MUTED)


def _dossier(doc: _Doc, engine: Engine, side: str, cards: list[RoleCard], rule: str) -> None:
    scenario = engine.scenario
    doc.add_page()
    doc.label("Team dossier · confidential")
    doc.heading(f"The {scenario.side_name(side)} team", 20)
    spec = scenario.model.sides.get(side)
    leader = next((c for c in cards if c.role.decides), None)
    how = (
        f"{leader.role.name if leader else 'Your leader'} decides after the team's advisory vote, as in 1962."
        if rule == "leader"
        else "The team decides by majority vote; a tie goes to the leader's choice."
    )
    doc.para(how, 10)
    doc.label(spec.intel_title if spec else "What your side knows")
    secrets = [s for s in scenario.model.secrets if s.known_to == side]
    if secrets:
        for s in secrets:
            doc.set_font("DejaVu", "B", 10)
            doc.multi_cell(0, 5, s.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            doc.para(s.text, 9.5)
    else:
        doc.para("Your side starts with no secret the other side lacks; watch what the facilitator reveals.", 9.5)
    doc.label("Your team")
    for c in cards:
        doc.bullet(f"{c.role.name} — {c.role.office}")
    doc.ln(1)
    doc.label("The decisions you will face (in a short lesson)")
    for _, title, when, course in _key_nodes(engine, side):
        doc.bullet(f"{_date(when)} — {title}{'' if course else TURN}")
    doc.ln(1)
    doc.label("How to hand in a decision")
    doc.para(
        "When your team has decided, your leader fills in an order slip and hands it to the facilitator folded. "
        "The other team never sees it; they learn only what your decision does.",
        9.5,
    )


def _slips(doc: _Doc, sides: list[str], engine: Engine) -> None:
    doc.add_page()
    doc.label("Order slips · cut along the lines")
    height = (doc.h - doc.t_margin - doc.b_margin - 10) / 3
    for k in range(3):
        top = doc.t_margin + 8 + k * height
        doc.set_y(top)
        doc.set_draw_color(*RULE)
        doc.rect(doc.l_margin, top, doc.w - doc.l_margin - doc.r_margin, height - 4)
        doc.set_xy(doc.l_margin + 4, top + 3)
        doc.set_font("DejaVu", "B", 12)
        doc.set_text_color(*INK)
        names = " / ".join(engine.scenario.side_name(s) for s in sides)
        doc.cell(0, 6, f"ORDER SLIP — {names}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        doc.set_left_margin(doc.l_margin + 4)
        for caption in ("Team", "Date and time in the crisis", "The decision (its title)", "Option number and words"):
            doc.blank_line(caption, 120)
        doc.set_font("DejaVu", "", 9)
        doc.set_text_color(*MUTED)
        doc.cell(0, 5, "Votes for: ______   against: ______      Signed (the leader): ____________________")
        doc.set_left_margin(doc.l_margin - 4)


def lesson_pack_pdf(
    engine: Engine, sides: tuple[str, ...], casting: Casting | None = None, size: str = "a4", rule: str = "leader"
) -> bytes:
    """Role cards (one page a role, most needed first), a dossier per team, and order slips."""
    doc = _Doc(size, f"{engine.scenario.model.title} — classroom pack")
    cards = roles_of(engine, sides)
    if not cards:
        raise PaperError(f"scenario '{engine.scenario.id}' declares no roles for {', '.join(sides)}")
    for card in cards:
        _role_page(doc, engine, card, casting.by_role.get(card.id, ()) if casting else ())
    for side in sides:
        _dossier(doc, engine, side, [c for c in cards if c.side == side], rule)
    _slips(doc, list(sides), engine)
    return bytes(doc.output())


def _curve(doc: _Doc, curve: Curve) -> None:
    """The cumulative risk over time, the class's line against 1962's, drawn as a figure."""
    left, top = doc.l_margin + 10, doc.get_y() + 2
    width, height = doc.w - doc.l_margin - doc.r_margin - 14, 55
    points = list(curve.yours) + list(curve.documented)
    if not points:
        return
    t0 = min(p.minutes for p in points)
    t1 = max(p.minutes for p in points) or t0 + 1
    top_risk = max(0.01, max(p.risk for p in points))
    step = 0.05 if top_risk <= 0.25 else 0.1
    ceiling = step * (int(top_risk / step) + 1)

    def x(t: int) -> float:
        return left + width * (t - t0) / max(1, t1 - t0)

    def y(r: float) -> float:
        return top + height * (1 - r / ceiling)

    doc.set_draw_color(*RULE)
    doc.set_font("DejaVu", "", 7)
    doc.set_text_color(*MUTED)
    level = 0.0
    while level <= ceiling + 1e-9:
        doc.line(left, y(level), left + width, y(level))
        doc.set_xy(left - 11, y(level) - 2)
        doc.cell(10, 4, f"{level * 100:.0f}%", align="R")
        level += step
    for series, color, label in (
        (curve.documented, MUTED, curve.documented_label),
        (curve.yours, WAR, curve.yours_label),
    ):
        doc.set_draw_color(*color)
        doc.set_line_width(0.6 if color == WAR else 0.4)
        pts = [(x(p.minutes), y(p.risk)) for p in series]
        for a, b in pairwise(pts):
            doc.line(a[0], a[1], b[0], a[1])  # risk holds until the next step, then moves
            doc.line(b[0], a[1], b[0], b[1])
        if pts:
            doc.set_text_color(*color)
            doc.set_xy(pts[-1][0] - 40, pts[-1][1] - 5)
            doc.cell(40, 4, f"{label}: {wording.pct(series[-1].risk)}", align="R")
    doc.set_line_width(0.2)
    doc.set_text_color(*MUTED)
    first, last = points[0], max(points, key=lambda p: p.minutes)
    doc.set_xy(left, top + height + 1)
    doc.cell(60, 4, wording.when(min(p.minutes for p in points), time=False))
    doc.set_xy(left + width - 60, top + height + 1)
    doc.cell(60, 4, wording.when(last.minutes, time=False), align="R")
    del first
    doc.set_y(top + height + 8)


def _table(doc: _Doc, widths: list[float], header: list[str], rows: list[list[str]], size: float = 8.5) -> None:
    line = size * 0.45
    doc.set_font("DejaVu", "B", size)
    doc.set_draw_color(*RULE)
    doc.set_text_color(*INK)
    with doc.table(col_widths=widths, line_height=line + 0.6, text_align="LEFT", first_row_as_headings=True) as table:
        head = table.row()
        for h in header:
            head.cell(h)
        doc.set_font("DejaVu", "", size)
        for r in rows:
            row = table.row()
            for c in r:
                row.cell(c)
    doc.ln(3)


def report_pdf(lr: LessonReport, size: str = "a4") -> bytes:
    """The session report: roster, each decision with its split and choice, the risk curve, the path against
    1962, the discussion questions and the sources."""
    r = lr.report
    doc = _Doc(size, f"{r.title} — the class's crisis")
    doc.add_page()
    doc.label("Session report")
    doc.heading(r.title, 20)
    doc.para(lr.setup_text, 9.5, MUTED)
    if r.game.span_text:
        doc.para(f"This history: {r.game.span_text}.", 9, MUTED)
    doc.label(r.ending.category_label)
    doc.heading(r.ending.title, 15, WAR if r.ending.catastrophic else INK)
    doc.para(r.ending.when_text, 9, MUTED)
    doc.para(r.ending.debrief, 9.5)
    doc.label("The risk the class ran")
    doc.para(r.risk.summary, 9.5)
    _curve(doc, r.curve)
    doc.label("The class")
    _table(
        doc,
        [55, 30, 95],
        ["Role", "Team", "Played by"],
        [[x.name, x.team, ", ".join(x.students) or "— (read by the facilitator)"] for x in lr.roster],
    )
    doc.label("Each decision: the choice, how it was taken, the vote")
    _table(
        doc,
        [32, 60, 40, 48],
        ["When", "Decision", "How", "Vote"],
        [[c.when_text, wording.titled(c.title, c.choice), c.how, c.split or "—"] for c in lr.lines],
    )
    if lr.interventions:
        doc.label("What the facilitator brought in")
        for line in lr.interventions:
            doc.para(line, 9.5)
    doc.label("The class's path beside 1962")
    _table(
        doc,
        [30, 62, 62, 26],
        ["Decision", "The class", "1962", "As in 1962"],
        [[c.title, c.choice, c.documented, "same" if c.same else "different"] for c in lr.lines],
    )
    if r.unknowns.pages:
        doc.label(r.unknowns.heading)
        for page in r.unknowns.pages:
            doc.set_font("DejaVu", "B", 9.5)
            doc.multi_cell(0, 5, page.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            doc.para(page.text, 8.5)
    doc.label("Questions for discussion")
    for k, q in enumerate(lr.questions, 1):
        doc.para(f"{k}. {q}", 10)
    doc.label("Sources")
    for s in r.sources:
        doc.para(s.citation, 8, MUTED)
    return bytes(doc.output())
