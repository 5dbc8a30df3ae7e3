"""Exercises: where they live and loading them from TOML files (every problem named, the other
files still load)."""


from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence


if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from .model import (  # noqa: F401
    _show_path,
    Check,
    DEFAULT_CHECK_TIMEOUT,
    Exercise,
    ID_PATTERN,
    LEVEL_NAMES,
    LoadProblem,
    LoadResult,
    MAX_CHECK_TIMEOUT,
    MAX_FILE_BYTES,
    MAX_HINT_CHAIN,
)


# -- where exercises live -------------------------------------------------------------------------
def builtin_dir() -> Path:
    """The built-in course: ``tutor/_exercises`` in an installed copy, else the project's exercises/."""
    here = Path(__file__).resolve().parent.parent  # the tutor package (this is tutor/exercises/)
    packaged = here / "_exercises"
    if packaged.is_dir():
        return packaged
    return here.parent / "exercises"


def home_dir() -> Path:
    """A parent's or teacher's own exercises: ``exercises/`` under TUTOR_HOME (created if needed)."""
    from ..storage import data_home

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


