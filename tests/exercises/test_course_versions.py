"""Every starter goes wrong in the same way, and every solution passes, on each supported Python
(3.10-3.13) installed here, so a hint never depends on which Python a child has."""

from __future__ import annotations

import glob
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tutor.compare import outputs_match
from tutor.exercises import check_limits, load_exercises
from tutor.run import run_program

EXERCISES = load_exercises(include_home=False).exercises


def pythons() -> list[str]:
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        root = os.path.expanduser("~/.pyenv")
    found = []
    for minor in ("3.10", "3.11", "3.12", "3.13"):
        paths = sorted(glob.glob(f"{root}/versions/{minor}.*/bin/python{minor}"))
        if paths:
            found.append(paths[-1])
    return found


PYTHONS = pythons()


def _what_happened(result) -> tuple:
    error = result.error
    # Object addresses (0x7f...) differ from run to run; nothing else may differ.
    stdout = re.sub(r"0x[0-9a-f]+", "0x…", result.stdout)
    if error is not None and error.type == "RecursionError":
        # Where the stack runs out (and so how much was printed first) differs between versions.
        return (result.outcome, error.type, None, stdout[:200])
    return (result.outcome, error.type if error else None, error.line if error else None, stdout[:500])


@pytest.mark.slow
@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_same_on_every_python(tmp_path: Path, exercise):
    if len(PYTHONS) < 2:
        pytest.skip("fewer than two supported Pythons are installed")
    starter = tmp_path / "starter.py"
    starter.write_text(exercise.starter)
    solution = tmp_path / "solution.py"
    solution.write_text(exercise.solution)
    check = exercise.checks[0]
    limits = check_limits(exercise, timeout=1.5)  # long enough for a solution; endless loops stop sooner

    def both(python: str) -> tuple:
        bad = run_program(starter, stdin=check.stdin, limits=limits, python=python)
        good = run_program(solution, stdin=check.stdin, limits=limits, python=python)
        return _what_happened(bad), good.outcome == "ok" and outputs_match(check.expected, good.stdout)

    with ThreadPoolExecutor(max_workers=len(PYTHONS)) as pool:
        results = dict(zip(PYTHONS, pool.map(both, PYTHONS), strict=True))
    assert all(ok for _, ok in results.values()), "the solution passes on every Python"
    seen = {python: what for python, (what, _) in results.items()}
    assert len(set(seen.values())) == 1, seen
