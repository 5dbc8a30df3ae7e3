"""The corpus's wrong-output programs, end to end through ``explain_file`` with the output of
``fixed.py`` as the expected output: right line, verified fix."""

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
from tutor.explain.words import check_voice
from tutor.run import run_program

# A private copy made by tests/conftest.py (the shared corpus stays untouched).
CORPUS = Path(os.environ.get("TUTOR_CORPUS") or Path(__file__).resolve().parents[3] / "shared" / "corpus")


def corpus_cases(error: str) -> list[Path]:
    if not CORPUS.is_dir():
        return []
    found = []
    for case in sorted(CORPUS.glob("*/case.toml")):
        if tomllib.loads(case.read_text(encoding="utf-8")).get("error") == error:
            found.append(case.parent)
    return found


CASES = corpus_cases("WrongOutput")


@pytest.mark.skipif(not CASES, reason="the shared corpus is not here")
@pytest.mark.parametrize("folder", CASES, ids=[c.name for c in CASES])
def test_corpus_wrong_output(folder: Path) -> None:
    case = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    stdin = case.get("stdin", "")
    expected = run_program(folder / "fixed.py", stdin=stdin, timeout=5).stdout
    e = explain_file(folder / "buggy.py", stdin=stdin, expected_output=expected, timeout=2.0)
    assert e.outcome == "wrong-output"
    h = e.hint
    assert h is not None and h.diagnoser == "wrong-output", e.to_json()
    assert h.line in [case["fix_line"], *case.get("alt_fix_lines", [])], e.to_json()
    assert h.verified is True and h.fix is not None
    assert not check_voice(h.title)
