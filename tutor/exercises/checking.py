"""Exercises: checking a learner's program against an exercise (in child processes), and
whether an error is still the exercise's planted bug."""


from __future__ import annotations

import difflib
import re
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..compare import first_difference, outputs_match
from ..run import (  # noqa: F401
    DEFAULT_LIMITS,
    OK,
    TIMEOUT,
    Limits,
    RunResult,
    run_program,
)

if TYPE_CHECKING:  # the explainer is optional at run time (see _explainer())
    from ..explain.hint import Hint


from .model import (  # noqa: F401
    CHECK_OUTPUT_BYTES,
    Check,
    CheckReport,
    CheckResult,
    Exercise,
    KIND_OUTPUT,
    KIND_TESTS,
    MAX_ACTUAL_CHARS,
    OUTCOME_WRONG_OUTPUT,
    TESTS_PASS,
)
from .loading import (  # noqa: F401
    _with_newline,
)


# -- checking -------------------------------------------------------------------------------------
ProgressCallback = Callable[[int, int, CheckResult], None]


def _explainer() -> Callable[..., Any] | None:
    """The explainer's ``explain_run``, or None while it is not there (or cannot be imported)."""
    try:
        from ..explain import explain_run  # type: ignore[attr-defined]
    except ImportError:
        return None
    except Exception:  # a broken explainer must never stop the checking
        return None
    return explain_run


def explainer_available() -> bool:
    return _explainer() is not None


def _parses(source: str) -> bool | None:
    """True/False whether ``source`` compiles (compiling runs none of it); None when unsure."""
    try:
        compile(source, "<program>", "exec", dont_inherit=True)
    except SyntaxError:
        return False
    except Exception:
        return None
    return True


def _tests_outcome(result: RunResult, source: str, tests: str) -> str:
    """What to show as the "actual" of the tests check."""
    if result.outcome == OK:
        if _TESTS_DONE in result.stderr:
            return TESTS_PASS
        return "the program ended before the tests could run (does it call exit()?)"
    err = result.error
    program_lines = len(source.splitlines())
    if err is not None and err.line is not None and err.line > program_lines + 1:
        test_line = tests.splitlines()[err.line - program_lines - 2] if 0 <= err.line - program_lines - 2 < len(
            tests.splitlines()) else ""
        if err.type == "AssertionError":
            return f"this test failed: {test_line.strip()}"
        return f"this test could not run ({err.type}: {err.message}): {test_line.strip()}"
    if err is not None:
        where = f" on line {err.line}" if err.line else ""
        return f"the program stopped{where} ({err.type}) before the tests could run"
    if result.outcome == TIMEOUT:
        return "the program never finished, so the tests could not run"
    return f"the tests did not run ({result.outcome})"


_TESTS_DONE = "<the tutor's tests ran to the end>"
_TESTS_DONE_CODE = f"\n__import__('sys').stderr.write({_TESTS_DONE!r} + '\\n')\n"


def _check_passed(check: Check, result: RunResult) -> bool:
    if check.kind == KIND_TESTS:
        return result.outcome == OK and _TESTS_DONE in result.stderr
    return result.outcome == OK and outputs_match(check.expected, result.stdout)


def _report_outcome(failed: CheckResult) -> str:
    """How the first failing check went: the run's outcome, or ``wrong-output`` when it ran to the
    end but printed something else (or one of the exercise's asserts failed)."""
    result = failed.result
    if result.outcome == OK:
        return OUTCOME_WRONG_OUTPUT
    if failed.check.kind == KIND_TESTS and result.error is not None and result.error.type == "AssertionError":
        return OUTCOME_WRONG_OUTPUT
    return result.outcome


