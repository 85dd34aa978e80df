"""The shared wording: percentages, points and the prose rules both front ends follow."""

from game import wording


def test_percentages_and_points_keep_small_numbers_visible():
    assert wording.pct(0) == "0%"
    assert wording.pct(0.00004) == "<0.01%"
    assert wording.pct(0.0005) == "0.05%"
    assert wording.pct(0.2105) == "21.1%"
    assert wording.pct(0.00998) == "1.0%" and wording.pct(0.0099) == "0.99%"
    assert wording.points(0.0005) == "+0.05 points"
    assert wording.points(-0.012) == "−1.2 points"
    assert wording.points(0.00001) == "no change"


def test_prose_pieces_follow_markdown_list_rules():
    text = "Opening line\n- not a bullet\n\n- one\n  continued\n- two\n# Heading"
    assert wording.prose_pieces(text) == [
        [("text", "Opening line - not a bullet")],
        [("bullet", "one continued"), ("bullet", "two"), ("heading", "Heading")],
    ]


def test_titled_joins_without_doubled_punctuation():
    assert wording.titled("What are we trying to do?", "order daily U-2 flights") == (
        "What are we trying to do? Order daily U-2 flights"
    )
    assert wording.titled("The quarantine", "Board the ship") == "The quarantine: Board the ship"
