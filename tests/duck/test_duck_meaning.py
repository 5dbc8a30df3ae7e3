"""The duck judges an answer by its meaning: generous with how a child writes it, honest when it
really says something else. And a line that did not run is never graded."""

from __future__ import annotations

import ast

import pytest

from tutor.duck.compare import OUTPUT, VALUE, compare
from tutor.duck.dialogue import DuckSession
from tutor.duck.meaning import Meaning, print_pieces, same_word, typed_names

PUPPY = '''print("What is your puppy called?")
name = input()
print("Hello, " + name + "!")
print(name + " wags its tail.")
print(f"Good dog, {name}! You are {age} years old.")
'''


def meaning_for(source: str, line: int) -> Meaning:
    tree = ast.parse(source)
    typed = typed_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print" and node.lineno == line:
            return Meaning(pieces=print_pieces(node, typed))
    raise AssertionError(f"no print on line {line}")


def typed_value(source: str, name: str) -> Meaning:
    return Meaning(typed_words=typed_names(ast.parse(source))[name])


@pytest.mark.parametrize("answer", [
    "the puppys name", "the puppy's name", "The name", "name", "whatever I type", "what you typed",
    "the nmae", "Rex", "rex", "'Rex'", "it will be the puppy's name",
])
def test_a_typed_value_may_be_described(answer):
    assert compare(answer, "'Rex'", VALUE, name="name", meaning=typed_value(PUPPY, "name")).agrees is True


@pytest.mark.parametrize("answer", ["Biscuit", "5", "a number", "the dog's age", "nothing", "hello"])
def test_a_typed_value_is_not_anything_at_all(answer):
    assert compare(answer, "'Rex'", VALUE, name="name", meaning=typed_value(PUPPY, "name")).agrees is False


def test_a_description_only_counts_for_typed_values():
    # ``total`` is worked out by the program: "the total" says nothing about its value
    assert compare("the total", "12", VALUE, name="total").agrees is False
    src = "a = 5\ntotal = a + 7\n"
    assert "total" not in typed_names(ast.parse(src))


@pytest.mark.parametrize("line, answer, printed", [
    (3, "Hello, the puppys name!", "Hello, Rex!\n"),
    (3, "hello rex", "Hello, Rex!\n"),
    (3, "Hello Rex", "Hello, Rex!\n"),
    (3, '"Hello, Rex!"', "Hello, Rex!\n"),
    (3, "hello, what you typed", "Hello, Rex!\n"),
    (3, "Helo Rex", "Hello, Rex!\n"),  # a small spelling slip
    (4, "Rex wags its tial", "Rex wags its tail.\n"),
    (4, "the name wags its tail", "Rex wags its tail.\n"),
    (4, "the puppy wags its tail", "Rex wags its tail.\n"),
    (5, "good dog the name you are three years old", "Good dog, Rex! You are 3 years old.\n"),
    (5, "Good dog, Rex! You are 3 years old.", "Good dog, Rex! You are 3 years old.\n"),
])
def test_printed_text_by_meaning_yes(line, answer, printed):
    verdict = compare(answer, printed, OUTPUT, meaning=meaning_for(PUPPY, line))
    assert verdict.agrees is True, verdict


@pytest.mark.parametrize("line, answer, printed", [
    (3, "Hello, Biscuit!", "Hello, Rex!\n"),  # another name than the one typed this time
    (3, "Goodbye, Rex!", "Hello, Rex!\n"),
    (3, "Hello", "Hello, Rex!\n"),  # a part is missing
    (3, "Hello Rex Rex", "Hello, Rex!\n"),
    (3, "nmae", "Hello, Rex!\n"),
    (4, "Rex wags", "Rex wags its tail.\n"),
    (4, "rex wags his tail", "Rex wags its tail.\n"),
    (4, "Rex wags its tail and barks", "Rex wags its tail.\n"),
    (5, "good dog rex you are 4 years old", "Good dog, Rex! You are 3 years old.\n"),  # age is not typed
    (5, "good dog rex you are the age years old", "Good dog, Rex! You are 3 years old.\n"),
])
def test_printed_text_by_meaning_no(line, answer, printed):
    assert compare(answer, printed, OUTPUT, meaning=meaning_for(PUPPY, line)).agrees is False


def test_an_answer_that_looks_like_setting_a_name_can_be_what_it_prints():
    src = 'score = 120\nprint("Score = " + str(score))\n'
    m = meaning_for(src, 2)
    assert compare("Score = 120", "Score = 120\n", OUTPUT, meaning=m).agrees is True
    assert compare("score = 12", "Score = 120\n", OUTPUT, meaning=m).agrees is False
    assert compare("it prints score = 120", "Score = 120\n", OUTPUT, meaning=m).agrees is True


