"""``tutor check EXERCISE_ID [PATH]``: run a program against an exercise's checks.

PATH defaults to the learner's saved work for that exercise (their profile: --profile,
$TUTOR_PROFILE or the last one used). With a profile, the try is recorded in the progress store
and the session log; with no profile at all, nothing is recorded.
"""

from __future__ import annotations

import argparse
import difflib
import shlex
import sys
import time
from typing import Any

from ._common import UsageError
from ..term import Painter, highlight_python, use_colour
from . import _common
from .exercises import extra_dirs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("exercise_id", metavar="EXERCISE_ID", help="the exercise (see: tutor exercises)")
    parser.add_argument("path", metavar="PATH", nargs="?", help="the program to check (default: your saved work)")
    parser.add_argument("--json", action="store_true", help="print one JSON object for tools")
    parser.add_argument("--dir", action="append", default=[], metavar="DIR",
                        help="also look for the exercise in this folder")
    parser.add_argument("--timeout", type=_common.positive_seconds, metavar="S",
                        help="seconds each check may run (default: the exercise's, usually 3)")


def _profile(args: argparse.Namespace) -> str | None:
    from ..progress import ProfileNameError, current_profile

    try:
        return current_profile(getattr(args, "profile", None))
    except ProfileNameError as exc:
        raise UsageError(f"that profile name cannot be used: {exc}") from None


def run(args: argparse.Namespace) -> int:
    from ..exercises import check_program, load_exercises

    if not args.exercise_id.strip():
        raise UsageError("the exercise id is empty; see: tutor exercises")
    loaded = load_exercises(extra_dirs(args))
    exercise = next((e for e in loaded.exercises if e.id == args.exercise_id), None)
    if exercise is None:
        close = difflib.get_close_matches(args.exercise_id, [e.id for e in loaded.exercises], n=1)
        also = f" (did you mean {close[0]}?)" if close else "; see: tutor exercises"
        broken = [p for p in loaded.problems if p.path.stem == args.exercise_id]
        if broken:
            # Every problem in the file, on one line, so they can all be fixed in one go.
            words = "; ".join(str(p) if i == 0 else (f"field {p.field!r}: " if p.field else "") + p.message
                              for i, p in enumerate(broken))
            raise UsageError(f"the exercise {args.exercise_id} cannot be loaded: {words}")
        raise UsageError(f"no exercise called {args.exercise_id}{also}")
    # Another file that wanted this id (a parent's copy of a course exercise, say) was not loaded:
    # say so, or its author would wonder why their checks are not the ones used.
    for problem in loaded.problems:
        if problem.path != exercise.path and problem.field == "id" and f"{exercise.id!r} is already" in problem.message:
            print(f"Note: {problem}", file=sys.stderr)

    profile = _profile(args)
    if args.path is not None:
        path, source = _common.read_program(args.path)
    else:
        if profile is None:
            raise UsageError("give the PATH of your program (or a --profile whose saved work to check)")
        from ..progress import work_path

        saved = work_path(profile, exercise.id)
        if not saved.is_file():
            raise UsageError(f"{profile} has no saved work for {exercise.id} yet; give the PATH of a program")
        path, source = _common.read_program(str(saved))

    timeout = args.timeout if args.timeout is not None else _common.env_timeout()
    started = time.monotonic()
    report = check_program(exercise, source, path=path, timeout=timeout)
    seconds = time.monotonic() - started
    _record(_common.recording_profile(args), exercise.id, report, seconds)
    report.hint = _common.limited_hint(report.hint)

    if args.json:
        _common.print_json(report.to_json())
    else:
        _show(report, exercise, source, path.name, timeout=timeout)
    return 0 if report.passed else 1


def _record(profile: str | None, exercise_id: str, report: Any, seconds: float) -> None:
    if profile is None:
        return
    from ..progress import ProgressStore, SessionLog

    try:
        store = ProgressStore(profile)
        was_solved = store.get(exercise_id).solved
        progress = store.record_try(exercise_id, report.passed)
        if store.problem:
            print(f"Note: {store.problem}", file=sys.stderr)
        hint = report.hint
        failed = report.first_failure
        error = failed.result.error if failed is not None else None
        # The same fields as the app's "check" events, so the parents' report reads both alike.
        log = SessionLog(profile)
        log.append(
            "check",
            exercise_id=exercise_id,
            passed=report.passed,
            outcome=report.outcome,
            error_type=error.type if error is not None else None,
            hint_diagnoser=getattr(hint, "diagnoser", None),
            hint_line=getattr(hint, "line", None),
            checks_passed=sum(1 for c in report.checks if c.passed),
            checks=len(report.checks),
            tries=progress.tries,
            seconds=round(seconds, 2),
            via="cli",
        )
        if progress.solved and not was_solved:
            log.append("solved", exercise_id=exercise_id, tries=progress.tries, clues_used=progress.clues_used,
                       via="cli")
    except OSError as exc:
        print(f"Note: your progress could not be saved ({exc.strerror or exc}).", file=sys.stderr)


