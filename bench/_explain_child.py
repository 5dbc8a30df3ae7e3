"""Explain corpus cases and check the proposed fixes, in whatever Python runs this file.

Used by bench/explain_corpus.py and tests/explain/test_versions.py, in this interpreter or in
another one (3.10-3.13): ``python _explain_child.py REPO [SITE_PACKAGES]`` reads a JSON object
``{"cases": [{"id", "folder", "stdin", "error"}], "timeout": 2, "jobs": 2}`` on stdin and prints
one JSON object ``{"python": "3.12.1", "results": [...]}``. Standard library + the tutor only (no
TOML: the parent reads case.toml).

Each case runs as the corpus README says: alone in an empty temporary folder, with the case's
stdin and a 2 s limit. WrongOutput cases get what fixed.py prints as the expected output.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import platform
import subprocess
import sys
import tempfile
import time


def run_plain(source: str, stdin: str, timeout: float, name: str = "buggy.py") -> tuple[int | None, str, str]:
    """Run a program with this interpreter, like ``python buggy.py`` in an empty folder."""
    with tempfile.TemporaryDirectory(prefix="tutor-bench-") as folder:
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(source)
        env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
        env.pop("PYTHONPATH", None)
        try:
            proc = subprocess.run(
                [sys.executable, path], input=stdin.encode(), capture_output=True, cwd=folder, env=env, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return None, "", "timeout"
        return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def evaluate(case: dict, timeout: float = 2.0) -> dict:
    """Explain one case and check its fix. Never raises (a crash is reported as such)."""
    from tutor.explain import explain_file

    out: dict = {"id": case["id"], "error_class": case["error"]}
    buggy = open(os.path.join(case["folder"], "buggy.py"), encoding="utf-8").read()
    fixed = open(os.path.join(case["folder"], "fixed.py"), encoding="utf-8").read()
    stdin = case.get("stdin", "")
    code, want, _ = run_plain(fixed, stdin, timeout * 2, "fixed.py")
    expected = want if case["error"] == "WrongOutput" else None
    try:
        with tempfile.TemporaryDirectory(prefix="tutor-bench-") as folder:
            path = os.path.join(folder, "buggy.py")
            with open(path, "w", encoding="utf-8") as f:
                f.write(buggy)
            t0 = time.perf_counter()
            e = explain_file(path, stdin=stdin, expected_output=expected, timeout=timeout)
            out["wall_ms"] = (time.perf_counter() - t0) * 1000
    except Exception as exc:  # the explainer must never crash: count it
        out["crash"] = f"{type(exc).__name__}: {exc}"
        return out
    data = e.to_json()
    hint = data["hint"]
    out.update(
        outcome=data["outcome"],
        error_line=(data["error"] or {}).get("line"),
        timing_ms=data["timing_ms"],
        problems=list(e.problems),
        hint=hint is not None,
        line=hint["line"] if hint else None,
        diagnoser=hint["diagnoser"] if hint else None,
        fix=hint["fix"] if hint else None,
        verified=bool(hint and hint["verified"]),
        title=hint["title"] if hint else None,
    )
    fix_works = False
    if hint and hint["fix"] and e.hint is not None and e.hint.fix is not None:
        try:
            new_source = e.hint.fix.apply(buggy)
            rc, got, _ = run_plain(new_source, stdin, timeout)
            fix_works = rc == 0 and code == 0 and got == want
        except Exception:
            fix_works = False
    out["fix_works"] = fix_works
    return out


def main() -> int:
    repo = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path.insert(0, repo)
    if len(sys.argv) > 2:
        sys.path.append(sys.argv[2])  # pure-Python packages from the project's environment, last
    request = json.load(sys.stdin)
    timeout = float(request.get("timeout", 2.0))
    jobs = int(request.get("jobs", 2))
    cases = request["cases"]
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(lambda c: evaluate(c, timeout), cases))
    json.dump({"python": platform.python_version(), "results": results}, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
