"""Short sentences about a recording, for a child (``tutor trace`` and the app's Look inside view)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from .recording import LINE, Recording


def times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n:,} times"


def steps_words(n: int) -> str:
    return "1 step" if n == 1 else f"{n:,} steps"


@dataclass
class Stuck:
    """A run stopped at the step cap: the line that kept running and the names that never moved."""

    line: int
    count: int
    stayed: list[tuple[str, str]]  # (name, value) that did not change near the end

    def words(self) -> str:
        text = f"Line {self.line} ran {times(self.count)}"
        if self.stayed:
            parts = [f"`{name}` stayed {value}" for name, value in self.stayed[:2]]
            text += ", and " + " and ".join(parts)
        return text + "."


def _loop_test_names(source: str, line: int) -> list[str]:
    """The names in the test of the innermost ``while`` loop around ``line`` (in order)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    best: ast.While | None = None
    for node in ast.walk(tree):
        if isinstance(node, ast.While) and node.lineno <= line <= (node.end_lineno or node.lineno):
            if best is None or node.lineno >= best.lineno:
                best = node
    if best is None:
        return []
    out: list[str] = []
    for node in ast.walk(best.test):
        if isinstance(node, ast.Name) and node.id not in out:
            out.append(node.id)
    return out


def stuck(rec: Recording) -> Stuck | None:
    """For a run stopped at the cap (or one stopped for time): which line kept going, what stayed."""
    if not rec.truncated or not rec.raw:
        return None
    n = len(rec.raw)
    tail_start = max(0, n - max(50, n // 5))
    counts: dict[int, int] = {}
    for s in rec.raw[tail_start:]:
        if s[1] == LINE:
            counts[s[0]] = counts.get(s[0], 0) + 1
    if not counts:
        return None
    hot = max(counts, key=lambda k: (counts[k], -k))
    total = rec.line_counts.get(hot, 0)
    # Names of the last step's call that kept one value through the tail.
    last = n - 1
    act = rec.raw[last][4]
    changed: set[str] = set()
    for s in rec.raw[tail_start:]:
        if s[4] == act and s[6]:
            changed.update(k for k in s[6])
    values = rec.vars_at(last)
    steady = [(k, v) for k, v in values.items() if k not in changed]
    wanted = _loop_test_names(rec.source, hot)
    stayed = [(k, v) for k, v in steady if k in wanted]
    stayed.sort(key=lambda kv: wanted.index(kv[0]))
    return Stuck(hot, total, stayed)


def headline(rec: Recording) -> str:
    """One sentence: how the run went, in steps."""
    n = len(rec.raw)
    if not rec.available:
        return "The tutor could not look inside this run."
    if rec.truncated:
        st = stuck(rec)
        head = f"The tutor stopped your program after {steps_words(n)}."
        return head + (" " + st.words() if st else "")
    if rec.outcome == "error" and rec.result.error is not None and n == 0:
        err = rec.result.error
        where = f" on line {err.line}" if err.line else ""
        return f"Python could not start your program: it found a problem{where} ({err.type}) before the first step."
    if n == 0:
        return "Your program has no lines to run yet."
    if rec.outcome == "error" and rec.result.error is not None:
        err = rec.result.error
        where = f" on line {err.line}" if err.line else ""
        return f"Your program took {steps_words(n)}, then hit a problem{where} ({err.type})."
    if rec.outcome == "timeout":
        return f"Your program ran too long; the tutor looked at {steps_words(n)}."
    return f"Your program took {steps_words(n)} from start to end."


def busiest_lines(rec: Recording, k: int = 5) -> list[tuple[int, int]]:
    counts = rec.line_counts
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]


def busiest_names(rec: Recording, k: int = 5) -> list[tuple[str, int, list[str]]]:
    """Names that changed most: (name, how many values, the first few values)."""
    hist = rec.histories()
    ranked = sorted(hist.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:k]
    return [(name, len(vals), vals) for name, vals in ranked]
