"""Python's own words about a run, trimmed to the child's file.

What Python prints when it stops a program names every file it went through: the tutor's data
folder, the standard library, the tutor's own start-up code. A child needs only their own file,
by its name, and the last line that says what went wrong. ``trim_traceback`` keeps exactly that;
``python_words`` colours it (pygments' traceback lexer, through rich). No textual here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_FILE_LINE = re.compile(r'^(\s*)File "(?P<path>[^"]+)", line (?P<line>\d+)(?P<rest>.*)$')
_MARKERS = re.compile(r"^\s*[\^~]+\s*$")  # the ^^^^ and ~~^~~ under a line


def _same_file(a: str, b: Path | None) -> bool:
    if b is None:
        return False
    try:
        return Path(a).resolve() == b.resolve()
    except (OSError, ValueError):
        return Path(a).name == b.name


def trim_traceback(stderr: str, path: Path | str | None) -> str:
    """Python's report about the run, with only the child's file in it, by its name.

    - a frame in another file (the standard library, a library, the tutor) goes, with its code line;
    - the child's file is named by its file name only (no folders);
    - the ^^^^ marks under a line go, except the single ^ a syntax error points with;
    - everything else (the last line: what went wrong) stays.
    """
    own = Path(path) if path is not None else None
    lines = stderr.splitlines()
    out: list[str] = []
    skipping = False  # inside a frame of another file: its indented code lines go too
    syntax = any(re.match(r"^\w*(SyntaxError|IndentationError|TabError)\b", line) for line in lines)
    for line in lines:
        match = _FILE_LINE.match(line)
        if match:
            frame_path = match.group("path")
            if _same_file(frame_path, own) or (own is None and not frame_path.startswith("<")):
                skipping = False
                name = Path(frame_path).name
                out.append(f'{match.group(1)}File "{name}", line {match.group("line")}{match.group("rest")}')
            else:
                skipping = True
            continue
        if skipping:
            if line.startswith("    ") or _MARKERS.match(line):
                continue
            skipping = False
        if _MARKERS.match(line) and not (syntax and line.strip() == "^"):
            continue
        # Any other full path to the child's file (a message naming it): the name only.
        if own is not None and str(own) in line:
            line = line.replace(str(own), own.name)
        out.append(line)
    # A "Traceback" heading left with no frame under it says nothing: drop it.
    cleaned: list[str] = []
    for i, line in enumerate(out):
        if line.startswith("Traceback (most recent call last)") and (
            i + 1 >= len(out) or not _FILE_LINE.match(out[i + 1])
        ):
            continue
        cleaned.append(line)
    return "\n".join(cleaned).strip("\n")


def python_words(stderr: str, path: Path | str | None) -> Any:
    """The trimmed report, coloured with pygments (through rich); plain text if that fails."""
    text = trim_traceback(stderr, path)
    try:
        from rich.syntax import Syntax

        return Syntax(text, "pytb", theme="ansi_dark", word_wrap=True, background_color="default")
    except Exception:
        from rich.text import Text

        return Text(text)
