"""Helpers for the explainer's tests (import with ``from explain_helpers import ...``)."""

from __future__ import annotations

from tutor.explain import Explanation


def fixed_source(e: Explanation) -> str:
    """The program with the hint's fix applied."""
    assert e.hint is not None and e.hint.fix is not None, e.to_json()
    return e.hint.fix.apply(e.source)


def fixed_line(e: Explanation, line: int | None = None) -> str:
    """One line of the fixed program (the hint's line by default), without its newline."""
    src = fixed_source(e)
    return src.splitlines()[(line or e.hint.line) - 1]


def check(e: Explanation, diagnoser: str, line: int, new_line: str | None = None, *, verified: bool | None = True) -> None:
    """The hint came from ``diagnoser``, points at ``line`` and (if given) changes it to ``new_line``."""
    h = e.hint
    assert h is not None, e.to_json()
    assert h.diagnoser == diagnoser, e.to_json()
    assert h.line == line, e.to_json()
    if new_line is not None:
        assert fixed_line(e, line).strip() == new_line.strip(), e.to_json()
    if verified is not None:
        assert h.verified is verified, e.to_json()
