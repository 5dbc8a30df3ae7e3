"""Record every step of one run (in the runner's child process) and read the recording.

``record(path, source=..., stdin=..., max_steps=20_000)`` runs the learner's program through the
runner (a child process, the runner's limits) with ``_recorder.py`` loaded before it, and returns a
``Recording``. The recording keeps each step's *changes* only; ``vars_at(i)`` and ``to_json()``
rebuild the full picture (see shared/contracts/trace.md).
"""

from __future__ import annotations

import ast
import bisect
import os
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ..run import DEFAULT_LIMITS, Limits, RunningProgram, RunResult
from ..run.result import KILLED

RECORDER = Path(__file__).resolve().parent / "_recorder.py"
MAX_STEPS = 20_000
SCHEMA = 1
LIMIT_STEPS = "steps"  # RunResult.limit when the step cap stopped the program

LINE, CALL, RETURN, ERROR = 0, 1, 2, 3
EVENTS = ("line", "call", "return", "error")
_EVENT_CODES = {name: i for i, name in enumerate(EVENTS)}
_EVERY = 256  # vars_at: a saved point every this many steps of one call


@dataclass(frozen=True)
class Step:
    """One step: the line about to run (or the call, return or error), where, and how deep."""

    index: int
    line: int
    event: str
    function: str
    depth: int
    activation: int  # which call of the function this step belongs to
    stdout_len: int
    changed: tuple[str, ...]  # names whose value is new or different since this call's last step


