"""Smoke test in a real terminal (tmux): the app starts, shows the picker and quits with Ctrl+Q."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _tmux(socket: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=30)


def _screen(socket: str, session: str) -> str:
    return _tmux(socket, "capture-pane", "-t", session, "-p").stdout


def _wait_for(socket: str, session: str, condition, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = _screen(socket, session)
        if condition(text):
            return text
        time.sleep(0.2)
    raise AssertionError(f"the terminal never showed what was expected; it showed:\n{text}")


def test_start_show_picker_and_quit_with_ctrl_q(tmp_path):
    socket = f"tutor-test-{uuid.uuid4().hex[:8]}"  # a private tmux server: never touches others
    session = "app"
    home = tmp_path / "home"
    done = tmp_path / "done"
    command = (
        f"cd {ROOT} && TUTOR_HOME={home} TERM=xterm-256color "
        f"{sys.executable} -m tutor --profile Robin; echo $? > {done}; sleep 30"
    )
    env = dict(os.environ)
    env.pop("TMUX", None)
    started = subprocess.run(
        ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "80", "-y", "24",
         command], env=env, capture_output=True, text=True, timeout=30)
    assert started.returncode == 0, started.stderr
    try:
        screen = _wait_for(socket, session, lambda text: "Pick an exercise" in text and "Level 1" in text)
        assert "Hi Robin!" in screen
        assert "Quit" in screen.splitlines()[-1] or "Quit" in screen
        _tmux(socket, "send-keys", "-t", session, "C-q")
        deadline = time.monotonic() + 30
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done.exists(), "the app did not quit on Ctrl+Q:\n" + _screen(socket, session)
        assert done.read_text().strip() == "0"
    finally:
        _tmux(socket, "kill-server")


def test_closing_the_terminal_keeps_what_was_typed(tmp_path):
    socket = f"tutor-test-{uuid.uuid4().hex[:8]}"
    session = "app"
    home = tmp_path / "home"
    command = f"cd {ROOT} && TUTOR_HOME={home} TERM=xterm-256color {sys.executable} -m tutor --profile Robin"
    env = dict(os.environ)
    env.pop("TMUX", None)
    started = subprocess.run(
        ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "80", "-y", "24",
         command], env=env, capture_output=True, text=True, timeout=30)
    assert started.returncode == 0, started.stderr
    try:
        _wait_for(socket, session, lambda text: "Pick an exercise" in text and "Level 1" in text)
        _tmux(socket, "send-keys", "-t", session, "Enter")
        _wait_for(socket, session, lambda text: "Run" in text and "Output" in text)
        _tmux(socket, "send-keys", "-t", session, "C-Home", "# typed just now", "Enter")
        _wait_for(socket, session, lambda text: "# typed just now" in text)
        # Close the terminal at once (before the autosave's two seconds are up).
        _tmux(socket, "kill-server")
        deadline = time.monotonic() + 20
        saved: list[Path] = []
        while time.monotonic() < deadline and not saved:
            saved = [p for p in home.rglob("work/*.py") if "# typed just now" in p.read_text(encoding="utf-8")]
            time.sleep(0.1)
        assert saved, "the code typed just before the terminal closed was lost"
    finally:
        _tmux(socket, "kill-server")
