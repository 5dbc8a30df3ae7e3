"""The duck's line tracer: run the program in a child process and record what each line did.

``trace_program(path, source=..., stdin=...)`` runs the learner's program through the runner (in a
child process, under the runner's limits) with ``_trace_plugin.py`` loaded before it. The plug-in
records, per line, how many times it ran and the values of the names it touches, capped in line
events (after the cap the program goes on untraced until the time limit). The result is a ``Trace``.

``build_plan(source)`` reads the program with ``ast`` and says which names each line touches, where
the loops and ``if``\\ s are, and which lines belong to one statement: the plug-in needs that and
cannot work it out cheaply itself.
"""

from __future__ import annotations

import ast
import json
import os
import signal
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..run import DEFAULT_LIMITS, RunningProgram, RunResult

PLUGIN = Path(__file__).resolve().parent / "_trace_plugin.py"

#: Line events recorded before tracing stops (the program then goes on under the time limit).
MAX_EVENTS = 20_000
#: Seconds a duck run may take (an endless loop is stopped then).
DEFAULT_TIMEOUT = 5.0
_MAX_NAMES_PER_LINE = 8
_INLINE_PLAN_CHARS = 60_000


# -- the plan (ast) -------------------------------------------------------------------------------

def _header_exprs(node: ast.stmt) -> list[ast.AST]:
    """The parts of a statement that run on its own line(s) (not the bodies of compound ones)."""
    if isinstance(node, (ast.For, ast.AsyncFor)):
        return [node.target, node.iter]
    if isinstance(node, (ast.While, ast.If)):
        return [node.test]
    if isinstance(node, (ast.With, ast.AsyncWith)):
        out: list[ast.AST] = []
        for item in node.items:
            out.append(item.context_expr)
            if item.optional_vars is not None:
                out.append(item.optional_vars)
        return out
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Try)):
        return []
    if hasattr(ast, "TryStar") and isinstance(node, ast.TryStar):  # 3.11+
        return []
    if hasattr(ast, "Match") and isinstance(node, ast.Match):
        return [node.subject]
    return [node]


def _header_end(node: ast.stmt) -> int:
    """The last line of a statement's own part (for compound statements: the line before the body)."""
    if hasattr(ast, "Match") and isinstance(node, ast.Match):
        return node.subject.end_lineno or node.lineno
    body = getattr(node, "body", None)
    if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
        first = body[0].lineno
        return first - 1 if first > node.lineno else node.lineno
    return node.end_lineno or node.lineno


