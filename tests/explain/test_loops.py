"""Loops that never end (outcome ``timeout``, or ``killed`` for printing too much): the loop, the
variable that never changes (or moves the wrong way), and a small fix checked by re-running."""

from __future__ import annotations

import re

import pytest

from tutor.explain.context import Context
from tutor.explain.diagnosers import loops
from tutor.explain.words import check_voice
from tutor.run import Frame, RunResult, StuckInfo

TIMEOUT = 1.0

# (id, program, line of the fix, the fixed line (stripped) at that line, words the title has)
CASES = [
    (
        "missing-increment",
        """
        count = 1
        while count <= 5:
            print("Hip hip hooray!", count)
        print("Done")
        """,
        4,
        "count = count + 1",
        "nothing inside it changes `count`",
    ),
    (
        "wrong-way",
        """
        lives = 3
        while lives > 0:
            print("You have", lives, "lives")
            lives = lives + 1
        print("Game over")
        """,
        4,
        "lives = lives - 1",
        "bigger",
    ),
    (
        "assign-instead-of-add",
        """
        steps = 0
        distance = 0
        while distance < 50:
            distance = 5
            steps = steps + 1
        print("Steps:", steps)
        """,
        4,
        "distance = distance + 5",
        "stays 5",
    ),
    (
        "update-in-one-branch",
        """
        n = 0
        while n < 10:
            if n % 2 == 0:
                print(n, "is even")
                n = n + 1
            else:
                print(n, "is odd")
        """,
        5,
        None,
        "never runs",
    ),
    (
        "countdown-goes-up",
        """
        countdown = 10
        while countdown != 0:
            print(countdown)
            countdown += 1
        print("Blast off!")
        """,
        4,
        "countdown -= 1",
        "bigger",
    ),
    (
        "jumps-over",
        """
        n = 1
        while n != 20:
            n = n + 2
        print("n is", n)
        """,
        2,
        "while n < 20:",
        "to be 20",
    ),
    (
        "in-a-function",
        """
        def countdown(n):
            while n > 0:
                print(n)
            print("Go!")

        countdown(3)
        """,
        4,
        "n = n - 1",
        "nothing inside it changes `n`",
    ),
]


@pytest.mark.parametrize("name,source,line,new_line,words", CASES, ids=[c[0] for c in CASES])
def test_loop_hint(context, name: str, source: str, line: int, new_line: str | None, words: str) -> None:
    ctx = context(source, timeout=TIMEOUT)
    assert ctx.outcome in ("timeout", "killed"), ctx.result.to_json()
    hint = loops.loop_never_ends(ctx)
    assert hint is not None
    assert hint.diagnoser == "loop-never-ends"
    assert hint.line == line, hint.levels
    assert words in hint.title, hint.title
    assert not check_voice(hint.title), (hint.title, check_voice(hint.title))
    assert hint.levels[0] == hint.title
    assert hint.fix is not None, hint.levels
    fixed = hint.fix.apply(ctx.source)
    if new_line is not None:
        assert fixed.splitlines()[line - 1].strip() == new_line
    # The last level shows the change; the middle one says why, with the numbers from the run.
    assert len(hint.levels) == 3
    assert "loop ran" in hint.levels[1] and re.search(r"\d", hint.levels[1])
    assert ("from:" in hint.levels[2] and "to:" in hint.levels[2]) or "becomes:" in hint.levels[2] or "Add this" in hint.levels[2]


def test_the_fix_for_an_update_in_one_branch_moves_it_out(context) -> None:
    source = CASES[3][1]
    ctx = context(source, timeout=TIMEOUT)
    hint = loops.loop_never_ends(ctx)
    assert hint is not None and hint.fix is not None
    fixed = hint.fix.apply(ctx.source)
    assert fixed.splitlines()[-1] == "    n = n + 1"
    assert "becomes:" in hint.levels[-1]


def test_a_loop_with_no_way_out_gets_a_hint_without_a_fix(context) -> None:
    ctx = context("n = 0\nwhile True:\n    n = n + 1\n", timeout=TIMEOUT)
    hint = loops.loop_never_ends(ctx)
    assert hint is not None and hint.line == 2 and hint.fix is None
    assert "no way out" in hint.title
    assert not check_voice(hint.title)


def test_busy_line_outside_a_loop(context) -> None:
    ctx = context("import time\ntime.sleep(30)\nprint('done')\n", timeout=TIMEOUT)
    assert ctx.outcome == "timeout"
    hint = loops.loop_never_ends(ctx)
    assert hint is not None and hint.line == 2 and hint.fix is None
    assert not check_voice(hint.title)


def test_a_for_loop_over_a_growing_list_is_left_to_its_own_diagnoser(context) -> None:
    ctx = context("names = ['a']\nfor n in names:\n    names.append(n)\n", timeout=TIMEOUT)
    if ctx.outcome in ("timeout", "killed") and ctx.result.stuck is not None:
        assert loops.loop_never_ends(ctx) is None


def _fake_context(stuck: StuckInfo, source: str = "x = 1\nname = input('Name? ')\n") -> Context:
    result = RunResult(outcome="timeout", exit_code=None, stdout="", stderr="", limit="time", stuck=stuck)
    return Context(path="/nonexistent/prog.py", source=source, result=result, extra={"verify": False})


def test_waiting_for_input_says_so() -> None:
    stuck = StuckInfo(stack=[Frame(line=2, function="<module>")], waiting_for_input=True)
    ctx = _fake_context(stuck)
    hint = loops.waiting_for_input(ctx)
    assert hint is not None and hint.line == 2
    assert "waiting" in hint.title and not check_voice(hint.title)
    assert loops.loop_never_ends(ctx) is None


