"""The checker: runs the program once per check, compares forgiving only trailing spaces and blank
lines at the end, reports expected and actual output, and asks the explainer about the first
failing check (and keeps going when there is no explainer)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tutor import exercises as ex_mod
from tutor.exercises import checking as ex_checking
from tutor.exercises import Check, Exercise, check_program


def make(checks, *, tests: str = "", timeout: float = 3.0, starter: str = "print('x')\n",
         solution: str = "print('y')\n") -> Exercise:
    return Exercise(
        id="test-ex",
        title="Test",
        level=1,
        level_name="One",
        instructions="Do it.",
        starter=starter,
        solution=solution,
        checks=[Check(stdin=s, expected=e, name=n) for s, e, n in checks],
        clues=[],
        path=Path("test-ex.toml"),
        tests=tests,
        timeout=timeout,
    )


ECHO = "word = input()\nprint(word)\n"


@pytest.mark.parametrize(
    "printed, expected, passes",
    [
        ("Hello\n", "Hello\n", True),
        ("Hello", "Hello\n", True),  # no newline at the end
        ("Hello   \n", "Hello\n", True),  # spaces at the end of a line
        ("Hello\n\n\n", "Hello\n", True),  # blank lines at the end
        ("Hello\n", "Hello   \n\n", True),
        ("hello\n", "Hello\n", False),  # capitals count
        ("Hel lo\n", "Hello\n", False),  # inner spaces count
        (" Hello\n", "Hello\n", False),  # spaces at the start count
        ("Hello\n\nWorld\n", "Hello\nWorld\n", False),  # a blank line in the middle counts
        ("Hello\n", "Hello\nWorld\n", False),  # a missing line
        ("Hello\nWorld\n", "Hello\n", False),  # an extra line
    ],
)
def test_comparison_forgives_only_trailing_space(printed, expected, passes):
    program = f"import sys\nsys.stdout.write({printed!r})\n"
    report = check_program(make([("", expected, "")]), program, explain=False)
    assert report.passed is passes
    assert report.checks[0].actual == printed
    assert report.checks[0].check.expected == expected


def test_each_check_reports_expected_and_actual():
    exercise = make([("cat\n", "cat\n", "one"), ("dog\n", "DOG\n", "two"), ("", "", "three")])
    seen = []
    report = check_program(exercise, ECHO, explain=False, on_progress=lambda d, t, r: seen.append((d, t)))
    assert [c.passed for c in report.checks] == [True, False, False]
    assert [c.actual for c in report.checks] == ["cat\n", "dog\n", ""]
    assert report.checks[2].result.outcome == "error" and report.checks[2].result.error.type == "EOFError"
    assert not report.passed and report.outcome == "wrong-output" and report.failed_index == 1
    assert sorted(seen) == [(1, 3), (2, 3), (3, 3)]
    data = report.to_json()
    assert list(data) == ["id", "passed", "outcome", "checks", "hint"]
    assert data["checks"][1] == {"stdin": "dog\n", "expected": "DOG\n", "actual": "dog\n", "passed": False}
    assert data["hint"] is None


def test_all_passing():
    report = check_program(make([("a\n", "a\n", ""), ("b\n", "b\n", "")]), ECHO, explain=True)
    assert report.passed and report.outcome == "ok" and report.hint is None and report.failed_index is None
    assert report.to_json()["hint"] is None


def test_error_outcome_and_output_so_far():
    program = "print('start')\nprint(scroe)\n"
    report = check_program(make([("", "start\n10\n", "")]), program, explain=False)
    assert report.outcome == "error"
    assert report.checks[0].actual == "start\n"
    assert report.checks[0].result.error.type == "NameError"


def test_syntax_error_runs_once_and_fails_every_check(monkeypatch):
    calls = []
    real = ex_checking.run_program

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(ex_checking, "run_program", counting)
    exercise = make([("1\n", "1\n", ""), ("2\n", "2\n", "")], tests="assert True\n")
    report = check_program(exercise, "print('hi'\n", explain=False)
    assert len(calls) == 1
    assert [c.passed for c in report.checks] == [False, False, False]
    assert all(c.result.error.type == "SyntaxError" for c in report.checks)


def test_endless_loop_times_out():
    exercise = make([("", "done\n", "")], timeout=0.5)
    report = check_program(exercise, "n = 0\nwhile n < 5:\n    print\nprint('done')\n", explain=False)
    assert report.outcome == "timeout" and not report.passed


def test_endless_printing_is_stopped_and_the_report_stays_small():
    report = check_program(make([("", "1\n", "")]), "while True:\n    print('again and again')\n", explain=False)
    assert report.outcome in ("killed", "timeout")
    assert len(report.checks[0].actual) < 5000
    assert report.checks[0].actual.endswith("... (much more was printed)\n")


def test_tests_run_after_the_program():
    program = "def double(n):\n    return n + n\n\nprint(double(2))\n"
    exercise = make([("", "4\n", "")], tests="assert double(3) == 6\nassert double(0) == 0\n")
    report = check_program(exercise, program, explain=False)
    assert report.passed and len(report.checks) == 2
    assert report.checks[1].check.kind == "tests" and report.checks[1].actual == report.checks[1].check.expected == "all the tests pass"

    wrong = program.replace("n + n", "n * 2 if n else 1")
    report = check_program(exercise, wrong, explain=False)
    assert [c.passed for c in report.checks] == [True, False]
    assert report.checks[1].actual == "this test failed: assert double(0) == 0"
    assert report.outcome == "wrong-output"


def test_tests_that_cannot_run_say_why():
    exercise = make([("", "4\n", "")], tests="assert double(3) == 6\n")
    report = check_program(exercise, "def twice(n):\n    return n + n\nprint(twice(2))\n", explain=False)
    assert report.checks[0].passed and not report.checks[1].passed
    assert "NameError" in report.checks[1].actual and "double(3)" in report.checks[1].actual


def test_program_runs_in_place_when_path_holds_the_source(tmp_path):
    (tmp_path / "data.txt").write_text("from a file\n")
    program = "print(open('data.txt').read().strip())\n"
    path = tmp_path / "mine.py"
    path.write_text(program)
    report = check_program(make([("", "from a file\n", "")]), program, path=path, explain=False)
    assert report.passed
    assert report.checks[0].result.path == str(path.resolve())
    # Unsaved changes: the text given is what runs (a copy elsewhere), not the file.
    report = check_program(make([("", "other\n", "")]), "print('other')\n", path=path, explain=False)
    assert report.passed and report.checks[0].result.path != str(path.resolve())


def test_hint_comes_from_the_first_failing_check(monkeypatch):
    calls = []
    seen_others = []

    def fake_explain_run(path, source, result, *, stdin="", expected_output=None, limits=None, other_checks=()):
        calls.append((Path(path).read_text(), source, result.stdout, stdin, expected_output, limits.timeout))
        seen_others.append(list(other_checks))
        return SimpleNamespace(hint=SimpleNamespace(to_json=lambda: {"title": "look at line 2"}))

    monkeypatch.setattr(ex_checking, "_explainer", lambda: fake_explain_run)
    exercise = make([("cat\n", "cat\n", ""), ("dog\n", "DOG\n", ""), ("emu\n", "EMU\n", "")], timeout=2.0)
    report = check_program(exercise, ECHO)
    assert calls == [(ECHO, ECHO, "dog\n", "dog\n", "DOG\n", 2.0)]
    # A fix must also pass the exercise's other checks before it counts as verified.
    assert seen_others == [[("cat\n", "cat\n"), ("emu\n", "EMU\n")]]
    assert report.to_json()["hint"] == {"title": "look at line 2"}
    assert report.explanation is not None


def test_no_explainer_means_no_hint_and_checking_goes_on(monkeypatch):
    monkeypatch.setitem(sys.modules, "tutor.explain", None)  # importing it raises ImportError
    assert ex_checking._explainer() is None
    report = check_program(make([("dog\n", "DOG\n", "")]), ECHO)
    assert not report.passed and report.hint is None and report.explanation is None
    assert report.to_json()["hint"] is None


def test_a_broken_explainer_never_breaks_checking(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("oops")

    monkeypatch.setattr(ex_checking, "_explainer", lambda: broken)
    report = check_program(make([("dog\n", "DOG\n", "")]), ECHO)
    assert not report.passed and report.hint is None


def test_real_explainer_gets_a_hint_for_a_builtin_starter():
    pytest.importorskip("tutor.explain")
    exercise = ex_mod.find_exercise("puppy-name")
    report = check_program(exercise, exercise.starter)
    assert not report.passed and report.outcome == "error"
    assert report.hint is not None and report.hint.line == 3
    data = report.to_json()
    assert data["hint"]["line"] == 3 and "levels" in data["hint"]


def test_describe_failure():
    exercise = make([("", "a\nb\n", "")])
    missing = check_program(exercise, "print('a')\n", explain=False).checks[0]
    assert ex_mod.describe_failure(missing) == "line 2 is missing: it should be 'b'"
    extra = check_program(exercise, "print('a\\nb\\nc')\n", explain=False).checks[0]
    assert ex_mod.describe_failure(extra) == "line 3 is extra: 'c'"
    other = check_program(exercise, "print('a\\nB')\n", explain=False).checks[0]
    assert ex_mod.describe_failure(other) == "line 2 is 'B' but should be 'b'"


def test_tests_run_in_the_programs_folder(tmp_path):
    (tmp_path / "words.txt").write_text("moon\n")
    program = "def word():\n    return open('words.txt').read().strip()\n\nprint(word())\n"
    path = tmp_path / "mine.py"
    path.write_text(program)
    exercise = make([("", "moon\n", "")], tests="assert word() == 'moon'\n")
    report = check_program(exercise, program, path=path, explain=False)
    assert [c.passed for c in report.checks] == [True, True]


def test_unsaved_changes_still_run_in_the_learners_folder(tmp_path):
    (tmp_path / "words.txt").write_text("star\n")
    path = tmp_path / "mine.py"
    path.write_text("print('old version')\n")
    report = check_program(make([("", "star\n", "")]), "print(open('words.txt').read().strip())\n", path=path,
                           explain=False)
    assert report.passed


def test_a_program_that_exits_early_does_not_pass_the_tests():
    program = "def double(n):\n    return 0\n\nprint(4)\nexit()\n"
    exercise = make([("", "4\n", "")], tests="assert double(3) == 6\n")
    report = check_program(exercise, program, explain=False)
    assert [c.passed for c in report.checks] == [True, False]
    assert "exit()" in report.checks[1].actual


def test_a_program_that_deletes_its_own_file_is_checked_and_explained(tmp_path):
    program = "import os\nos.remove(__file__)\nprint('hi')\n"
    path = tmp_path / "mine.py"
    path.write_text(program)
    report = check_program(make([("", "hello\n", "")]), program, path=path)  # no crash
    assert not report.passed and report.failed_index == 0
    assert not path.exists()  # the program's own doing; the check still reports it


def test_a_failed_test_gets_a_hint_about_the_learners_own_lines():
    # The tests run appended to the program; a hint must never name one of those hidden lines.
    program = "def double(n):\n    n * 2\n\nprint(4)\n"
    exercise = make([("", "4\n", "")], tests="assert double(0) == 0 or True\nassert double(3) == 6\n")
    report = check_program(exercise, program)
    assert [c.passed for c in report.checks] == [True, False]
    hint = report.hint
    assert hint is not None and 1 <= hint.line <= len(program.splitlines())
    assert hint.line == 1 and "double" in hint.title and "assert double(3) == 6" in hint.title
    assert hint.fix is None and not hint.verified
    data = report.to_json()["hint"]
    assert data["line"] == 1 and data["diagnoser"] == "tests-failed"


def test_a_hint_inside_the_program_is_kept_for_a_failed_test():
    program = "def double(n):\n    return m * 2\n\nprint(4)\n"
    exercise = make([("", "4\n", "")], tests="assert double(3) == 6\n")
    report = check_program(exercise, program)
    # The program's own print passes; the tests meet the NameError on line 2 of the learner's code.
    assert [c.passed for c in report.checks] == [True, False]
    assert report.hint is not None and report.hint.line == 2 and report.hint.diagnoser != "tests-failed"
