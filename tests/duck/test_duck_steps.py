"""The duck's questions: a step for every line that does something, in words that fit the line."""

from __future__ import annotations

import os

import ast
from pathlib import Path

import pytest

from tutor.duck.steps import (
    COUNT,
    EXPLAIN,
    GIVES,
    LAST,
    OUTPUT,
    PREDICT,
    RUNS,
    TRUTH,
    VALUE,
    ProgramProblem,
    build_steps,
)
from tutor.explain.words import jargon_in

# A private copy made by tests/conftest.py (the shared corpus stays untouched).
CORPUS = Path(os.environ.get("TUTOR_CORPUS") or Path(__file__).resolve().parents[3] / "shared" / "corpus")


def steps_of(code: str, **kw):
    import textwrap

    return build_steps(textwrap.dedent(code).lstrip("\n"), **kw)


def by_line(steps):
    return {s.line: s for s in steps}


def test_assignments_loops_and_prints():
    steps = by_line(steps_of("""
        total = 0
        for i in range(1, 4):
            total = total + i
        print(total)
    """))
    assert steps[1].kind == EXPLAIN and "`total`" in steps[1].question
    assert steps[2].kind == PREDICT and steps[2].target.what == COUNT
    assert "How many times" in steps[2].question
    assert steps[3].kind == PREDICT and steps[3].target == steps[3].target.__class__(VALUE, 3, "total", "first")
    assert "number" in steps[3].question  # it knows `total` holds a number
    assert steps[4].target.what == OUTPUT and "print" in steps[4].question


def test_aug_assign_in_loop_asks_for_the_last_value():
    steps = by_line(steps_of("""
        score = 0
        for points in [3, 4, 5]:
            score += points
    """))
    assert steps[3].target.when == LAST
    assert "adds `points` to `score`" in steps[3].question
    assert "last time round" in steps[3].question
    # a for loop over a list asks what the loop name holds the first time round
    assert steps[2].target == steps[2].target.__class__(VALUE, 2, "points", "first")


def test_nested_ifs_and_elif():
    steps = by_line(steps_of("""
        age = int(input("Age? "))
        if age > 10:
            if age > 12:
                print("teen")
            else:
                print("almost")
        elif age > 5:
            print("young")
    """))
    assert steps[1].kind == PREDICT and "typing" in steps[1].question and steps[1].expects == "number"
    assert steps[2].kind == PREDICT and steps[2].target.what == TRUTH  # top level: yes or no
    assert steps[3].kind == PREDICT and steps[3].target.what == TRUTH
    assert steps[7].kind == EXPLAIN and "not true" in steps[7].question  # the elif
    assert 5 not in steps  # `else:` does nothing itself
    assert {4, 6, 8} <= set(steps)


def test_functions_returns_and_calls():
    steps = by_line(steps_of("""
        def double(n):
            \"\"\"Twice n.\"\"\"
            return n * 2

        def greet(name):
            print("Hi", name)
            return

        x = double(4)
        greet("Sam")
    """))
    assert steps[1].kind == EXPLAIN and "function called `double`" in steps[1].question and "`n`" in steps[1].question
    assert 2 not in steps  # the docstring is a note, not an action
    assert steps[3].target.what == GIVES
    assert "give back" in steps[3].question
    assert steps[7].kind == EXPLAIN  # a bare return
    assert "what `double` gives back" in steps[9].question
    assert steps[10].kind == EXPLAIN and "greet" in steps[10].question


def test_classes_and_methods():
    steps = by_line(steps_of("""
        class Pet:
            legs = 4

            def __init__(self, name):
                self.name = name
                self.hunger = 0

            def feed(self, food):
                self.hunger -= food
                return self.hunger

        rex = Pet("Rex")
        rex.feed(2)
    """))
    assert "new kind of thing called `Pet`" in steps[1].question
    assert steps[2].kind == EXPLAIN  # a value every Pet shares
    assert "sets up each new `Pet`" in steps[4].question
    assert steps[5].kind == EXPLAIN and "its own `name`" in steps[5].question
    assert "how to `feed`" in steps[8].question
    assert steps[9].kind == PREDICT and steps[9].target.name == "self.hunger"
    assert steps[10].target.what == GIVES
    assert steps[12].kind == EXPLAIN and "new `Pet`" in steps[12].question
    assert steps[13].kind == EXPLAIN