def test_no_record_no_hint() -> None:
    ctx = _fake_context(StuckInfo())
    assert loops.loop_never_ends(ctx) is None
    assert loops.waiting_for_input(ctx) is None


def test_without_verification_the_likeliest_edit_is_offered_unverified() -> None:
    source = "count = 1\nwhile count <= 5:\n    print(count)\n"
    stuck = StuckInfo(
        stack=[Frame(line=3, function="<module>", locals={"count": "1"})],
        hits={2: 4000, 3: 4000},
        values={"count": ["1"]},
        sample_seconds=0.25,
    )
    hint = loops.loop_never_ends(_fake_context(stuck, source))
    assert hint is not None
    assert hint.fix is not None and hint.fix.apply(source).splitlines()[3] == "    count = count + 1"
    assert hint.line == 4
    assert "stayed 1" in hint.levels[1]


def test_needed_and_update_directions() -> None:
    import ast

    def check(test: str, keep: bool = True) -> loops.ExitCheck:
        return loops.ExitCheck(ast.parse(test, mode="eval").body, keep, 1)

    assert loops.needed_direction(check("n < 10"), "n")[0] == "up"
    assert loops.needed_direction(check("10 > n"), "n")[0] == "up"
    assert loops.needed_direction(check("n >= 10", keep=False), "n")[0] == "up"
    assert loops.needed_direction(check("lives > 0"), "lives")[0] == "down"
    assert loops.needed_direction(check("not done"), "done")[0] == "flag"
    assert loops.needed_direction(check("n != 6"), "n")[0] == "reach"
    stmt = ast.parse("n = n * 2").body[0]
    assert loops.update_direction(stmt, "n") == "up"
    assert loops.update_direction(ast.parse("n //= 2").body[0], "n") == "down"
    assert loops.update_direction(ast.parse("n = 5").body[0], "n") is None


def test_end_to_end_through_explain_file(explain) -> None:
    e = explain("total = 0\nn = 1\nwhile n <= 3:\n    total = total + n\nprint(total)\n", timeout=TIMEOUT)
    assert e.outcome == "timeout"
    h = e.hint
    assert h is not None and h.diagnoser == "loop-never-ends"
    assert h.line == 5 and h.verified is True
    assert h.fix is not None and h.fix.apply(e.source).splitlines()[4] == "    n = n + 1"
    data = e.to_json()
    assert data["hint"]["fix"]["start_line"] == 5


def test_end_to_end_printing_forever(explain) -> None:
    e = explain("lives = 3\nwhile lives > 0:\n    print('You have', lives, 'lives')\n    lives = lives + 1\n", timeout=TIMEOUT)
    assert e.outcome in ("killed", "timeout")
    assert e.hint is not None and e.hint.diagnoser == "loop-never-ends"
    assert e.hint.line == 4 and e.hint.verified is True


def test_a_fresh_random_value_each_time_is_never_called_the_wrong_way(tmp_path):
    """A short timed sample of random values can look like a trend by chance: it must not matter."""
    from tutor.explain.context import Context
    from tutor.explain.diagnosers.loops import loop_never_ends
    from tutor.run import Limits, RunResult, StuckInfo, Frame

    source = (
        "import random\nrandom.seed(1)\nrolls = 0\nroll = 0\nwhile roll != 6:\n"
        "    roll = random.randint(1, 5)\n    rolls = rolls + 1\nprint(rolls)\n"
    )
    prog = tmp_path / "dice.py"
    prog.write_text(source)
    # What a busy machine might sample: three falling values.
    stuck = StuckInfo(stack=[Frame(line=6, function="<module>", locals={"roll": "2", "rolls": "40"})],
                      hits={5: 3, 6: 3, 7: 3}, values={"roll": ["4", "3", "2"], "rolls": ["38", "39", "40"]},
                      sample_seconds=0.25, sampled_lines=9)
    result = RunResult(outcome="timeout", exit_code=None, stdout="", stderr="", limit="time", stuck=stuck, path=str(prog))
    ctx = Context(path=str(prog), source=source, result=result, limits=Limits(timeout=2))
    hint = loop_never_ends(ctx)
    assert hint is not None
    assert hint.notes.get("situation") != "wrong-way"
    assert hint.line == 6


def test_random_values_that_look_like_climbing_are_not_called_jumping_over(tmp_path):
    """The same chance trend in the other direction must not turn into 'it jumps over 6'."""
    from tutor.explain.context import Context
    from tutor.explain.diagnosers.loops import loop_never_ends
    from tutor.run import Frame, Limits, RunResult, StuckInfo

    source = (
        "import random\nrandom.seed(4)\nroll = 0\nrolls = 0\nwhile roll != 6:\n"
        "    roll = random.randint(1, 5)\n    rolls += 1\nprint(rolls)\n"
    )
    prog = tmp_path / "dice.py"
    prog.write_text(source)
    stuck = StuckInfo(stack=[Frame(line=6, function="<module>", locals={"roll": "4", "rolls": "9"})],
                      hits={5: 2, 6: 2, 7: 2}, values={"roll": ["2", "4"], "rolls": ["8", "9"]},
                      sample_seconds=0.25, sampled_lines=6)
    result = RunResult(outcome="timeout", exit_code=None, stdout="", stderr="", limit="time", stuck=stuck, path=str(prog))
    hint = loop_never_ends(Context(path=str(prog), source=source, result=result, limits=Limits(timeout=2)))
    assert hint is not None and hint.line == 6
    assert hint.notes.get("situation") not in ("jumps-over", "wrong-way")
    assert "to be 6" in hint.title
