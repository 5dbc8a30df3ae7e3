"""``tutor explain PATH``: run a program and explain what went wrong, with one small thing to fix.

See shared/contracts/explain.md. Exit status 0 whenever an explanation was produced (whatever the
program did); 2 for a usage problem, with one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli import UsageError
from . import _common


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="the Python program to run and explain")
    _common.add_stdin_arguments(parser)
    parser.add_argument(
        "--expected-output",
        metavar="FILE",
        help="a file with what the program should print (a different output gets a hint too)",
    )
    parser.add_argument(
        "--timeout",
        type=_common.positive_seconds,
        metavar="SECONDS",
        help="seconds before a run counts as never ending (default 10)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object for tools")


def _read_expected(path_text: str | None) -> str | None:
    if path_text is None:
        return None
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


def run(args: argparse.Namespace) -> int:
    path, _source = _common.read_program(args.path)
    stdin = _common.stdin_text(args)
    expected = _read_expected(getattr(args, "expected_output", None))
    timeout = args.timeout if args.timeout is not None else _common.env_timeout()

    from ..explain import explain_file

    try:
        explanation = explain_file(path, stdin=stdin if stdin is not None else "", expected_output=expected, timeout=timeout)
    except (FileNotFoundError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    explanation.hint = _limited(explanation.hint)
    if args.json:
        _common.print_json(explanation.to_json())
        return 0

    from ..explain.render import render
    from ..term import use_colour

    colour = use_colour(sys.stdout)
    sys.stdout.write(render(explanation, colour=colour, name=path.name))
    return 0


def _limited(hint):  # type: ignore[no-untyped-def]
    """The hint with the parents' limits applied (how many clue levels; whether the exact change
    may be shown), as every place that shows clues must."""
    if hint is None:
        return None
    try:
        from ..progress.settings import limit_hint, load_settings
    except ImportError:
        return hint
    try:
        return limit_hint(hint, load_settings())
    except Exception:  # settings that cannot be read: show no more than the first clue
        import dataclasses
        import logging

        logging.getLogger("tutor.explain").exception("could not apply the parents' settings")
        try:
            return dataclasses.replace(hint, levels=list(hint.levels)[:1], fix=None, candidates=[])
        except Exception:
            return hint
