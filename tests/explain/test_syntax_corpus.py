"""The corpus's SyntaxError / IndentationError / TabError programs: the hint names the labelled
line, and its fix makes the program print exactly what the corpus's fixed.py prints."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "syntax_cases"))

from syntax_helpers import context_for, corpus_syntax_cases, run_fixed, syntax_hints  # noqa: E402

from tutor.explain.words import check_voice  # noqa: E402
from tutor.run import run_program  # noqa: E402

CASES = corpus_syntax_cases()


@pytest.mark.skipif(not CASES, reason="the shared corpus is not here")
@pytest.mark.parametrize("meta", CASES, ids=[m["id"] for m in CASES])
def test_corpus_syntax_case(meta, tmp_path):
    case_dir: Path = meta["dir"]
    buggy = case_dir / "buggy.py"
    source = buggy.read_text(encoding="utf-8")
    ctx = context_for(buggy, source, meta.get("stdin", ""))
    hints = syntax_hints(ctx)
    assert len(hints) == 1, [(h.diagnoser, h.line) for h in hints]
    hint = hints[0]
    assert hint.diagnoser != "syntax-unknown"
    assert hint.line in [meta["fix_line"], *meta.get("alt_fix_lines", [])], hint.title
    assert check_voice(hint.title) == [], hint.title
    assert hint.fix is not None
    after = run_fixed(tmp_path, hint.fix.apply(source), meta.get("stdin", ""))
    want = run_program(case_dir / "fixed.py", stdin=meta.get("stdin", ""))
    assert after.outcome == "ok", after.stderr
    assert after.stdout == want.stdout
