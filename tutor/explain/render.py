"""A friendly, coloured explanation for a person (``tutor explain`` without ``--json``).

The code is shown highlighted by pygments; the change is a tiny before/after. Colour only when
asked (the caller decides: a terminal, NO_COLOR respected).
"""

from __future__ import annotations

from ..compare import first_difference
from ..term import Painter, highlight_python
from .api import Explanation
from .words import friendly_error_name


def _code(source: str, number: int) -> str:
    lines = source.splitlines()
    return lines[number - 1] if 1 <= number <= len(lines) else ""


def _show_line(number: int, code: str, paint: Painter, colour: bool, marker: str = " ", style: str = "dim") -> str:
    gutter = paint(f"{marker} {number:>4} │ ", style)
    return "  " + gutter + highlight_python(code.rstrip("\n"), colour)


def _neighbourhood(source: str, line: int, paint: Painter, colour: bool) -> list[str]:
    """The hint line with one line either side, the hint line marked."""
    lines = source.splitlines()
    out = []
    for n in range(max(1, line - 1), min(len(lines), line + 1) + 1):
        if n == line:
            out.append(_show_line(n, lines[n - 1], paint, colour, "▶", "yellow"))
        elif lines[n - 1].strip():
            out.append(_show_line(n, lines[n - 1], paint, colour))
    return out


def render(explanation: Explanation, *, colour: bool = False, all_levels: bool = True, name: str | None = None) -> str:
    """The explanation as text for a person (lines joined with newlines, ending in one)."""
    paint = Painter(colour)
    e = explanation
    out: list[str] = []
    program = name or e.path.rsplit("/", 1)[-1]
    if e.outcome == "ok":
        code = getattr(e.result, "exit_code", 0)
        if getattr(e.result, "outcome", "ok") == "exit" and code:
            out.append(paint(f"■ {program} ended itself with sys.exit({code}), with no error.", "bold", "green"))
        else:
            out.append(paint(f"✔ {program} ran to the end without any problem. Well done!", "bold", "green"))
        if e.expected_output is not None:
            out.append("  It printed exactly what it should.")
        return "\n".join(out) + "\n"

    # What happened, briefly.
    if e.outcome == "error" and e.error is not None:
        where = f" on line {e.error.line}" if e.error.line else ""
        out.append(paint(f"✘ {program} stopped{where}: {friendly_error_name(e.error.type)}.", "bold", "red"))
        said = f"{e.error.type}: {e.error.message}" if e.error.message else e.error.type
        out.append(paint(f"  (Python says: {said})", "dim"))
    elif e.outcome == "timeout":
        out.append(paint(f"⏱ {program} kept running until the tutor stopped it.", "bold", "yellow"))
    elif e.outcome == "killed":
        why = {
            "memory": "it needed too much memory",
            "output": "it printed too much",
            "processes": "it tried to start too many other programs",
            "stopped": "it was stopped",
        }.get(e.result.limit or "", "it crashed")
        out.append(paint(f"✋ The tutor stopped {program}: {why}.", "bold", "yellow"))
    elif e.outcome == "wrong-output":
        out.append(paint(f"✎ {program} ran, but printed something different from what it should.", "bold", "yellow"))
        diff = first_difference(e.expected_output or "", e.result.stdout)
        if diff is not None:
            out.append(f"  Output line {diff.line}:")
            out.append("    should be: " + paint(repr(diff.expected) if diff.expected is not None else "(nothing more)", "green"))
            out.append("    printed:   " + paint(repr(diff.actual) if diff.actual is not None else "(nothing)", "red"))
    out.append(paint("  Every error is a clue. Let's look at it together!", "cyan"))
    out.append("")

    hint = e.hint
    if hint is None:
        return "\n".join(out) + "\n"
    import re

    title = hint.title
    if not re.search(r"\blines?\s+\d", title, re.I):
        title = f"Line {hint.line}: {title}"
    out.append(paint("💡 " + title, "bold"))
    out.extend(_neighbourhood(e.source, hint.line, paint, colour))
    levels = hint.levels[1:] if hint.levels and hint.levels[0] == hint.title else list(hint.levels)
    if hint.fix is not None and levels:
        levels = levels[:-1]  # the exact change is shown below as a before/after
    if all_levels:
        for text in levels:
            out.append("")
            for part in text.splitlines():
                out.append("  " + part)
    if hint.fix is not None:
        fix = hint.fix
        out.append("")
        if hint.verified:
            out.append(paint("✔ One small change (the tutor tried it on a copy of your program, and it works):", "bold", "green"))
        else:
            out.append(paint("? A small change to try (the tutor could not check it, so test it yourself):", "bold", "yellow"))
        old = fix.old_lines(e.source)
        if fix.end_line == fix.start_line - 1 and fix.start_line > 1:  # an insertion: show where
            out.append(_show_line(fix.start_line - 1, _code(e.source, fix.start_line - 1), paint, colour))
        for offset, text in enumerate(old):
            out.append(_show_line(fix.start_line + offset, text, paint, colour, "-", "red"))
        for offset, text in enumerate(fix.new_lines()):
            out.append(_show_line(fix.start_line + offset, text, paint, colour, "+", "green"))
    out.append("")
    if hint.fix is not None:
        out.append(paint("  Try the change, then run your program again. You are so close!", "cyan"))
    else:
        out.append(paint("  Make one small change, then run your program again. Every try is progress!", "cyan"))
    return "\n".join(out) + "\n"
