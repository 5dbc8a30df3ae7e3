"""Exercises: loading them from TOML files, checking a learner's program, validating an exercise.

An exercise is a small program with one planted bug (two in the detective level) for the learner
to find and fix, plus what it should do: instructions, and checks (text typed in, text that should
come out; and, for exercises about a function, a few assert-style lines run after the program).
The file format is documented in exercises/README.md; this module is the only reader of it.

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

import difflib
import os
import re
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from .compare import first_difference, outputs_match
from .run import DEFAULT_LIMITS, ERROR, OK, TIMEOUT, Limits, RunResult, run_program

if TYPE_CHECKING:  # the explainer is optional at run time (see _explainer())
    from .explain.hint import Hint

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

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


# -- where exercises live -------------------------------------------------------------------------
def builtin_dir() -> Path:
    """The built-in course: ``tutor/_exercises`` in an installed copy, else the project's exercises/."""
    here = Path(__file__).resolve().parent
    packaged = here / "_exercises"
    if packaged.is_dir():
        return packaged
    return here.parent / "exercises"


def home_dir() -> Path:
    """A parent's or teacher's own exercises: ``exercises/`` under TUTOR_HOME (created if needed)."""
    from .storage import data_home

    folder = data_home() / "exercises"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    return folder


def exercise_files(folder: Path, _depth: int = 0) -> list[Path]:
    """The ``.toml`` files in ``folder`` and its sub-folders (hidden ones skipped), sorted."""
    found: list[Path] = []
    if _depth > 6:  # deep enough for any tidy folder; stops a folder that links to itself
        return found
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return found
    for entry in entries:
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir():
            found.extend(exercise_files(entry, _depth + 1))
        elif entry.suffix == ".toml" and entry.is_file():
            found.append(entry)
    return found


# -- loading --------------------------------------------------------------------------------------
_KNOWN_FIELDS = {
    "id",
    "title",
    "level",
    "level_name",
    "theme",
    "instructions",
    "starter",
    "solution",
    "checks",
    "tests",
    "clues",
    "bugs",
    "timeout",
}
_CHECK_FIELDS = {"stdin", "expected", "name"}


class _Bad(Exception):
    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def load_file(path: Path) -> tuple[Exercise | None, list[LoadProblem]]:
    """One exercise file: the exercise (None if it cannot be used) and its problems.

    Every problem in the file is reported at once (not only the first), so an author can fix them
    all in one go."""
    problems: list[LoadProblem] = []
    try:
        data = _read_toml(path)
        exercise = _build(path, data, problems)
    except _Bad as bad:
        problems.append(LoadProblem(path, bad.field, bad.message))
        return None, problems
    except _AllBad as bad:
        problems.extend(LoadProblem(path, b.field, b.message) for b in bad.problems)
        return None, problems
    return exercise, problems


class _AllBad(Exception):
    """Several fields of one file are wrong (each one a ``_Bad``)."""

    def __init__(self, problems: list[_Bad]) -> None:
        super().__init__("; ".join(b.message for b in problems))
        self.problems = problems


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Bad(None, f"the file is too big ({size // 1024} KB; an exercise file is at most "
                       f"{MAX_FILE_BYTES // 1024} KB)")
        raw = path.read_bytes()
    except OSError as exc:
        raise _Bad(None, f"cannot read the file ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Bad(None, f"the file is not UTF-8 text (bad byte at position {exc.start}); "
                   "save it as UTF-8") from None
    depth = _nesting_depth(text)
    if depth > MAX_NESTING:
        raise _Bad(None, f"lists or tables are nested {depth} deep; an exercise file needs at most "
                   f"{MAX_NESTING} (is a closing ] or }} missing?)")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _Bad(None, f"this is not valid TOML: {exc}") from None
    except RecursionError:
        raise _Bad(None, "lists or tables are nested too deeply to read") from None


#: How deeply [ ] and { } may nest in an exercise file (the format itself needs two or three).
MAX_NESTING = 32


