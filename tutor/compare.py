"""Comparing what a program printed with what it should print.

Forgiving in exactly one way: spaces at the end of a line and blank lines at the very end do not
count (they are invisible on screen). Everything else, capitals and inner spaces included, counts.
"""

from __future__ import annotations

from dataclasses import dataclass


def normalise(text: str) -> list[str]:
    """The lines of ``text`` as they look on screen: no trailing spaces, no trailing blank lines."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def outputs_match(expected: str, actual: str) -> bool:
    return normalise(expected) == normalise(actual)


@dataclass(frozen=True)
class Difference:
    """Where two outputs first differ (1-based line and column in the normalised text)."""

    line: int
    column: int
    expected: str | None  # the expected line there (None: the program printed more lines)
    actual: str | None  # the actual line there (None: the program printed fewer lines)


def first_difference(expected: str, actual: str) -> Difference | None:
    exp, act = normalise(expected), normalise(actual)
    for i in range(max(len(exp), len(act))):
        e = exp[i] if i < len(exp) else None
        a = act[i] if i < len(act) else None
        if e != a:
            column = 1
            if e is not None and a is not None:
                while column <= min(len(e), len(a)) and e[column - 1] == a[column - 1]:
                    column += 1
            return Difference(line=i + 1, column=column, expected=e, actual=a)
    return None
