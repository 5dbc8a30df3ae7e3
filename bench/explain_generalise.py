"""A generalisation check on programs nobody on the team wrote: QuixBugs (MIT licence), 40 small
algorithm programs, each with one buggy line, its correct version, and several test inputs.

    uv run python bench/explain_generalise.py [--quixbugs DIR] [--inputs N] [--show] [--json]

``DIR`` is a checkout (or the ``fetch`` mirror) of https://github.com/jkoppel/QuixBugs; by default
the mirror at /work/.mirror/jkoppel+QuixBugs/repo (a bare git dir is read with ``git show``). The
programs are converted on the fly (nothing of them is stored here, nothing is special-cased): each
program gets a two-line driver that calls its function with one test input and prints the answer;
the expected output comes from running the correct version with the same driver. The explainer
sees the buggy program with the FIRST input on which buggy and correct differ, as a kid's program
with its expected output, and knows nothing of the other inputs.

Reported, over the programs that can be explained this way:
- line: the hint's line is one of the lines that differ between buggy and correct;
- fix (one input): the hint's fix makes the program print the right answer for that input;
- fix (all inputs): ... and for every other input too (a fix that really works);
- verified precision: of the verified fixes, the share right on that input (must be 100%);
- plausible but wrong: verified fixes that fail on another input (the issue's target is 0);
- where the hint came from (search, a diagnoser, the fallback), and time to a verified fix.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT = "/work/.mirror/jkoppel+QuixBugs/repo"
DRIVER = "\n\n_answer = {call}\nprint(list(_answer) if hasattr(_answer, '__next__') else _answer)\n"


class Source:
    """Reads files from a checkout or from a bare git directory."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.bare = not os.path.isdir(os.path.join(root, "python_programs"))

    def read(self, rel: str) -> str | None:
        if not self.bare:
            p = os.path.join(self.root, rel)
            return open(p, encoding="utf-8").read() if os.path.exists(p) else None
        proc = subprocess.run(["git", "--git-dir", self.root, "show", f"HEAD:{rel}"], capture_output=True, text=True)
        return proc.stdout if proc.returncode == 0 else None

    def names(self) -> list[str]:
        if not self.bare:
            return sorted(f[:-5] for f in os.listdir(os.path.join(self.root, "json_testcases")) if f.endswith(".json"))
        proc = subprocess.run(["git", "--git-dir", self.root, "ls-tree", "--name-only", "HEAD", "json_testcases/"], capture_output=True, text=True)
        return sorted(Path(p).stem for p in proc.stdout.split() if p.endswith(".json"))