def dotted_name(node: ast.AST) -> str | None:
    """``a`` or ``a.b.c`` for a name or a chain of attributes on a name; else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def touched_names(exprs: list[ast.AST]) -> list[str]:
    """Names (and ``self.x`` chains) a line sets, then the ones it reads, in order, no repeats."""
    stores: list[str] = []
    loads: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return  # their names live somewhere else
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return
        if isinstance(node, ast.Attribute):
            name = dotted_name(node)
            if name is not None:
                (stores if isinstance(node.ctx, (ast.Store, ast.Del)) else loads).append(name)
                # also the base name (e.g. ``self``) is not interesting; ``scores`` in
                # ``scores.append`` is: the chain's head when the chain is a method call
                return
        if isinstance(node, ast.Name):
            (stores if isinstance(node.ctx, ast.Store) else loads).append(node.id)
            return
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)):
            base = dotted_name(node.value)
            if base is not None:
                stores.append(base)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            # ``print(x)``, ``len(x)``, ``add(a, b)``: the function's name is not a value to show
            for child in node.args:
                visit(child)
            for kw in node.keywords:
                visit(kw.value)
            return
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            # ``scores.append(x)``: ``scores`` is what changes; ``scores.append`` is not a value
            base = dotted_name(node.func.value)
            if base is not None:
                loads.append(base)
            for child in node.args:
                visit(child)
            for kw in node.keywords:
                visit(kw.value)
            if not isinstance(node.func.value, (ast.Name, ast.Attribute)):
                visit(node.func.value)
            return
        for child in ast.iter_child_nodes(node):
            visit(child)

    for expr in exprs:
        if isinstance(expr, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = expr.targets if isinstance(expr, ast.Assign) else [expr.target]
            for target in targets:
                visit(target)
            if expr.value is not None:
                visit(expr.value)
            if isinstance(expr, ast.AugAssign):
                name = dotted_name(expr.target)
                if name is not None:
                    stores.append(name)
        else:
            visit(expr)
    out: list[str] = []
    for name in stores + loads:
        if name not in out:
            out.append(name)
    return out[:_MAX_NAMES_PER_LINE]


def statements(tree: ast.AST) -> list[ast.stmt]:
    """Every statement of the program, in the order of its lines."""
    out = [n for n in ast.walk(tree) if isinstance(n, ast.stmt)]
    out.sort(key=lambda n: (n.lineno, n.col_offset))
    return out


def _span(body: list[ast.stmt]) -> tuple[int, int]:
    return body[0].lineno, max((s.end_lineno or s.lineno) for s in body)


def build_plan(source: str, tree: ast.Module | None = None) -> dict[str, Any]:
    """What the plug-in needs to know about the program (see ``_trace_plugin.py``)."""
    if tree is None:
        tree = ast.parse(source)
    remap: dict[str, int] = {}
    watch: dict[str, list[str]] = {}
    loops: dict[str, list[Any]] = {}
    branches: dict[str, list[int]] = {}
    funcs: list[list[Any]] = []
    for node in statements(tree):
        line = node.lineno
        end = _header_end(node)
        for inner in range(line + 1, end + 1):
            remap.setdefault(str(inner), line)
        names = touched_names(_header_exprs(node))
        if names:
            watch[str(line)] = names
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)) and node.body:
            first = node.body[0]
            if first.lineno > end:  # not a loop written on one line
                names_for_end = touched_names([node.target]) if isinstance(node, (ast.For, ast.AsyncFor)) else touched_names([node.test])
                loops[str(line)] = [
                    max(s.end_lineno or s.lineno for s in node.body),
                    first.lineno,
                    first.end_lineno or first.lineno,
                    names_for_end,
                ]
        if isinstance(node, ast.If) and node.body and node.body[0].lineno > end:
            start, stop = _span(node.body)
            branches[str(line)] = [start, stop]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first_line = min([line] + [d.lineno for d in node.decorator_list])
            funcs.append([first_line, node.name])
            if first_line != line:
                funcs.append([line, node.name])
    # except handlers are not statements but get their own line event
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.body and node.body[0].lineno > node.lineno:
            for inner in range(node.lineno + 1, node.body[0].lineno):
                remap.setdefault(str(inner), node.lineno)
    return {"remap": remap, "watch": watch, "loops": loops, "branches": branches, "funcs": funcs}


# -- the result -----------------------------------------------------------------------------------

@dataclass
class Seen:
    """The values a name held after one line ran: the first, the last, how many times, a few."""

    first: str
    last: str
    count: int
    seq: list[str] = field(default_factory=list)


@dataclass
class LoopRun:
    rounds: int
    end: dict[str, str]  # the names' values when this run of the loop ended
    finished: bool  # False: still going round when the program (or tracing) stopped
    ended_at: int | None = None  # the line event number when this run of the loop ended


@dataclass
class Branch:
    true: int
    false: int
    seq: list[bool]


@dataclass
class Trace:
    """What really happened, line by line. Line numbers are the program's own."""

    result: RunResult
    available: bool = False  # False when the plug-in sent nothing (it could not run)
    events: int = 0
    max_events: int = MAX_EVENTS
    capped: bool = False
    cap_line: int | None = None
    hits: dict[int, int] = field(default_factory=dict)
    first_at: dict[int, int] = field(default_factory=dict)
    last_at: dict[int, int] = field(default_factory=dict)
    values: dict[int, dict[str, Seen]] = field(default_factory=dict)
    changes: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    change_counts: dict[str, int] = field(default_factory=dict)
    loops: dict[int, list[LoopRun]] = field(default_factory=dict)
    loop_totals: dict[int, tuple[int, int]] = field(default_factory=dict)
    branches: dict[int, Branch] = field(default_factory=dict)
    returns: dict[int, Seen] = field(default_factory=dict)
    func_returns: dict[int, Seen] = field(default_factory=dict)
    call_returns: dict[int, Seen] = field(default_factory=dict)
    raised: dict[int, int] = field(default_factory=dict)
    outputs: dict[int, list[str]] = field(default_factory=dict)

    @property
    def stopped_early(self) -> bool:
        """The program did not get to its end by itself (time-out or another limit)."""
        return self.result.outcome in ("timeout", "killed")

    def ran(self, line: int) -> bool:
        return self.hits.get(line, 0) > 0

    def to_json(self) -> dict[str, Any]:
        return {
            "outcome": self.result.outcome,
            "events": self.events,
            "capped": self.capped,
            "hits": {str(k): v for k, v in sorted(self.hits.items())},
            "values": {
                str(line): {name: {"first": s.first, "last": s.last, "count": s.count} for name, s in names.items()}
                for line, names in sorted(self.values.items())
            },
            "loops": {
                str(line): [{"rounds": r.rounds, "end": r.end, "finished": r.finished} for r in runs]
                for line, runs in sorted(self.loops.items())
            },
        }


def _int_keys(table: Any) -> dict[int, Any]:
    out: dict[int, Any] = {}
    if isinstance(table, dict):
        for key, value in table.items():
            try:
                out[int(key)] = value
            except (TypeError, ValueError):
                continue
    return out


def _seen(slot: Any) -> Seen | None:
    if not isinstance(slot, list) or len(slot) < 3:
        return None
    seq = [str(x) for x in slot[3]] if len(slot) > 3 and isinstance(slot[3], list) else []
    return Seen(str(slot[0]), str(slot[1]), int(slot[2]), seq)


