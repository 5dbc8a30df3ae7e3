"""Fast starts: a waiting Python (a "zygote") that forks a fresh child for each run.

A new interpreter takes 10-30 ms to start, often longer than a child's program runs, and the
explainer re-runs programs to check its fixes. The zygote is started once per interpreter, with
nothing of any learner's program loaded; each run is a ``fork()`` of it that sets up its own
session, pipes, folder and environment (see ``serve`` in ``_tutor_boot.py``), so what the program
sees is what a new ``python prog.py`` would see. Its exit status comes back on the run's side
channel, because only the zygote, its parent, can collect it.

If anything about the zygote fails (no ``fork``, no pidfd, the zygote died), the runner falls back
to starting a new interpreter with ``subprocess``; ``TUTOR_NO_ZYGOTE=1`` forces that.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from typing import Any

_BOOT_DIR = os.path.dirname(os.path.abspath(__file__))


def available() -> bool:
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "pidfd_open")
        and hasattr(socket, "send_fds")
        and not os.environ.get("TUTOR_NO_ZYGOTE")
    )


class ZygoteChild:
    """Looks enough like ``subprocess.Popen`` for the runner."""

    def __init__(self, pid: int, stdin: int, stdout: int, stderr: int, supervisor: int | None = None) -> None:
        self.pid = pid
        self.supervisor = supervisor  # the run's supervisor (the program's parent), if any
        self.stdin = os.fdopen(stdin, "wb", buffering=0)
        self.stdout = os.fdopen(stdout, "rb", buffering=0)
        self.stderr = os.fdopen(stderr, "rb", buffering=0)
        self.returncode: int | None = None
        self.from_zygote = True

    def poll(self) -> int | None:
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        # The runner sets ``returncode`` from the side channel's "exit" message.
        return self.returncode if self.returncode is not None else -signal.SIGKILL

    def kill(self) -> None:
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


class Zygote:
    def __init__(self, python: str, env: dict[str, str]) -> None:
        parent_sock, child_sock = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        code = (
            "import sys;w=sys.dont_write_bytecode;sys.dont_write_bytecode=False;"
            f"sys.path.insert(0,{_BOOT_DIR!r});import _tutor_boot as b;"
            "del sys.path[0];del sys.modules['_tutor_boot'];sys.dont_write_bytecode=w;del w;"
            f"r=b.serve({child_sock.fileno()});b.main(*r)"
        )
        try:
            self.proc = subprocess.Popen(
                [python, "-c", code],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(child_sock.fileno(),),
                start_new_session=True,
                env=env,
                cwd="/",
            )
        finally:
            child_sock.close()
        self.sock = parent_sock
        self.lock = threading.Lock()
        self.python = python

    def spawn(
        self, prog: str, options: dict[str, Any], cwd: str, env: dict[str, str], fds: list[int]
    ) -> tuple[int, int]:
        request = json.dumps({"prog": prog, "options": options, "cwd": cwd, "env": env}).encode("utf-8")
        with self.lock:
            socket.send_fds(self.sock, [request], fds)
            reply = self.sock.recv(4096)
        if not reply:
            raise OSError("the zygote has gone")
        answer = json.loads(reply)
        return int(answer["pid"]), int(answer.get("supervisor") or answer["pid"])

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            self.proc.kill()


_zygotes: dict[str, Zygote] = {}
_lock = threading.Lock()


def _base_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"PYTHONIOENCODING": "utf-8", "PYTHONUTF8": "1"})
    for name in ("PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONSAFEPATH", "PYTHONPATH", "PYTHONHOME"):
        env.pop(name, None)
    return env


def start_child(
    python: str, prog: str, options: dict[str, Any], cwd: str, env: dict[str, str], side_w: int
) -> ZygoteChild | None:
    """Start a run through the zygote for ``python``; None if that is not possible."""
    if not available():
        return None
    if not os.path.isdir(cwd):
        return None  # let subprocess give the usual error
    for attempt in range(2):
        with _lock:
            zygote = _zygotes.get(python)
            if zygote is None or zygote.proc.poll() is not None:
                try:
                    zygote = _zygotes[python] = Zygote(python, _base_env())
                except OSError:
                    return None
        stdin_r, stdin_w = os.pipe()
        stdout_r, stdout_w = os.pipe()
        stderr_r, stderr_w = os.pipe()
        try:
            pid, supervisor = zygote.spawn(prog, options, cwd, env, [stdin_r, stdout_w, stderr_w, side_w])
        except OSError:
            for fd in (stdin_r, stdin_w, stdout_r, stdout_w, stderr_r, stderr_w):
                os.close(fd)
            with _lock:
                if _zygotes.get(python) is zygote:
                    del _zygotes[python]
            zygote.close()
            continue
        for fd in (stdin_r, stdout_w, stderr_w):
            os.close(fd)
        return ZygoteChild(pid, stdin_w, stdout_r, stderr_r, supervisor)
    return None


@atexit.register
def _close_all() -> None:
    with _lock:
        for zygote in _zygotes.values():
            zygote.close()
        _zygotes.clear()
