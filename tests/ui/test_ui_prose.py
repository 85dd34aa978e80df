"""Scenario prose becomes paragraphs, headings and bullets — and a dash that starts a line is not a bullet."""

from game.ui.widgets.doc import P, prose


def _shape(blocks: list) -> list[tuple[str, str]]:
    return [("bullet" if b.bullet else b.role, b.text) for b in blocks if isinstance(b, P)]


def test_a_dash_that_starts_a_wrapped_line_stays_in_its_sentence():
    text = "The United States invaded Cuba, and\n- against the odds - no weapon was used."
    assert _shape(prose(text)) == [
        ("body", "The United States invaded Cuba, and - against the odds - no weapon was used.")
    ]


def test_lists_headings_and_continued_items():
    text = (
        "## What they knew\n- 42,000 troops,\n  not 10,000\n- about 158 warheads\n\nA plain paragraph\nover two lines."
    )
    assert _shape(prose(text)) == [
        ("heading", "What they knew"),
        ("bullet", "42,000 troops, not 10,000"),
        ("bullet", "about 158 warheads"),
        ("body", "A plain paragraph over two lines."),
    ]


def test_a_list_after_a_heading_and_emphasis_markers_dropped():
    assert _shape(prose("# Sources\n* **FRUS** vol. XI")) == [("heading", "Sources"), ("bullet", "FRUS vol. XI")]