@dataclass
class Recording:
    """Every step of one run. Steps are kept compactly: what changed, not every value every time."""

    result: RunResult
    source: str
    max_steps: int = MAX_STEPS
    truncated: bool = False
    available: bool = True  # False when the recorder sent nothing (e.g. the program was killed early)
    backend: str | None = None
    child_max_rss_kb: int | None = None
    functions: list[str] = field(default_factory=list)
    # compact steps: (line, event code, function index, depth, activation, stdout_len, delta or None)
    raw: list[tuple[int, int, int, int, int, int, dict[str, str | None] | None]] = field(default_factory=list)
    _vars: list[dict[str, str]] | None = field(default=None, repr=False)
    _acts: dict[int, list[int]] | None = field(default=None, repr=False)
    _checkpoints: dict[int, list[dict[str, str]]] = field(default_factory=dict, repr=False)
    _changes: dict[tuple[str, str | None], list[int]] = field(default_factory=dict, repr=False)

    # -- basic facts ------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.raw)

    @property
    def outcome(self) -> str:
        return self.result.outcome

    @property
    def stdout(self) -> str:
        return self.result.stdout

    def step(self, i: int) -> Step:
        line, ev, fn, depth, act, out, delta = self.raw[i]
        return Step(
            index=i,
            line=line,
            event=EVENTS[ev],
            function=self.functions[fn] if 0 <= fn < len(self.functions) else "?",
            depth=depth,
            activation=act,
            stdout_len=out,
            changed=tuple(k for k, v in delta.items() if v is not None) if delta else (),
        )

    def steps(self) -> Iterator[Step]:
        for i in range(len(self.raw)):
            yield self.step(i)

    def vars_at(self, i: int) -> dict[str, str]:
        """The names visible at step ``i`` (in its function) and their short texts.

        Rebuilt from the nearest saved point of that call (one every 256 of its steps), so a jump
        anywhere in a long run stays quick without keeping every step's values."""
        if self._vars is not None:
            return self._vars[i]
        if self._acts is None:
            acts: dict[int, list[int]] = {}
            for j, s in enumerate(self.raw):
                acts.setdefault(s[4], []).append(j)
            self._acts = acts
        act = self.raw[i][4]
        steps = self._acts[act]
        k = bisect.bisect_right(steps, i) - 1
        saved = self._checkpoints.setdefault(act, [{}])
        m = k // _EVERY
        while len(saved) <= m:
            start = (len(saved) - 1) * _EVERY
            saved.append(self._apply(dict(saved[-1]), steps[start : start + _EVERY]))
        return self._apply(dict(saved[m]), steps[m * _EVERY : k + 1])

    def _apply(self, state: dict[str, str], steps: list[int]) -> dict[str, str]:
        raw = self.raw
        for j in steps:
            delta = raw[j][6]
            if delta:
                for key, value in delta.items():
                    if value is None:
                        state.pop(key, None)
                    else:
                        state[key] = value
        return state

    def _expand(self) -> list[dict[str, str]]:
        out: list[dict[str, str]] = []
        current: dict[int, dict[str, str]] = {}
        empty: dict[str, str] = {}
        for _line, _ev, _fn, _depth, act, _out, delta in self.raw:
            state = current.get(act, empty)
            if delta:
                state = dict(state)
                for k, v in delta.items():
                    if v is None:
                        state.pop(k, None)
                    else:
                        state[k] = v
                current[act] = state
            out.append(state)
        return out

    @property
    def line_counts(self) -> dict[int, int]:
        """How many times each line ran (line steps only)."""
        counts: dict[int, int] = {}
        for line, ev, *_ in self.raw:
            if ev == LINE:
                counts[line] = counts.get(line, 0) + 1
        return counts

    def output_at(self, i: int) -> str:
        """What had been printed before step ``i``."""
        return self.result.stdout[: self.raw[i][5]] if self.raw else ""

    # -- looking for steps ------------------------------------------------------------------------
    def error_step(self) -> int | None:
        """The step where the error that ended the program happened (or the last error step)."""
        errors = [i for i, s in enumerate(self.raw) if s[1] == ERROR]
        if not errors:
            return None
        err = self.result.error
        if err is not None and err.line is not None:
            for i in reversed(errors):
                if self.raw[i][0] == err.line:
                    return i
        return errors[-1]

    def first_step_on(self, line: int, after: int = -1) -> int | None:
        """The first step (after ``after``) where ``line`` ran."""
        for i in range(after + 1, len(self.raw)):
            s = self.raw[i]
            if s[0] == line and s[1] in (LINE, ERROR):
                return i
        return None

    def next_in_function(self, i: int) -> int | None:
        """Step over: the next step of this same call (or of a caller when this call ends)."""
        if not self.raw:
            return None
        depth, act = self.raw[i][3], self.raw[i][4]
        for j in range(i + 1, len(self.raw)):
            s = self.raw[j]
            if s[4] == act or s[3] < depth:
                return j
        return None

    def prev_in_function(self, i: int) -> int | None:
        """Back over: the step before, in this same call (or in a caller, before this call)."""
        if not self.raw:
            return None
        depth, act = self.raw[i][3], self.raw[i][4]
        for j in range(i - 1, -1, -1):
            s = self.raw[j]
            if s[4] == act or s[3] < depth:
                return j
        return None

    def changes_of(self, name: str, function: str | None = None) -> list[int]:
        """The steps where ``name`` got a new value (in ``function``, or in any function)."""
        key = (name, function)
        cached = self._changes.get(key)
        if cached is not None:
            return cached
        fn_ids = None
        if function is not None:
            fn_ids = {k for k, f in enumerate(self.functions) if f == function}
        out = []
        for i, s in enumerate(self.raw):
            delta = s[6]
            if delta and delta.get(name) is not None and (fn_ids is None or s[2] in fn_ids):
                out.append(i)
        self._changes[key] = out
        return out

    def change_counts(self) -> dict[str, int]:
        """Per name (in any function): how many times it got a new value."""
        counts: dict[str, int] = {}
        for s in self.raw:
            if s[6]:
                for k, v in s[6].items():
                    if v is not None:
                        counts[k] = counts.get(k, 0) + 1
        return counts

    def next_change(self, name: str, after: int, function: str | None = None) -> int | None:
        """The first step after ``after`` where ``name`` changes; else its first change of all."""
        steps = self.changes_of(name, function)
        k = bisect.bisect_right(steps, after)
        if k < len(steps):
            return steps[k]
        return steps[0] if steps else None

    def history(self, name: str, function: str | None = None) -> list[tuple[int, str]]:
        """The values ``name`` took, in order, with the step where each began."""
        return [(i, self.raw[i][6][name]) for i in self.changes_of(name, function)]  # type: ignore[index]

    def histories(self) -> dict[str, list[str]]:
        """Per name (in any function), the sequence of values it took."""
        out: dict[str, list[str]] = {}
        for s in self.raw:
            if s[6]:
                for k, v in s[6].items():
                    if v is not None:
                        out.setdefault(k, []).append(v)
        return out

    # -- the contract's JSON ----------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        res = self.result.to_json()
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "outcome": self.result.outcome,
            "error": res["error"],
            "truncated": self.truncated,
            "stdout": self.result.stdout,
            "line_counts": {str(k): v for k, v in sorted(self.line_counts.items())},
            "steps": self._json_steps(),
            # extra fields (the contract allows adding)
            "max_steps": self.max_steps,
            "limit": self.result.limit,
            "histories": self.histories(),
            "recorded": self.available,
        }
        return data

    def _json_steps(self) -> list[dict[str, Any]]:
        values = self._expand()
        return [
                {
                    "line": s.line,
                    "event": s.event,
                    "function": s.function,
                    "depth": s.depth,
                    "vars": values[s.index],
                    "stdout_len": s.stdout_len,
                }
                for s in self.steps()
            ]