def _nesting_depth(text: str) -> int:
    """The deepest nesting of [ ] and { } in TOML text, outside strings and comments (a quick,
    loop-only look, so a hostile file cannot make the reader recurse until Python gives up)."""
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end == -1 else end
            continue
        if ch in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n:
                if ch == '"' and text[j] == "\\":
                    j += 2
                    continue
                if text.startswith(quote, j):
                    break
                if len(quote) == 1 and text[j] == "\n":
                    break
                j += 1
            i = j + len(quote)
            continue
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1
    return deepest


_FAILED = object()  # a field that could not be read (its problem is already noted)


def _build(path: Path, data: dict[str, Any], problems: list[LoadProblem]) -> Exercise:
    for key in data:
        if key not in _KNOWN_FIELDS:
            close = difflib.get_close_matches(key, sorted(_KNOWN_FIELDS), n=1)
            also = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(LoadProblem(path, key, f"unknown field{also}; it is ignored"))

    bad: list[_Bad] = []

    def field(read: Callable[[], Any]) -> Any:
        """The value ``read()`` gives, or _FAILED (noting its problem) when the field is wrong."""
        try:
            return read()
        except _Bad as exc:
            bad.append(exc)
            return _FAILED

    ex_id = field(lambda: _id(data))
    title = field(lambda: _title(data))
    level = field(lambda: _level(data))
    level_name = field(lambda: _one_line(_text(data, "level_name", required=False), "level_name"))
    theme = field(lambda: _one_line(_text(data, "theme", required=False), "theme"))
    instructions = field(lambda: _text(data, "instructions"))
    starter = field(lambda: _text(data, "starter", strip=False))
    solution = field(lambda: _text(data, "solution", strip=False))
    if starter is not _FAILED and solution is not _FAILED and starter.strip() == solution.strip():
        bad.append(_Bad("starter", "is the same as the solution: plant a bug in the starter"))
    elif solution is not _FAILED:
        field(lambda: _must_compile(solution, "solution"))
    tests = field(lambda: _text(data, "tests", required=False, strip=False))
    if tests is not _FAILED and tests.strip():
        field(lambda: _must_compile(tests, "tests"))
    checks = _checks(path, data, problems, bad)
    clues = field(lambda: _clues(data))
    bugs = field(lambda: _bugs(data))
    timeout = field(lambda: _timeout(data))

    if bad:
        raise _AllBad(bad)
    return Exercise(
        id=ex_id,
        title=title,
        level=level,
        level_name=level_name or LEVEL_NAMES.get(level, f"Level {level}"),
        instructions=instructions,
        starter=_with_newline(starter),
        solution=_with_newline(solution),
        checks=checks,
        clues=clues,
        path=path,
        theme=theme,
        tests=_with_newline(tests) if tests.strip() else "",
        bugs=bugs,
        timeout=float(timeout),
    )


def _id(data: dict[str, Any]) -> str:
    ex_id = _text(data, "id")
    if not ID_PATTERN.match(ex_id):
        raise _Bad("id", f"{ex_id!r} is not a usable id: use 1-60 small letters, digits and dashes, "
                   "starting with a letter or digit (like 'pet-name-typo')")
    return ex_id


def _title(data: dict[str, Any]) -> str:
    title = _one_line(_text(data, "title"), "title")
    if len(title) > 80:
        raise _Bad("title", f"is {len(title)} characters long; keep it to 80")
    return title


def _one_line(text: str, key: str) -> str:
    """A short text shown in lists: one line, with no control characters (which could garble or
    clear a terminal)."""
    if "\n" in text or "\r" in text:
        raise _Bad(key, "must be one line")
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in text):
        raise _Bad(key, "has a control character in it (like an escape or a tab); use plain letters")
    return text


