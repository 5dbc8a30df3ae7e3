"""The engine and the public API: ranking, verification, never crashing, the JSON contract, the CLI."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from explain_helpers import check

from tutor.explain import Explanation, Fix, Hint, explain_file, explain_run
from tutor.explain import engine, registry
from tutor.explain.context import Context
from tutor.run import run_program


@pytest.fixture
def temp_diagnoser():
    """Register diagnosers for one test only."""
    added: list[str] = []

    def add(id: str, func, **kwargs):
        registry.load_all()
        registry.diagnoser(id, **kwargs)(func)
        added.append(id)

    yield add
    for id in added:
        registry._REGISTRY.pop(id, None)


CRASH = """
x = 1
y = x + "a"
print(y)
"""


def test_json_follows_schema_1(explain):
    e = explain("""
        age = input("Age? ")
        print(age + 1)
    """, stdin="9\n")
    data = e.to_json()
    assert set(data) >= {"schema", "python", "outcome", "error", "hint", "timing_ms"}
    assert data["schema"] == 1 and data["outcome"] == "error"
    assert data["error"] == {"type": "TypeError", "message": e.error.message, "line": 2}
    hint = data["hint"]
    assert set(hint) >= {"diagnoser", "line", "title", "levels", "fix", "verified"}
    assert hint["title"] == hint["levels"][0]
    assert set(hint["fix"]) == {"start_line", "end_line", "replacement"}
    assert hint["fix"]["replacement"].endswith("\n")
    assert set(data["timing_ms"]) >= {"run", "explain", "verify"}
    json.dumps(data)


def test_ok_program_has_no_hint(explain):
    e = explain('print("hi")\n')
    assert e.outcome == "ok" and e.hint is None and e.error is None
    assert e.to_json()["hint"] is None


def test_expected_output_matches_is_ok(explain):
    e = explain('print("hi")\n', expected_output="hi\n")
    assert e.outcome == "ok" and e.hint is None


def test_wrong_output_gets_a_hint(explain):
    e = explain('print("hello")\n', expected_output="Hello\n")
    assert e.outcome == "wrong-output" and e.hint is not None and e.error is None
    assert e.hint.line == 1


def test_sys_exit_counts_as_ran(explain):
    e = explain("import sys\nprint('a')\nsys.exit(3)\n")
    assert e.outcome == "ok"


def test_timeout_gets_a_hint(explain):
    e = explain("""
        n = 0
        while n < 5:
            print("again")
    """, timeout=1.0)
    assert e.outcome in ("timeout", "killed")
    assert e.hint is not None and 1 <= e.hint.line <= 3


def test_failing_diagnoser_is_logged_and_skipped(explain, temp_diagnoser, caplog):
    def broken(ctx):
        raise RuntimeError("oops")

    temp_diagnoser("test-broken", broken, errors=("TypeError",), priority=0)
    with caplog.at_level(logging.ERROR, logger="tutor.explain"):
        e = explain(CRASH)
    assert e.hint is not None and e.hint.diagnoser != "test-broken"
    assert any("test-broken" in p for p in e.problems)
    assert any("test-broken" in r.getMessage() for r in caplog.records)


def test_engine_failure_still_gives_a_kind_hint(explain, monkeypatch):
    def boom(ctx, problems=None):
        raise RuntimeError("engine broke")

    monkeypatch.setattr(engine, "collect", boom)
    e = explain(CRASH)
    assert e.hint is not None and e.hint.line == 2
    assert e.hint.fix is None and not e.hint.verified
    assert e.problems


def test_fix_that_does_not_help_is_dropped(explain, temp_diagnoser, monkeypatch):
    monkeypatch.setenv("TUTOR_SEARCH_SECONDS", "0")  # the diagnoser's own hint, not the search's
    def useless(ctx):
        return Hint("test-useless", 2, "Line 2: look here.", ["Line 2: look here.", "why", "change"],
                    fix=Fix.replace_line(1, "x = 2"), confidence=1.0)

    temp_diagnoser("test-useless", useless, errors=("AssertionError",), priority=0)
    e = explain("x = 1\nassert x == 5\n")
    assert e.hint.diagnoser == "test-useless"
    assert e.hint.fix is None and e.hint.verified is False
    assert len(e.hint.levels) == 2  # the level describing the useless edit is gone


def test_fix_with_progress_is_kept_but_not_certain(explain, temp_diagnoser, monkeypatch):
    monkeypatch.setenv("TUTOR_SEARCH_SECONDS", "0")  # the diagnoser's own hint, not the search's
    def partial(ctx):
        return Hint("test-partial", 1, "Line 1: look here.", ["Line 1: look here.", "why", "change"],
                    fix=Fix.replace_line(1, "x = 5"), confidence=1.0)

    temp_diagnoser("test-partial", partial, errors=("AssertionError",), priority=0)
    e = explain("x = 1\nassert x == 5\nassert x == 6\n")
    assert e.hint.diagnoser == "test-partial"
    assert e.hint.fix == Fix.replace_line(1, "x = 5") and e.hint.verified is False


def test_candidate_that_works_is_chosen(explain, temp_diagnoser):
    def guesses(ctx):
        return Hint("test-guesses", 2, "Line 2: look here.", ["Line 2: look here.", "why", "old change"],
                    fix=Fix.replace_line(2, 'y = x + "b"'), candidates=[Fix.replace_line(2, "y = x + 1")], confidence=1.0)

    temp_diagnoser("test-guesses", guesses, errors=("TypeError",), priority=0)
    e = explain(CRASH)
    assert e.hint.diagnoser == "test-guesses" and e.hint.verified
    assert e.hint.fix == Fix.replace_line(2, "y = x + 1")
    assert "y = x + 1" in e.hint.levels[-1]


def test_verified_hint_beats_better_ranked_unverified(explain, temp_diagnoser):
    def wrong(ctx):
        return Hint("test-wrong", 1, "Line 1: hmm.", ["Line 1: hmm."], fix=Fix.replace_line(1, "x = 5"), confidence=1.0)

    temp_diagnoser("test-wrong", wrong, errors=("TypeError",), priority=0)
    e = explain(CRASH)
    assert e.hint.diagnoser == "str-plus-number" and e.hint.verified


def test_fix_outside_the_program_is_ignored(explain, temp_diagnoser):
    def outside(ctx):
        return Hint("test-outside", 99, "Line 99: nowhere.", ["Line 99: nowhere."], fix=Fix.replace_line(99, "x"), confidence=1.0)

    temp_diagnoser("test-outside", outside, errors=("TypeError",), priority=0)
    e = explain(CRASH)
    # The hint is kept but moved to the line Python named; the impossible fix is gone.
    hints = {h.diagnoser: h for h in e.all_hints}
    assert hints["test-outside"].line == 2 and hints["test-outside"].fix is None


def test_verification_uses_the_same_stdin_and_sibling_files(explain):
    e = explain("""
        with open("data.txt") as f:
            base = int(f.read())
        extra = input("More: ")
        print(base + extra)
    """, stdin="5\n", files={"data.txt": "10"})
    check(e, "input-not-converted", 3, 'extra = int(input("More: "))')


def test_verification_does_not_touch_the_real_folder(explain, tmp_path):
    e = explain("""
        with open("out.txt", "w") as f:
            f.write("hi")
        print(undefined_nam)
    """)
    assert e.hint is not None
    folder = Path(e.path).parent
    assert sorted(p.name for p in folder.iterdir()) == ["out.txt", "prog.py"]


def test_explain_run_with_an_existing_result(tmp_path):
    prog = tmp_path / "p.py"
    prog.write_text('score = 1\nprint(scroe)\n')
    result = run_program(prog)
    e = explain_run(prog, prog.read_text(), result)
    assert isinstance(e, Explanation)
    check(e, "name-typo", 2, "print(score)")


def test_explain_run_wrong_output_records_printing_lines(tmp_path):
    prog = tmp_path / "p.py"
    prog.write_text('print("a")\nprint("b")\n')
    result = run_program(prog)  # without the record of which line printed what
    e = explain_run(prog, prog.read_text(), result, expected_output="a\nc\n")
    assert e.outcome == "wrong-output" and e.hint.line == 2


def test_bad_arguments(tmp_path):
    with pytest.raises(FileNotFoundError):
        explain_file(tmp_path / "nope.py")
    with pytest.raises(ValueError):
        explain_file(tmp_path)
    prog = tmp_path / "p.py"
    prog.write_text("print(1)\n")
    with pytest.raises(ValueError):
        explain_file(prog, stdin=3)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        explain_file(prog, timeout=-1)
    (tmp_path / "b.py").write_bytes(b"\xff\xfe\x00bin")
    with pytest.raises(ValueError):
        explain_file(tmp_path / "b.py")


def test_hostile_program_does_not_break_the_explainer(explain):
    e = explain("""
        import sys
        class Weird(Exception):
            def __str__(self):
                raise RuntimeError("no")
        raise Weird()
    """)
    assert e.outcome == "error" and e.hint is not None


def test_empty_program_and_syntax_error_still_explained(explain):
    assert explain("").outcome == "ok"
    e = explain("print('hi'\n")
    assert e.outcome == "error" and e.hint is not None


def test_last_resort_hint_is_kind():
    from tutor.explain.words import check_voice
    from tutor.run import RunResult
    from tutor.run.result import ErrorInfo

    for outcome, error in (("error", ErrorInfo("WeirdError", "x", 3)), ("timeout", None), ("killed", None)):
        ctx = Context("p.py", "a\nb\nc\n", RunResult(outcome, 1, "", "", error=error))
        hint = engine.last_resort_hint(ctx)
        assert not check_voice(hint.title), hint.title
        assert 1 <= hint.line <= 3


# -- the command line ---------------------------------------------------------------------------
def _tutor(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    import os
    import tempfile

    with tempfile.TemporaryDirectory(prefix="tutor-home-") as home:  # no parents' settings from this machine
        env = dict(os.environ, TUTOR_HOME=home)
        env.pop("FORCE_COLOR", None)
        return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, cwd=cwd, timeout=60, env=env)


def test_cli_json(tmp_path):
    prog = tmp_path / "p.py"
    prog.write_text('age = input("Age? ")\nprint(age + 1)\n')
    out = _tutor("explain", str(prog), "--stdin", "9\n", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["hint"]["diagnoser"] == "input-not-converted" and data["hint"]["verified"] is True


def test_cli_human_output_and_expected_output(tmp_path):
    prog = tmp_path / "p.py"
    prog.write_text('print("Hello")\n')
    want = tmp_path / "want.txt"
    want.write_text("Hi\n")
    out = _tutor("explain", str(prog), "--expected-output", str(want))
    assert out.returncode == 0, out.stderr
    assert "Line 1" in out.stdout and "\x1b[" not in out.stdout


def test_cli_usage_problems(tmp_path):
    for args in (["explain", str(tmp_path / "nope.py")], ["explain", str(tmp_path), "--json"], ["explain", "x.py", "--timeout", "-3"]):
        out = _tutor(*args)
        assert out.returncode == 2
        assert out.stdout == "" and len(out.stderr.strip().splitlines()) == 1, out.stderr
    prog = tmp_path / "p.py"
    prog.write_text("print(1)\n")
    out = _tutor("explain", str(prog), "--expected-output", str(tmp_path / "missing.txt"))
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1


# -- the human output -------------------------------------------------------------------------------
def test_render_plain_and_coloured(explain):
    from tutor.explain.render import render

    e = explain("""
        age = input("Age? ")
        print(age + 1)
    """, stdin="9\n")
    plain = render(e, colour=False)
    assert "\x1b[" not in plain
    assert "Line 1" in plain and "tried it on a copy" in plain
    assert '-    1 │ age = input("Age? ")' in plain
    assert '+    1 │ age = int(input("Age? "))' in plain
    coloured = render(e, colour=True)
    assert "\x1b[" in coloured


def test_render_unverified_fix_is_not_certain(explain, temp_diagnoser):
    from tutor.explain.render import render

    def partial(ctx):
        return Hint("test-partial", 1, "Line 1: look here.", ["Line 1: look here.", "why", "change"],
                    fix=Fix.replace_line(1, "x = 5"), confidence=1.0)

    temp_diagnoser("test-partial", partial, errors=("AssertionError",), priority=0)
    e = explain("x = 1\nassert x == 5\nassert x == 6\n")
    text = render(e)
    assert "could not check it" in text and "tried it on a copy" not in text


def test_render_ok_and_timeout(explain):
    from tutor.explain.render import render

    assert "without any problem" in render(explain('print("hi")\n'))
    text = render(explain("while True:\n    pass\n", timeout=0.5))
    assert "stopped" in text and "▶" in text


def test_a_fix_must_pass_the_other_checks_too(tmp_path):
    """A change that only makes the one failing check print the right text is not verified."""
    from tutor.explain import explain_run
    from tutor.run import run_program

    prog = tmp_path / "level.py"
    source = "points = int(input())\nif points > 10:\n    print('Level up!')\nelse:\n    print('Keep going')\n"
    prog.write_text(source)
    result = run_program(prog, stdin="10\n", record_output_lines=True)
    alone = explain_run(prog, source, result, stdin="10\n", expected_output="Level up!\n")
    both = explain_run(
        prog, source, result, stdin="10\n", expected_output="Level up!\n",
        other_checks=[("3\n", "Keep going\n"), ("15\n", "Level up!\n")],
    )
    assert both.hint is not None and both.hint.line == 2 and both.hint.verified
    fixed = both.hint.fix.apply(source)
    prog.write_text(fixed)
    for stdin, expected in [("10\n", "Level up!"), ("3\n", "Keep going"), ("15\n", "Level up!")]:
        assert run_program(prog, stdin=stdin).stdout.strip() == expected
    assert alone.hint is not None


def test_other_checks_reject_a_fix_that_only_fits_one(tmp_path):
    from tutor.explain.hint import Fix
    from tutor.explain.verify import verify_fixes
    from tutor.run import run_program

    prog = tmp_path / "double.py"
    source = "n = int(input())\nprint(n + 2)\n"
    prog.write_text(source)
    original = run_program(prog, stdin="3\n")
    cheat = Fix.replace_line(2, "print(6)")
    real = Fix.replace_line(2, "print(n * 2)")
    trials = verify_fixes(str(prog), source, original, [cheat, real], stdin="3\n", expected_output="6\n",
                          other_checks=[("5\n", "10\n")])
    assert [t.solved for t in trials] == [False, True]
    trials = verify_fixes(str(prog), source, original, [cheat], stdin="3\n", expected_output="6\n")
    assert trials[0].solved


def test_memory_bomb_is_not_called_a_never_ending_loop(tmp_path):
    from tutor.explain import explain_run
    from tutor.run import Limits, run_program

    prog = tmp_path / "grow.py"
    source = "words = ['hi']\nwhile True:\n    words = words + words\n"
    prog.write_text(source)
    result = run_program(prog, limits=Limits(timeout=10, memory_mb=256))
    assert result.outcome == "killed" and result.limit == "memory"
    e = explain_run(prog, source, result, limits=Limits(timeout=10, memory_mb=256))
    assert e.hint is not None
    assert "memory" in " ".join(e.hint.levels).lower()
    assert e.hint.diagnoser != "loop-never-ends"
