"""Measure the explainer on the shared corpus (not a timed test).

    uv run python bench/explain_corpus.py [--corpus DIR] [--versions] [--jobs N] [--json]

Per error class and overall:
- hint rate: cases with a hint;
- line accuracy: the hint's line is the case's fix_line or one of its alt_fix_lines;
- fix accuracy: the proposed fix, applied, makes the program print exactly what fixed.py prints,
  and exit 0;
- verified precision: of the fixes marked verified, the share that really work (must be 100%);
- CPython's own line accuracy on the same cases (the line its error names), beside ours;
- crashes of the explainer (must be 0);
- the share of hints that came from the repair search and from the fallback.
With ``--search-only``: the diagnosers are switched off (the fallback stays), so the numbers show
what the repair search alone finds on programs it was never written for.
With ``--versions``: the same under every installed CPython 3.10-3.13, and the cases whose hint
line or fix differ between versions (target 0).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import sysconfig
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from _corpus import corpus_root, load_cases, load_index  # noqa: E402

SYNTAX = ("SyntaxError", "IndentationError", "TabError")


def installed_pythons() -> dict[str, str]:
    """minor version -> interpreter path, for the 3.10-3.13 interpreters pyenv has."""
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found = {}
    for minor in ("3.10", "3.11", "3.12", "3.13"):
        paths = sorted(glob.glob(f"{root}/versions/{minor}.*/bin/python{minor}"))
        if paths:
            found[minor] = paths[-1]
    return found


def run_child(python: str, cases: list, timeout: float = 2.0, jobs: int = 2, search_only: bool = False) -> dict:
    request = {
        "cases": [{"id": c.id, "folder": str(c.folder), "stdin": c.stdin, "error": c.error} for c in cases],
        "timeout": timeout,
        "jobs": jobs,
    }
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if search_only:
        env["TUTOR_EXPLAIN_SEARCH_ONLY"] = "1"
    proc = subprocess.run(
        [python, str(HERE / "_explain_child.py"), str(REPO), sysconfig.get_paths()["purelib"]],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        env=env,
        timeout=60 + 10 * len(cases),
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{python} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout)


def score(cases: list, results: list[dict], index: dict, version: str) -> dict:
    by_id = {r["id"]: r for r in results}
    cpython_lines = {c["id"]: c.get("crash_lines", {}) for c in index.get("cases", [])}
    groups: dict[str, list] = defaultdict(list)
    for c in cases:
        groups[c.error].append(c)
        groups["ALL"].append(c)
        groups["runtime" if c.error not in SYNTAX else "syntax"].append(c)
    table = {}
    for name, members in groups.items():
        n = len(members)
        rs = [by_id[c.id] for c in members]
        hint = sum(1 for r in rs if r.get("hint"))
        line = sum(1 for c, r in zip(members, rs) if r.get("line") in c.good_lines)
        fix = sum(1 for r in rs if r.get("fix_works"))
        verified = [r for r in rs if r.get("verified")]
        good_verified = sum(1 for r in verified if r.get("fix_works"))
        cpy = 0
        for c in members:
            reported = cpython_lines.get(c.id, {}).get(version, c.crash_line)
            cpy += 1 if reported in c.good_lines else 0
        crashes = sum(1 for r in rs if r.get("crash") or r.get("problems"))
        from_search = sum(1 for r in rs if r.get("diagnoser") == "search")
        from_fallback = sum(1 for r in rs if r.get("diagnoser") in ("fallback", "explainer-fallback"))
        table[name] = {
            "n": n,
            "hint": hint / n,
            "line": line / n,
            "fix": fix / n,
            "verified": len(verified),
            "verified_precision": (good_verified / len(verified)) if verified else 1.0,
            "cpython_line": cpy / n,
            "crashes": crashes,
            "search": from_search / n,
            "fallback": from_fallback / n,
        }
    return table


def print_table(title: str, table: dict) -> None:
    print(f"\n{title}")
    print(f"{'class':<20}{'n':>4}{'hint':>7}{'line':>7}{'fix':>7}{'verif':>7}{'v.prec':>8}{'cpy.line':>10}{'crash':>7}{'search':>8}{'fallbk':>8}")
    order = sorted((k for k in table if k not in ("ALL", "runtime", "syntax")), key=lambda k: (-table[k]["n"], k))
    for k in order + ["runtime", "syntax", "ALL"]:
        if k not in table:
            continue
        r = table[k]
        print(
            f"{k:<20}{r['n']:>4}{r['hint']:>7.0%}{r['line']:>7.0%}{r['fix']:>7.0%}{r['verified']:>7}"
            f"{r['verified_precision']:>8.0%}{r['cpython_line']:>10.0%}{r['crashes']:>7}{r['search']:>8.0%}{r['fallback']:>8.0%}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", help="the corpus folder (default ../shared/corpus)")
    ap.add_argument("--versions", action="store_true", help="also run under every installed 3.10-3.13")
    ap.add_argument("--jobs", type=int, default=2, help="cases explained at once (default 2)")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    ap.add_argument("--show", action="store_true", help="list every case")
    ap.add_argument("--search-only", action="store_true",
                    help="switch the diagnosers off (fallback kept): how far the repair search alone gets")
    args = ap.parse_args(argv)

    root = corpus_root(args.corpus)
    cases = load_cases(root)
    index = load_index(root)
    pythons = installed_pythons() if args.versions else {}
    current = f"{sys.version_info[0]}.{sys.version_info[1]}"
    pythons.setdefault(current, sys.executable)

    report: dict = {"corpus": str(root), "versions": {}}
    per_version: dict[str, dict[str, dict]] = {}
    for minor, python in sorted(pythons.items()):
        out = run_child(python, cases, jobs=args.jobs, search_only=args.search_only)
        results = out["results"]
        per_version[minor] = {r["id"]: r for r in results}
        table = score(cases, results, index, minor)
        walls = sorted(r["wall_ms"] for r in results if "wall_ms" in r)
        explains = sorted(r["timing_ms"]["explain"] for r in results if "timing_ms" in r)
        report["versions"][minor] = {"python": out["python"], "table": table}
        if not args.json:
            print_table(f"Python {out['python']} ({len(cases)} cases)", table)
            if explains:
                p95 = explains[min(len(explains) - 1, int(0.95 * len(explains)))]
                print(
                    f"explaining (no runs): median {statistics.median(explains):.1f} ms, p95 {p95:.1f} ms (cold and warm mixed;"
                    f" see bench/explain_speed.py); whole explain_file median {statistics.median(walls):.0f} ms"
                )
            if args.show:
                for c in cases:
                    r = per_version[minor][c.id]
                    mark = "ok " if r.get("line") in c.good_lines else "BAD"
                    print(
                        f"  {mark} {c.id:<28} {c.error:<18} want {sorted(c.good_lines)} got {r.get('line')}"
                        f" fix={'yes' if r.get('fix_works') else 'no '} v={r.get('verified')} {r.get('diagnoser')}"
                    )
    if len(per_version) > 1:
        differ = []
        for c in cases:
            seen = {(r[c.id].get("line"), json.dumps(r[c.id].get("fix"), sort_keys=True)) for r in per_version.values()}
            if len(seen) > 1:
                differ.append(c.id)
        report["differ_between_versions"] = differ
        if not args.json:
            print(f"\nCases whose hint line or fix differ between {', '.join(sorted(per_version))}: {len(differ)}")
            for cid in differ:
                print("  " + cid + ": " + ", ".join(f"{v}: line {per_version[v][cid].get('line')}" for v in sorted(per_version)))
    if args.json:
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
