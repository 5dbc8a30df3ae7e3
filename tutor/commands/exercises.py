"""``tutor exercises``: list the exercises, or check every one of them with ``--validate``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._common import UsageError
from ..term import Painter, use_colour
from . import _common


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object for tools")
    parser.add_argument(
        "--validate",
        action="store_true",
        help="check every exercise: well formed, the starter fails its checks, the solution passes "
        "them, and the explainer gives a verified hint on the starter",
    )
    parser.add_argument(
        "--dir",
        action="append",
        default=[],
        metavar="DIR",
        help="also load the exercises in this folder (can be given more than once)",
    )
    parser.add_argument(
        "--timeout", type=_common.positive_seconds, metavar="S", help="seconds each check may run"
    )


def extra_dirs(args: argparse.Namespace) -> list[Path]:
    dirs = []
    for text in getattr(args, "dir", None) or []:
        if not text.strip():
            raise UsageError("the folder name after --dir is empty; give the folder that holds the exercise files")
        path = Path(text).expanduser()
        if not path.exists():
            raise UsageError(f"no such folder: {text}")
        if not path.is_dir():
            raise UsageError(f"{text} is a file; give the folder that holds the exercise files")
        dirs.append(path)
    return dirs


def run(args: argparse.Namespace) -> int:
    from ..exercises import load_exercises

    loaded = load_exercises(extra_dirs(args))
    if args.validate:
        return _validate(args, loaded)
    if args.json:
        _common.print_json(
            {
                "exercises": [
                    {"id": e.id, "title": e.title, "level": e.level, "path": str(e.path),
                     "level_name": e.level_name, "theme": e.theme}
                    for e in loaded.exercises
                ],
                "problems": [p.to_json() | {"text": str(p)} for p in loaded.problems],
            }
        )
        return 0
    paint = Painter(use_colour(sys.stdout))
    solved = _solved_ids(args)
    level = None
    for ex in loaded.exercises:
        if ex.level != level:
            level = ex.level
            print()
            heading = f"Level {ex.level}"
            if ex.level_name and ex.level_name != heading:  # not "Level 12: Level 12"
                heading += f": {ex.level_name}"
            print(paint(heading, "bold", "cyan"))
        mark = paint("✔", "green") if ex.id in solved else " "
        print(f"  {mark} {ex.id:<28} {ex.title}")
    print()
    print(f"{len(loaded.exercises)} exercises. Try one: tutor check ID your_program.py")
    _print_problems(loaded.problems)
    return 0


def _solved_ids(args: argparse.Namespace) -> set[str]:
    try:
        from ..progress import ProgressStore, current_profile

        profile = current_profile(getattr(args, "profile", None))
        if profile is None:
            return set()
        store = ProgressStore(profile)
        if store.problem:
            print(f"Note: {store.problem}", file=sys.stderr)
        return {k for k, v in store.all().items() if v.solved}
    except Exception:  # the list must show even if progress cannot be read
        return set()


def _print_problems(problems: list) -> None:
    if not problems:
        return
    paint = Painter(use_colour(sys.stderr))
    print(paint(f"{len(problems)} problem(s) in exercise files:", "bold", "yellow"), file=sys.stderr)
    for problem in problems:
        print(f"  ! {problem}", file=sys.stderr)


def _validate(args: argparse.Namespace, loaded) -> int:  # type: ignore[no-untyped-def]
    from ..exercises import validate_all

    paint = Painter(use_colour(sys.stdout))
    entries: list[dict] = []
    problems_by_path: dict[Path, list] = {}
    for problem in loaded.problems:
        problems_by_path.setdefault(problem.path, []).append(problem)
    loaded_paths = {e.path for e in loaded.exercises}

    # Files that could not be loaded at all fail validation too.
    for path, problems in problems_by_path.items():
        if path not in loaded_paths:
            entries.append({"id": path.stem, "path": str(path), "ok": False,
                            "problems": [_problem_text(p) for p in problems]})
            if not args.json:
                print(paint("✘", "red"), f"{path}: " + "; ".join(_problem_text(p) for p in problems))

    def done(ex, problems: list[str]) -> None:  # type: ignore[no-untyped-def]
        problems = [_problem_text(p) for p in problems_by_path.get(ex.path, [])] + problems
        entries.append({"id": ex.id, "path": str(ex.path), "ok": not problems, "problems": problems})
        if not args.json:
            if problems:
                print(paint("✘", "red"), f"{ex.id}: " + "; ".join(problems), flush=True)
            else:
                print(paint("✔", "green"), ex.id, flush=True)

    validate_all(loaded.exercises, timeout=args.timeout, on_done=done)
    failed = [e for e in entries if not e["ok"]]
    if args.json:
        _common.print_json({"exercises": entries})
    else:
        total = len(entries)
        if failed:
            print(paint(f"{len(failed)} of {total} exercise file(s) have problems.", "bold", "red"))
        else:
            print(paint(f"All {total} exercises are good.", "bold", "green"))
    return 1 if failed else 0


def _problem_text(problem) -> str:  # type: ignore[no-untyped-def]
    if isinstance(problem, str):
        return problem
    where = f"field {problem.field!r}: " if problem.field else ""
    return f"{where}{problem.message}"
