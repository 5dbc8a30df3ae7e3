"""Exercises: what ``tutor exercises --validate`` checks about an exercise."""


from __future__ import annotations

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..run import ERROR, OK, TIMEOUT


from .model import (  # noqa: F401
    Check,
    CheckResult,
    Exercise,
    KIND_OUTPUT,
    MAX_HINT_CHAIN,
)
from .checking import (  # noqa: F401
    check_program,
    describe_failure,
    explainer_available,
)


# -- validating an exercise ---------------------------------------------------------------------
def _apply_fix(source: str, hint: Any) -> str | None:
    fix = getattr(hint, "fix", None)
    if fix is None:
        return None
    try:
        return fix.apply(source)
    except Exception:
        return None


def _hint_words(hint: Any) -> str:
    line = getattr(hint, "line", "?")
    title = getattr(hint, "title", "")
    diagnoser = getattr(hint, "diagnoser", "?")
    return f"[{diagnoser}] line {line}: {title}"


def validate_exercise(exercise: Exercise, *, timeout: float | None = None) -> list[str]:
    """Problems with an exercise (empty when it is good).

    - the solution passes every check;
    - the starter fails at least one check;
    - the explainer gives a verified hint on the starter (for the first failing check, with that
      check's stdin and expected output), and applying its fix makes every check pass.
    Exercises with ``bugs`` of 2 or 3 (detective cases) may need a chain of hints: apply the first
    hint's fix (verified or not), check and explain again, up to 3 steps; the chain must end in a
    program that passes every check, and the last hint in it must be verified.
    """
    problems: list[str] = []
    solution = check_program(exercise, exercise.solution, timeout=timeout, explain=False)
    for n, cr in enumerate(solution.checks, start=1):
        if not cr.passed:
            problems.append(f"the solution fails check {n}{_name(cr)}: {_failure_words(cr)}{_stdin_tip(cr.check)}")
    starter = check_program(exercise, exercise.starter, timeout=timeout, explain=True)
    if starter.passed:
        problems.append("the starter passes all its checks, so there is no bug to find")
        return problems
    if not explainer_available():
        problems.append("the explainer is not available, so the hint on the starter could not be checked")
        return problems
    source = exercise.starter
    report = starter
    applied: list[str] = []  # the fixes applied so far in a detective chain (for the messages)
    for step in range(1, MAX_HINT_CHAIN + 1):
        hint = report.hint
        failing = report.first_failure
        where = f"check {report.failed_index + 1 if report.failed_index is not None else '?'}{_name(failing)}"
        context = "" if not applied else f"after the fix from hint {', '.join(applied)}: "
        if hint is None:
            problems.append(f"{context}the program fails {where} ({report.outcome}) but the explainer gives no hint")
            return problems
        fixed = _apply_fix(source, hint)
        if fixed is None:
            problems.append(f"{context}the explainer's hint on {where} has no fix that can be applied: "
                            f"{_hint_words(hint)}")
            return problems
        after = check_program(exercise, fixed, timeout=timeout, explain=step < MAX_HINT_CHAIN)
        if after.passed:
            if not getattr(hint, "verified", False):
                problems.append(f"{context}the explainer's hint on {where} is not verified: {_hint_words(hint)}")
            return problems
        if exercise.bugs < 2:
            state = "verified" if getattr(hint, "verified", False) else "not verified"
            still = after.first_failure
            problems.append(
                f"the explainer's hint on {where} ({state}) does not fix the starter: after its fix, "
                f"check {after.failed_index + 1 if after.failed_index is not None else '?'}{_name(still)} "
                f"still fails: {_hint_words(hint)}"
            )
            return problems
        if step == MAX_HINT_CHAIN:
            problems.append(f"{MAX_HINT_CHAIN} hints in a row did not fix every bug; the last was "
                            f"{_hint_words(hint)}")
            return problems
        applied.append(f"{step} (line {getattr(hint, 'line', '?')})")
        source, report = fixed, after
    return problems


def _stdin_tip(check: Check) -> str:
    """A tip when a check's stdin has a backslash and an n where a new line was meant: what
    happens when it is written between single quotes (TOML keeps those exactly as typed)."""
    if check.kind != KIND_OUTPUT or "\\n" not in check.stdin or "\n" in check.stdin:
        return ""
    return (" (its stdin has \\n as two characters, a backslash and an n, so it is all one line; "
            "between single quotes TOML keeps \\n as it is: write the stdin in double quotes, like "
            'stdin = "3\\n4\\n", or one answer per line between three quotes)')


def _name(cr: CheckResult | None) -> str:
    if cr is None or not cr.check.name:
        return ""
    return f" ({cr.check.name})"


def _failure_words(cr: CheckResult) -> str:
    result = cr.result
    if result.outcome == ERROR and result.error is not None:
        where = f" on line {result.error.line}" if result.error.line else ""
        return f"{result.error.type}{where}: {result.error.message}"
    if result.outcome == TIMEOUT:
        return "it never finished"
    if result.outcome != OK:
        return f"it ended with {result.outcome}"
    return describe_failure(cr)


def validate_all(
    exercises: Sequence[Exercise],
    *,
    timeout: float | None = None,
    workers: int | None = None,
    on_done: Callable[[Exercise, list[str]], None] | None = None,
) -> dict[str, list[str]]:
    """``validate_exercise`` for each exercise, a few at a time; exercise id -> problems."""
    out: dict[str, list[str]] = {}
    workers = workers or max(1, min(4, (os.cpu_count() or 2)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [(ex, pool.submit(validate_exercise, ex, timeout=timeout)) for ex in exercises]
        for ex, future in futures:
            try:
                problems = future.result()
            except Exception as exc:  # a bug of ours: say so for this exercise, go on with the rest
                problems = [f"could not be validated: {exc.__class__.__name__}: {exc}"]
            out[ex.id] = problems
            if on_done is not None:
                on_done(ex, problems)
    return out


