"""The session log survives the tutor being killed in the middle of writing an event.

A child process appends big events in a loop and is killed with SIGKILL (no clean-up, no
flushing: like a power cut for the process) while it writes. The log must stay readable, every
event written before the one being written must be there, complete and in order, and the next
event appended must be readable too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tutor.progress import SessionLog, create_profile
from tutor.progress.report import build_report

ROOT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from tutor.progress import SessionLog

    slow = sys.argv[2] == "slow"
    if slow:
        # A slow disk: every write lands in small pieces, so a kill almost surely tears an event.
        real_write = os.write
        def piecewise(fd, data):
            time.sleep(0.0005)
            return real_write(fd, bytes(data[:4096]))
        os.write = piecewise
    log = SessionLog("Ada", Path(sys.argv[1]), session="crashy")
    n = 0
    while True:
        log.append("duck", seq=n, answer=("line %d " % n) * 40_000, agrees=None)
        n += 1
        if n == 3:
            print("ready", flush=True)
    """
)


def run_and_kill(home: Path, mode: str, wait_for_lines: int) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TUTOR_HOME=str(home))
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(home), mode], stdout=subprocess.PIPE, env=env,
                            cwd=str(ROOT))
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        log = home / "profiles" / "ada" / "log.jsonl"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            raw = log.read_bytes()
            if raw.count(b"\n") >= wait_for_lines:
                # On the slow disk, wait until an event is half written, then kill.
                if mode != "slow" or not raw.endswith(b"\n"):
                    break
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL


def check_log(home: Path) -> int:
    """The log reads back: events 0..n-1 in order, each complete; returns n."""
    log = SessionLog("Ada", home, session="check")
    events = [e for e in log.events() if e.get("session") == "crashy"]
    seqs = [e["seq"] for e in events]
    assert seqs == list(range(len(seqs))), seqs[:20]
    for e in events:
        assert e["answer"] == ("line %d " % e["seq"]) * 40_000
    assert log.skipped <= 1  # at most the event being written when it was killed
    return len(seqs)


@pytest.mark.parametrize("mode", ["fast", "slow"])
def test_a_kill_mid_write_leaves_the_log_readable(tmp_path, mode):
    home = tmp_path / "home"
    create_profile("Ada", home)
    run_and_kill(home, mode, wait_for_lines=6)
    count = check_log(home)
    assert count >= 6 - 1

    # the tutor starts again and goes on writing: the new event is readable, nothing is lost
    after = SessionLog("Ada", home, session="next")
    after.append("session-start", via="app")
    after.append("run", exercise_id="ex", outcome="ok")
    events = SessionLog("Ada", home).events()
    assert [e["kind"] for e in events if e.get("session") == "next"] == ["session-start", "run"]
    assert len([e for e in events if e.get("session") == "crashy"]) == count

    # and the report reads it
    report = build_report("Ada", home, titles={})
    assert report.totals["duck_answers"] == count
    assert report.skipped_lines <= 1


def test_killed_again_and_again(tmp_path):
    home = tmp_path / "home"
    create_profile("Ada", home)
    seen = 0
    for round_ in range(3):
        run_and_kill(home, "slow", wait_for_lines=(round_ + 1) * 4)
        events = SessionLog("Ada", home).events()
        crashy = [e for e in events if e.get("session") == "crashy"]
        assert len(crashy) >= seen  # nothing written before is ever lost
        seen = len(crashy)
        for e in crashy:
            assert e["answer"] == ("line %d " % e["seq"]) * 40_000
    assert seen >= 4 * 3 - 3
    # the slow disk made sure that at least one kill really tore an event in half
    log = SessionLog("Ada", home)
    log.events()
    assert log.skipped >= 1