def _level(data: dict[str, Any]) -> int:
    level = data.get("level")
    if level is None:
        raise _Bad("level", "is missing (a whole number, 1 for the easiest)")
    if isinstance(level, bool) or not isinstance(level, int):
        raise _Bad("level", f"must be a whole number like 1 or 2, not {_describe(level)}")
    if not 1 <= level <= 99:
        raise _Bad("level", f"must be from 1 to 99 (it is {level})")
    return level


def _checks(path: Path, data: dict[str, Any], problems: list[LoadProblem], bad: list[_Bad]) -> list[Check]:
    """The [[checks]] tables; what is wrong with them is added to ``bad``."""
    raw_checks = data.get("checks")
    if raw_checks is None:
        bad.append(_Bad("checks", "is missing: add at least one [[checks]] table with 'expected' "
                        "(and 'stdin' if the program reads input)"))
        return []
    if not isinstance(raw_checks, list) or not all(isinstance(c, dict) for c in raw_checks):
        bad.append(_Bad("checks", "must be a list of tables: write each one as [[checks]] with "
                        "stdin = ... and expected = ..."))
        return []
    if not raw_checks:
        bad.append(_Bad("checks", "is empty: add at least one [[checks]] table"))
        return []
    checks: list[Check] = []
    for n, raw in enumerate(raw_checks, start=1):
        where = f"checks[{n}]"
        for key in raw:
            if key not in _CHECK_FIELDS:
                close = difflib.get_close_matches(key, sorted(_CHECK_FIELDS), n=1)
                also = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(LoadProblem(path, f"{where}.{key}", f"unknown field{also}; it is ignored"))
        before = len(bad)
        expected = raw.get("expected")
        if "expected" not in raw:
            bad.append(_Bad(f"{where}.expected", "is missing: what should the program print?"))
        elif not isinstance(expected, str):
            bad.append(_Bad(f"{where}.expected", f"must be text (in quotes), not {_describe(expected)}"))
        stdin = raw.get("stdin", "")
        if not isinstance(stdin, str):
            bad.append(_Bad(f"{where}.stdin", f"must be text (in quotes), not {_describe(stdin)}; "
                            "for several answers put one per line"))
        name = raw.get("name", "")
        if not isinstance(name, str):
            bad.append(_Bad(f"{where}.name", f"must be text (in quotes), not {_describe(name)}"))
        if len(bad) == before:
            checks.append(Check(stdin=stdin, expected=expected, name=name.strip()))
    return checks


def _clues(data: dict[str, Any]) -> list[str]:
    clues = data.get("clues", [])
    if not isinstance(clues, list) or not all(isinstance(c, str) for c in clues):
        raise _Bad("clues", 'must be a list of texts, like clues = ["Look at line 2.", "..."]')
    return [c.strip() for c in clues if c.strip()]


def _bugs(data: dict[str, Any]) -> int:
    bugs = data.get("bugs", 1)
    if isinstance(bugs, bool) or not isinstance(bugs, int) or not 1 <= bugs <= MAX_HINT_CHAIN:
        raise _Bad("bugs", f"must be 1, 2 or 3 (how many small bugs the starter has), not {_describe(bugs)}")
    return bugs


