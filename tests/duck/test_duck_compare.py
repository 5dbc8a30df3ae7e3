"""Predictions are compared tolerantly: numbers, text with or without quotes, lists, yes/no."""

from __future__ import annotations

import pytest

from tutor.duck.compare import COUNT, OUTPUT, TRUTH, VALUE, compare, is_unsure


@pytest.mark.parametrize(
    "answer, actual",
    [
        ("6", "6"),
        (" 6 ", "6"),
        ("6.", "6"),
        ("six", "6"),
        ("twenty one", "21"),
        ("-3", "-3"),
        ("minus three", "-3"),
        ("1,000", "1000"),
        ("total = 6", "6"),
        ("it will be 6", "6"),
        ("5", "5.0"),
        ("2.5", "2.5"),
        ("3.33", "3.3333333333333335"),
        ("Sam", "'Sam'"),
        ("'Sam'", "'Sam'"),
        ('"Sam"', "'Sam'"),
        ("sam", "'Sam'"),  # only capitals differ: agreed, with a note
        ("Hello  Sam", "'Hello Sam'"),  # only spaces differ: agreed, with a note
        ("[1, 2, 3]", "[1, 2, 3]"),
        ("1, 2, 3", "[1, 2, 3]"),
        ("1 2 3", "[1, 2, 3]"),
        ("[1,2,3]", "[1, 2, 3]"),
        ("apple, pear", "['apple', 'pear']"),
        ("'apple', 'pear'", "['apple', 'pear']"),
        ("apple and pear", "['apple', 'pear']"),
        ("(1, 2)", "(1, 2)"),
        ("1, 2", "(1, 2)"),
        ("empty", "[]"),
        ("[]", "[]"),
        ("Ava: 120, Noah: 95", "{'Ava': 120, 'Noah': 95}"),
        ("{'Ava': 120}", "{'Ava': 120}"),
        ("True", "True"),
        ("true", "True"),
        ("yes", "True"),
        ("False", "False"),
        ("None", "None"),
        ("nothing", "None"),
        ("Pet(name='Rex')", "Pet(name='Rex')"),
        ("Pet(name=Rex)", "Pet(name='Rex')"),
    ],
)
def test_values_that_agree(answer, actual):
    assert compare(answer, actual, VALUE).agrees is True


@pytest.mark.parametrize(
    "answer, actual",
    [
        ("7", "6"),
        ("big 1", "1"),
        ("3", "3.3333333333333335"),  # 3 is not what 10 / 3 gives
        ("3.3", "3.36"),
        ("Sam", "'Samuel'"),
        ("'5'", "5"),  # text where the computer has a number
        ("[1, 2]", "[1, 2, 3]"),
        ("1, 3, 2", "[1, 2, 3]"),
        ("True", "False"),
        ("no", "True"),
        ("6", "'six'"),
        ("Ava: 120", "{'Ava': 120, 'Noah': 95}"),
        ("something", "None"),
        ("0", "[]"),
    ],
)
def test_values_that_disagree(answer, actual):
    assert compare(answer, actual, VALUE).agrees is False


def test_notes_are_kind_and_point_at_the_small_difference():
    assert "capitals" in compare("sam", "'Sam'").note
    assert "text, not a number" in compare("5", "'5'").note
    assert compare("5", "'5'").agrees is True
    assert "number 5" in compare("'5'", "5").note
    assert "5.0" in compare("5", "5.0").note


@pytest.mark.parametrize("answer", ["", "   ", "?", "idk", "I don't know", "not sure", "No idea.", None])
def test_unsure_answers_are_not_counted(answer):
    assert is_unsure(answer)
    assert compare(answer, "6").agrees is None


def test_counts():
    assert compare("3", "3", COUNT).agrees is True
    assert compare("3 times", "3", COUNT).agrees is True
    assert compare("three times", "3", COUNT).agrees is True
    assert compare("twice", "2", COUNT).agrees is True
    assert compare("4", "3", COUNT).agrees is False
    assert compare("never", "0", COUNT).agrees is True
    assert compare("forever", "3", COUNT).agrees is False
    # still going round when the program was stopped
    assert compare("forever", "5001", COUNT, finished=False).agrees is True
    assert compare("it never stops", "5001", COUNT, finished=False).agrees is True
    assert compare("10", "5001", COUNT, finished=False).agrees is False


def test_yes_no():
    assert compare("yes", "True", TRUTH).agrees is True
    assert compare("Yes!", "True", TRUTH).agrees is True
    assert compare("nope", "False", TRUTH).agrees is True
    assert compare("yes", "False", TRUTH).agrees is False
    assert compare("maybe later", "True", TRUTH).agrees is False


def test_printed_text():
    assert compare("Hi Sam", "Hi Sam\n", OUTPUT).agrees is True
    assert compare('"Hi Sam"', "Hi Sam\n", OUTPUT).agrees is True
    assert compare("hi sam", "Hi Sam\n", OUTPUT).agrees is True
    assert compare("Hi Sam", "Hi Sam!\n", OUTPUT).agrees is False
    assert compare("5", "5\n", OUTPUT).agrees is True  # printed text is text: no number/text note
    assert compare("5", "5\n", OUTPUT).note == ""


def test_a_line_that_never_ran():
    assert compare("7", None).agrees is False
    assert compare("it never runs", None).agrees is True
    assert compare("", None).agrees is None


def test_long_values_cut_short_compare_by_their_start():
    assert compare("'aaaa", "'" + "a" * 50 + "...").agrees is False
    assert compare("a" * 60, "'" + "a" * 56 + "...").agrees is True
