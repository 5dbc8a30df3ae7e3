"""Exercises: loading them from TOML files, checking a learner's program, validating an exercise.

An exercise is a small program with one planted bug (two in the detective level) for the learner
to find and fix, plus what it should do: instructions, and checks (text typed in, text that should
come out; and, for exercises about a function, a few assert-style lines run after the program).
The file format is documented in exercises/README.md; this package is the only reader of it:
``model`` (levels, limits, data), ``loading``, ``checking`` and ``validation``.

- ``load_exercises()``: the built-in exercises, the tutor's own folder under TUTOR_HOME and any
  extra folders. A broken file gives a ``LoadProblem`` naming the file, the field and what is
  wrong; the other files still load.
- ``check_program()``: runs a program (in a child process, never here) once per check, compares
  the output forgiving only trailing spaces and blank lines at the end, and, for the first check
  that fails, asks the explainer for its "one small thing" hint.
- ``validate_exercise()``: what ``tutor exercises --validate`` checks: the starter fails its
  checks, the solution passes them, and the explainer gives a verified hint on the starter.
"""

from __future__ import annotations

from .model import (
    CHECK_OUTPUT_BYTES,
    Check,
    CheckReport,
    CheckResult,
    DEFAULT_CHECK_TIMEOUT,
    Exercise,
    ID_PATTERN,
    KIND_OUTPUT,
    KIND_TESTS,
    LEVEL_NAMES,
    LoadProblem,
    LoadResult,
    MAX_ACTUAL_CHARS,
    MAX_CHECK_TIMEOUT,
    MAX_FILE_BYTES,
    MAX_HINT_CHAIN,
    OUTCOME_WRONG_OUTPUT,
    TESTS_PASS,
)
from .loading import (
    MAX_NESTING,
    builtin_dir,
    exercise_files,
    find_exercise,
    home_dir,
    load_exercises,
    load_file,
)
from .checking import (
    ProgressCallback,
    check_limits,
    check_program,
    describe_failure,
    explainer_available,
    is_planted_bug,
    planted_bug_lines,
)
from .validation import (
    validate_all,
    validate_exercise,
)

__all__ = [
    "Check",
    "CheckReport",
    "CheckResult",
    "Exercise",
    "KIND_OUTPUT",
    "KIND_TESTS",
    "LEVEL_NAMES",
    "LoadProblem",
    "LoadResult",
    "TESTS_PASS",
    "builtin_dir",
    "check_limits",
    "check_program",
    "describe_failure",
    "exercise_files",
    "explainer_available",
    "find_exercise",
    "home_dir",
    "is_planted_bug",
    "load_exercises",
    "load_file",
    "planted_bug_lines",
    "validate_all",
    "validate_exercise",
]
