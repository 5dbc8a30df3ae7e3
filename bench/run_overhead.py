"""How much time does the runner add over a bare ``python prog.py``?

Both are started from this (already running) Python process, interleaved, so the machine's noise
hits both alike. Prints the medians and the ratios for a trivial program and for one that runs for
about a second, then the cold time of ``tutor run`` (a new process, as a person would start it).

Targets: trivial <= 1.25x, one-second <= 1.05x.

    uv run python bench/run_overhead.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tutor.run import run_program  # noqa: E402

TRIVIAL = 'print("hello")\n'


def busy_program(seconds: float) -> str:
    # Calibrate a loop in this process, so the child runs for about ``seconds``.
    n = 200_000
    while True:
        start = time.perf_counter()
        total = 0
        for i in range(n):
            total += i * i % 7
        took = time.perf_counter() - start
        if took > 0.05:
            break
        n *= 2
    loops = int(n * seconds / took)
    return f"total = 0\nfor i in range({loops}):\n    total += i * i % 7\nprint(total)\n"


def bare(path: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(path)], stdin=subprocess.DEVNULL, capture_output=True, cwd=path.parent, check=False)
    return time.perf_counter() - start


def tutor(path: Path) -> float:
    start = time.perf_counter()
    result = run_program(path)
    took = time.perf_counter() - start
    assert result.outcome == "ok", result
    return took


def compare(path: Path, repeat: int) -> tuple[float, float]:
    bare(path), tutor(path)  # warm the file cache and the bytecode cache
    a, b = [], []
    for i in range(repeat):
        if i % 2:
            a.append(bare(path))
            b.append(tutor(path))
        else:
            b.append(tutor(path))
            a.append(bare(path))
    return statistics.median(a), statistics.median(b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30, help="runs of the trivial program (the 1 s one runs a third as often)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        trivial = Path(folder) / "trivial.py"
        trivial.write_text(TRIVIAL)
        busy = Path(folder) / "busy.py"
        busy.write_text(busy_program(1.0))

        t_bare, t_tutor = compare(trivial, args.repeat)
        print(f"trivial program:   bare python {t_bare * 1000:7.1f} ms   runner {t_tutor * 1000:7.1f} ms   ratio {t_tutor / t_bare:.3f}x (target <= 1.25x)")
        b_bare, b_tutor = compare(busy, max(5, args.repeat // 3))
        print(f"one-second program: bare python {b_bare * 1000:7.1f} ms   runner {b_tutor * 1000:7.1f} ms   ratio {b_tutor / b_bare:.3f}x (target <= 1.05x)")

        cold = []
        for _ in range(max(5, args.repeat // 3)):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tutor", "run", str(trivial)], capture_output=True, stdin=subprocess.DEVNULL, check=True)
            cold.append(time.perf_counter() - start)
        print(f"cold `tutor run` of the trivial program: {statistics.median(cold) * 1000:.1f} ms (median)")


if __name__ == "__main__":
    main()