def _show(report: Any, exercise: Any, source: str, name: str, timeout: float | None = None) -> None:
    with _common.safe_terminal():
        _show_text(report, exercise, source, name, timeout)


def _show_text(report: Any, exercise: Any, source: str, name: str, timeout: float | None = None) -> None:
    from ..exercises import KIND_TESTS, describe_failure

    colour = use_colour(sys.stdout)
    paint = Painter(colour)
    print(paint(f"▶ {exercise.title}", "bold", "cyan") + paint(f"  ({exercise.id})", "dim"))
    shown_problem = None
    for n, cr in enumerate(report.checks, start=1):
        label = f"Check {n}" + (f" ({cr.check.name})" if cr.check.name else "")
        if cr.passed:
            print(paint(f"  ✔ {label}", "green"))
            continue
        print(paint(f"  ✘ {label}", "red", "bold"))
        if cr.check.kind == KIND_TESTS:
            print(f"      {cr.actual}")
            continue
        result = cr.result
        problem = _problem_key(result)
        if problem is not None and problem == shown_problem:
            print(paint("      the same problem as above", "dim"))
            continue
        shown_problem = problem
        if cr.check.stdin:
            print("      typed in:     " + _block(cr.check.stdin, 20))
        print("      should print: " + _block(cr.check.expected, 20))
        if result.outcome == "error" and result.error is not None:
            err = result.error
            where = f" on line {err.line}" if err.line else ""
            if cr.actual.strip():
                print("      it printed:   " + _block(cr.actual, 20))
            print(paint(f"      it stopped{where} with {_a(err.type)}: {err.message}", "yellow"))
        elif result.outcome == "timeout":
            limit_s = timeout if timeout is not None else exercise.timeout
            print(paint(f"      it was still going after {limit_s:g} s, so it was stopped", "yellow"))
        elif result.outcome == "killed" and result.limit == "output":
            print("      it printed:   " + _block(_head(cr.actual, 6), 20))
            print(paint("      it printed too much, so it was stopped", "yellow"))
        elif result.outcome != "ok":
            print(paint(f"      it ended early ({result.outcome})", "yellow"))
        else:
            print("      it printed:   " + _block(cr.actual, 20))
            print(paint(f"      {describe_failure(cr)}", "dim"))
    passed = sum(1 for c in report.checks if c.passed)
    print()
    if report.passed:
        print(paint(f"🎉 All {len(report.checks)} checks pass. You fixed it!", "bold", "green"))
        return
    print(paint(f"{passed} of {len(report.checks)} checks pass. Every try is progress!", "bold"))
    hint = report.hint
    if hint is not None:
        print(paint(f"💡 {hint.title}", "bold", "cyan"))
        lines = source.splitlines()
        if 1 <= hint.line <= len(lines):
            print("  " + paint(f"{hint.line:>4} │ ", "dim") + highlight_python(lines[hint.line - 1], colour))
        failed = report.first_failure
        if failed is not None and failed.result.outcome in ("error", "timeout", "killed") and failed.check.kind != KIND_TESTS:
            stdin = f" --stdin {shlex.quote(failed.check.stdin.replace(chr(10), chr(92) + 'n'))}" if failed.check.stdin else ""
            print(paint(f"  More clues: tutor explain {shlex.quote(name)}{stdin}", "dim"))
    else:
        print(paint("💡 Read the instructions again and compare them with what your program printed.", "cyan"))


def _block(text: str, indent: int) -> str:
    lines = text.rstrip("\n").split("\n") if text.strip() else ["(nothing)"]
    return ("\n" + " " * indent).join(lines)


def _head(text: str, lines: int, width: int = 100) -> str:
    """The first few lines of a flood of output, each cut to a width that fits a screen."""
    parts = text.split("\n")
    shown = [p if len(p) <= width else p[:width] + "…" for p in parts[:lines]]
    return "\n".join(shown) + ("\n..." if len(parts) > lines else "")


def _a(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def _problem_key(result: Any) -> tuple | None:
    """Checks that failed the same way (same error on the same line) are shown once."""
    if result.outcome == "error" and result.error is not None:
        return ("error", result.error.type, result.error.line, result.error.message)
    if result.outcome in ("timeout", "killed"):
        return (result.outcome, result.limit)
    return None
