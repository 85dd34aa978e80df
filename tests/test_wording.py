"""The shared wording: percentages, points and the prose rules both front ends follow."""

from hypothesis import given
from hypothesis import strategies as st

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


def _number(text: str) -> float:
    return float(text.rstrip("%").removesuffix(" points").lstrip("+").replace("−", "-"))


@given(st.floats(0, 1), st.floats(0, 1))
def test_a_steps_figures_add_up_as_printed(before, after):
    """Before, after and the change, printed together, add up to the last place shown (0.044% to 0.055% is
    +0.011 points: printed to two places, "0.04% to 0.06%, +0.01 points" read as a sum that is wrong)."""
    was, now, added = wording.change(before, after)
    if "<" in was + now or added == "no change":
        return
    places = {t: len(t.split(" ")[0].rstrip("%").split(".")[1]) if "." in t else 0 for t in (was, now, added)}
    # as a reader checks them: the risk before plus the change, to the risks' own places, is the risk after
    assert abs(_number(was) + _number(added) - _number(now)) < 0.5 * 10 ** -places[now] + 1e-9, (was, now, added)
    for text, value in ((was, before), (now, after)):  # and each risk is the true one, rounded
        assert abs(_number(text) - value * 100) <= 0.5 * 10 ** -places[text] + 1e-9, (text, value)
    assert abs(_number(added) - (after - before) * 100) <= 10 ** -min(places.values()) + 1e-9


def test_a_steps_figures_take_more_places_only_where_needed():
    assert wording.change(0.00044, 0.00055) == ("0.044%", "0.055%", "+0.011 points")
    assert wording.change(0.1, 0.122) == ("10.0%", "12.2%", "+2.2 points")
    assert wording.change(0.2, 0.20001) == ("20.0%", "20.0%", "no change")


def test_rose_by_less_names_the_points_only_where_they_read_differently_from_the_chance():
    # a 5% step when 40% had been run adds 3 points: the meter counts the chance only on what was safe
    assert wording.rose_by_less(0.40, 0.43, 0.05) == "3.0 points"
    # at the start the chance and the points read the same: nothing to explain
    assert wording.rose_by_less(0.0, 0.049, 0.049) == ""
    # no rise, nothing to explain
    assert wording.rose_by_less(0.2, 0.2, 0.0) == ""


def test_rose_by_less_is_worded_as_the_step_line_prints_the_rise():
    before, after = 0.00044, 0.00055
    assert "+" + wording.rose_by_less(before, after, 0.0004) == wording.change(before, after)[2]
