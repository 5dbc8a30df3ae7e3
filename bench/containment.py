"""Containment checks that need many processes (too heavy or too slow for the test suite).

1. Every escape (fork + setsid, ctypes double fork, ctypes fork + exec, subprocess in a new
   session, killing the supervisor first), run REPEAT times: how many of the processes the runs
   started are still alive 1 s after each run ends (target: 0).
2. A ctypes fork bomb (each child forks again, in a loop): the peak number of extra processes on
   the machine while it runs (target: near the cap, ``max_processes`` + 64 threads' allowance, where
   a control group is available) and how many are left 1 s after (target: 0).
3. The same escape run as a normal user (uid 65534), when started as root with a system Python.

    uv run python bench/containment.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "run"))

from test_containment import ESCAPES, _program, alive  # noqa: E402

from tutor.run import Limits, run_program  # noqa: E402
from tutor.run.runner import protection  # noqa: E402

BOMB = """\
import ctypes, os, time
libc = ctypes.CDLL(None)
while True:
    libc.fork()
    time.sleep(0.01)
"""


def process_count() -> int:
    return sum(1 for name in os.listdir("/proc") if name.isdigit())


def escapes(repeat: int) -> None:
    print(f"1. escapes, {repeat} runs each: processes alive 1 s after the run (target 0)")
    for name, code in ESCAPES.items():
        left = started = 0
        for _ in range(repeat):
            folder = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
            try:
                (folder / "prog.py").write_text(_program(code))
                run_program(folder / "prog.py", limits=Limits(timeout=3))
                time.sleep(1.0)
                pids = [int(p.read_text()) for p in folder.glob("pid-*.txt") if p.read_text().strip()]
                started += len(pids)
                left += sum(alive(p) for p in pids)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        print(f"   {name:<30} started {started:>3}   alive after 1 s: {left}")


def bomb() -> None:
    print("2. a ctypes fork bomb, 3 s time limit")
    folder = Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    (folder / "bomb.py").write_text(BOMB)
    before = process_count()
    peak = [before]
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], process_count())
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    limits = Limits(timeout=3, max_processes=10)
    result = run_program(folder / "bomb.py", limits=limits)
    done.set()
    watcher.join()
    time.sleep(1.0)
    after = process_count()
    shutil.rmtree(folder, ignore_errors=True)
    print(f"   outcome {result.outcome}; peak extra processes {peak[0] - before} "
          f"(the run's cap: {limits.max_processes + 1 + 64} tasks with a control group; the machine's other processes count too); "
          f"extra processes 1 s after: {max(0, after - before)}")


def as_user() -> None:
    python = "/usr/bin/python3"
    if os.geteuid() != 0 or not os.access(python, os.X_OK):
        print("3. as a normal user: skipped (needs root and a system Python)")
        return
    folder = Path(tempfile.mkdtemp(prefix="tutor-bench-user-"))
    os.chmod(folder, 0o777)
    (folder / "prog.py").write_text(_program(ESCAPES["ctypes double fork + setsid"]))
    code = (
        f"import sys,time,os;sys.path.insert(0,{str(ROOT)!r});from tutor.run import run_program;"
        f"run_program({str(folder / 'prog.py')!r});time.sleep(1);"
        f"pids=[int(open(os.path.join({str(folder)!r},n)).read()) for n in os.listdir({str(folder)!r}) if n.startswith('pid-')];"
        "print(len(pids), sum(os.path.exists('/proc/%d' % p) and 'Z' not in open('/proc/%d/status' % p).read().split('State:')[1][:4] for p in pids))"
    )

    def drop() -> None:
        os.setgid(65534)
        os.setgroups([])
        os.setuid(65534)

    out = subprocess.run([python, "-c", code], preexec_fn=drop, capture_output=True, text=True, cwd=str(folder))
    shutil.rmtree(folder, ignore_errors=True)
    print(f"3. as uid 65534: started, alive 1 s after = {out.stdout.strip() or out.stderr.strip()[-200:]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("protection here:", protection())
    escapes(args.repeat)
    bomb()
    as_user()


if __name__ == "__main__":
    main()
