"""Run a learner's program in a child process, under limits, and say what happened.

The learner's code never runs in the tutor's own process. The child is a fresh Python interpreter
in its own session (so it and everything it starts can be stopped together); a small bootstrap
(``_tutor_boot.py``) sets the limits, runs the program as ``__main__`` in the program's own folder
and reports errors, ``input()`` waits and, when time is up, where the program was stuck, through a
side channel (a pipe). This module reads the program's output (bounded, whatever it prints),
feeds its stdin, enforces the time and output limits, and cleans up.

Two ways in:
- ``run_program(path, ...)`` runs to the end and returns a ``RunResult``.
- ``RunningProgram(path, ...)`` for the app: ``start()``, then ``wait()`` in a worker thread while
  the interface calls ``send_input()`` / ``stop()``; output and events stream to callbacks.
"""

from __future__ import annotations

import codecs
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from . import zygote
from .result import (
    ERROR,
    EXIT,
    KILLED,
    LIMIT_MEMORY,
    LIMIT_OUTPUT,
    LIMIT_PROCESSES,
    LIMIT_SIGNAL,
    LIMIT_STOPPED,
    LIMIT_TIME,
    OK,
    TIMEOUT,
    ErrorInfo,
    Frame,
    RunResult,
    StuckInfo,
)

_BOOT_DIR = str(Path(__file__).resolve().parent)
_BOOT_MODULE = "_tutor_boot"
_TAG_VAR = "TUTOR_RUN_TAG"


class _Mode:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: ``stdin=KEYBOARD``: the program's ``input()`` reads what the person types in this terminal.
KEYBOARD = _Mode("KEYBOARD")
#: ``stdin=INTERACTIVE``: input comes from ``RunningProgram.send_input()`` (the app's input box).
INTERACTIVE = _Mode("INTERACTIVE")


@dataclass(frozen=True)
class Limits:
    """What a learner's program may use. The defaults suit children's programs."""

    timeout: float = 10.0  # seconds of running (time spent waiting for the keyboard not counted)
    memory_mb: int = 1024  # address space of the program's process
    max_output_bytes: int = 1_000_000  # stdout and stderr together
    max_output_lines: int = 10_000
    max_processes: int = 10  # other programs the learner's program may start
    max_file_mb: int = 64  # the largest file the program may write
    sample_seconds: float = 0.25  # on a time-out: how long to watch lines run before stopping
    grace_seconds: float = 0.3  # between asking nicely (SIGTERM) and SIGKILL

    def with_timeout(self, timeout: float | None) -> "Limits":
        return self if timeout is None else replace(self, timeout=float(timeout))


DEFAULT_LIMITS = Limits()

OutputCallback = Callable[[str, str], None]  # (stream: "stdout"|"stderr", text)
EventCallback = Callable[[str, dict], None]  # (kind, data) e.g. ("input-wait", {})


