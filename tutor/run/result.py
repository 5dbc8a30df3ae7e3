"""The plain result of running a learner's program.

Everything here is data: no behaviour that needs the child process. ``RunResult.to_json()`` gives
exactly the dictionary described for ``tutor run --json`` in shared/contracts/cli.md (plus extra
fields, which the contract allows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The outcomes of a run (see the contract).
OK = "ok"  # exit code 0
EXIT = "exit"  # sys.exit() with a non-zero code
ERROR = "error"  # an exception, syntax errors included
TIMEOUT = "timeout"  # stopped for running too long
KILLED = "killed"  # stopped by another limit: ``limit`` names it

# Limits that can stop a program (``RunResult.limit``).
LIMIT_TIME = "time"
LIMIT_MEMORY = "memory"
LIMIT_OUTPUT = "output"
LIMIT_PROCESSES = "processes"
LIMIT_SIGNAL = "signal"  # the program died from a signal it was not sent by the tutor (a crash)
LIMIT_STOPPED = "stopped"  # the person (or the app) pressed Stop


@dataclass
class Frame:
    """One frame of the learner's own code (never the tutor's)."""

    line: int
    function: str
    # Simple values visible in that frame when the error happened: name -> repr (short).
    locals: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "function": self.function}


@dataclass
class ErrorInfo:
    """What Python reported when the program ended with an exception."""

    type: str  # the exception class name, e.g. "NameError"
    message: str  # str(exception), or a placeholder when str() itself failed
    line: int | None  # the line in the learner's file (innermost learner frame); None if unknown
    frames: list[Frame] = field(default_factory=list)  # learner frames, outermost first
    # For SyntaxError and its subclasses: CPython's column information (1-based offsets).
    offset: int | None = None
    end_line: int | None = None
    end_offset: int | None = None
    text: str | None = None  # the source line CPython showed, for syntax errors
    # The names of the exception's classes, most specific first (e.g. ["FileNotFoundError",
    # "OSError", "Exception", "BaseException"]): lets diagnosers match families.
    mro: list[str] = field(default_factory=list)
    # Extra fields CPython sets on some exceptions: NameError/AttributeError .name, KeyError args,
    # OSError filename, ... as short reprs or plain values.
    details: dict[str, Any] = field(default_factory=dict)
    # True when the error happened outside the learner's file (e.g. inside a library) and ``line`` is
    # the last learner line that led there.
    in_library: bool = False

    def is_a(self, name: str) -> bool:
        return name == self.type or name in self.mro

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "message": self.message,
            "line": self.line,
            "frames": [f.to_json() for f in self.frames],
        }


@dataclass
class StuckInfo:
    """Where a program was when it was stopped for running too long.

    ``stack`` is the learner's frames at the moment of the stop (outermost first) with simple local
    values. ``hits`` counts how many times each line ran during a short sample taken just before the
    stop, and ``values`` lists, per variable name of the innermost frame, the distinct values seen
    during that sample (at most a few each, in order of first appearance). ``waiting_for_input`` is
    True when the program was stopped while waiting for the keyboard.
    """

    stack: list[Frame] = field(default_factory=list)
    hits: dict[int, int] = field(default_factory=dict)
    values: dict[str, list[str]] = field(default_factory=dict)
    sample_seconds: float = 0.0
    sampled_lines: int = 0
    waiting_for_input: bool = False
    #: How many of the learner's calls were on the stack (a very deep one: a recursion, not a loop).
    depth: int = 0

    @property
    def deep_recursion(self) -> bool:
        return self.depth > 1000

    @property
    def line(self) -> int | None:
        return self.stack[-1].line if self.stack else None

    def to_json(self) -> dict[str, Any]:
        return {
            "stack": [{"line": f.line, "function": f.function, "locals": f.locals} for f in self.stack],
            "hits": {str(k): v for k, v in sorted(self.hits.items())},
            "values": self.values,
            "sample_seconds": round(self.sample_seconds, 3),
            "waiting_for_input": self.waiting_for_input,
            **({"depth": self.depth} if self.deep_recursion else {}),
        }


@dataclass
class RunResult:
    outcome: str
    exit_code: int | None  # None when the process was killed by a signal
    stdout: str
    stderr: str
    truncated: bool = False  # the output was cut at the output limit
    error: ErrorInfo | None = None
    limit: str | None = None  # which limit stopped it (for timeout/killed), else None
    duration_ms: float = 0.0
    stuck: StuckInfo | None = None  # for timeouts: where it was stuck
    # Which learner line wrote each piece of stdout, in order: [(line, text), ...]. Only filled
    # when the run was asked to record it (``record_output_lines=True``); line 0 = unknown.
    output_lines: list[tuple[int, str]] | None = None
    # The input lines the program consumed, in order (what input() returned, without the newline).
    inputs: list[str] = field(default_factory=list)
    signal: str | None = None  # the signal name if the process died from a signal
    started_processes: bool = False  # the program tried to start other programs
    path: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)  # data sent by a child plug-in (see run())

    @property
    def ok(self) -> bool:
        return self.outcome == OK

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "outcome": self.outcome,
            "exit_code": self.exit_code,
            "stdout": self.stdout,
            "stderr": self.stderr,
            "truncated": self.truncated,
            "error": self.error.to_json() if self.error else None,
            "limit": self.limit,
            "duration_ms": round(self.duration_ms, 1),
        }
        if self.stuck is not None:
            data["stuck"] = self.stuck.to_json()
        if self.signal:
            data["signal"] = self.signal
        return data
