"""The same hint (line and fix) on every installed Python 3.10-3.13, for every corpus case.

Each interpreter runs the explainer itself (bench/_explain_child.py, with the repository on its
path and the project's pure-Python packages after its own), so both the learner's program and the
explaining happen on that version. Interpreters that are not installed are skipped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from _corpus import corpus_root, load_cases  # noqa: E402
from explain_corpus import installed_pythons, run_child  # noqa: E402

ROOT = corpus_root()
CASES = load_cases(ROOT) if ROOT.is_dir() else []
PYTHONS = installed_pythons()


@pytest.mark.slow
@pytest.mark.skipif(not CASES, reason="the shared corpus is not here")
@pytest.mark.skipif(len(PYTHONS) < 2, reason="fewer than two of Python 3.10-3.13 are installed")
def test_same_hint_on_every_python():
    seen: dict[str, dict[str, tuple]] = {}
    for minor, python in sorted(PYTHONS.items()):
        out = run_child(python, CASES, jobs=2)
        for r in out["results"]:
            assert "crash" not in r, (minor, r)
            assert r["hint"], (minor, r)
            if r["verified"]:
                assert r["fix_works"], (minor, r)
            seen.setdefault(r["id"], {})[minor] = (r["line"], json.dumps(r["fix"], sort_keys=True))
    differ = {cid: v for cid, v in seen.items() if len(set(v.values())) > 1}
    assert not differ, json.dumps(differ, indent=1)
