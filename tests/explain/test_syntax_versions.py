"""Hints for programs Python refuses to start come out the same on CPython 3.10, 3.11, 3.12 and
3.13, although those versions report different messages and lines for the same slip.

Two sides are checked:
- the learner's program run under each installed interpreter (the error the tutor sees differs);
- the diagnosers themselves running under each interpreter (the tutor's own ``compile()`` differs).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "syntax_cases"))

from syntax_helpers import (  # noqa: E402
    context_for,
    corpus_syntax_cases,
    installed_pythons,
    load_cases,
    syntax_hints,
    write_program,
)

PYTHONS = installed_pythons()
ROOT = Path(__file__).resolve().parents[2]

# Programs whose errors differ most between versions (unclosed brackets, missing commas and
# colons, indentation messages, f-strings, strings that never end).
CHOSEN = [
    "call-bracket-missing-at-end",
    "list-never-closed",
    "comma-dict-multiline",
    "colon-if",
    "expected-indented-block-for",
    "fstring-unclosed-brace",
    "apostrophe",
    "else-if",
    "print-python2",
    "keyword-class-as-variable",
    "tab-in-space-block",
    "curly-double-quotes",
]


def _signature(hint):
    fix = hint.fix.to_json() if hint.fix else None
    return (hint.diagnoser, hint.line, hint.title, fix, tuple(hint.levels))


def _programs():
    cases = {c.name: c for c in load_cases()}
    out = [(name, cases[name].source) for name in CHOSEN if name in cases]
    for meta in corpus_syntax_cases():
        out.append((meta["id"], (meta["dir"] / "buggy.py").read_text(encoding="utf-8")))
    return out


PROGRAMS = _programs()


@pytest.mark.slow
@pytest.mark.skipif(len(PYTHONS) < 2, reason="fewer than two of Python 3.10-3.13 are installed")
@pytest.mark.parametrize("name,source", PROGRAMS, ids=[p[0] for p in PROGRAMS])
def test_same_hint_whatever_python_ran_the_program(name, source, tmp_path):
    path = write_program(tmp_path, source)
    seen = {}
    for version, exe in sorted(PYTHONS.items()):
        ctx = context_for(path, source, python=exe)
        assert ctx.outcome == "error" and ctx.error.is_a("SyntaxError"), (version, ctx.result.stderr)
        hints = syntax_hints(ctx)
        assert len(hints) == 1, (version, [(h.diagnoser, h.line) for h in hints])
        seen[version] = _signature(hints[0])
    first = next(iter(seen.values()))
    assert first[0] != "syntax-unknown"
    for version, signature in seen.items():
        assert signature == first, f"Python {version} gave a different hint"


_PROBE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from tutor.explain.diagnosers._syntax_tools import Analysis
out = {}
for path in sys.argv[2:]:
    best = Analysis(open(path, encoding="utf-8").read()).best
    out[path] = None if best is None else [best.family, best.line, best.fix.to_json(), best.title,
                                           best.why, best.change]
print(json.dumps(out, sort_keys=True))
"""


@pytest.mark.slow
@pytest.mark.skipif(len(PYTHONS) < 2, reason="fewer than two of Python 3.10-3.13 are installed")
def test_same_hint_whatever_python_runs_the_tutor(tmp_path):
    paths = []
    for k, (_, source) in enumerate(PROGRAMS + [(c.name, c.source) for c in load_cases()]):
        path = tmp_path / f"p{k}.py"
        path.write_text(source, encoding="utf-8")
        paths.append(str(path))
    answers = {}
    for version, exe in sorted(PYTHONS.items()):
        done = subprocess.run(
            [exe, "-I", "-c", _PROBE, str(ROOT), *paths], capture_output=True, text=True, timeout=120
        )
        if done.returncode != 0 and "ModuleNotFoundError" in done.stderr:
            continue  # this bare interpreter lacks a package the tutor imports: not comparable
        assert done.returncode == 0, (version, done.stderr[-2000:])
        answers[version] = json.loads(done.stdout)
    if len(answers) < 2:
        pytest.skip("fewer than two interpreters could load the tutor's explainer")
    first_version, first = next(iter(answers.items()))
    assert all(v is not None for v in first.values())
    for version, answer in answers.items():
        for path in paths:
            assert answer[path] == first[path], f"{path}: Python {version} differs from {first_version}"
