"""The corpus's never-ending loops, end to end through ``explain_file``: the hint names the line
where the fix belongs, the fix is verified, and the fixed program prints what ``fixed.py`` prints."""

from __future__ import annotations

import os

import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from tutor.explain import explain_file
from tutor.run import run_program

# A private copy made by tests/conftest.py (the shared corpus stays untouched).
CORPUS = Path(os.environ.get("TUTOR_CORPUS") or Path(__file__).resolve().parents[3] / "shared" / "corpus")


def corpus_cases(error: str) -> list[Path]:
    if not CORPUS.is_dir():
        return []
    found = []
    for case in sorted(CORPUS.glob("*/case.toml")):
        data = tomllib.loads(case.read_text(encoding="utf-8"))
        if data.get("error") == error:
            found.append(case.parent)
    return found


CASES = corpus_cases("Timeout")


@pytest.mark.skipif(not CASES, reason="the shared corpus is not here")
@pytest.mark.parametrize("folder", CASES, ids=[c.name for c in CASES])
def test_corpus_loop(folder: Path, tmp_path: Path) -> None:
    case = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    stdin = case.get("stdin", "")
    e = explain_file(folder / "buggy.py", stdin=stdin, timeout=1.0)
    assert e.outcome in ("timeout", "killed")
    h = e.hint
    assert h is not None and h.diagnoser == "loop-never-ends", e.to_json()
    assert h.line in [case["fix_line"], *case.get("alt_fix_lines", [])], e.to_json()
    assert h.verified is True and h.fix is not None
    fixed_copy = tmp_path / "buggy.py"
    fixed_copy.write_text(h.fix.apply(e.source), encoding="utf-8")
    ours = run_program(fixed_copy, stdin=stdin, timeout=5)
    theirs = run_program(folder / "fixed.py", stdin=stdin, timeout=5)
    assert ours.outcome == "ok" and ours.stdout == theirs.stdout
