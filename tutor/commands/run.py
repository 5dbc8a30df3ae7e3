"""``tutor run PATH``: run a program safely and say, kindly, how it went."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..run import DEFAULT_LIMITS, KEYBOARD, RunResult, run_program
from ..run.result import ERROR, EXIT, KILLED, LIMIT_MEMORY, LIMIT_OUTPUT, LIMIT_PROCESSES, OK, TIMEOUT
from ..term import Painter, highlight_python, use_colour
from . import _common


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="the Python program to run")
    _common.add_stdin_arguments(parser)
    parser.add_argument(
        "--timeout", type=_common.positive_seconds, metavar="S", help="seconds before the tutor stops it (default 10)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object for tools")


def run(args: argparse.Namespace) -> int:
    path, source = _common.read_program(args.path)
    stdin = _common.stdin_text(args)
    timeout = args.timeout if args.timeout is not None else _common.env_timeout()
    if args.json:
        result = run_program(path, stdin=stdin if stdin is not None else "", timeout=timeout)
        _common.print_json(result.to_json())
        log_run(args, path, result)
        return 0

    with _common.safe_terminal():
        return _run_text(args, path, source, stdin, timeout)


def _run_text(args: argparse.Namespace, path: Any, source: str, stdin: str | None, timeout: float | None) -> int:
    colour = use_colour(sys.stdout)
    paint = Painter(colour)
    if stdin is None and _common.stdin_is_terminal():
        stdin_arg: object = KEYBOARD
    else:
        stdin_arg = stdin if stdin is not None else ""
    print(paint(f"▶ Running {path.name}", "bold", "cyan"), flush=True)
    print(paint("─" * 40, "dim"), flush=True)

    state = {"ended_with_newline": True}

    def show(stream: str, text: str) -> None:
        # The program's own words, as they come. Errors are summed up below, not dumped.
        if stream == "stdout":
            sys.stdout.write(text)
            sys.stdout.flush()
            state["ended_with_newline"] = text.endswith("\n")

    try:
        result = run_program(path, stdin=stdin_arg, timeout=timeout, on_output=show)  # type: ignore[arg-type]
    except KeyboardInterrupt:
        # Ctrl+C: the runner has already stopped the program and everything it started.
        print()
        print(paint("─" * 40, "dim"))
        print(paint("■ You stopped your program with Ctrl+C.", "bold", "yellow"))
        return 130
    if not state["ended_with_newline"]:
        print()
    print(paint("─" * 40, "dim"))
    for line in describe(result, source, path.name, paint, colour, timeout=timeout):
        print(line)
    log_run(args, path, result)
    return 0


def log_run(args: argparse.Namespace, path: object, result: RunResult, **extra: object) -> None:
    """Note the run in the profile's session log (when there is a profile); never fails."""
    from ..progress.events import record

    record(
        "run",
        getattr(args, "profile", None),
        exercise_id=None,
        path=str(path),
        outcome=result.outcome,
        error_type=result.error.type if result.error else None,
        line=result.error.line if result.error else None,
        seconds=round(result.duration_ms / 1000, 3),
        via="cli",
        **extra,
    )


def describe(result: RunResult, source: str, name: str, paint: Painter, colour: bool,
             timeout: float | None = None) -> list[str]:
    """Kind words for how the run ended (used by ``tutor run`` and by ``tutor explain``).

    ``timeout``: the time limit the run had (None: the tutor's default), named when it ran out."""
    seconds = result.duration_ms / 1000
    lines: list[str] = []
    if result.outcome == OK:
        lines.append(paint(f"✔ Your program ran to the end in {seconds:.2f} s.", "bold", "green"))
    elif result.outcome == EXIT:
        lines.append(paint(f"■ Your program ended itself with exit code {result.exit_code}.", "bold", "yellow"))
    elif result.outcome == ERROR and result.error is not None:
        err = result.error
        where = f" on line {err.line}" if err.line else ""
        article = "an" if err.type[:1].upper() in "AEIOU" else "a"
        lines.append(paint(f"✘ Your program stopped{where} with {article} {err.type}.", "bold", "red"))
        lines.append(f"  Python says: {err.message}" if err.message else f"  Python says: {err.type}")
        if err.line:
            code = _line(source, err.line)
            if code.strip():
                lines.append("  " + paint(f"{err.line:>4} │ ", "dim") + highlight_python(code.strip(), colour))
        lines.append(paint(f"  Every error is a clue! For a hint: tutor explain {name}", "cyan"))
    elif result.outcome == TIMEOUT:
        # The limit it had, not the time it took to stop it (a little more): "--timeout 2" says 2 s.
        limit_s = timeout if timeout is not None else DEFAULT_LIMITS.timeout
        lines.append(paint(f"⏱ Your program was still going after {limit_s:g} s, so the tutor stopped it.", "bold", "yellow"))
        if result.stuck and result.stuck.waiting_for_input:
            lines.append("  It was waiting for you to type something.")
        elif result.stuck and result.stuck.deep_recursion:
            lines.append(f"  A function on line {result.stuck.line} was calling itself, {result.stuck.depth:,} "
                         "calls deep. Does it have a way to stop calling itself?")
            lines.append(paint(f"  For a hint: tutor explain {name}", "cyan"))
        elif result.stuck and result.stuck.line:
            lines.append(f"  It was busy on line {result.stuck.line}. Maybe a loop never ends?")
            lines.append(paint(f"  For a hint: tutor explain {name}", "cyan"))
    elif result.outcome == KILLED:
        if result.limit == LIMIT_MEMORY:
            lines.append(paint("✋ Your program needed too much memory, so the tutor stopped it.", "bold", "yellow"))
        elif result.limit == LIMIT_OUTPUT:
            lines.append(paint("✋ Your program printed too much, so the tutor stopped it.", "bold", "yellow"))
            lines.append("  Maybe a loop never ends?")
        elif result.limit == LIMIT_PROCESSES:
            lines.append(paint("✋ Your program tried to start too many other programs.", "bold", "yellow"))
        elif result.limit == "stopped":
            lines.append(paint("■ You stopped your program.", "bold", "yellow"))
        else:
            sig = f" ({result.signal})" if result.signal else ""
            lines.append(paint(f"✋ Your program crashed{sig}.", "bold", "yellow"))
    if result.truncated:
        lines.append(paint("  (Only the first part of the output is shown.)", "dim"))
    return lines


def _line(source: str, number: int) -> str:
    lines = source.splitlines()
    return lines[number - 1] if 1 <= number <= len(lines) else ""
