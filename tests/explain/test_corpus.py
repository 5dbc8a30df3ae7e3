"""The shared corpus through explain_file: a hint on every case, no crash, and every fix marked
verified really works (it makes the program print exactly what fixed.py prints, and exit 0)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from _corpus import corpus_root, load_cases  # noqa: E402
from _explain_child import evaluate  # noqa: E402

ROOT = corpus_root()
CASES = load_cases(ROOT) if ROOT.is_dir() else []


@pytest.mark.skipif(not CASES, reason="the shared corpus is not here")
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_case(case):
    r = evaluate({"id": case.id, "folder": str(case.folder), "stdin": case.stdin, "error": case.error})
    assert "crash" not in r, r
    assert r["hint"], r
    assert not r["problems"], r["problems"]  # nothing inside the explainer went wrong
    if r["verified"]:
        assert r["fix_works"], f"{case.id}: a fix marked verified does not really work: {r['fix']}"