class RunningProgram:
    """One run of a learner's program. Use ``start()`` then ``wait()``; or ``run_program()``."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        stdin: str | _Mode | None = "",
        limits: Limits | None = None,
        cwd: str | os.PathLike[str] | None = None,
        source: str | None = None,
        record_output_lines: bool = False,
        on_output: OutputCallback | None = None,
        on_event: EventCallback | None = None,
        plugin: str | os.PathLike[str] | None = None,
        plugin_options: dict[str, Any] | None = None,
        python: str | None = None,
        env: dict[str, str] | None = None,
        use_zygote: bool = True,
    ) -> None:
        self.path = os.path.abspath(os.fspath(path))
        self.stdin = "" if stdin is None else stdin
        self.limits = limits or DEFAULT_LIMITS
        self.cwd = os.fspath(cwd) if cwd is not None else os.path.dirname(self.path)
        self.source = source
        self.record_output_lines = record_output_lines
        self.on_output = on_output
        self.on_event = on_event
        self.plugin = os.fspath(plugin) if plugin is not None else None
        self.plugin_options = plugin_options
        self.python = python or sys.executable
        self.extra_env = env
        self.use_zygote = use_zygote
        self.proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._pending_input = bytearray()
        self._close_input_after_pending = False
        self._stop_requested = False
        self._stop_where = False  # Stop was pressed by a person: ask where the program is first
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_w, False)
        self._source_dir: tempfile.TemporaryDirectory[str] | None = None
        self._tmp_dir: str | None = None
        self._side_prefix = b""
        self.pid: int | None = None  # the program's process (signals go to its group)
        self.supervisor: int | None = None  # its parent, which stops all it started
        self.waiting_for_input = False
        self.result: RunResult | None = None

    # -- control from other threads ----------------------------------------------------------
    def send_input(self, text: str) -> None:
        """Give the program some typed text (add "\\n" to end a line)."""
        with self._lock:
            self._pending_input += text.encode("utf-8")
        self._wake()

    def close_input(self) -> None:
        """No more input: the next ``input()`` meets the end (EOFError)."""
        with self._lock:
            self._close_input_after_pending = True
        self._wake()

    def stop(self, *, where: bool = False) -> None:
        """Stop the program now (the Stop button, or Ctrl+C).

        ``where=True`` (a person pressed Stop): first ask the program where it is, as the time
        limit does, so ``result.stuck`` tells where a never-ending loop was."""
        self._stop_where = self._stop_where or where
        self._stop_requested = True
        self._wake()

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"x")
        except (BlockingIOError, OSError):
            pass

    # -- start ----------------------------------------------------------------------------------
    def start(self) -> "RunningProgram":
        if self.proc is not None:
            raise RuntimeError("already started")
        limits = self.limits
        self._side_r, side_w = os.pipe()
        options: dict[str, Any] = {
            "memory_bytes": int(limits.memory_mb) * 1024 * 1024 if limits.memory_mb else None,
            "file_bytes": int(limits.max_file_mb) * 1024 * 1024 if limits.max_file_mb else None,
            "max_processes": limits.max_processes,
            "sample_seconds": limits.sample_seconds,
            "max_output_bytes": limits.max_output_bytes,
        }
        # A temporary folder of its own, the only place besides its folder it may change files.
        self._tmp_dir = tempfile.mkdtemp(prefix="tutor-run-")
        options["tmp_dir"] = self._tmp_dir
        if self.record_output_lines:
            options["record_output_lines"] = True
        if self.plugin:
            options["plugin"] = self.plugin
            options["plugin_options"] = self.plugin_options or {}
        if self.source is not None:
            self._source_dir = tempfile.TemporaryDirectory(prefix="tutor-src-")
            source_file = os.path.join(self._source_dir.name, "program.py")
            with open(source_file, "w", encoding="utf-8") as f:
                f.write(self.source)
            options["source_file"] = source_file
        # The bootstrap is imported from its cached bytecode (written even where
        # PYTHONDONTWRITEBYTECODE is set: it is the tutor's file, not the learner's), then
        # removed from sys.path and sys.modules so the learner's imports never see it.
        code = (
            f"import sys;w=sys.dont_write_bytecode;sys.dont_write_bytecode=False;"
            f"sys.path.insert(0,{_BOOT_DIR!r});import {_BOOT_MODULE} as b;"
            f"del sys.path[0];del sys.modules[{_BOOT_MODULE!r}];sys.dont_write_bytecode=w;del w;"
            f"b.main({side_w},{self.path!r},{options!r})"
        )
        self.tag = uuid.uuid4().hex
        env = dict(os.environ)
        env.update(
            {
                "PYTHONIOENCODING": "utf-8",
                "PYTHONUTF8": "1",
                _TAG_VAR: self.tag,
            }
        )
        for name in ("PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONSAFEPATH", "PYTHONPATH", "PYTHONHOME"):
            env.pop(name, None)
        # The program need not know where the tutor keeps its data (progress, parent settings).
        env.pop("TUTOR_HOME", None)
        for name in ("TMPDIR", "TEMP", "TMP"):
            env[name] = self._tmp_dir
        if self.extra_env:
            env.update(self.extra_env)
        self._stdin_mode = self.stdin if isinstance(self.stdin, _Mode) else None
        if self._stdin_mode is None:
            self._pending_input += str(self.stdin).encode("utf-8")
            self._close_input_after_pending = True
        self.started_at = time.monotonic()
        if self.use_zygote:
            child = zygote.start_child(self.python, self.path, options, self.cwd, env, side_w)
            if child is not None:
                os.close(side_w)
                self.proc = child  # type: ignore[assignment]
                self.pid, self.supervisor = child.pid, child.supervisor
                for stream in (child.stdin, child.stdout, child.stderr):
                    os.set_blocking(stream.fileno(), False)
                os.set_blocking(self._side_r, False)
                return self
        options["supervise"] = True
        code = code[: code.rindex("b.main(")] + f"b.main({side_w},{self.path!r},{options!r})"
        try:
            self.proc = subprocess.Popen(
                [self.python, "-c", code],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=self.cwd,
                env=env,
                pass_fds=(side_w,),
                start_new_session=True,
                close_fds=True,
            )
        finally:
            os.close(side_w)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            assert stream is not None
            os.set_blocking(stream.fileno(), False)
        self.supervisor = self.proc.pid
        self.pid = self._read_program_pid() or self.proc.pid
        os.set_blocking(self._side_r, False)
        return self

    def _read_program_pid(self) -> int | None:
        """The program's process announces itself first on the side channel (subprocess start)."""
        buf = bytearray()
        until = time.monotonic() + 30.0
        while b"\n" not in buf and time.monotonic() < until:
            ready = selectors.select.select([self._side_r], [], [], max(0.0, until - time.monotonic()))[0]
            if not ready:
                break
            data = _read(self._side_r)
            if not data:
                break
            buf += data
        line, nl, rest = bytes(buf).partition(b"\n")
        try:
            msg = json.loads(line) if nl else {}
        except ValueError:
            msg = {}
        if isinstance(msg, dict) and msg.get("kind") == "pid":
            self._side_prefix = rest
            return int(msg["pid"])
        self._side_prefix = bytes(buf)
        return None

    # -- the loop ---------------------------------------------------------------------------------
    def wait(self) -> RunResult:
        """Run until the program ends (or is stopped); return what happened."""
        if self.proc is None:
            self.start()
        assert self.proc is not None
        try:
            self.result = self._loop()
        finally:
            self._cleanup()
        return self.result

    def _loop(self) -> RunResult:
        proc = self.proc
        assert proc is not None and proc.stdout and proc.stderr and proc.stdin
        limits = self.limits
        sel = selectors.DefaultSelector()
        out_fd, err_fd, in_fd = proc.stdout.fileno(), proc.stderr.fileno(), proc.stdin.fileno()
        sel.register(out_fd, selectors.EVENT_READ, "stdout")
        sel.register(err_fd, selectors.EVENT_READ, "stderr")
        sel.register(self._side_r, selectors.EVENT_READ, "side")
        sel.register(self._wake_r, selectors.EVENT_READ, "wake")
        pidfd = None
        target = self.pid or proc.pid
        if hasattr(os, "pidfd_open"):
            try:
                pidfd = os.pidfd_open(target)
                sel.register(pidfd, selectors.EVENT_READ, "exit")
            except OSError:
                pidfd = None
        keyboard_fd = None
        if self._stdin_mode is KEYBOARD:
            try:
                keyboard_fd = sys.stdin.fileno()
                sel.register(keyboard_fd, selectors.EVENT_READ, "keyboard")
            except (OSError, ValueError, AttributeError):
                keyboard_fd = None
                self._close_input_after_pending = True

        out = _Capture("stdout", self.on_output)
        err = _Capture("stderr", self.on_output)
        side_buf = bytearray(self._side_prefix)
        messages: list[dict[str, Any]] = []
        stdin_open = True
        writing = False

        # Time: the program's clock stops while it waits for the keyboard.
        deadline = self.started_at + limits.timeout
        paused_at: float | None = None
        # The pause is the program's word (a line on the side channel, which it could fake): while
        # paused, its processor time is watched; a program that keeps computing is not waiting.
        cpu_at_pause = [0.0]
        interactive = self._stdin_mode is not None

        stop_reason: str | None = None  # why we are stopping it: time, output, stopped
        phase = "running"  # running -> sampling -> terminating -> killing -> exited
        phase_deadline = 0.0
        exited_at: float | None = None
        open_streams = {out_fd, err_fd, self._side_r}

        def handle_side(data: bytes) -> None:
            nonlocal paused_at, deadline
            side_buf.extend(data)
            while True:
                nl = side_buf.find(b"\n")
                if nl < 0:
                    if len(side_buf) > 8_000_000:  # a broken child: drop it rather than grow
                        side_buf.clear()
                    return
                raw = bytes(side_buf[:nl])
                del side_buf[: nl + 1]
                try:
                    msg = json.loads(raw)
                except ValueError:
                    continue
                kind = msg.get("kind")
                if kind == "exit":
                    # A zygote's child: its parent (the zygote) tells us how it ended.
                    proc.returncode = int(msg.get("code", -signal.SIGKILL))
                    continue
                if kind in ("input-wait", "input-done"):
                    self.waiting_for_input = kind == "input-wait"
                    if interactive:
                        now = time.monotonic()
                        if kind == "input-wait" and paused_at is None:
                            paused_at = now
                            cpu_at_pause[0] = _cpu_seconds(target)
                        elif kind == "input-done" and paused_at is not None:
                            deadline += now - paused_at
                            paused_at = None
                if kind != "output-lines" or len(messages) < 10_000:
                    messages.append(msg)
                if self.on_event is not None:
                    try:
                        self.on_event(kind, msg)
                    except Exception:  # a broken callback must not break the run
                        pass

        if side_buf:
            handle_side(b"")

        def signal_group(sig: int) -> None:
            _signal_group(target, sig)

        def begin_stop(reason: str) -> None:
            nonlocal stop_reason, phase, phase_deadline
            if stop_reason is None:
                stop_reason = reason
            if phase != "running":
                return
            now = time.monotonic()
            asks_where = reason in (LIMIT_TIME, LIMIT_OUTPUT) or (reason == LIMIT_STOPPED and self._stop_where)
            if asks_where and not self.waiting_for_input:
                # Ask the child where it is; it answers and exits by itself.
                try:
                    os.kill(target, signal.SIGUSR1)
                except ProcessLookupError:
                    pass
                phase = "sampling"
                phase_deadline = now + limits.sample_seconds + 0.5
            else:
                signal_group(signal.SIGTERM)
                signal_group(signal.SIGCONT)
                phase = "terminating"
                phase_deadline = now + limits.grace_seconds

        while True:
            now = time.monotonic()
            if exited_at is None and pidfd is None and proc.poll() is not None:
                exited_at = now
            if exited_at is not None:
                # The program ended: take the rest of its output, briefly (a process it started
                # may still hold the pipes; it is stopped below).
                if not open_streams or now - exited_at > 0.5:
                    break
            elif phase == "running":
                if self._stop_requested:
                    begin_stop(LIMIT_STOPPED)
                elif paused_at is None and now >= deadline:
                    begin_stop(LIMIT_TIME)
            elif now >= phase_deadline:
                if phase == "sampling":
                    # The child did not answer in time: stop it the hard way.
                    signal_group(signal.SIGTERM)
                    signal_group(signal.SIGCONT)
                    phase = "terminating"
                    phase_deadline = now + limits.grace_seconds
                elif phase == "terminating":
                    signal_group(signal.SIGKILL)
                    phase = "killing"
                    phase_deadline = now + 2.0
                else:
                    signal_group(signal.SIGKILL)
                    phase_deadline = now + 2.0

            # stdin: write what is pending, close when asked.
            with self._lock:
                pending = bool(self._pending_input)
                close_after = self._close_input_after_pending
            if stdin_open:
                if pending and not writing:
                    sel.register(in_fd, selectors.EVENT_WRITE, "stdin")
                    writing = True
                elif not pending and writing:
                    sel.unregister(in_fd)
                    writing = False
                if not pending and close_after:
                    if writing:
                        sel.unregister(in_fd)
                        writing = False
                    _close_quietly(proc.stdin)
                    stdin_open = False

            if exited_at is not None:
                timeout = max(0.0, 0.5 - (now - exited_at))
            elif phase == "running":
                timeout = 0.25 if paused_at is not None else max(0.0, deadline - now)
                if paused_at is not None and _cpu_seconds(target) - cpu_at_pause[0] > 0.3:
                    paused_at = None  # not really waiting: the time it took counts
                    self.waiting_for_input = False
                    timeout = 0.0
            else:
                timeout = max(0.0, phase_deadline - now)
            if pidfd is None and exited_at is None:
                timeout = 0.05 if timeout is None else min(timeout, 0.05)

            for key, _ in sel.select(timeout):
                what = key.data
                if what in ("stdout", "stderr"):
                    cap = out if what == "stdout" else err
                    data = _read(key.fd)
                    if data is None:
                        continue
                    if not data:
                        sel.unregister(key.fd)
                        open_streams.discard(key.fd)
                        continue
                    cap.add(data, limits, out, err)
                    if (out.size + err.size > limits.max_output_bytes or out.lines + err.lines > limits.max_output_lines):
                        out.truncated = True
                        if exited_at is None:
                            begin_stop(LIMIT_OUTPUT)
                elif what == "side":
                    data = _read(key.fd)
                    if data is None:
                        continue
                    if not data:
                        sel.unregister(key.fd)
                        open_streams.discard(key.fd)
                        continue
                    handle_side(data)
                elif what == "wake":
                    _read(key.fd)
                elif what == "exit":
                    sel.unregister(key.fd)
                    exited_at = time.monotonic()
                elif what == "keyboard":
                    try:
                        data = os.read(key.fd, 65536)
                    except OSError:
                        data = b""
                    with self._lock:
                        if data:
                            self._pending_input += data
                        else:
                            self._close_input_after_pending = True
                    if not data:
                        sel.unregister(key.fd)
                elif what == "stdin":
                    with self._lock:
                        chunk = bytes(self._pending_input[:65536])
                    try:
                        n = os.write(in_fd, chunk)
                    except BlockingIOError:
                        n = 0
                    except (BrokenPipeError, OSError):
                        # The program stopped reading: drop the rest.
                        with self._lock:
                            self._pending_input.clear()
                            self._close_input_after_pending = True
                        n = 0
                    with self._lock:
                        del self._pending_input[:n]

        end = time.monotonic()
        # Nothing the program started may go on running: its supervisor stops every process below
        # it once the program's own process has ended, and only then reports the exit.
        spawned = any(m.get("kind") == "spawn" for m in messages)
        _signal_group(target, signal.SIGKILL)
        if spawned and self.supervisor in (None, target):
            _kill_tagged(self.tag)
        try:
            returncode = proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover - a process that will not die
            proc.kill()
            returncode = proc.wait()
        # The last of the output (after the kill).
        for fd, cap in ((out_fd, out), (err_fd, err)):
            if fd in open_streams:
                for _ in range(64):
                    data = _read(fd)
                    if not data:
                        break
                    cap.add(data, limits, out, err)
        if self._side_r in open_streams:
            # A zygote's child's exit status arrives here, just after it ends.
            until = time.monotonic() + (2.0 if getattr(proc, "from_zygote", False) else 0.0)
            while True:
                data = _read(self._side_r)
                if data is None and time.monotonic() < until and proc.returncode is None:
                    time.sleep(0.002)
                    continue
                if not data:
                    break
                handle_side(data)
        if getattr(proc, "from_zygote", False) and proc.returncode is None and self.supervisor:
            # The supervisor did not answer (stopped?): end it; the zygote stops what it left.
            try:
                os.kill(self.supervisor, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if getattr(proc, "from_zygote", False):
            returncode = proc.wait()
        sel.close()
        if pidfd is not None:
            os.close(pidfd)
        return self._result(returncode, end - self.started_at, out, err, messages, stop_reason, spawned)

    def _result(
        self,
        returncode: int,
        seconds: float,
        out: "_Capture",
        err: "_Capture",
        messages: list[dict[str, Any]],
        stop_reason: str | None,
        spawned: bool,
    ) -> RunResult:
        error = None
        stuck = None
        output_lines = None
        inputs: list[str] = []
        extras: dict[str, Any] = {}
        too_many = False
        for msg in messages:
            kind = msg.get("kind")
            if kind == "error":
                error = _error_from(msg)
            elif kind == "stuck":
                stuck = stuck or StuckInfo()
                stuck.stack = [_frame_from(f) for f in msg.get("stack", [])]
                stuck.depth = int(msg.get("depth") or len(stuck.stack))
            elif kind == "sample":
                stuck = stuck or StuckInfo()
                stuck.hits = {int(k): int(v) for k, v in (msg.get("hits") or {}).items()}
                stuck.values = {str(k): [str(x) for x in v] for k, v in (msg.get("values") or {}).items()}
                stuck.sample_seconds = float(msg.get("seconds") or 0.0)
                stuck.sampled_lines = int(msg.get("lines") or 0)
            elif kind == "output-lines":
                output_lines = [(int(line), str(text)) for line, text in msg.get("pieces", [])]
            elif kind == "input-done" and "value" in msg:
                inputs.append(str(msg["value"]))
            elif kind == "too-many-processes":
                too_many = True
            elif kind == "plugin":
                extras.setdefault("plugin", []).append({k: v for k, v in msg.items() if k != "kind"})

        signame = None
        exit_code: int | None = returncode
        if returncode < 0:
            exit_code = None
            try:
                signame = signal.Signals(-returncode).name
            except ValueError:
                signame = f"signal {-returncode}"

        limit = None
        if stop_reason == LIMIT_TIME:
            outcome, limit = TIMEOUT, LIMIT_TIME
            if stuck is None:
                stuck = StuckInfo()
            stuck.waiting_for_input = self.waiting_for_input
        elif stop_reason == LIMIT_OUTPUT:
            outcome, limit = KILLED, stop_reason
            if stuck is not None:
                stuck.waiting_for_input = False
        elif stop_reason == LIMIT_STOPPED:
            outcome, limit = KILLED, stop_reason
        elif error is not None and error.type == "MemoryError":
            outcome, limit = KILLED, LIMIT_MEMORY
        elif error is not None:
            outcome = ERROR
            if too_many and error.type == "PermissionError":
                outcome, limit = KILLED, LIMIT_PROCESSES
        elif returncode == 0:
            outcome = OK
        elif returncode > 0:
            outcome = EXIT
        elif _looks_like_memory(err.text()):
            outcome, limit = KILLED, LIMIT_MEMORY
        else:
            outcome, limit = KILLED, LIMIT_SIGNAL

        return RunResult(
            outcome=outcome,
            exit_code=exit_code,
            stdout=out.text(),
            stderr=err.text(),
            truncated=out.truncated or err.truncated,
            error=error,
            limit=limit,
            duration_ms=seconds * 1000.0,
            stuck=stuck,
            output_lines=output_lines,
            inputs=inputs,
            signal=signame,
            started_processes=spawned,
            path=self.path,
            extras=extras,
        )

    def _cleanup(self) -> None:
        proc = self.proc
        if proc is not None:
            for stream in (proc.stdin, proc.stdout, proc.stderr):
                _close_quietly(stream)
        for fd in (getattr(self, "_side_r", None), self._wake_r, self._wake_w):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._side_r = None  # type: ignore[assignment]
        if self._source_dir is not None:
            self._source_dir.cleanup()
            self._source_dir = None
        if self._tmp_dir is not None:
            import shutil

            shutil.rmtree(self._tmp_dir, ignore_errors=True)
            self._tmp_dir = None


class _Capture:
    """Output of one stream: kept up to the limit, streamed to a callback as text."""

    def __init__(self, name: str, callback: OutputCallback | None) -> None:
        self.name = name
        self.callback = callback
        self.data = bytearray()
        self.size = 0  # bytes received (kept or not)
        self.lines = 0
        self.truncated = False
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def add(self, data: bytes, limits: Limits, out: "_Capture", err: "_Capture") -> None:
        self.size += len(data)
        self.lines += data.count(b"\n")
        room = limits.max_output_bytes - len(out.data) - len(err.data)
        if room <= 0:
            self.truncated = True
            return
        if len(data) > room:
            data = data[:room]
            self.truncated = True
        self.data += data
        if self.callback is not None:
            text = self.decoder.decode(data)
            if text:
                try:
                    self.callback(self.name, text)
                except Exception:
                    pass

    def text(self) -> str:
        return bytes(self.data).decode("utf-8", errors="replace")


def _read(fd: int) -> bytes | None:
    """Read what is there; b"" at the end; None if nothing now."""
    try:
        return os.read(fd, 65536)
    except BlockingIOError:
        return None
    except OSError:
        return b""


def _close_quietly(stream: Any) -> None:
    if stream is None:
        return
    try:
        stream.close()
    except (OSError, ValueError):
        pass


def _signal_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _kill_tagged(tag: str) -> None:
    """Stop every process that carries this run's tag (one that left the process group too)."""
    needle = f"{_TAG_VAR}={tag}".encode()
    me = os.getpid()
    for _ in range(3):  # again, in case one started another while we looked
        found = False
        try:
            names = os.listdir("/proc")
        except OSError:
            return
        for name in names:
            if not name.isdigit() or int(name) == me:
                continue
            try:
                with open(f"/proc/{name}/environ", "rb") as f:
                    environ = f.read()
            except OSError:
                continue
            if needle in environ.split(b"\0"):
                try:
                    os.kill(int(name), signal.SIGKILL)
                    found = True
                except (ProcessLookupError, PermissionError):
                    pass
        if not found:
            return
        time.sleep(0.02)


def _cpu_seconds(pid: int) -> float:
    """Processor time a process has used so far (0 when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _looks_like_memory(stderr: str) -> bool:
    tail = stderr[-2000:]
    return "MemoryError" in tail or "Cannot allocate memory" in tail or "out of memory" in tail


def _frame_from(data: dict[str, Any]) -> Frame:
    return Frame(
        line=int(data.get("line") or 0),
        function=str(data.get("function") or "<module>"),
        locals={str(k): str(v) for k, v in (data.get("locals") or {}).items()},
    )


def _error_from(msg: dict[str, Any]) -> ErrorInfo:
    line = msg.get("line")
    return ErrorInfo(
        type=str(msg.get("type") or "Exception"),
        message=str(msg.get("message") or ""),
        line=int(line) if isinstance(line, int) else None,
        frames=[_frame_from(f) for f in msg.get("frames", [])],
        offset=msg.get("offset") if isinstance(msg.get("offset"), int) else None,
        end_line=msg.get("end_line") if isinstance(msg.get("end_line"), int) else None,
        end_offset=msg.get("end_offset") if isinstance(msg.get("end_offset"), int) else None,
        text=msg.get("text") if isinstance(msg.get("text"), str) else None,
        mro=[str(x) for x in msg.get("mro", [])],
        details=dict(msg.get("details") or {}),
        in_library=bool(msg.get("in_library")),
    )


def run_program(
    path: str | os.PathLike[str],
    *,
    stdin: str | _Mode | None = "",
    limits: Limits | None = None,
    timeout: float | None = None,
    **kwargs: Any,
) -> RunResult:
    """Run the program at ``path`` to its end under the limits and return what happened.

    ``stdin``: the text the program reads (``""``: ``input()`` meets the end at once), or
    ``KEYBOARD`` to read from this terminal. ``timeout`` overrides ``limits.timeout``.
    Other keywords: see ``RunningProgram``.
    """
    limits = (limits or DEFAULT_LIMITS).with_timeout(timeout)
    running = RunningProgram(path, stdin=stdin, limits=limits, **kwargs)
    running.start()
    try:
        return running.wait()
    except BaseException:
        # Ctrl+C (or anything else) while waiting: the child must not outlive us.
        if running.proc is not None:
            _signal_group(running.pid or running.proc.pid, signal.SIGKILL)
            _kill_tagged(running.tag)
            try:
                running.proc.wait(timeout=5)
            except Exception:
                pass
        raise


def protection() -> dict[str, str]:
    """What keeps a run contained on this system, said plainly (for the README, tests, doctors).

    ``files``: "landlock" (the kernel refuses changes outside the program's folder, whatever the
    program does) or "audit-hook" (Python refuses them; a program using ctypes could get past).
    ``process_cap``: "control-group", "user-limit" (RLIMIT_NPROC, not as root) or "none".
    ``cleanup``: "subreaper" (every process a run starts is stopped when it ends) or "group".
    """
    code = (
        "import sys;sys.path.insert(0,%r);import _tutor_boot as b;import os,json;"
        "g=b._RunGroup({'max_processes':1});d=bool(g.dirs);g.remove();"
        "print(json.dumps([b._landlock([os.getcwd()]), d, b._prctl(36,1)]))" % _BOOT_DIR
    )
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, cwd=tempfile.gettempdir())
        landlock, cgroup, subreaper = json.loads(out.stdout)
    except (OSError, ValueError, subprocess.SubprocessError):
        landlock, cgroup, subreaper = None, False, False
    if cgroup:
        cap = "control-group"
    elif hasattr(os, "getuid") and os.getuid() != 0:
        cap = "user-limit"
    else:
        cap = "none"
    return {
        "files": "landlock" if landlock else "audit-hook",
        "process_cap": cap,
        "cleanup": "subreaper" if subreaper else "group",
    }