def parse_trace(result: RunResult) -> Trace:
    """A ``Trace`` from what the plug-in sent (tolerant of missing pieces)."""
    trace = Trace(result=result)
    for line, text in result.output_lines or []:
        trace.outputs.setdefault(int(line), []).append(text)
    data = None
    for message in result.extras.get("plugin", []):
        if isinstance(message, dict) and isinstance(message.get("trace"), dict):
            data = message["trace"]
    if data is None:
        return trace
    trace.available = True
    trace.events = int(data.get("events") or 0)
    trace.max_events = int(data.get("max_events") or MAX_EVENTS)
    trace.capped = bool(data.get("capped"))
    cap_line = data.get("cap_line")
    trace.cap_line = int(cap_line) if isinstance(cap_line, int) else None
    trace.hits = {k: int(v) for k, v in _int_keys(data.get("hits")).items()}
    trace.first_at = {k: int(v) for k, v in _int_keys(data.get("first_at")).items()}
    trace.last_at = {k: int(v) for k, v in _int_keys(data.get("last_at")).items()}
    for line, names in _int_keys(data.get("values")).items():
        if isinstance(names, dict):
            row = {str(n): s for n, s in ((n, _seen(v)) for n, v in names.items()) if s is not None}
            if row:
                trace.values[line] = row
    for name, items in (data.get("changes") or {}).items():
        if isinstance(items, list):
            trace.changes[str(name)] = [(int(e), int(l), str(t)) for e, l, t in items]
    trace.change_counts = {str(k): int(v) for k, v in (data.get("change_counts") or {}).items()}
    for line, runs in _int_keys(data.get("loops")).items():
        trace.loops[line] = [
            LoopRun(int(r[0]), {str(k): str(v) for k, v in r[1].items()}, bool(r[2]), int(r[3]) if len(r) > 3 else None)
            for r in runs
        ]
    for line, totals in _int_keys(data.get("loop_totals")).items():
        trace.loop_totals[line] = (int(totals[0]), int(totals[1]))
    for line, slot in _int_keys(data.get("branches")).items():
        trace.branches[line] = Branch(int(slot[0]), int(slot[1]), [bool(x) for x in slot[2]])
    for key, table in (("returns", trace.returns), ("func_returns", trace.func_returns), ("call_returns", trace.call_returns)):
        for line, slot in _int_keys(data.get(key)).items():
            seen = _seen(slot)
            if seen is not None:
                table[line] = seen
    trace.raised = {k: int(v) for k, v in _int_keys(data.get("raised")).items()}
    prints = {k: [str(x) for x in v] for k, v in _int_keys(data.get("prints")).items() if isinstance(v, list)}
    if prints or not trace.outputs:
        trace.outputs = prints
    return trace


def trace_program(
    path: str | os.PathLike[str],
    *,
    source: str | None = None,
    stdin: str = "",
    timeout: float | None = None,
    max_events: int = MAX_EVENTS,
    plan: dict[str, Any] | None = None,
    on_start: Callable[[RunningProgram], None] | None = None,
    **run_kwargs: Any,
) -> Trace:
    """Run the program once in a child process with the line tracer and return what happened.

    ``source``: the program's text if it differs from the file (e.g. unsaved in the editor).
    ``stdin``: what the program's ``input()`` gets. ``timeout``: seconds (default 5).
    ``on_start(running)`` is called once the child has started (so another thread can ``stop()`` it).
    """
    path = Path(path)
    if source is None:
        source = path.read_text(encoding="utf-8-sig", errors="replace")
    if plan is None:
        try:
            plan = build_plan(source)
        except (SyntaxError, ValueError, RecursionError):
            plan = {}
    options: dict[str, Any] = {"max_events": int(max_events)}
    plan_file = None
    text = json.dumps(plan)
    if len(text) > _INLINE_PLAN_CHARS:
        fd, plan_file = tempfile.mkstemp(prefix="tutor-duck-plan-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        options["plan_file"] = plan_file
    else:
        options.update(plan)
    limits = run_kwargs.pop("limits", None) or DEFAULT_LIMITS
    limits = limits.with_timeout(timeout if timeout is not None else DEFAULT_TIMEOUT)
    try:
        running = RunningProgram(
            path,
            stdin=stdin,
            limits=limits,
            source=source,
            plugin=PLUGIN,
            plugin_options=options,
            record_output_lines=True,
            **run_kwargs,
        )
        running.start()
        if on_start is not None:
            on_start(running)
        try:
            result = running.wait()
        except BaseException:
            # Interrupted while waiting: the learner's program must not outlive us.
            _kill(running)
            raise
    finally:
        if plan_file is not None:
            try:
                os.unlink(plan_file)
            except OSError:
                pass
    return parse_trace(result)


def _kill(running: RunningProgram) -> None:
    proc = running.proc
    if proc is None:
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the child leads its own process group
    except (ProcessLookupError, PermissionError, OSError):
        pass
    try:
        proc.wait(timeout=5)
    except Exception:
        pass
