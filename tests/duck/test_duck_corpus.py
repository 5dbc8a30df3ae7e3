"""Where the child's idea and the computer first disagree is usually where the bug hides.

A child who knows what their program *should* do predicts what the fixed program does; the duck,
running the buggy program, should point at (or next to) the line where the fix belongs.
"""

from __future__ import annotations

import os

import sys
from pathlib import Path

import pytest

from tutor.duck.dialogue import DuckSession

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# A private copy made by tests/conftest.py (the shared corpus stays untouched).
CORPUS = Path(os.environ.get("TUTOR_CORPUS") or Path(__file__).resolve().parents[3] / "shared" / "corpus")


def _cases():
    if not CORPUS.exists():
        return []
    out = []
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "case.toml").exists()):
        case = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
        if case.get("error") not in ("SyntaxError", "IndentationError", "TabError"):
            out.append((folder, case))
    return out


def first_disagreement(folder: Path, case: dict) -> int | None:
    stdin = case.get("stdin", "")
    good = DuckSession(folder / "fixed.py", stdin=stdin, timeout=2)
    bad = DuckSession(folder / "buggy.py", stdin=stdin, timeout=2)
    if good.problem or bad.problem:
        return None
    good.run_trace()
    bad.run_trace()
    for step in bad.steps:
        twin = next((g for g in good.steps if g.line == step.line and g.target == step.target and g.target), None)
        if twin is None:
            continue
        value = good.outcome(twin).actual
        if value is not None:
            bad.answer(step.index, "forever" if value.startswith("still going") else value)
    review = bad.review()
    return review.first.line if review.first else None


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not here")
def test_first_disagreement_is_near_the_fix_in_most_corpus_programs():
    cases = _cases()
    near = 0
    for folder, case in cases:
        first = first_disagreement(folder, case)
        lines = [case["fix_line"], *(case.get("alt_fix_lines") or [])]
        if first is not None and min(abs(first - line) for line in lines) <= 2:
            near += 1
    assert len(cases) >= 20
    assert near / len(cases) >= 0.7, f"only {near} of {len(cases)} near the fix"