def test_the_notes_say_what_was_different():
    m = meaning_for("count = 5\nprint(count)\n", 2)
    assert "digits" in compare("five", "5\n", OUTPUT, meaning=m).note
    m = meaning_for(PUPPY, 3)
    assert "marks and capitals" in compare("hello rex", "Hello, Rex!\n", OUTPUT, meaning=m).note
    assert "Nearly" in compare("helo rex", "Hello, Rex!\n", OUTPUT, meaning=m).note
    assert "typed" in compare("hello the puppys name", "Hello, Rex!\n", OUTPUT, meaning=m).note


def test_a_slip_the_program_itself_makes_is_a_real_difference():
    from tutor.duck.meaning import words

    program = 'shirts = {"Ava": 9, "Cloe": 1}\nname = "Cloe"\nprint(shirts["Cleo"])\n'
    m = Meaning(program_words=frozenset(words(program)))
    assert compare("Cleo", "'Cloe'", VALUE, name="name", meaning=m).agrees is False  # the bug itself
    assert compare("Cole", "'Cloe'", VALUE, name="name", meaning=m).agrees is True  # just a slip
    assert compare("Cloe", "'Cloe'", VALUE, name="name", meaning=m).agrees is True


def test_spelling_slips_are_small_ones_only():
    assert same_word("tial", "tail") and same_word("helo", "hello") and same_word("three", "3")
    assert not same_word("his", "its") and not same_word("cat", "dog") and not same_word("sam", "samuel")
    assert not same_word("4", "3") and not same_word("biscuit", "rex")
    assert not same_word("8.45", "7.45") and not same_word("70", "71")
    # text values forgive a small slip too, never a different number or mark
    assert compare("swmiming", "'swimming'", VALUE).agrees is True
    assert compare("swiming pool", "'swimming pool'", VALUE).agrees is True
    assert compare("Hi Sam", "Hi Sam!\n", OUTPUT).agrees is False
    assert compare("Sam", "'Samuel'", VALUE).agrees is False
    assert compare("'ana': nine", "{'ana': 9}", VALUE).agrees is True
    assert compare("£8.45", "'£7.45'", VALUE).agrees is False


def test_print_pieces_know_sep_fstrings_and_give_up_on_star_args():
    tree = ast.parse('print("a", x, sep="-")\nprint(*xs)\nprint(f"{x:>3}!")\n')
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "print"]
    calls.sort(key=lambda c: c.lineno)
    first = print_pieces(calls[0])
    assert first is not None and [p.text for p in first] == ["a", "-", None]
    assert print_pieces(calls[1]) is None
    assert [p.text for p in print_pieces(calls[2]) or ()] == [None, "!"]


# -- the whole duck: the puppy from the issue ------------------------------------------------------------

BUGGY_PUPPY = '''print("What is your puppy called?")
name = input()
print("Hello, " + nmae + "!")
print(name + " wags its tail.")
print("Good dog, " + name + "!")
'''


def test_the_puppy_from_the_issue(program):
    path = program(BUGGY_PUPPY)
    s = DuckSession(path, stdin="Rex\n", use_astroid=False)
    s.run_trace()
    by_line = {st.line: st for st in s.steps}
    s.answer(by_line[2].index, "the puppys name")
    s.answer(by_line[3].index, "Hello, the puppys name!")
    s.answer(by_line[4].index, "Rex wags its tail")
    s.answer(by_line[5].index, "Good dog, Rex!")
    review = s.review()
    out = {o.line: o for o in review.outcomes}
    assert out[2].agrees is True  # a right answer is right
    assert out[3].agrees is False and out[3].ran  # the line with the bug ran and stopped
    for line in (4, 5):  # never graded: they did not run
        assert out[line].ran is False and out[line].agrees is None
        assert "did not run this time" in out[line].note
    assert review.first is out[3]
    assert "line 3" in review.headline and "line 2" not in review.headline
    assert "prediction" not in review.summary.lower()


def test_when_only_lines_that_did_not_run_were_answered_it_points_at_where_it_stopped(program):
    path = program(BUGGY_PUPPY)
    s = DuckSession(path, stdin="Rex\n", use_astroid=False)
    s.run_trace()
    by_line = {st.line: st for st in s.steps}
    s.answer(by_line[4].index, "Rex wags its tail")
    s.answer(by_line[5].index, "a cat")  # really different, but line 5 did not run: not graded
    review = s.review()
    assert review.first is None and review.checked == 0
    assert "stopped on line 3" in review.headline and "line 5" not in review.headline
