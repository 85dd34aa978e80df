"""The paper: role cards (one page a role), team dossiers, order slips, and the session report, in A4 and Letter.
Every page is rendered to PNG into artifacts/paper/ for a person to look at; the tests check what can fail."""

from __future__ import annotations

import time
from pathlib import Path

import pymupdf
import pytest

from game.classroom import Lesson, cast, lesson_report, roles_of, student_names
from game.classroom.paper import PaperError, lesson_pack_pdf, report_pdf
from game.session import Setup
from tests.support import OCTOBER, engine

ART = Path(__file__).resolve().parents[2] / "artifacts" / "paper"
PAGE_MM = {"a4": (210, 297), "letter": (215.9, 279.4)}


def _render(pdf: bytes, name: str) -> list[Path]:
    ART.mkdir(parents=True, exist_ok=True)
    out = []
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        for i, page in enumerate(doc, 1):
            path = ART / f"{name}-{i:02d}.png"
            page.get_pixmap(dpi=60).save(str(path))
            out.append(path)
    return out


def _pages(pdf: bytes) -> list[str]:
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return [page.get_text() for page in doc]


def _overflowing(pdf: bytes) -> list[tuple[int, str]]:
    """(page, text) of every line that runs past the right margin's edge (10 mm from the paper's edge)."""
    out = []
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        for number, page in enumerate(doc, 1):
            edge = page.rect.width - 10 * 72 / 25.4
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    if line["bbox"][2] > edge:
                        out.append((number, "".join(span["text"] for span in line["spans"])))
    return out


def _size_mm(pdf: bytes) -> tuple[float, float]:
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        r = doc[0].rect
        return r.width * 25.4 / 72, r.height * 25.4 / 72


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_the_pack_has_a_page_per_role_a_dossier_per_team_and_slips(size):
    eng = engine(OCTOBER)
    sides = ("us", "ussr")
    cards = roles_of(eng, sides)
    casting = cast(cards, student_names((), 20), sides)
    start = time.perf_counter()
    pdf = lesson_pack_pdf(eng, sides, casting, size)
    seconds = time.perf_counter() - start
    pages = _pages(pdf)
    print(f"\npack ({size}): {len(pages)} pages, {len(pdf) / 1024:.0f} KiB, built in {seconds:.2f} s")
    assert len(pages) == len(cards) + len(sides) + 1
    for card, text in zip(cards, pages):
        flat = " ".join(text.split())
        assert card.role.name in flat and card.role.office.split(",")[0] in flat
        for line in card.role.knows:
            assert " ".join(line.split())[:40] in flat
    assert "Washington team" in pages[len(cards)] and "Moscow team" in pages[len(cards) + 1]
    assert "ORDER SLIP" in pages[-1]
    # the Moscow dossier holds Moscow's secrets; Washington's does not
    troops = next(s for s in eng.scenario.model.secrets if s.id == "soviet-troops").text
    assert " ".join(troops.split())[:40] in " ".join(pages[len(cards) + 1].split())
    assert " ".join(troops.split())[:40] not in " ".join(pages[len(cards)].split())
    w, h = _size_mm(pdf)
    assert (round(w), round(h)) == tuple(round(v) for v in PAGE_MM[size])
    assert _overflowing(pdf) == []  # long headings (Moscow's, off the 1962 course) wrap inside the page
    for text in pages[: len(cards)]:  # an advisor's alternative lines for one option are not all printed
        lines = [" ".join(line.split()) for line in text.split("\n") if line.startswith("• For")]
        assert len(lines) == len(set(lines))
        starts = [line.split("”:")[0] for line in lines]
        assert len(starts) == len(set(starts)), [s for s in starts if starts.count(s) > 1]
    shots = _render(pdf, f"pack-{size}")
    assert len(shots) == len(pages) and all(p.stat().st_size > 2000 for p in shots)


def test_the_session_report_pdf(tmp_path):
    eng = engine(OCTOBER)
    lesson = Lesson.start(eng, Setup(people=("us",), count=12, seconds=120), seed=6)
    while not lesson.ended:
        lesson.discuss()
        lesson.hands(eng.available_ids(lesson.session.state)[0], 4)
        lesson.vote("jfk", eng.available_ids(lesson.session.state)[-1])
        lesson.decide()
        lesson.next()
    lr = lesson_report(lesson)
    for size in ("a4", "letter"):
        pdf = report_pdf(lr, size)
        text = " ".join(" ".join(_pages(pdf)).split())
        assert lr.report.ending.title in text and "QUESTIONS FOR DISCUSSION" in text
        assert all(" ".join(q.split())[:30] in text for q in lr.questions)
        assert "vote" in text and "Student 1" in text
        _render(pdf, f"report-{size}")


def test_an_unknown_paper_size_is_refused_in_words():
    with pytest.raises(PaperError, match="a4"):
        lesson_pack_pdf(engine(OCTOBER), ("us",), None, "a3")
