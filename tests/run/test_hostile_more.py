"""More hostile or odd programs: a fake "waiting for input", an ignored time-up signal, a program
far too big."""

from __future__ import annotations

import textwrap
import threading
from pathlib import Path

from tutor.cli import main
from tutor.run import INTERACTIVE, Limits, RunningProgram, run_program

QUICK = Limits(timeout=1.5, sample_seconds=0.1, grace_seconds=0.2)


def write(folder: Path, code: str, name: str = "prog.py") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return path


def test_a_fake_input_wait_does_not_stop_the_clock(tmp_path):
    prog = write(
        tmp_path,
        """\
        import os
        for fd in range(3, 20):
            try:
                os.write(fd, b'{"kind": "input-wait", "count": 0}\\n')
            except OSError:
                pass
        while True:
            pass
        """,
    )
    running = RunningProgram(prog, stdin=INTERACTIVE, limits=QUICK)
    running.start()
    stopper = threading.Timer(20, running.stop)  # only if the clock really stopped
    stopper.start()
    try:
        result = running.wait()
    finally:
        stopper.cancel()
    assert result.outcome == "timeout" and result.limit == "time"
    assert result.duration_ms < 15_000


def test_ignoring_the_time_up_signal_still_tells_where_it_was_stuck(tmp_path):
    prog = write(
        tmp_path,
        """\
        import signal
        signal.signal(signal.SIGUSR1, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
        n = 0
        while n >= 0:
            n = n + 1
        """,
    )
    result = run_program(prog, limits=QUICK)
    assert result.outcome == "timeout"
    assert result.stuck is not None and result.stuck.line in (5, 6)
    assert result.stuck.hits


def test_a_program_far_too_big_gets_a_clear_message(tmp_path, capsys):
    prog = tmp_path / "big.py"
    prog.write_text("x = 1\n" * 400_000)
    assert main(["run", str(prog)]) == 2
    assert "too big for the tutor" in capsys.readouterr().err
    assert main(["explain", str(prog), "--json"]) == 2
    assert "too big for the tutor" in capsys.readouterr().err


def test_a_deep_recursion_is_reported_as_an_error_not_a_never_ending_loop(tmp_path):
    """With setrecursionlimit(10**5) Python stops the program with a RecursionError; the tutor's own
    report of its 100,000-entry traceback must not take longer than the program (it took 9 s)."""
    prog = write(
        tmp_path,
        """\
        import sys
        sys.setrecursionlimit(10**5)
        def down(n):
            return down(n + 1) + 1
        down(0)
        """,
    )
    result = run_program(prog, limits=Limits(timeout=10))
    assert result.outcome == "error" and result.error.type == "RecursionError"
    assert result.error.line == 4
    assert result.error.details["depth"] > 50_000
    assert len(result.error.frames) == 60
    assert "[Previous line repeated" in result.stderr
