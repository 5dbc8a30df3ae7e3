"""Close-name matching and the words helpers."""

from tutor.explain.hint import Fix
from tutor.explain.spelling import close_matches, closest, distance, is_swap
from tutor.explain.words import describe_change, friendly_error_name


def test_distance_counts_a_swap_as_one():
    assert distance("scroe", "score") == 1
    assert distance("totl", "total") == 1
    assert distance("abc", "xyz") == 3
    assert distance("kitten", "sitting", limit=1) == 2  # stops early, says "more than 1"
    assert is_swap("scroe", "score") and not is_swap("score", "score")


def test_closest_prefers_capitals_then_small_slips():
    assert closest("Print", ["print", "int", "Prints"]) == "print"
    assert closest("roll_die", ["roll_dice", "rolls"]) == "roll_dice"
    assert closest("highscore", ["high_score", "hiscore"]) == "high_score"
    assert closest("randInt", ["randint", "random", "randrange"]) == "randint"


def test_nothing_close_for_short_or_different_names():
    assert closest("x", ["y", "z"]) is None
    assert closest("banana", ["apple", "cherry"]) is None
    assert close_matches("", ["a"]) == []


def test_match_kinds():
    kinds = {m.name: m.kind for m in close_matches("scroe", ["score", "Scroe"])}
    assert kinds == {"Scroe": "capitals", "score": "swap"}


def test_describe_change_shows_before_and_after():
    src = "a = 1\n    b = 2\n"
    text = describe_change(Fix.replace_line(2, "    b = 3"), src)
    assert "line 2" in text and "b = 2" in text and "b = 3" in text
    assert "Add this before line 1" in describe_change(Fix.insert_before(1, "import math"), src)
    assert "Take away line 1" in describe_change(Fix(1, 1, ""), src)


def test_friendly_error_names_have_no_jargon():
    from tutor.explain.words import jargon_in

    for name in ("NameError", "TypeError", "KeyError", "SomethingNew"):
        assert not jargon_in(friendly_error_name(name))
