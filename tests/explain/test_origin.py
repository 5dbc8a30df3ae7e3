"""Wrong output with no verified fix: the hint names where the printed value was worked out (inside
the learner's function, or the line that set the printed name), not the line that printed it,
and says so without guessing a cause."""

from __future__ import annotations

import textwrap

import pytest

from tutor.explain.origin import value_origin
from tutor.explain.words import check_voice

# name -> (program, expected output, the line that must be named)
CASES: dict[str, tuple[str, str, int]] = {
    # Two slips at once (only bigger numbers, squared): no one small edit mends it.
    "sum-in-a-function": (
        """
        def total(nums):
            result = 0
            for n in nums:
                if n > 2:
                    result = result + n * n
            return result

        nums = [1, 2, 3, 4]
        print(total(nums))
        """, "10\n", 5),
    "answer-kept-in-a-name-then-printed": (
        """
        def average(marks):
            added = 0
            for m in marks:
                added = added + m * 2
            return added // len(marks) + 1

        result = average([4, 6, 8])
        print(result)
        """, "6\n", 5),
    "worked-out-at-the-top-level": (
        """
        prices = [3, 4, 5]
        cost = 0
        for p in prices:
            cost = cost + p * p + 1
        print(cost)
        """, "12\n", 4),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_unverified_wrong_output_names_where_the_value_was_worked_out(explain, name):
    source, expected, line = CASES[name]
    source = textwrap.dedent(source).lstrip("\n")
    e = explain(source, expected_output=expected)
    h = e.hint
    assert h is not None and not h.verified, e.to_json()
    last = len(source.splitlines())
    assert h.line == line != last, e.to_json()
    assert f"line {line}" in h.title.lower(), h.title
    assert not check_voice(h.title), check_voice(h.title)
    # It says where to look, never why it is wrong.
    assert "first place to look" in h.levels[1] and f"line {line}" in h.levels[1], h.levels[1]


def test_a_line_that_works_the_value_out_itself_stays_named(tmp_path):
    from tutor.explain.context import Context
    from tutor.run import Limits, run_program

    source = "a = 3\nb = 4\nprint(a * b + 1)\n"
    path = tmp_path / "prog.py"
    path.write_text(source, encoding="utf-8")
    result = run_program(path, limits=Limits(timeout=2.0), record_output_lines=True)
    ctx = Context(path=str(path), source=source, result=result, expected_output="7\n", limits=Limits(timeout=2.0))
    assert value_origin(ctx, 3) is None


def test_only_ways_out_that_ran_are_named(tmp_path):
    from tutor.explain.context import Context
    from tutor.run import Limits, run_program

    source = textwrap.dedent(
        """
        def sign(n):
            if n > 100:
                return "big"
            word = "small" + "!"
            return word

        print(sign(5))
        """
    ).lstrip("\n")
    path = tmp_path / "prog.py"
    path.write_text(source, encoding="utf-8")
    result = run_program(path, limits=Limits(timeout=2.0), record_output_lines=True)
    ctx = Context(path=str(path), source=source, result=result, expected_output="tiny\n", limits=Limits(timeout=2.0))
    o = value_origin(ctx, 7, {1, 2, 4, 5, 7})
    assert o is not None and o.line == 4 and o.function == "sign" and o.name == "word"
    o = value_origin(ctx, 7, {1, 2, 3, 7})
    assert o is not None and o.line == 3


def test_a_value_handed_on_by_another_function_is_followed_there(tmp_path):
    from tutor.explain.context import Context
    from tutor.run import Limits, run_program

    source = textwrap.dedent(
        """
        def square(n):
            answer = n * n + 1
            return answer

        def area(side):
            return square(side)

        print(area(3))
        """
    ).lstrip("\n")
    path = tmp_path / "prog.py"
    path.write_text(source, encoding="utf-8")
    result = run_program(path, limits=Limits(timeout=2.0), record_output_lines=True)
    ctx = Context(path=str(path), source=source, result=result, expected_output="9\n", limits=Limits(timeout=2.0))
    o = value_origin(ctx, 8, None)
    assert o is not None and (o.function, o.line, o.name, o.loop) == ("square", 2, "answer", 0)


def test_the_loop_that_repeats_the_line_is_named_too(explain):
    source, expected, line = CASES["sum-in-a-function"]
    e = explain(textwrap.dedent(source).lstrip("\n"), expected_output=expected)
    assert "loop on line 3" in e.hint.levels[1], e.hint.levels[1]


def test_several_values_printed_side_by_side_name_no_single_place(tmp_path):
    from tutor.explain.context import Context
    from tutor.run import Limits, run_program

    source = 'name = "Ana"\nscore = 3 * 4\nprint(f"{name} has {score} points")\n'
    path = tmp_path / "prog.py"
    path.write_text(source, encoding="utf-8")
    result = run_program(path, limits=Limits(timeout=2.0), record_output_lines=True)
    ctx = Context(path=str(path), source=source, result=result, expected_output="Ana has 7 points\n", limits=Limits(timeout=2.0))
    assert value_origin(ctx, 3, None) is None
    one = 'score = 3 * 4\nprint(f"You have {score} points")\n'
    path.write_text(one, encoding="utf-8")
    ctx = Context(path=str(path), source=one, result=result, expected_output="You have 7 points\n", limits=Limits(timeout=2.0))
    o = value_origin(ctx, 2, None)
    assert o is not None and (o.line, o.name, o.function) == (1, "score", None)
