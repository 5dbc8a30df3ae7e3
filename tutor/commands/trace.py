"""``tutor trace PATH``: run a program and record every step (see shared/contracts/trace.md).

Without ``--json``: a short summary for a person (how many steps, the lines that ran most, the
names that changed most). With ``--json``: one JSON object on stdout, nothing else there.
"""

from __future__ import annotations

import argparse
import sys

from . import _common


def _max_steps(text: str) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of steps") from None
    if not (1 <= value <= 1_000_000):
        raise argparse.ArgumentTypeError("the number of steps must be between 1 and 1,000,000")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="the Python program to look inside")
    _common.add_stdin_arguments(parser)
    parser.add_argument("--max-steps", type=_max_steps, metavar="N", default=None,
                        help="stop recording (and the program) after this many steps (default 20,000)")
    parser.add_argument(
        "--timeout", type=_common.positive_seconds, metavar="S", help="seconds before the tutor stops it (default 10)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object for tools")


def run(args: argparse.Namespace) -> int:
    from ..trace import MAX_STEPS, record

    path, source = _common.read_program(args.path)
    stdin = _common.stdin_text(args)
    timeout = args.timeout if args.timeout is not None else _common.env_timeout()
    rec = record(path, source=source, stdin=stdin or "", timeout=timeout,
                 max_steps=args.max_steps or MAX_STEPS)
    if args.json:
        _common.print_json(rec.to_json())
        return 0
    for line in describe(rec, path.name, colour=_use_colour()):
        print(line)
    return 0


def _use_colour() -> bool:
    from ..term import use_colour

    return use_colour(sys.stdout)


def describe(rec, name: str, colour: bool = False) -> list[str]:
    """The summary for a person, as lines."""
    from ..term import Painter
    from ..trace import summary

    p = Painter(colour)
    lines = rec.source.splitlines()
    out = [p(f"Inside {name}", "bold", "cyan"), summary.headline(rec)]
    if rec.stdout:
        shown = rec.stdout.splitlines()
        out.append(f"It printed {len(shown):,} line{'s' if len(shown) != 1 else ''}.")
    busy = summary.busiest_lines(rec)
    if busy:
        out.append("")
        out.append(p("Lines that ran most:", "bold"))
        for number, count in busy:
            code = lines[number - 1].strip() if 0 < number <= len(lines) else ""
            if len(code) > 50:
                code = code[:49] + "…"
            out.append(f"  line {number:>3} ran {summary.times(count):>13}   {code}")
    names = summary.busiest_names(rec)
    if names:
        out.append("")
        out.append(p("Names that changed most:", "bold"))
        for var, count, values in names:
            first = ", ".join(values[:5]) + (", …" if count > 5 else "")
            if len(first) > 60:
                first = first[:59] + "…"
            out.append(f"  {var}: {count:,} value{'s' if count != 1 else ''} ({first})")
    out.append("")
    out.append(p("Open it in the app and press F8 to step through it, forwards and backwards.", "dim"))
    return out