def check_program(
    exercise: Exercise,
    source: str,
    *,
    path: Path | None = None,
    timeout: float | None = None,
    explain: bool = True,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> CheckReport:
    """Run ``source`` once per check of ``exercise`` (in child processes) and say how it went.

    ``path``: where the learner's file is; when it holds exactly ``source`` the program runs there
    (in its own folder), else a copy runs in a temporary folder. ``timeout``: seconds per check
    (default: the exercise's). ``on_progress(done, total, check_result)`` is called in this thread
    as each check finishes. ``cancel``: once set (the child pressed Run again), the explainer's
    repair search stops. For the first failing check (in the exercise's order) the explainer's
    hint is attached, when ``explain`` is true and the explainer is there.
    """
    limits = check_limits(exercise, timeout)
    checks = exercise.all_checks()
    with tempfile.TemporaryDirectory(prefix="tutor-check-") as tmp:
        program = _program_file(exercise, source, path, Path(tmp))
        # The learner's own folder (files their program reads live there), even for a copy.
        workdir = Path(path).resolve().parent if path is not None and Path(path).resolve().parent.is_dir() \
            else program.parent
        tests_file = None
        tests_source = ""
        if exercise.tests.strip():
            tests_file = Path(tmp) / "with_tests" / program.name
            tests_file.parent.mkdir()
            # The marker at the end proves the tests really ran to the end (a program that calls
            # exit() before them must not pass them).
            tests_source = _with_newline(source) + "\n" + exercise.tests + _TESTS_DONE_CODE
            tests_file.write_text(tests_source, encoding="utf-8")

        def run_one(check: Check) -> CheckResult:
            target = tests_file if check.kind == KIND_TESTS and tests_file is not None else program
            # Recording which line printed what lets the explainer point at a line for a wrong
            # output without running the program again.
            result = run_program(target, stdin=check.stdin, limits=limits, record_output_lines=True,
                                 cwd=workdir)
            if check.kind == KIND_TESTS:
                actual = _tests_outcome(result, _with_newline(source), exercise.tests)
            else:
                actual = _shown(result)
            return CheckResult(check=check, actual=actual, passed=_check_passed(check, result), result=result)

        results: list[CheckResult | None] = [None] * len(checks)
        done = 0
        if _parses(source) is False:
            # A program Python cannot read fails every check the same way whatever is typed in:
            # run it once and share that result.
            first = run_one(checks[0])
            for i, check in enumerate(checks):
                if i == 0:
                    results[i] = first
                else:
                    actual = _shown(first.result) if check.kind == KIND_OUTPUT else _tests_outcome(
                        first.result, _with_newline(source), exercise.tests)
                    results[i] = CheckResult(check, actual, False, first.result)
                done += 1
                if on_progress is not None:
                    on_progress(done, len(checks), results[i])  # type: ignore[arg-type]
        else:
            workers = max(1, min(len(checks), 3))
            with ThreadPoolExecutor(max_workers=workers) as pool:
                futures = {pool.submit(run_one, check): i for i, check in enumerate(checks)}
                for future in as_completed(futures):
                    i = futures[future]
                    results[i] = future.result()
                    done += 1
                    if on_progress is not None:
                        on_progress(done, len(checks), results[i])  # type: ignore[arg-type]
        final = [r for r in results if r is not None]
        failed = next((i for i, r in enumerate(final) if not r.passed), None)
        if failed is None:
            return CheckReport(exercise.id, True, OK, final, None, None)
        bad = final[failed]
        hint = explanation = None
        if explain:
            target = tests_file if bad.check.kind == KIND_TESTS and tests_file is not None else program
            # The text we know, not the file: the program may have changed or deleted its own file.
            target_source = tests_source if target == tests_file else source
            others = [
                (r.check.stdin, r.check.expected)
                for r in final
                if r is not bad and r.check.kind == KIND_OUTPUT and bad.check.kind == KIND_OUTPUT
            ]
            explanation = _explain(target, target_source, bad, limits, others, cancel)
            hint = getattr(explanation, "hint", None) if explanation is not None else None
            if bad.check.kind == KIND_TESTS:
                hint = _tests_hint(hint, source, exercise.tests, bad)
        return CheckReport(exercise.id, False, _report_outcome(bad), final, hint, explanation, failed)


def _tests_hint(hint: Any, source: str, tests: str, failed: CheckResult) -> Any:
    """The hint for a failed ``tests`` check, about the learner's own lines.

    The tests run appended to the program, so the explainer may point at one of the tutor's test
    lines, which the learner never sees ("Line 8" in a 6-line program). Such a hint is replaced by
    one that names the test that failed and the learner's function it tried."""
    program_lines = len(_with_newline(source).splitlines())
    fix = getattr(hint, "fix", None)
    inside = hint is not None and 1 <= getattr(hint, "line", 0) <= program_lines and (
        fix is None or getattr(fix, "end_line", 0) <= program_lines)
    if inside:
        return hint
    try:
        from ..explain.hint import Hint
    except Exception:  # no explainer: no hint
        return None
    err = failed.result.error
    test_lines = tests.splitlines()
    index = err.line - program_lines - 2 if err is not None and err.line is not None else -1
    test = test_lines[index].strip() if 0 <= index < len(test_lines) else ""
    if not test:
        test = next((t.strip() for t in test_lines if t.strip()), "")
    # The learner's function the test calls (the first one defined in the program), and its line.
    defined: dict[str, int] = {}
    for number, text in enumerate(source.splitlines(), start=1):
        found = re.match(r"\s*(?:def|class)\s+([A-Za-z_]\w*)", text)
        if found:
            defined.setdefault(found.group(1), number)
    called = [name for name in re.findall(r"([A-Za-z_]\w*)\s*\(", test) if name in defined]
    name = called[0] if called else None
    line = defined[name] if name else 1
    shown = f"`{test}`" if test else "one of the tests"
    if name:
        title = f"Check the instructions: the test {shown} did not pass. Look at `{name}` on line {line}."
        second = (f"The tutor tried `{name}` the way the test shows. Say it out loud: go through `{name}` line "
                  "by line with those values. What does it give back at the end?")
    else:
        title = f"Check the instructions: the test {shown} did not pass."
        second = "Say it out loud: go through your program line by line with the values in the test."
    return Hint(diagnoser="tests-failed", line=line, title=title, levels=[title, second], fix=None, verified=False)


def check_limits(exercise: Exercise, timeout: float | None = None) -> Limits:
    """The limits each check runs under: the exercise's time, and less room for output (a course
    program prints a few lines; one that prints forever is stopped sooner)."""
    seconds = timeout if timeout is not None else exercise.timeout
    return replace(DEFAULT_LIMITS.with_timeout(seconds), max_output_bytes=CHECK_OUTPUT_BYTES)


def _shown(result: RunResult) -> str:
    """What the program printed, as reported ("actual"): cut short when it is very long."""
    text = result.stdout
    if len(text) > MAX_ACTUAL_CHARS:
        cut = text.rfind("\n", 0, MAX_ACTUAL_CHARS)
        text = text[: cut + 1 if cut > 0 else MAX_ACTUAL_CHARS] + "... (much more was printed)\n"
    elif result.truncated:
        text += "... (much more was printed)\n"
    return text


def _program_file(exercise: Exercise, source: str, path: Path | None, tmp: Path) -> Path:
    if path is not None:
        try:
            if Path(path).is_file() and Path(path).read_text(encoding="utf-8-sig") == source:
                return Path(path).resolve()
        except (OSError, UnicodeDecodeError):
            pass
    program = tmp / (exercise.id.replace("-", "_") + ".py")
    program.write_text(source, encoding="utf-8")
    return program


def _explain(path: Path, source: str, failed: CheckResult, limits: Limits,
             other_checks: Sequence[tuple[str, str]] = (), cancel: threading.Event | None = None) -> Any | None:
    explain_run = _explainer()
    if explain_run is None:
        return None
    expected = failed.check.expected if failed.check.kind == KIND_OUTPUT else None
    try:
        return explain_run(path, source, failed.result, stdin=failed.check.stdin, expected_output=expected,
                           limits=limits, other_checks=other_checks,
                           **({"cancel": cancel} if cancel is not None else {}))
    except Exception:  # the explainer must never break checking: no hint this time
        return None


def describe_failure(check_result: CheckResult) -> str:
    """One line saying where the output first differs (for people)."""
    if check_result.passed:
        return "passed"
    if check_result.check.kind == KIND_TESTS:
        return check_result.actual
    diff = first_difference(check_result.check.expected, check_result.result.stdout)
    if diff is None:
        return f"the program did not finish well ({check_result.result.outcome})"
    if diff.actual is None:
        return f"line {diff.line} is missing: it should be {diff.expected!r}"
    if diff.expected is None:
        return f"line {diff.line} is extra: {diff.actual!r}"
    return f"line {diff.line} is {diff.actual!r} but should be {diff.expected!r}"


def planted_bug_lines(exercise: Exercise) -> set[int]:
    """The starter's lines (1-based) where its planted bug sits: the lines the solution changes
    or removes, and the two lines around a place where the solution adds one."""
    starter = exercise.starter.splitlines()
    solution = exercise.solution.splitlines()
    matcher = difflib.SequenceMatcher(a=[x.rstrip() for x in starter], b=[x.rstrip() for x in solution],
                                      autojunk=False)
    lines: set[int] = set()
    for op, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            lines.update(range(i1 + 1, i2 + 1))
        elif op == "insert":
            lines.update(n for n in (i1, i1 + 1) if 1 <= n <= len(starter))
    return lines


def is_planted_bug(exercise: Exercise, source: str, line: int) -> bool:
    """Whether ``line`` of the child's ``source`` is still one of the starter's planted-bug lines,
    unchanged (so the exercise's own gentle clues are about this very error)."""
    child = source.splitlines()
    if not 1 <= line <= len(child):
        return False
    text = child[line - 1].strip()
    if not text:
        return False
    starter = exercise.starter.splitlines()
    return any(starter[n - 1].strip() == text for n in planted_bug_lines(exercise) if n <= len(starter))