def run_plain(source: str, timeout: float = 3.0) -> tuple[int | None, str]:
    with tempfile.TemporaryDirectory(prefix="tutor-gen-") as folder:
        path = os.path.join(folder, "prog.py")
        Path(path).write_text(source, encoding="utf-8")
        try:
            p = subprocess.run([sys.executable, path], capture_output=True, text=True, cwd=folder, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, ""
        return p.returncode, p.stdout


def strip_doc(source: str) -> str:
    """The program without QuixBugs' trailing docstring (a kid's file has none)."""
    cut = source.find('\n"""')
    return source[:cut].rstrip() + "\n" if cut > 0 else source


def build(src: Source, name: str, max_inputs: int) -> dict | None:
    buggy = src.read(f"python_programs/{name}.py")
    correct = src.read(f"correct_python_programs/{name}.py")
    tests = src.read(f"json_testcases/{name}.json")
    if not (buggy and correct and tests):
        return None
    buggy, correct = strip_doc(buggy), strip_doc(correct)
    calls = []
    for raw in tests.splitlines():
        raw = raw.strip()
        if not raw:
            continue
        try:
            args, _ = json.loads(raw)
        except ValueError:
            continue
        args = args if isinstance(args, list) else [args]
        call = f"{name}({', '.join(repr(a) for a in args)})"
        if len(call) <= 160:
            calls.append(call)
    inputs = []
    for call in calls:
        code, out = run_plain(correct + DRIVER.format(call=call))
        if code == 0:
            inputs.append({"call": call, "expected": out})
        if len(inputs) >= max_inputs + 6:
            break
    first = None
    for i, inp in enumerate(inputs):
        code, out = run_plain(buggy + DRIVER.format(call=inp["call"]), 2.0)
        if code != 0 or out != inp["expected"]:
            first = i
            break
    if first is None:
        return None
    inputs = [inputs[first]] + [x for j, x in enumerate(inputs) if j != first][: max_inputs - 1]
    bad_lines = set()
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(a=buggy.splitlines(), b=correct.splitlines()).get_opcodes():
        if tag != "equal":
            bad_lines.update(range(i1 + 1, max(i2, i1 + 1) + 1))
    return {"name": name, "buggy": buggy, "correct": correct, "inputs": inputs, "lines": sorted(bad_lines)}


def evaluate(case: dict) -> dict:
    from tutor.explain import explain_file

    first = case["inputs"][0]
    program = case["buggy"] + DRIVER.format(call=first["call"])
    out = {"name": case["name"]}
    with tempfile.TemporaryDirectory(prefix="tutor-gen-") as folder:
        path = os.path.join(folder, "prog.py")
        Path(path).write_text(program, encoding="utf-8")
        t0 = time.perf_counter()
        e = explain_file(path, expected_output=first["expected"], timeout=2.0)
        out["wall_ms"] = (time.perf_counter() - t0) * 1000
    h = e.hint
    out.update(outcome=e.outcome, diagnoser=h.diagnoser if h else None, line=h.line if h else None,
               verified=bool(h and h.verified), line_ok=bool(h and h.line in case["lines"]),
               search=(h.notes.get("search") if h is not None else None))
    out["fix_one"] = out["fix_all"] = False
    if h is not None and h.fix is not None:
        fixed = h.fix.apply(program)
        body = fixed[: len(fixed) - len(DRIVER.format(call=first["call"]))] if fixed.endswith(DRIVER.format(call=first["call"])) else None
        code, got = run_plain(fixed, 3.0)
        out["fix_one"] = code == 0 and got == first["expected"]
        if body is not None and out["fix_one"]:
            out["fix_all"] = all(
                run_plain(body + DRIVER.format(call=inp["call"]), 3.0) == (0, inp["expected"]) for inp in case["inputs"][1:]
            )
        out["fix"] = h.fix.to_json()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quixbugs", default=DEFAULT)
    ap.add_argument("--inputs", type=int, default=5, help="inputs per program (the first is the one explained)")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not os.path.exists(args.quixbugs):
        print(f"no QuixBugs at {args.quixbugs}: clone https://github.com/jkoppel/QuixBugs and pass --quixbugs", file=sys.stderr)
        return 2
    src = Source(args.quixbugs)
    cases = [c for c in (build(src, n, args.inputs) for n in src.names()) if c is not None]
    results = [evaluate(c) for c in cases]
    n = len(results)
    verified = [r for r in results if r["verified"]]
    wrong = [r for r in verified if not r["fix_all"]]
    multi = [r for r in verified if len(next(c for c in cases if c["name"] == r["name"])["inputs"]) > 1]
    times = sorted(r["wall_ms"] for r in verified)
    summary = {
        "programs": n,
        "line": sum(r["line_ok"] for r in results) / n if n else 0.0,
        "fix_one_input": sum(r["fix_one"] for r in results) / n if n else 0.0,
        "fix_all_inputs": sum(r["fix_all"] for r in results) / n if n else 0.0,
        "verified": len(verified),
        "verified_precision": sum(r["fix_one"] for r in verified) / len(verified) if verified else 1.0,
        "plausible_but_wrong": len(wrong),
        "plausible_but_wrong_rate": len([r for r in multi if not r["fix_all"]]) / len(multi) if multi else 0.0,
        "from_search": sum(r["diagnoser"] == "search" for r in results),
        "from_fallback": sum(r["diagnoser"] in ("fallback", "explainer-fallback") for r in results),
        "verified_fix_ms": {"median": statistics.median(times) if times else None,
                            "p95": times[min(len(times) - 1, int(0.95 * len(times)))] if times else None,
                            "max": times[-1] if times else None},
    }
    # How many candidates the search tried before its verified edit: the more it tries, the
    # likelier one of them fixes this one input by luck.
    buckets = {"few (rank < 10)": lambda r: r < 10, "many (rank >= 10)": lambda r: r >= 10}
    summary["search_verified_by_rank"] = {}
    for label, test in buckets.items():
        chosen = [r for r in verified if r.get("search") and test(r["search"]["rank"])]
        summary["search_verified_by_rank"][label] = {"verified": len(chosen), "plausible_but_wrong": sum(1 for r in chosen if not r["fix_all"])}
    if args.json:
        print(json.dumps({"summary": summary, "results": results}, indent=2))
        return 0
    print(f"QuixBugs (Python), {n} programs explained with one input each, checked on up to {args.inputs} inputs")
    print(f"  line {summary['line']:.0%}   fix on that input {summary['fix_one_input']:.0%}   fix on all inputs {summary['fix_all_inputs']:.0%}")
    print(f"  verified {len(verified)}, verified precision {summary['verified_precision']:.0%}, "
          f"plausible but wrong {len(wrong)} ({summary['plausible_but_wrong_rate']:.0%} of verified fixes with other inputs to check)")
    print(f"  hints from the search {summary['from_search']}, from the fallback {summary['from_fallback']}, from diagnosers {n - summary['from_search'] - summary['from_fallback']}")
    for label, v in summary["search_verified_by_rank"].items():
        print(f"  search fixes found {label}: {v['verified']} verified, {v['plausible_but_wrong']} plausible but wrong")
    vt = summary["verified_fix_ms"]
    if times:
        print(f"  whole explain_file for a verified fix: median {vt['median']:.0f} ms, p95 {vt['p95']:.0f} ms, max {vt['max']:.0f} ms")
    if args.show:
        for r in results:
            print(f"  {r['name']:<28} {r['outcome']:<13} {r['diagnoser'] or '-':<24} line={r['line']} ok={r['line_ok']} v={r['verified']} one={r['fix_one']} all={r['fix_all']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
