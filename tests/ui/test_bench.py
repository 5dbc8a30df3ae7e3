"""The start-up benchmark still runs (one short round; the numbers themselves are not checked here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_startup_bench_prints_the_ratio():
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "startup.py"), "--runs", "1"],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "minimal Textual app, first frame:" in out.stdout
    assert "tutor app, exercise list filled in:" in out.stdout
    assert "ratio (tutor first frame / minimal):" in out.stdout
