"""``tutor report [--profile NAME] [--format text|json|html] [--out FILE]``: the parents' report.

Sessions, time spent, exercises tried and solved, tries, clues used, errors met by kind (in plain
words), the child's explanations to the duck, and what to talk about next. The profile is
--profile, else $TUTOR_PROFILE, else the one used last (or the only one there is).

- ``text`` (the default): for reading in a terminal (coloured only on a terminal).
- ``json``: one JSON object, for a parent's own scripts.
- ``html``: one standalone page (no internet needed); best with ``--out report.html``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ._common import UsageError
from ..term import Painter, use_colour

FORMATS = ("text", "json", "html")
_EXTENSIONS = {"text": "txt", "json": "json", "html": "html"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="text for reading (default), json for tools, html for a page to open or print")
    parser.add_argument("--json", action="store_true", help="the same as --format json")
    parser.add_argument("--out", metavar="FILE", help="write the report to FILE instead of the screen")
    parser.add_argument("--acknowledge", action="store_true",
                        help="after the report, forget the notes about damaged files (you have read them)")


def _profile(args: argparse.Namespace) -> str:
    from ..progress import ProfileNameError, current_profile, list_profiles
    from ..progress.profiles import profile_exists

    try:
        name = current_profile(getattr(args, "profile", None))
    except ProfileNameError as exc:
        raise UsageError(f"that profile name cannot be used: {exc}") from None
    known = list_profiles()
    if name is None:
        if not known:
            raise UsageError("there are no profiles yet: open the tutor (or use --profile NAME) to make one")
        if len(known) == 1:
            return known[0]  # one child in this home: no need to ask whose
        raise UsageError(f"say whose report with --profile NAME (profiles: {', '.join(known)})")
    if not profile_exists(name):
        others = f" (profiles: {', '.join(known)})" if known else " (there are no profiles yet)"
        raise UsageError(f"there is no profile called {name}{others}")
    # Show the name as the profile has it ("ada" -> "Ada").
    from ..progress.profiles import folder_name

    for other in known:
        if folder_name(other) == folder_name(name):
            return other
    return name


def run(args: argparse.Namespace) -> int:
    fmt = args.format or ("json" if args.json else "text")
    if args.json and args.format not in (None, "json"):
        raise UsageError(f"--json and --format {args.format} ask for different things; use one")
    out_path = Path(args.out).expanduser() if args.out else None
    if out_path is not None and out_path.is_dir():
        raise UsageError(f"{args.out} is a folder; give a file name, like {Path(args.out) / ('report.' + _EXTENSIONS[fmt])}")
    if out_path is not None and not out_path.parent.exists():
        raise UsageError(f"no such folder: {out_path.parent}")

    profile = _profile(args)
    from ..progress.report import build_report, render_text

    report = build_report(profile)
    if getattr(args, "acknowledge", False):
        from ..progress import ProgressStore

        ProgressStore(profile).acknowledge_problems()
    if fmt == "json":
        text = json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        from ..progress.report_html import render_html

        text = render_html(report)
    else:
        colour = out_path is None and use_colour(sys.stdout)
        text = render_text(report, Painter(colour))

    if out_path is None:
        if fmt == "text":
            from ._common import safe_terminal

            with safe_terminal():
                sys.stdout.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    from ..storage import atomic_write_text

    try:
        atomic_write_text(out_path, text)
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(f"The report for {profile} is in {out_path}", file=sys.stderr)
    return 0
