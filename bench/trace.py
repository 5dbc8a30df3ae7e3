"""What recording every step costs (``tutor trace`` / Look inside), measured side by side.

For each installed Python 3.10-3.13 and for 20,000 and 100,000 steps: the same program run bare
(``tutor run``'s runner) and recorded (the runner plus the step recorder); on 3.12+ both ways of
listening (sys.monitoring and settrace) in the same run. Prints wall time (median), the recording's
cost in steps per second, the child's peak memory, the parent's memory for the recording, and how
long the app takes to open the Look inside view on a 20,000-step recording.

Targets (issue 14): 20,000 steps recorded in at most 1 s on 2 cores and at most 50 MB; the view
opens in at most 0.3 s after recording.

    uv run python bench/trace.py            # every installed Python, 3 repeats
    uv run python bench/trace.py --quick    # this Python only, 1 repeat
    uv run python bench/trace.py --only 3.12 --quick   # one installed Python, 1 repeat
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tutor.run import run_program  # noqa: E402
from tutor.trace import record  # noqa: E402
from tutor.trace.recording import from_result  # noqa: E402

PROGRAM = """\
total = 0
scores = []
for i in range({rounds}):
    total = total + i
    if i % 1000 == 0:
        scores.append(total)
print(total, len(scores))
"""


def pythons(only_this: bool) -> list[tuple[str, str]]:
    if only_this:
        return [(f"{sys.version_info.major}.{sys.version_info.minor}", sys.executable)]
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        root = os.path.expanduser("~/.pyenv")
    found = []
    for minor in ("3.10", "3.11", "3.12", "3.13"):
        paths = sorted(glob.glob(f"{root}/versions/{minor}.*/bin/python{minor}"))
        if paths:
            found.append((minor, paths[-1]))
    return found


def rounds_for(steps: int) -> int:
    # each round: the for line, the total line, the if line (+ an append every 1000 rounds)
    return max(1, (steps - 4) // 3)


def timed(fn, repeats: int):
    times, last = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        last = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), last


def parent_memory_mb(rec) -> float:
    """Memory the parent needs to hold the recording (measured by rebuilding it under tracemalloc)."""
    tracemalloc.start()
    again = from_result(rec.result, rec.source, rec.max_steps)
    again.vars_at(len(again) - 1)  # the expanded values, as the view builds them
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def view_open_seconds(rec) -> float:
    from textual.app import App
    from textual.widgets import Static

    from tutor.ui.inside import InsideScreen

    class Host(App):
        def compose(self):
            yield Static("home")

    async def main() -> float:
        app = Host()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            t = time.perf_counter()
            screen = InsideScreen(Path(rec.result.path or "prog.py"), rec.source, recording=rec)
            await app.push_screen(screen)
            await pilot.pause()
            took = time.perf_counter() - t
            await pilot.press("end")  # and a jump to the far end, to be sure it stays quick
            return took

    return asyncio.run(main())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="this Python only, one repeat")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", metavar="3.X", help="just this installed Python (e.g. 3.12)")
    args = parser.parse_args()
    repeats = 1 if args.quick else args.repeats
    folder = Path(tempfile.mkdtemp(prefix="tutor-bench-trace-"))
    print(f"cores: {os.cpu_count()}  repeats: {repeats} (medians)")
    print(f"{'python':<7}{'steps':>8}  {'how':<11}{'bare s':>8}{'rec s':>8}{'ratio':>7}"
          f"{'steps/s':>10}{'child MB':>10}{'parent MB':>10}  target")
    view_rec = None
    chosen = [(m, e) for m, e in pythons(args.quick) if args.only in (None, m)]
    if args.only and args.quick:
        chosen = [(m, e) for m, e in pythons(False) if m == args.only]
    for minor, exe in chosen:
        for steps in (20_000, 100_000):
            path = folder / f"loop_{steps}.py"
            path.write_text(PROGRAM.format(rounds=rounds_for(steps)), encoding="utf-8")
            reps = repeats if steps == 20_000 else 1
            bare, _ = timed(lambda: run_program(path, python=exe, timeout=120), reps)
            backends = ["settrace"]
            if tuple(int(x) for x in minor.split(".")) >= (3, 12):
                backends = ["monitoring", "settrace"]
            for backend in backends:
                took, rec = timed(
                    lambda: record(path, python=exe, backend=backend, max_steps=steps + 1000, timeout=120), reps)
                n = len(rec)
                cost = took - bare
                rate = n / cost if cost > 0 else float("inf")
                child = (rec.child_max_rss_kb or 0) / 1024
                parent = parent_memory_mb(rec)
                ok = ""
                if steps == 20_000:
                    ok = "ok" if took <= 1.0 and child <= 50 and parent <= 50 else "MISSED (1 s, 50 MB)"
                print(f"{minor:<7}{n:>8,}  {backend:<11}{bare:>8.3f}{took:>8.3f}{took / bare:>7.1f}"
                      f"{rate:>10,.0f}{child:>10.1f}{parent:>10.1f}  {ok}", flush=True)
                if rec.outcome != "ok" or rec.truncated:
                    print(f"        (the run did not end well: {rec.outcome}, truncated={rec.truncated})")
                if steps == 20_000 and minor == f"{sys.version_info.major}.{sys.version_info.minor}":
                    view_rec = rec
    if view_rec is None:
        path = folder / "loop_20000.py"
        view_rec = record(path, max_steps=21_000)
    view_open_seconds(view_rec)  # warm up: the first time imports the view and the highlighter
    opens = [view_open_seconds(view_rec) for _ in range(repeats)]
    took = statistics.median(opens)
    print(f"Look inside opens on {len(view_rec):,} steps in {took:.3f} s (target 0.3 s): "
          f"{'ok' if took <= 0.3 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
