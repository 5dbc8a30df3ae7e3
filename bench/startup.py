"""Start-up time of the tutor's app beside a minimal Textual app, started the same way, in one run.

Each app starts as a fresh ``python -c ...`` process in its own pseudo-terminal (80x24, like a
real terminal: Textual's real driver, not headless) and reports through a pipe when its first
frame is on the screen (Textual's ``Ready`` event); the time counted is from just before the process
is started to that report. For the tutor we also report when the exercise list is filled in (the
exercises are loaded in a worker thread after the first frame).

Runs alternate between the two apps (after one warm-up each) so that a busy machine slows both
alike; the medians and their ratio are printed. Target: the tutor's first screen within 1.5x the
minimal app's.

    uv run python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The hook both apps get: report the first frame (and, for the tutor, the filled list), then quit.
HOOK = r"""
import os, sys
FD = int(sys.argv[1])

def _say(word):
    os.write(FD, (word + "\n").encode())

def hook(app, wait_for_list=False):
    base = type(app)

    class Timed(base):
        def on_ready(self):
            _say("frame")
            if not wait_for_list:
                self.exit()
                return
            def check():
                exercises = getattr(self, "exercises", None)
                if exercises is not None:
                    self.call_after_refresh(done)
            def done():
                _say("list")
                self.exit()
            self.set_interval(0.002, check)

    Timed.__name__ = base.__name__
    app.__class__ = Timed
    return app
"""

MINIMAL = HOOK + r"""
from textual.app import App
from textual.widgets import Label

class Minimal(App):
    def compose(self):
        yield Label("Hello")

hook(Minimal()).run()
"""

TUTOR = HOOK + r"""
from pathlib import Path
from tutor.ui.app import create_app

hook(create_app(profile="Bench", home=Path(sys.argv[2])), wait_for_list=True).run()
"""


def _drain(fd: int, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready and not os.read(fd, 65536):
                return
        except OSError:
            return


def run_once(code: str, extra_args: list[str], timeout: float = 60.0) -> dict[str, float]:
    """Start ``code`` in a new pseudo-terminal; seconds until each word it reports."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    report_r, report_w = os.pipe()
    env = dict(os.environ, TERM=os.environ.get("TERM", "xterm-256color"), COLUMNS="80", LINES="24")
    env.pop("TEXTUAL", None)
    stop = threading.Event()
    drainer = threading.Thread(target=_drain, args=(master, stop), daemon=True)
    drainer.start()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(report_w), *extra_args],
        stdin=slave, stdout=slave, stderr=slave, pass_fds=(report_w,), start_new_session=True,
        cwd=ROOT, env=env,
    )
    os.close(report_w)
    os.close(slave)
    times: dict[str, float] = {}
    buffer = b""
    deadline = start + timeout
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([report_r], [], [], 0.5)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            data = os.read(report_r, 1024)
            now = time.perf_counter()
            if not data:
                break
            buffer += data
            while b"\n" in buffer:
                word, _, buffer = buffer.partition(b"\n")
                times[word.decode()] = now - start
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        stop.set()
        os.close(report_r)
        drainer.join(timeout=1)
        os.close(master)
    if "frame" not in times:
        raise RuntimeError(f"the app did not report its first frame (exit status {proc.returncode})")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each app (default 7)")
    args = parser.parse_args()
    minimal: list[float] = []
    tutor_frame: list[float] = []
    tutor_list: list[float] = []
    with tempfile.TemporaryDirectory(prefix="tutor-bench-") as home:
        # Warm up both (compiled bytecode, disk cache), not counted.
        run_once(MINIMAL, [])
        run_once(TUTOR, [home])
        for _ in range(args.runs):
            minimal.append(run_once(MINIMAL, [])["frame"])
            times = run_once(TUTOR, [home])
            tutor_frame.append(times["frame"])
            if "list" in times:
                tutor_list.append(times["list"])
    m = statistics.median(minimal)
    t = statistics.median(tutor_frame)
    print(f"runs: {args.runs} of each, alternating, in a pseudo-terminal of 80x24")
    print(f"minimal Textual app, first frame:   {m * 1000:7.1f} ms (median)")
    print(f"tutor app, first frame (picker):    {t * 1000:7.1f} ms (median)")
    if tutor_list:
        print(f"tutor app, exercise list filled in: {statistics.median(tutor_list) * 1000:7.1f} ms (median)")
    ratio = t / m
    print(f"ratio (tutor first frame / minimal): {ratio:.2f}x  (target: at most 1.50x) "
          f"{'OK' if ratio <= 1.5 else 'TOO SLOW'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