# -- recording ------------------------------------------------------------------------------------

def _header_end(node: ast.stmt) -> int:
    if hasattr(ast, "Match") and isinstance(node, ast.Match):
        return node.subject.end_lineno or node.lineno
    body = getattr(node, "body", None)
    if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
        first = body[0].lineno
        return first - 1 if first > node.lineno else node.lineno
    return node.end_lineno or node.lineno


def statement_lines(source: str) -> dict[int, int]:
    """``{inner_line: statement_line}`` for lines inside multi-line statements (and headers)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    remap: dict[int, int] = {}
    stmts = sorted((n for n in ast.walk(tree) if isinstance(n, ast.stmt)), key=lambda n: (n.lineno, n.col_offset))
    for node in stmts:
        for inner in range(node.lineno + 1, _header_end(node) + 1):
            remap.setdefault(inner, node.lineno)
    return remap


def record(
    path: str | os.PathLike[str],
    *,
    source: str | None = None,
    stdin: str = "",
    max_steps: int = MAX_STEPS,
    timeout: float | None = None,
    limits: Limits | None = None,
    backend: str | None = None,
    python: str | None = None,
    on_start: Callable[[RunningProgram], None] | None = None,
    **run_kwargs: Any,
) -> Recording:
    """Run the program once in a child process, recording every step, and return the recording.

    ``source``: the program's text if it differs from the file (unsaved in the editor).
    ``stdin``: what ``input()`` gets (none: ``input()`` meets the end). ``timeout``: seconds, as
    for ``tutor run``. ``backend``: ``"monitoring"`` or ``"settrace"`` (default: the best one).
    ``on_start(running)`` is called once the child has started (so another thread can stop it).
    """
    path = Path(path)
    if source is None:
        source = path.read_text(encoding="utf-8-sig", errors="replace")
    max_steps = max(1, int(max_steps))
    options: dict[str, Any] = {
        "max_steps": max_steps,
        "remap": {str(k): v for k, v in statement_lines(source).items()},
    }
    if backend:
        options["backend"] = backend
    limits = (limits or DEFAULT_LIMITS).with_timeout(timeout)
    running = RunningProgram(
        path,
        stdin=stdin,
        limits=limits,
        source=source,
        plugin=RECORDER,
        plugin_options=options,
        python=python,
        **run_kwargs,
    )
    running.start()
    if on_start is not None:
        on_start(running)
    try:
        result = running.wait()
    except BaseException:
        _kill(running)
        raise
    return from_result(result, source, max_steps)


def from_result(result: RunResult, source: str, max_steps: int = MAX_STEPS) -> Recording:
    """A ``Recording`` from what the recorder sent (tolerant of missing pieces)."""
    rec = Recording(result=result, source=source, max_steps=max_steps, available=False)
    end: dict[str, Any] | None = None
    raw = rec.raw
    for message in result.extras.get("plugin", []):
        data = message.get("trace") if isinstance(message, dict) else None
        if not isinstance(data, dict):
            continue
        chunk = data.get("chunk")
        if isinstance(chunk, list):
            rec.available = True
            for s in chunk:
                try:
                    line, ev, fn, depth, act, out, delta = s
                    raw.append((int(line), int(ev), int(fn), int(depth), int(act), int(out),
                                dict(delta) if isinstance(delta, dict) and delta else None))
                except (TypeError, ValueError):
                    continue
        if isinstance(data.get("end"), dict):
            end = data["end"]
            rec.available = True
    if end is not None:
        rec.functions = [str(f) for f in end.get("functions") or []]
        rec.truncated = bool(end.get("truncated"))
        rec.backend = end.get("backend")
        rss = end.get("max_rss_kb")
        rec.child_max_rss_kb = int(rss) if isinstance(rss, int) else None
    need = max((s[2] for s in raw), default=-1) + 1
    while len(rec.functions) < need:
        rec.functions.append("?")
    if rec.truncated:
        # The recorder stopped the program at the cap: say so, as the runner says other limits.
        result.outcome = KILLED
        result.limit = LIMIT_STEPS
    return rec


def _kill(running: RunningProgram) -> None:
    proc = running.proc
    if proc is None:
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        pass
    try:
        proc.wait(timeout=5)
    except Exception:
        pass
