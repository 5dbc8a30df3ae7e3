"""What several subcommands share: reading the learner's program, stdin options."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any



class UsageError(Exception):
    """A problem with how the command was called: one line on stderr, exit status 2.

    Its one home: ``tutor.cli`` and every command import it from here (``tutor.cli.UsageError``
    is the same class)."""

#: The biggest program the tutor reads (as the app's editor): a child's program is a few pages.
MAX_PROGRAM_BYTES = 1_000_000


def add_stdin_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--stdin", metavar="TEXT", help="text to give the program's input()")
    group.add_argument("--stdin-file", metavar="FILE", help="a file whose text is given to input()")


def stdin_text(args: argparse.Namespace) -> str | None:
    """The stdin text from --stdin/--stdin-file, or None when neither was given."""
    if getattr(args, "stdin", None) is not None:
        text = args.stdin
        # "--stdin '3\n4'" from a shell gives a backslash and an n: treat it as a new line.
        return text.replace("\\n", "\n")
    if getattr(args, "stdin_file", None) is not None:
        return read_text_file(args.stdin_file)
    return None


def read_text_file(path_text: str) -> str:
    """The text of a file named on the command line, or a UsageError saying what is wrong."""
    if not path_text.strip():
        raise UsageError("the file name is empty; give the path of a file")
    path = Path(path_text).expanduser()
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"no such file: {path_text}") from None
    except IsADirectoryError:
        raise UsageError(f"{path_text} is a folder, not a file") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path_text} is not a text file (UTF-8)") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path_text}: {exc.strerror or exc}") from None


def limited_hint(hint: Any) -> Any:
    """The hint with the parents' limits applied (how many clue levels; whether the exact change
    may be shown), as every place that shows clues must. Settings that cannot be read: no more
    than the first clue."""
    if hint is None:
        return None
    from ..progress.settings import limit_hint, load_settings

    try:
        return limit_hint(hint, load_settings())
    except Exception:
        import dataclasses
        import logging

        logging.getLogger("tutor").exception("could not apply the parents' settings")
        try:
            return dataclasses.replace(hint, levels=list(hint.levels)[:1], fix=None, candidates=[])
        except Exception:
            return None


def recording_profile(args: argparse.Namespace) -> str | None:
    """Whose progress this command records: only ``--profile`` or $TUTOR_PROFILE (never the last
    profile used: a grown-up trying a command must not change a child's report)."""
    from ..progress.events import recording_profile as chosen

    try:
        return chosen(getattr(args, "profile", None))
    except ValueError as exc:
        raise UsageError(f"that profile name cannot be used: {exc}") from None


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not (0 < value <= 3600):
        raise argparse.ArgumentTypeError("the time limit must be between 0 and 3600 seconds")
    return value


def read_program(path_text: str) -> tuple[Path, str]:
    """The program's path and text, or a UsageError saying clearly what is wrong with it."""
    if not path_text.strip():
        raise UsageError("the program's path is empty; give the path of a .py file")
    path = Path(path_text).expanduser()
    if not path.exists():
        raise UsageError(f"no such file: {path_text}")
    if path.is_dir():
        raise UsageError(f"{path_text} is a folder; give the path of a .py file inside it")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise UsageError(f"not allowed to read {path_text}") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path_text}: {exc.strerror or exc}") from None
    if b"\0" in data[:8192]:
        raise UsageError(f"{path_text} is not a Python program (it is a binary file)")
    if len(data) > MAX_PROGRAM_BYTES:
        raise UsageError(
            f"{path_text} is too big for the tutor ({len(data) // 1_000_000} MB; it reads programs of up to 1 MB)"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{path_text} is not saved as UTF-8 text (bad byte at position {exc.start}); "
            "save it as UTF-8 in your editor"
        ) from None
    return path.resolve(), text


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def print_json(data: object) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def env_timeout() -> float | None:
    value = os.environ.get("TUTOR_TIMEOUT")
    try:
        return float(value) if value else None
    except ValueError:
        return None


class _SafeWriter:
    """A stream that shows control characters visibly (colour codes kept when ``colour``)."""

    def __init__(self, stream: Any, colour: bool) -> None:
        self._stream = stream
        self._colour = colour

    def write(self, text: str) -> int:
        from ..safe_text import terminal_safe

        self._stream.write(terminal_safe(text, keep_colour=self._colour))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class safe_terminal:
    """``with safe_terminal():`` everything printed meanwhile (the program's output, its error
    messages, the tutor's summaries) reaches the terminal with control characters shown visibly,
    never acted on. Only for people-facing text: JSON is printed outside it, exactly."""

    def __enter__(self) -> "safe_terminal":
        from ..term import use_colour

        self._saved = sys.stdout, sys.stderr
        sys.stdout = _SafeWriter(sys.stdout, use_colour(sys.stdout))  # type: ignore[assignment]
        sys.stderr = _SafeWriter(sys.stderr, use_colour(sys.stderr))  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        sys.stdout, sys.stderr = self._saved
