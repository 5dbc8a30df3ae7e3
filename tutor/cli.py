"""The ``tutor`` command (see shared/contracts/cli.md).

``tutor`` alone opens the app; every other job is a subcommand. Each subcommand lives in its own
module under ``tutor.commands`` with ``add_arguments(parser)`` and ``run(args) -> int``, and is
imported only when used, so ``tutor run`` starts fast and never loads the user interface.

Exit status: 0 when the command did its job (even if the learner's program failed), 1 when a check
or validation found a failure, 2 for a usage problem (one line on stderr).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

# UsageError's one home is the commands' shared helpers; ``tutor.cli.UsageError`` is the same class.
from .commands._common import UsageError

# name -> (module under tutor.commands, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("run", "Run a program safely and say how it went."),
    "explain": ("explain", "Run a program and explain what went wrong, with one small thing to fix."),
    "exercises": ("exercises", "List the exercises (or check them with --validate)."),
    "check": ("check", "Check a program against an exercise's checks."),
    "duck": ("duck", "Explain your program line by line to the rubber duck."),
    "report": ("report", "The parents' report for a profile."),
    "trace": ("trace", "Run a program and record every step, to look inside it."),
}




class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tutor",
        description="A kind debugging tutor for young Python programmers. "
        "With no command, the app opens.",
    )
    parser.add_argument("--profile", help="whose progress to use; commands record progress only with --profile (or TUTOR_PROFILE)")
    parser.add_argument(
        "--dir", dest="app_dirs", action="append", metavar="DIR", default=[],
        help="another folder of exercises to offer in the app (a parent's own); may be repeated",
    )
    parser.add_argument("--open", dest="open_path", metavar="FILE", help="open this program in the app straight away")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module_name, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        module = importlib.import_module(f"tutor.commands.{module_name}")
        module.add_arguments(command)
    return parser


def _command_parser(name: str) -> argparse.ArgumentParser:
    """A parser for just one subcommand (so ``tutor run`` imports only what ``run`` needs)."""
    module_name, help_text = COMMANDS[name]
    parser = _Parser(prog=f"tutor {name}", description=help_text)
    parser.add_argument("--profile", help="whose progress to use; commands record progress only with --profile (or TUTOR_PROFILE)")
    module = importlib.import_module(f"tutor.commands.{module_name}")
    module.add_arguments(parser)
    parser.set_defaults(command=name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Find the subcommand (the first word that is not an option) without importing every module.
    first = next((i for i, a in enumerate(args_list) if not a.startswith("-")), None)
    if first is not None and args_list[first] in COMMANDS and all(
        a == "--profile" or a.startswith("--profile=") or (i > 0 and args_list[i - 1] == "--profile")
        for i, a in enumerate(args_list[:first])
    ):
        name = args_list[first]
        parser = _command_parser(name)
        args = parser.parse_args(args_list[:first] + args_list[first + 1 :])
    else:
        parser = build_parser()
        args = parser.parse_args(args_list)
        # "tutor --dir DIR check ID": a folder given before the command counts for it too.
        app_dirs = getattr(args, "app_dirs", None) or []
        if app_dirs and isinstance(getattr(args, "dir", None), list):
            args.dir = app_dirs + args.dir
    if args.command is None or args.command in _NEEDS_HOME:
        problem = home_problem()
        if problem is not None:
            print(f"tutor{' ' + args.command if args.command else ''}: {problem}", file=sys.stderr)
            return 2
    if args.command is None:
        return _open_app(args)
    module = importlib.import_module(f"tutor.commands.{COMMANDS[args.command][0]}")
    try:
        return int(module.run(args) or 0)
    except UsageError as exc:
        print(f"tutor {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


# The commands that cannot do their job without the data folder (profiles, progress, exercises).
_NEEDS_HOME = ("exercises", "check", "report")


def home_problem() -> str | None:
    """One line saying why the data folder ($TUTOR_HOME) cannot be used, or None when it can."""
    import os
    from pathlib import Path

    env = os.environ.get("TUTOR_HOME")
    if not env:
        return None
    path = Path(env).expanduser()
    if path.exists() and not path.is_dir():
        return f"TUTOR_HOME is {env}, which is a file; it must name a folder"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"cannot make the folder TUTOR_HOME names ({env}): {exc.strerror or exc}"
    return None


def _open_app(args: argparse.Namespace) -> int:
    from pathlib import Path

    raw_dirs = getattr(args, "app_dirs", None) or []
    if any(not d.strip() for d in raw_dirs):
        print("tutor: the folder name after --dir is empty; give the folder that holds the exercise files",
              file=sys.stderr)
        return 2
    dirs = [Path(d).expanduser() for d in raw_dirs]
    for folder in dirs:
        if not folder.is_dir():
            print(f"tutor: no such folder: {folder}", file=sys.stderr)
            return 2
    open_path = None
    if getattr(args, "open_path", None):
        from .commands._common import read_program

        try:
            open_path, _ = read_program(args.open_path)
        except UsageError as exc:
            print(f"tutor: {exc}", file=sys.stderr)
            return 2
    from .ui.app import create_app

    app = create_app(profile=getattr(args, "profile", None), exercise_dirs=dirs, open_path=open_path)
    app.run()
    return int(getattr(app, "return_code", 0) or 0)


def open_duck_app(path: object, source: str, *, stdin: str = "", profile: str | None = None) -> int:
    """The full-screen duck on its own (``tutor duck PATH`` on a terminal)."""
    from .ui.duck import DuckApp

    app = DuckApp(path, source, stdin=stdin, profile=profile)
    app.run()
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
