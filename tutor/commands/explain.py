"""``tutor explain PATH``: run a program and explain what went wrong, with one small thing to fix.

See shared/contracts/explain.md. Exit status 0 whenever an explanation was produced (whatever the
program did); 2 for a usage problem, with one line on stderr.
"""

from __future__ import annotations

import argparse
import sys

from ._common import UsageError
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
    return None if path_text is None else _common.read_text_file(path_text)


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
    explanation.hint = _common.limited_hint(explanation.hint)
    if args.json:
        _common.print_json(explanation.to_json())
        return 0

    from ..explain.render import render
    from ..term import use_colour

    colour = use_colour(sys.stdout)
    with _common.safe_terminal():
        sys.stdout.write(render(explanation, colour=colour, name=path.name))
    return 0
