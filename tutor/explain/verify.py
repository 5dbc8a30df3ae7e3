"""Checking a fix before the tutor calls it certain.

Each candidate edit is applied to a copy of the program in its own temporary folder (together with
the small files beside it, so programs that read a data file still work), and the copy is run with
the same stdin and limits (a shorter time limit: a fixed child's program ends quickly). Candidates
run in parallel; the first one that works, in order of likelihood, wins, and the others are
stopped. The problem is gone when the copy ends normally (exit code 0, no error, no time-out) and,
when an expected output was given, prints it.
"""

from __future__ import annotations

import concurrent.futures
import logging
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from typing import Callable, Sequence

from ..run import DEFAULT_LIMITS, Limits, RunningProgram, RunResult
from .context import outcome_of
from .hint import Fix

log = logging.getLogger("tutor.explain")

#: At most this many candidate edits are tried for one explanation.
MAX_CANDIDATES = 6
#: Verification stops (and counts the rest as not verified) after this many seconds in total.
MAX_TOTAL_SECONDS = 8.0
#: Sibling files copied next to the program: how many, how big each, how big all together.
MAX_SIBLING_FILES = 40
MAX_SIBLING_BYTES = 1_000_000
MAX_SIBLINGS_TOTAL = 4_000_000
_SKIP_SUFFIXES = (".pyc", ".pyo")


@dataclass
class Trial:
    """What happened when one candidate edit was tried."""

    fix: Fix
    result: RunResult | None = None
    solved: bool = False  # the problem is gone
    same_problem: bool = False  # the copy failed exactly as the original did
    skipped: bool = False  # never run (a better candidate won first, or time ran out)
    failure: str | None = None  # an internal problem while trying (logged)
    seconds: float = 0.0


def verify_timeout(original: RunResult, limits: Limits) -> float:
    """A sensible time limit for checking a fix: enough for the program, much less than 10 s."""
    if original.outcome in ("timeout", "killed"):
        base = 0.0
    else:
        base = max(0.0, original.duration_ms / 1000.0)
    return max(0.5, min(limits.timeout, max(2.0, 2.0 * base + 1.0)))


def problem_gone(result: RunResult, expected_output: str | None) -> bool:
    return result.outcome == "ok" and outcome_of(result, expected_output) == "ok"


def same_problem(original: RunResult, result: RunResult, fix: Fix, expected_output: str | None) -> bool:
    """True when the fixed copy failed the same way as the original (the edit did not help)."""
    before = outcome_of(original, expected_output)
    after = outcome_of(result, expected_output)
    if before != after:
        return False
    if before == "error":
        a, b = original.error, result.error
        if a is None or b is None or a.type != b.type:
            return False
        line = b.line
        if line is not None and line > fix.end_line:
            # Lines after the edit moved by how many lines the edit added or removed.
            line -= len(fix.new_lines()) - (fix.end_line - fix.start_line + 1)
        return line == a.line
    if before == "wrong-output":
        return result.stdout == original.stdout
    return before in ("timeout", "killed")


def _siblings(program: str) -> list[str]:
    """Small regular files next to the program (data files it may read), within the caps."""
    folder = os.path.dirname(program)
    chosen: list[str] = []
    total = 0
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return chosen
    for entry in entries:
        if len(chosen) >= MAX_SIBLING_FILES:
            break
        try:
            if entry.path == program or entry.name.endswith(_SKIP_SUFFIXES) or not entry.is_file(follow_symlinks=False):
                continue
            size = entry.stat(follow_symlinks=False).st_size
        except OSError:
            continue
        if size > MAX_SIBLING_BYTES or total + size > MAX_SIBLINGS_TOTAL:
            continue
        chosen.append(entry.path)
        total += size
    return chosen


def _prepare(folder: str, program: str, fixed_source: str, siblings: Sequence[str]) -> str:
    for path in siblings:
        try:
            shutil.copy2(path, os.path.join(folder, os.path.basename(path)))
        except OSError:
            pass
    target = os.path.join(folder, os.path.basename(program) or "program.py")
    with open(target, "w", encoding="utf-8") as f:
        f.write(fixed_source)
    return target


