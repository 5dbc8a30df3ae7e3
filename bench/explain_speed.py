"""How fast is the explainer? (A measurement script, not a timed test.)

    uv run python bench/explain_speed.py [--corpus DIR] [--reps N]

1. Explaining alone (no runs, no verification), warm: every corpus case is run once, then its
   Context is explained ``--reps`` times from scratch (parsing included). Target: p95 <= 30 ms.
2. A whole ``explain_file`` (run + explain + verification) against a bare ``python buggy.py``,
   measured side by side in one run, alternating, so the machine's load hits both alike.
   Target: median ratio <= 3x (the issue's: <= 2x).
3. Time to a verified fix by the repair search: every corpus case explained with the diagnosers
   switched off (``TUTOR_EXPLAIN_SEARCH_ONLY=1``), so the search must find the fix; the whole
   ``explain_file`` wall time of the cases it fixes (median, p95, max). Target: p95 <= 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from _corpus import corpus_root, expected_output, load_cases  # noqa: E402

from tutor.explain import explain_file  # noqa: E402
from tutor.explain.context import Context  # noqa: E402
from tutor.explain.engine import explain_context  # noqa: E402
from tutor.run import Limits, run_program  # noqa: E402


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def bare_run(path: Path, stdin: str, timeout: float) -> float:
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
    t0 = time.perf_counter()
    try:
        subprocess.run([sys.executable, str(path)], input=stdin.encode(), capture_output=True, cwd=path.parent, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        pass
    return (time.perf_counter() - t0) * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus")
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--pairs", type=int, default=3, help="side-by-side pairs per case")
    args = ap.parse_args(argv)
    cases = load_cases(corpus_root(args.corpus))
    limits = Limits(timeout=2.0)

    # 1. explaining alone, warm
    times: list[float] = []
    worst: list[tuple[float, str]] = []
    per_diagnoser: dict[str, list[float]] = {}
    contexts = []
    with tempfile.TemporaryDirectory(prefix="tutor-speed-") as folder:
        for case in cases:
            path = Path(folder) / case.id / "buggy.py"
            path.parent.mkdir()
            path.write_text(case.buggy.read_text(encoding="utf-8"), encoding="utf-8")
            expected = expected_output(case) if case.error == "WrongOutput" else None
            result = run_program(path, stdin=case.stdin, limits=limits, record_output_lines=expected is not None)
            contexts.append((case, path, result, expected))
        for case, path, result, expected in contexts:  # one warm-up pass loads every module
            explain_context(Context(str(path), path.read_text(), result, case.stdin, expected, limits), verify=False)
        for case, path, result, expected in contexts:
            source = path.read_text(encoding="utf-8")
            mine = []
            for _ in range(args.reps):
                t0 = time.perf_counter()
                out = explain_context(Context(str(path), source, result, case.stdin, expected, limits), verify=False)
                mine.append((time.perf_counter() - t0) * 1000)
                for did, ms in out.diagnoser_ms.items():
                    per_diagnoser.setdefault(did, []).append(ms)
            times.extend(mine)
            worst.append((max(mine), case.id))

        print(f"Explaining alone (warm, {len(cases)} cases x {args.reps}):")
        print(f"  median {statistics.median(times):.2f} ms   p95 {pct(times, 0.95):.2f} ms   max {max(times):.2f} ms   (target p95 <= 30 ms)")
        print("  slowest cases: " + ", ".join(f"{cid} {ms:.1f} ms" for ms, cid in sorted(worst, reverse=True)[:3]))
        slow = sorted(((max(v), k) for k, v in per_diagnoser.items()), reverse=True)[:4]
        print("  slowest diagnosers (max ms): " + ", ".join(f"{k} {ms:.1f}" for ms, k in slow))

        # 2. explain_file beside a bare run
        ratios: list[float] = []
        bare_all: list[float] = []
        whole_all: list[float] = []
        for case, path, _result, expected in contexts:
            bare, whole = [], []
            for _ in range(args.pairs):
                bare.append(bare_run(path, case.stdin, 2.0))
                t0 = time.perf_counter()
                explain_file(path, stdin=case.stdin, expected_output=expected, timeout=2.0)
                whole.append((time.perf_counter() - t0) * 1000)
            b, w = statistics.median(bare), statistics.median(whole)
            bare_all.append(b)
            whole_all.append(w)
            if case.error != "Timeout":  # both sides wait out the same 2 s limit there
                ratios.append(w / b)
        print(f"\nWhole explain_file beside a bare `python buggy.py` ({args.pairs} pairs per case, timeouts left out of the ratio):")
        print(f"  bare run median {statistics.median(bare_all):.0f} ms   explain_file median {statistics.median(whole_all):.0f} ms")
        print(f"  ratio per case: median {statistics.median(ratios):.2f}x   p90 {pct(ratios, 0.9):.2f}x   (target median <= 3x)")

        # 3. the repair search alone: time to a verified fix
        os.environ["TUTOR_EXPLAIN_SEARCH_ONLY"] = "1"
        try:
            found: list[float] = []
            searched = 0
            for case, path, _result, expected in contexts:
                t0 = time.perf_counter()
                e = explain_file(path, stdin=case.stdin, expected_output=expected, timeout=2.0)
                ms = (time.perf_counter() - t0) * 1000
                if e.hint is not None and e.hint.diagnoser == "search":
                    searched += 1
                    if e.hint.verified:
                        found.append(ms)
        finally:
            os.environ.pop("TUTOR_EXPLAIN_SEARCH_ONLY", None)
        print(f"\nRepair search alone (diagnosers off), {len(cases)} cases: verified fix found on {len(found)}")
        if found:
            print(f"  time to a verified fix (whole explain_file): median {statistics.median(found):.0f} ms   p95 {pct(found, 0.95):.0f} ms"
                  f"   max {max(found):.0f} ms   (target p95 <= 2000 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