def test_input_lines_while_loops_and_while_true():
    steps = by_line(steps_of("""
        name = input("Name? ")
        n = 0
        while n < 3:
            n = n + 1
        while True:
            break
        input("Press Enter")
    """))
    assert steps[1].expects == "text" and "asks for typing" in steps[1].question
    assert steps[3].target.what == COUNT and "`n < 3`" in steps[3].question
    assert steps[5].target.what == COUNT and "until something stops it" in steps[5].question
    assert steps[6].kind == EXPLAIN and "stops the loop" in steps[6].question
    assert steps[7].kind == EXPLAIN


def test_lists_changing_and_other_statements():
    steps = by_line(steps_of("""
        import random
        from math import sqrt
        scores = []
        scores.append(10)
        scores[0] = 5
        a, b = 1, 2
        try:
            x = 1 / 0
        except ZeroDivisionError:
            pass
        assert a < b
        del a
        global_value = [n * 2 for n in range(3)]
    """))
    assert steps[1].topic == "import" and steps[2].topic == "import"
    assert steps[4].target == steps[4].target.__class__(VALUE, 4, "scores", "first")
    assert "adds `10` to the end of `scores`" in steps[4].question
    assert steps[5].kind == PREDICT and steps[5].target.name == "scores"
    assert steps[7].topic == "try" and steps[9].topic == "try"
    assert 10 not in steps  # pass
    assert steps[11].kind == EXPLAIN and steps[12].kind == EXPLAIN
    assert steps[13].kind == PREDICT and steps[13].expects == "list"


def test_steps_mix_explain_and_predict():
    steps = steps_of("""
        def area(w, h):
            return w * h
        size = area(3, 4)
        if size > 10:
            print("big")
    """)
    kinds = {s.kind for s in steps}
    assert kinds == {EXPLAIN, PREDICT}


def test_every_statement_line_that_does_something_gets_a_step():
    code = """
        count = 0
        words = ["a", "bb", "ccc"]
        for word in words:
            if len(word) > 1:
                count += 1
            else:
                continue
        print(count)
    """
    steps = steps_of(code)
    import textwrap

    tree = ast.parse(textwrap.dedent(code).lstrip("\n"))
    lines = {n.lineno for n in ast.walk(tree) if isinstance(n, ast.stmt)}
    assert {s.line for s in steps} == lines


def test_a_program_that_cannot_be_read_is_a_kind_problem():
    with pytest.raises(ProgramProblem) as info:
        steps_of("print('hi'\nx = 1\n")
    assert info.value.line in (1, 2)
    assert "line" in str(info.value)
    assert not jargon_in(str(info.value))


def test_empty_program_has_no_steps():
    assert steps_of("") == []
    assert steps_of("# just a note\n") == []


def test_steps_without_astroid_are_still_made():
    steps = by_line(steps_of("""
        x = 3
        y = x * 2
    """, use_astroid=False))
    assert steps[2].kind == PREDICT


def _corpus_programs():
    if not CORPUS.exists():
        return []
    return sorted(CORPUS.glob("*/fixed.py")) + sorted(CORPUS.glob("*/buggy.py"))


@pytest.mark.parametrize("path", _corpus_programs(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_questions_are_kind_and_short(path):
    source = path.read_text(encoding="utf-8")
    try:
        steps = build_steps(source)
    except ProgramProblem:
        return
    assert steps, "every corpus program does something"
    tree = ast.parse(source)
    doing = {n.lineno for n in ast.walk(tree) if isinstance(n, ast.stmt)
             and not isinstance(n, (ast.Pass, ast.Global, ast.Nonlocal))
             and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))}
    assert doing <= {s.line for s in steps}
    for step in steps:
        assert not jargon_in(step.question), step.question
        assert len(step.question.split()) <= 30, step.question
        assert str(step.line) in step.question
        assert step.kind in (EXPLAIN, PREDICT)
        assert (step.target is not None) == (step.kind == PREDICT)
        assert "you forgot" not in step.question.lower()


def test_constant_messages_and_tables():
    steps = by_line(steps_of("""
        months = ["Jan", "Feb", "Mar"]
        ages = {"Ava": 9, "Noah": 11}
        print("Welcome!")
        for m in months:
            print("Another month")
            print(m)
    """))
    assert steps[1].kind == EXPLAIN and steps[2].kind == EXPLAIN  # the values are right there
    assert steps[3].kind == EXPLAIN and "message" in steps[3].question
    assert steps[5].kind == PREDICT and steps[5].target.what == RUNS
    assert "How many times will it show up" in steps[5].question
    assert steps[6].target.what == OUTPUT


def test_text_that_looks_filled_in_is_a_prediction():
    steps = by_line(steps_of("""
        name = "Tia"
        print("Hi {name}!")
    """))
    assert steps[2].kind == PREDICT and steps[2].target.what == OUTPUT