def verify_fixes(
    path: str,
    source: str,
    original: RunResult,
    fixes: Sequence[Fix],
    *,
    stdin: str = "",
    expected_output: str | None = None,
    limits: Limits | None = None,
    max_candidates: int = MAX_CANDIDATES,
    max_seconds: float = MAX_TOTAL_SECONDS,
    workers: int | None = None,
    other_checks: Sequence[tuple[str, str]] = (),
    accept: Callable[[RunResult], bool] | None = None,
    plugin: str | None = None,
    cancel: threading.Event | None = None,
) -> list[Trial]:
    """Try ``fixes`` (most likely first); return one ``Trial`` per fix, in the same order.

    The first fix (in the given order) whose copy runs cleanly wins: fixes after it are stopped or
    never started, and marked ``skipped``. ``other_checks`` are more (stdin, expected output)
    pairs the program must also pass (an exercise's other checks): a fix that only makes the one
    failing check print the right thing does not count. ``accept``: one more test a fixed copy's
    run must pass to count (the repair search's guards); ``plugin``: a child plug-in for each run
(``RunningProgram``), whose messages ``accept`` may read; ``cancel``: set it (from another thread,
e.g. when the learner runs the program again) to stop every copy still running. Never raises.
    """
    trials = [Trial(fix=f) for f in fixes]
    todo = list(range(min(len(trials), max_candidates)))
    for i in range(len(todo), len(trials)):
        trials[i].skipped = True
    if not todo:
        return trials
    limits = limits or DEFAULT_LIMITS
    vlimits = replace(limits, timeout=verify_timeout(original, limits), sample_seconds=0.0)
    program = os.path.abspath(path)
    siblings = _siblings(program)
    deadline = time.monotonic() + max_seconds
    lock = threading.Lock()
    running: dict[int, RunningProgram] = {}
    finished: set[int] = set()
    cancelled = threading.Event()

    def attempt(i: int) -> None:
        trial = trials[i]
        start = time.monotonic()
        try:
            if cancelled.is_set() or time.monotonic() > deadline:
                trial.skipped = True
                return
            fixed = trial.fix.apply(source)
            with tempfile.TemporaryDirectory(prefix="tutor-verify-") as folder:
                target = _prepare(folder, program, fixed, siblings)
                prog = RunningProgram(target, stdin=stdin, limits=vlimits, cwd=folder, plugin=plugin)
                with lock:
                    if cancelled.is_set():
                        trial.skipped = True
                        return
                    running[i] = prog
                prog.start()
                try:
                    result = prog.wait()
                finally:
                    with lock:
                        running.pop(i, None)
            if cancelled.is_set() and result.limit == "stopped":
                trial.skipped = True
                return
            trial.result = result
            trial.solved = problem_gone(result, expected_output)
            if trial.solved and accept is not None:
                try:
                    trial.solved = bool(accept(result))
                except Exception:
                    trial.solved = False
            trial.same_problem = not trial.solved and same_problem(original, result, trial.fix, expected_output)
            if trial.solved and other_checks:
                trial.solved = _passes_other_checks(target_source=fixed, program=program, siblings=siblings,
                                                    limits=vlimits, checks=other_checks, cancelled=cancelled)
        except ValueError as exc:  # the edit does not fit the program
            trial.failure = str(exc)
        except Exception as exc:  # pragma: no cover - logged, never shown to the child
            trial.failure = f"{type(exc).__name__}: {exc}"
            log.exception("verifying a fix failed")
        finally:
            trial.seconds = time.monotonic() - start

    def stop_others() -> None:
        cancelled.set()
        with lock:
            progs = list(running.values())
        for prog in progs:
            try:
                prog.stop()
            except Exception:
                pass

    n_workers = workers or max(2, min(4, os.cpu_count() or 2))
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=min(n_workers, len(todo)), thread_name_prefix="tutor-verify")
    try:
        futures = {pool.submit(attempt, i): i for i in todo}
        pending = set(futures)
        while pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or (cancel is not None and cancel.is_set()):
                stop_others()
                remaining = 5.0  # let stopped runs clean up
            elif cancel is not None:
                remaining = min(remaining, 0.05)  # look at ``cancel`` often
            done, pending = concurrent.futures.wait(pending, timeout=remaining, return_when=concurrent.futures.FIRST_COMPLETED)
            for fut in done:
                finished.add(futures[fut])
            if not cancelled.is_set() and any(trials[i].solved for i in finished) and _first_solved_settled(todo, finished, trials):
                stop_others()
    except Exception:  # pragma: no cover
        log.exception("verification failed")
        stop_others()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    for i in todo:
        if i not in finished and trials[i].result is None:
            trials[i].skipped = True
    return trials


def _passes_other_checks(
    *,
    target_source: str,
    program: str,
    siblings: Sequence[str],
    limits: Limits,
    checks: Sequence[tuple[str, str]],
    cancelled: threading.Event,
) -> bool:
    """Run the fixed copy once per other check; True only if every one prints what it should."""
    for check_stdin, check_expected in checks:
        if cancelled.is_set():
            return False
        with tempfile.TemporaryDirectory(prefix="tutor-verify-") as folder:
            target = _prepare(folder, program, target_source, siblings)
            result = RunningProgram(target, stdin=check_stdin, limits=limits, cwd=folder).wait()
        if not problem_gone(result, check_expected):
            return False
    return True


def _first_solved_settled(todo: list[int], finished: set[int], trials: list[Trial]) -> bool:
    """True when some fix solved it and every more likely fix has finished (without solving)."""
    for i in todo:
        if i not in finished:
            return False
        if trials[i].solved:
            return True
    return False


def first_solved(trials: Sequence[Trial]) -> int | None:
    for i, trial in enumerate(trials):
        if trial.solved:
            return i
    return None