def _timeout(data: dict[str, Any]) -> float:
    timeout = data.get("timeout", DEFAULT_CHECK_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= MAX_CHECK_TIMEOUT:
        raise _Bad("timeout", f"must be a number of seconds above 0 and at most {MAX_CHECK_TIMEOUT:g}, "
                   f"not {_describe(timeout)}")
    return float(timeout)


def _text(data: dict[str, Any], key: str, *, required: bool = True, strip: bool = True) -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise _Bad(key, "is missing")
        return ""
    if not isinstance(value, str):
        raise _Bad(key, f"must be text (in quotes), not {_describe(value)}")
    if required and not value.strip():
        raise _Bad(key, "is empty")
    return value.strip() if strip else value


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int):
        return f"a number ({value})"
    if isinstance(value, float):
        return f"a number ({value:g})"
    if isinstance(value, str):
        return f"text ({value[:30]!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _must_compile(code: str, field_name: str) -> None:
    try:
        compile(code, f"<{field_name}>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        raise _Bad(field_name, f"does not run: Python finds a mistake on line {exc.lineno}: {exc.msg}") from None
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
        raise _Bad(field_name, f"does not run: {exc}") from None


def _with_newline(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def _show_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


def load_exercises(extra_dirs: Sequence[Path] = (), *, include_home: bool = True) -> LoadResult:
    """Every exercise: built-in, then the TUTOR_HOME folder, then ``extra_dirs``.

    Sorted by level, then id. Ids are unique: a second file with an id already seen is a problem
    (naming both files) and is not loaded.
    """
    folders: list[Path] = [builtin_dir()]
    if include_home:
        folders.append(home_dir())
    problems: list[LoadProblem] = []
    for extra in extra_dirs:
        extra = Path(extra).expanduser()
        if not extra.is_dir():
            problems.append(LoadProblem(extra, None, "no such folder"))
            continue
        folders.append(extra)
    seen_folders: set[Path] = set()
    by_id: dict[str, Exercise] = {}
    for folder in folders:
        try:
            key = folder.resolve()
        except OSError:
            key = folder
        if key in seen_folders:
            continue
        seen_folders.add(key)
        for path in exercise_files(folder):
            try:
                exercise, file_problems = load_file(path)
            except Exception as exc:  # a bug of ours must not hide the other exercises
                exercise, file_problems = None, [LoadProblem(path, None, f"could not be read ({exc.__class__.__name__})")]
            problems.extend(file_problems)
            if exercise is None:
                continue
            other = by_id.get(exercise.id)
            if other is not None:
                problems.append(LoadProblem(path, "id", f"{exercise.id!r} is already the id of "
                                            f"{_show_path(other.path)}; each exercise needs its own id"))
                continue
            by_id[exercise.id] = exercise
    exercises = sorted(by_id.values(), key=lambda e: (e.level, e.id))
    return LoadResult(exercises, problems)


def find_exercise(exercise_id: str, extra_dirs: Sequence[Path] = ()) -> Exercise | None:
    for exercise in load_exercises(extra_dirs).exercises:
        if exercise.id == exercise_id:
            return exercise
    return None


# -- checking -------------------------------------------------------------------------------------
ProgressCallback = Callable[[int, int, CheckResult], None]


def _explainer() -> Callable[..., Any] | None:
    """The explainer's ``explain_run``, or None while it is not there (or cannot be imported)."""
    try:
        from .explain import explain_run  # type: ignore[attr-defined]
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
) -> CheckReport:
    """Run ``source`` once per check of ``exercise`` (in child processes) and say how it went.

    ``path``: where the learner's file is; when it holds exactly ``source`` the program runs there
    (in its own folder), else a copy runs in a temporary folder. ``timeout``: seconds per check
    (default: the exercise's). ``on_progress(done, total, check_result)`` is called in this thread
    as each check finishes. For the first failing check (in the exercise's order) the explainer's
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
            explanation = _explain(target, target_source, bad, limits, others)
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
        from .explain.hint import Hint
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
             other_checks: Sequence[tuple[str, str]] = ()) -> Any | None:
    explain_run = _explainer()
    if explain_run is None:
        return None
    expected = failed.check.expected if failed.check.kind == KIND_OUTPUT else None
    try:
        return explain_run(path, source, failed.result, stdin=failed.check.stdin, expected_output=expected,
                           limits=limits, other_checks=other_checks)
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


__all__ = [
    "Check",
    "CheckReport",
    "CheckResult",
    "Exercise",
    "LEVEL_NAMES",
    "LoadProblem",
    "LoadResult",
    "builtin_dir",
    "check_program",
    "describe_failure",
    "explainer_available",
    "find_exercise",
    "home_dir",
    "load_exercises",
    "load_file",
    "validate_all",
    "validate_exercise",
]
