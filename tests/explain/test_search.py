"""The repair search finds verified one-small-change hints for families no diagnoser handles by
name, words them from the winning edit, and keeps its guards (never edits the data a program is
checked with, keeps what already printed right)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from tutor.explain import search
from tutor.explain.context import Context
from tutor.explain.hint import Fix
from tutor.explain.search_words import WORDS
from tutor.explain.words import check_voice, reveals_change

# name -> (program, stdin, expected output or None, the line the change belongs on, the fixed line)
CASES: dict[str, tuple[str, str, str | None, int, str]] = {
    "keyword-name-in-call": (
        """
        def make_pizza(size, topping):
            return "A " + size + " pizza with " + topping

        print(make_pizza(size="big", toping="cheese"))
        """, "", None, 4, 'print(make_pizza(size="big", topping="cheese"))'),
    "one-value-too-few": (
        """
        def greet(name, times):
            for i in range(times):
                print("Hello " + name)

        name = "Mia"
        times = 2
        greet(name)
        """, "", None, 7, "greet(name, times)"),
    "dict-colon-for-equals": (
        """
        ages = {"Tom" = 10, "Ana": 11}
        print(ages["Tom"])
        """, "", None, 1, 'ages = {"Tom": 10, "Ana": 11}'),
    "python2-method": (
        """
        pets = {"cat": 2, "dog": 1}
        for pet, count in pets.iteritems():
            print(pet, count)
        """, "", None, 2, "for pet, count in pets.items():"),
    "input-used-three-lines-later": (
        """
        def double(n):
            return n * 2

        age = input("How old are you? ")
        older = double(age)
        years = older - 10
        print("In a few years:", years)
        """, "12\n", None, 4, 'age = int(input("How old are you? "))'),
    "tuple-changed-in-place": (
        """
        scores = (3, 5, 7)
        scores[0] = 4
        print(scores)
        """, "", None, 1, "scores = [3, 5, 7]"),
    "slashes-for-a-note": (
        """
        // count the sweets
        sweets = 5
        print(sweets)
        """, "", None, 1, "# count the sweets"),
    "condition-after-else": (
        """
        n = 5
        if n > 10:
            print("big")
        else n < 3:
            print("small")
        print("done")
        """, "", None, 4, "elif n < 3:"),
    "currency-sign-in-a-number": (
        """
        price = £5
        print(price * 2)
        """, "", None, 1, "price = 5"),
    # Was the syntax-else-if diagnoser; the search now covers it (also without the colon).
    "else-if": (
        """
        temp = 20
        if temp > 25:
            print("hot")
        else if temp > 15:
            print("warm")
        """, "", None, 4, "elif temp > 15:"),
    "elseif-without-colon": (
        """
        temp = 20
        if temp > 25:
            print("hot")
        elseif temp > 15
            print("warm")
        """, "", None, 4, "elif temp > 15:"),
    "brackets-around-a-sum": (
        """
        a = 4
        b = 6
        average = a + b / 2
        print(average)
        """, "", "5.0\n", 3, "average = (a + b) / 2"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_search_finds_the_one_small_thing(explain, name):
    source, stdin, expected, line, fixed = CASES[name]
    source = textwrap.dedent(source).lstrip("\n")
    e = explain(source, stdin=stdin, expected_output=expected, timeout=3.0)
    h = e.hint
    assert h.diagnoser == "search", (h.diagnoser, h.title)
    assert h.verified and h.line == line, (h.line, h.levels)
    assert h.fix is not None and h.fix.apply(source).splitlines()[line - 1] == fixed
    assert "with your input" in h.levels[-1].lower()
    assert not check_voice(h.title), check_voice(h.title)
    assert reveals_change(h.levels[0], h.fix, source) is None, h.levels[0]
    assert len(h.levels) == 3 and f"line {line}" in h.title.lower()


def _ctx(tmp_path, source: str, stdin: str = "", expected: str | None = None) -> Context:
    from tutor.run import Limits, run_program

    path = tmp_path / "prog.py"
    path.write_text(source, encoding="utf-8")
    limits = Limits(timeout=2.0)
    result = run_program(path, stdin=stdin, limits=limits, record_output_lines=expected is not None)
    return Context(path=str(path), source=source, result=result, stdin=stdin, expected_output=expected, limits=limits)


def test_the_data_a_program_is_checked_with_is_never_edited(tmp_path):
    # One wrong line, and a tempting edit of the value passed in (40 -> 41) that would also print 41.
    source = "def biggest(limit, items):\n    best = 0\n    for x in items:\n        if x < limit:\n            best = max(best, x)\n    return best\n\nprint(biggest(40, [10, 40, 30]))\n"
    ctx = _ctx(tmp_path, source, expected="40\n")
    found, _ = search.candidates(ctx)
    assert found, "the search proposes edits"
    for c in found:
        assert "biggest(40, [10, 40, 30])" in c.fix.apply(source), (c.kind, c.fix)
    out = search.repair(ctx, seconds=5.0)
    assert out.hint is not None and out.hint.line == 4
    assert "x <= limit" in out.hint.fix.replacement


def test_protected_spans_cover_values_passed_in_from_top_level_and_asserts():
    source = "def f(n, xs):\n    return n + len(xs)\ndata = [1, 2]\nprint(f(3, data))\nassert f(1, [5]) == 2\ny = 7\n"
    spans = search.protected_spans(source, ast.parse(source))
    lines = {s[0] for s in spans}
    assert {3, 4, 5} <= lines and 6 not in lines and 2 not in lines


def test_already_right_output_must_stay_the_same(tmp_path):
    # Taking the first print away also "fixes" nothing here; the crash's line must be mended
    # without changing the line that already printed.
    ctx = _ctx(tmp_path, 'print("Start")\nscore = 3\nprint("Score: " + score)\n')
    accept = search.keeps_output(ctx.result.stdout, ctx.outcome)
    assert accept is not None

    class R:
        stdout = "Score: 3\n"

    assert not accept(R())
    R.stdout = "Start\nScore: 3\n"
    assert accept(R())
    out = search.repair(ctx, seconds=5.0)
    assert out.hint is not None and out.hint.verified and out.hint.line == 3


def test_lines_that_never_ran_are_not_edited(tmp_path):
    source = "def never():\n    return 1 + 1\n\nx = 5\nprint(x + 'a')\n"
    ctx = _ctx(tmp_path, source)
    ran, complete = search.lines_that_ran(ctx, 2.0)
    assert complete and 2 not in ran and 5 in ran and 1 in ran


def test_nothing_found_gives_no_hint_and_says_nothing_made_up(explain):
    # No single small edit can make this work: the fallback hint must not guess a cause.
    e = explain("import json\njson.loads('{oops')\n")
    assert e.hint.diagnoser != "search" and not e.hint.verified
    assert "do not fit together" not in " ".join(e.hint.levels)


def test_search_budget_zero_means_no_search(explain, monkeypatch):
    monkeypatch.setenv("TUTOR_SEARCH_SECONDS", "0")
    source, stdin, expected, _, _ = CASES["keyword-name-in-call"]
    e = explain(textwrap.dedent(source).lstrip("\n"), stdin=stdin)
    assert e.hint.diagnoser != "search"


def test_every_search_kind_has_words_that_do_not_give_the_change_away():
    from tutor.explain.mutate import PRIORS as MUTATE_KINDS
    from tutor.explain.ops import PRIORS as OP_KINDS
    from tutor.explain.syntax_repair import PRIORS as SYNTAX_KINDS

    for kind in set(MUTATE_KINDS) | set(OP_KINDS) | set(SYNTAX_KINDS):
        assert kind in WORDS, kind
        nudge, why = WORDS[kind]
        assert not check_voice(f"Line 3: {nudge}"), (kind, check_voice(f"Line 3: {nudge}"))
        assert "did you mean" not in nudge.lower()


def test_search_level_one_never_shows_the_change_on_many_programs(tmp_path):
    """Every candidate the search proposes, for a range of programs: the nudge for its kind does
    not contain the text the edit brings in."""
    from tutor.explain.search_words import nudge_for

    programs = [textwrap.dedent(s).lstrip("\n") for s, *_ in CASES.values()] + [
        "x = 3\nif x = 3:\n    print('y')\n",
        "print('a' 'b')\nnums = [1 2]\n",
        "If True:\n    print(1)\n",
        "for i in range(3)\n    print(i)\n",
        "name = 'Sam'\nprint('Hi ' + nme)\n",
    ]
    checked = 0
    for i, source in enumerate(programs):
        sub = tmp_path / f"p{i}"
        sub.mkdir()
        ctx = _ctx(sub, source, stdin="3\n")
        if ctx.outcome == "ok":
            continue
        found, _ = search.candidates(ctx)
        for c in found[:60]:
            text = nudge_for(c.kind, c.line)
            assert reveals_change(text, c.fix, source) is None, (c.kind, text, c.fix)
            checked += 1
    assert checked > 25


@pytest.mark.slow
def test_search_hints_are_the_same_on_every_python(tmp_path):
    """Each installed Python 3.10-3.13 explains the search cases itself (bench/_explain_child.py):
    the same line and the same verified fix everywhere."""
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parents[2] / "bench"
    sys.path.insert(0, str(bench))
    from explain_corpus import installed_pythons, run_child

    pythons = installed_pythons()
    if len(pythons) < 2:
        pytest.skip("fewer than two of Python 3.10-3.13 are installed")

    class Case:
        def __init__(self, name: str) -> None:
            source, stdin, expected, line, fixed = CASES[name]
            source = textwrap.dedent(source).lstrip("\n")
            lines = source.splitlines()
            lines[line - 1] = fixed
            self.id, self.stdin, self.error = name, stdin, "WrongOutput" if expected is not None else "Error"
            self.folder = tmp_path / name
            self.folder.mkdir()
            (self.folder / "buggy.py").write_text(source, encoding="utf-8")
            (self.folder / "fixed.py").write_text("\n".join(lines) + "\n", encoding="utf-8")

    cases = [Case(n) for n in sorted(CASES)]
    seen: dict[str, dict[str, tuple]] = {}
    for minor, python in sorted(pythons.items()):
        for r in run_child(python, cases, timeout=3.0, jobs=2)["results"]:
            assert "crash" not in r, (minor, r)
            assert r["diagnoser"] == "search" and r["verified"] and r["fix_works"], (minor, r)
            seen.setdefault(r["id"], {})[minor] = (r["line"], r["fix"]["replacement"])
    differ = {cid: v for cid, v in seen.items() if len(set(v.values())) > 1}
    assert not differ, differ


def test_a_cancelled_search_stops_at_once(tmp_path):
    import threading
    import time

    source, stdin, expected, _, _ = CASES["keyword-name-in-call"]
    ctx = _ctx(tmp_path, textwrap.dedent(source).lstrip("\n"), stdin=stdin)
    cancel = threading.Event()
    cancel.set()
    ctx.extra["cancel"] = cancel
    t0 = time.monotonic()
    out = search.repair(ctx, seconds=10.0)
    assert out.hint is None and out.tried == 0
    assert time.monotonic() - t0 < 5.0


def test_no_nonsense_repair_of_a_def_line(explain):
    # A default value before a required one: no single mark mends it, and `*` or `:` among the
    # names (which would parse) is not a repair a teacher would make.
    e = explain("def area(w=2, h):\n    return w * h\nprint(area(3, 4))\n")
    assert e.hint.diagnoser != "search" and e.hint.fix is None


@pytest.mark.skipif(__import__("sys").version_info >= (3, 12), reason="Python 3.12 reads the same quotes inside an f-string")
def test_quotes_inside_an_f_string(explain):
    e = explain('name = "Sam"\nprint(f"Hi {name.replace("S", "P")}")\n')
    assert e.hint.diagnoser == "search" and e.hint.verified and e.hint.line == 2
    assert e.hint.fix.replacement == "print(f\"Hi {name.replace('S', 'P')}\")\n"


def test_explain_run_passes_the_next_runs_cancel_to_the_search(tmp_path):
    """The app hands explain_run an Event that the next press of Run sets: a set one means the
    search does not start, so a stale search never holds up the child's new run."""
    import threading

    from tutor.explain import explain_run

    source, stdin, expected, _, _ = CASES["keyword-name-in-call"]
    ctx = _ctx(tmp_path, textwrap.dedent(source).lstrip("\n"), stdin=stdin)
    cancel = threading.Event()
    cancel.set()
    stopped = explain_run(ctx.path, ctx.source, ctx.result, stdin=stdin, limits=ctx.limits, cancel=cancel)
    assert stopped.hint is not None and stopped.hint.diagnoser != "search"
    going = explain_run(ctx.path, ctx.source, ctx.result, stdin=stdin, limits=ctx.limits, cancel=threading.Event())
    assert going.hint.diagnoser == "search" and going.hint.verified
