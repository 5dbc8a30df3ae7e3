"""Every syntax diagnoser on small programs: the right diagnoser answers, names the right line,
and its fix makes the program run and print what it should."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "syntax_cases"))

from syntax_helpers import context_for, load_cases, run_fixed, syntax_hints, write_program  # noqa: E402

from tutor.explain.words import BLAME, check_voice, jargon_in  # noqa: E402

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_gets_one_hint_on_the_right_line_with_a_working_fix(case, tmp_path):
    path = write_program(tmp_path, case.source)
    ctx = context_for(path, case.source, case.stdin)
    assert ctx.outcome == "error" and ctx.error.is_a("SyntaxError"), ctx.result.stderr
    hints = syntax_hints(ctx)
    assert len(hints) == 1, [(h.diagnoser, h.line, h.title) for h in hints]
    hint = hints[0]
    assert hint.diagnoser == case.diagnoser, hint.title
    assert hint.line == case.line, hint.title
    assert hint.fix is not None
    assert hint.fix.start_line <= case.line <= max(hint.fix.end_line, hint.fix.start_line)
    fixed = hint.fix.apply(case.source)
    result = run_fixed(tmp_path, fixed, case.stdin)
    assert result.outcome == "ok", (fixed, result.stderr)
    assert result.stdout == case.output


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_hint_voice(case, tmp_path):
    path = write_program(tmp_path, case.source)
    ctx = context_for(path, case.source, case.stdin)
    (hint,) = syntax_hints(ctx)
    assert check_voice(hint.levels[0]) == [], hint.levels[0]
    assert check_voice(hint.title) == [], hint.title
    assert f"Line {hint.line}" in hint.title or f"line {hint.line}" in hint.title
    # one sentence: no sentence ends before the last one (code in backticks does not count)
    plain = re.sub(r"`[^`]*`", "code", hint.title)
    assert not re.search(r"[.!?]\s+\S", plain), hint.title
    assert len(hint.levels) >= 3
    for level in hint.levels:
        lower = level.lower()
        assert not [p for p in BLAME if p in lower], level
    # the middle level explains why, in plain words, and encourages
    assert jargon_in(hint.levels[1]) == [], hint.levels[1]
    assert any(w in hint.levels[1].lower() for w in ("clue", "so close", "one small"))
    # the last level says the exact change
    assert hint.levels[-1].startswith(("Change", "Use", "On line", "Type", "Put")), hint.levels[-1]
    assert jargon_in(hint.levels[-1]) == [], hint.levels[-1]
