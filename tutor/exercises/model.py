"""Exercises: the course's levels, the limits, and the data (Check, Exercise, reports)."""


from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..run import RunResult

if TYPE_CHECKING:  # the explainer is optional at run time (see _explainer())
    from ..explain.hint import Hint


# -- the course's levels ------------------------------------------------------------------------
LEVEL_NAMES: dict[int, str] = {
    1: "One letter wrong",
    2: "Punctuation",
    3: "Spaces at the start of lines",
    4: "Names and types",
    5: "Lists, loops and ranges",
    6: "The answer is wrong",
    7: "Loops that never stop",
    8: "Functions and classes",
    9: "Detective cases",
}

#: Seconds each check may run before it counts as "never stops" (an exercise may set its own).
DEFAULT_CHECK_TIMEOUT = 3.0
MAX_CHECK_TIMEOUT = 30.0
#: The longest chain of hints a multi-bug (detective) exercise may need in --validate.
MAX_HINT_CHAIN = 3

#: Room for output in a check (stdout and stderr together) and how much of it a report shows.
CHECK_OUTPUT_BYTES = 200_000
MAX_ACTUAL_CHARS = 4_000

MAX_FILE_BYTES = 256 * 1024
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
OUTCOME_WRONG_OUTPUT = "wrong-output"

KIND_OUTPUT = "output"
KIND_TESTS = "tests"
#: What the tests check "expects" and shows as "actual" when every assert passes.
TESTS_PASS = "all the tests pass"


def _show_path(path: Path) -> str:
    """A file's path as people read it: relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


# -- data ---------------------------------------------------------------------------------------
@dataclass
class Check:
    """One check: the text typed in (stdin) and the text the program should print.

    ``kind`` is ``"output"`` for a stdin/expected-output pair, ``"tests"`` for the exercise's
    assert-style lines (run after the program with the first check's stdin; they pass when they
    run to the end with no assert failing; ``expected`` is then ``TESTS_PASS`` and the check
    result's ``actual`` says which test failed).
    """

    stdin: str
    expected: str
    name: str = ""
    kind: str = KIND_OUTPUT


@dataclass
class Exercise:
    id: str
    title: str
    level: int
    level_name: str
    instructions: str  # Markdown
    starter: str
    solution: str
    checks: list[Check]
    clues: list[str]
    path: Path
    theme: str = ""
    tests: str = ""  # assert-style checks: Python run after the program
    bugs: int = 1  # planted bugs (2 or 3 only in detective cases: see validate_exercise)
    timeout: float = DEFAULT_CHECK_TIMEOUT  # seconds per check

    def all_checks(self) -> list[Check]:
        """The output checks, then (if the exercise has any) the assert-style tests as one check."""
        checks = list(self.checks)
        if self.tests.strip():
            first_stdin = self.checks[0].stdin if self.checks else ""
            checks.append(Check(stdin=first_stdin, expected=TESTS_PASS, name="tests", kind=KIND_TESTS))
        return checks


@dataclass
class LoadProblem:
    path: Path
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f" (field {self.field!r})" if self.field else ""
        return f"{_show_path(self.path)}{where}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "field": self.field, "message": self.message}


@dataclass
class LoadResult:
    exercises: list[Exercise]
    problems: list[LoadProblem]


@dataclass
class CheckResult:
    check: Check
    actual: str
    passed: bool
    result: RunResult

    def to_json(self) -> dict[str, Any]:
        return {
            "stdin": self.check.stdin,
            "expected": self.check.expected,
            "actual": self.actual,
            "passed": self.passed,
        }


@dataclass
class CheckReport:
    exercise_id: str
    passed: bool
    outcome: str  # "ok", or how the first failing check went: error/timeout/killed/exit/wrong-output
    checks: list[CheckResult]
    hint: "Hint | None"
    explanation: Any | None
    # Which check the hint is about (index into ``checks``), None when passed or no check failed.
    failed_index: int | None = None

    @property
    def first_failure(self) -> CheckResult | None:
        return self.checks[self.failed_index] if self.failed_index is not None else None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.exercise_id,
            "passed": self.passed,
            "outcome": self.outcome,
            "checks": [c.to_json() for c in self.checks],
            "hint": None if self.passed or self.hint is None else self.hint.to_json(),
        }


