"""The repair search: find the one small thing by trying small edits and keeping what really works.

The engine calls ``repair(ctx)`` after the diagnosers, for any outcome that is not ``ok``, when no
diagnoser's fix passed verification. It:

1. **looks where the problem can be** (``localise``): the line Python named and the lines of the
   calls that led there, and every line whose values flow into them (``mutate.influence``:
   assignments, calls and returns, loop headers and conditions); for wrong output, the lines that
   computed what was printed first wrong; for a program that never ends, the loop and what its
   test reads. Each suspected line has a weight (1.0 for the line itself, less further back);
2. **proposes small edits** there (``candidates``): the kid slips of ``mutate.py`` plus general
   operators (``ops.py``): a similar name either way round (the use or the definition), a keyword
   name from the called function's real signature, a value too few or too many in a call, a
   similar key or dot-name, ``int()``/``float()``/``str()``, ``()`` added or taken away, other
   constants of the program, brackets around a sum, ``return`` for ``print``, a list for a tuple,
   quotes around a bare word. A program that does not parse gets single-token repairs
   (``syntax_repair.py``) around the error and the bracket or quote it belongs to, kept only when
   the whole file then parses;
3. **guards against edits that only look right**: the data the program is checked with (values
   that top-level code passes to the learner's own functions, ``assert`` lines) is never edited;
   lines that never ran are not edited (one recorded run); a program that crashed must still
   print what it printed before the crash;
4. **checks** the candidates, likeliest first, on copies through the runner (``verify``: the
   fork server, in parallel, stopping at the first success in rank order), within a time budget
   (``SEARCH_SECONDS``, default 2 s, or ``TUTOR_SEARCH_SECONDS``), with a small cache by edited
   source; a ``threading.Event`` in ``ctx.extra["cancel"]`` stops it at once (the next run);
5. **words the winner** from its kind (``search_words.py``): level 1 names the line and the kind
   of slip, level 2 says why, the last level shows the change and says it works "with your input".
"""

from __future__ import annotations

import ast
import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Sequence

from .context import Context
from .hint import Fix, Hint

log = logging.getLogger("tutor.explain")

#: Seconds the whole search may take (recording a run and checking candidates), by default.
SEARCH_SECONDS = 2.0
#: At most this many candidate edits are checked in one search.
MAX_TRIES = 150
#: Seconds a copy of a never-ending program may run before it counts as not mended.
LOOP_SECONDS = 0.5
#: Runtime candidates on lines the fault localisation did not reach get this weight.
OUTSIDE_FOCUS = 0.12

_CACHE_SIZE = 512
_cache: "OrderedDict[str, bool]" = OrderedDict()
_cache_lock = threading.Lock()


def search_seconds(ctx: Context | None = None) -> float:
    """The time budget: ``ctx.extra["search_seconds"]``, else ``TUTOR_SEARCH_SECONDS``, else 2 s."""
    value: Any = None
    if ctx is not None:
        value = ctx.extra.get("search_seconds")
    if value is None:
        value = os.environ.get("TUTOR_SEARCH_SECONDS")
    try:
        seconds = float(value) if value is not None else SEARCH_SECONDS
    except (TypeError, ValueError):
        seconds = SEARCH_SECONDS
    return max(0.0, min(seconds, 30.0))


@dataclass
class Candidate:
    """One proposed edit: where, which kind of slip, how likely."""

    fix: Fix
    line: int
    kind: str
    weight: float
    detail: dict = field(default_factory=dict)
    source: str = ""  # the program after the edit


@dataclass
class SearchResult:
    hint: Hint | None = None
    tried: int = 0  # candidates run
    proposed: int = 0  # candidates after the guards
    seconds: float = 0.0
    verify_ms: float = 0.0
    rank: int | None = None  # the winner's place in the ranking (0 = first)
    notes: dict = field(default_factory=dict)


# -- where to look ------------------------------------------------------------------------------
def localise(ctx: Context) -> dict[int, float]:
    """Suspected lines with a weight each (0..1), from the outcome and the program's data flow."""
    from .mutate import influence, statement_at

    tree = ctx.tree
    focus: dict[int, float] = {}
    if tree is None:
        return focus

    def merge(weights: dict[int, float], scale: float) -> None:
        for line, w in weights.items():
            if w * scale > focus.get(line, 0.0):
                focus[line] = w * scale

    outcome = ctx.outcome
    if outcome == "error" and ctx.error is not None:
        err = ctx.error
        lines = [f.line for f in reversed(err.frames) if f.line] or ([err.line] if err.line else [])
        for i, line in enumerate(lines[:5]):
            merge(influence(tree, line), 0.9**i)
        # Inside a loop (an input() that ran out, a list read once too often): what ends the loop
        # decides whether this line runs again.
        if lines:
            loop = _loop_around(tree, statement_at(tree, lines[0]))
            if loop is not None:
                merge(_loop_exits(loop), 0.85)
    elif outcome == "wrong-output":
        from ..compare import first_difference
        from .diagnosers._tools import printing_line

        diff = first_difference(ctx.expected_output or "", ctx.result.stdout)
        if diff is not None:
            printed = printing_line(ctx, diff.line) or printing_line(ctx, max(1, diff.line - 1))
            if printed:
                merge(influence(tree, printed, depth=6), 1.0)
            # Every line that printed something wrong, a little less.
            for out_line in range(diff.line + 1, diff.line + 4):
                other = printing_line(ctx, out_line)
                if other and other != printed:
                    merge(influence(tree, other), 0.6)
    elif outcome in ("timeout", "killed"):
        stuck = ctx.result.stuck
        lines = []
        if stuck is not None:
            lines = [f.line for f in reversed(stuck.stack) if f.line] or ([stuck.line] if stuck.line else [])
            for hot in sorted(stuck.hits, key=lambda k: -stuck.hits[k])[:3]:
                lines.append(hot)
        for i, line in enumerate(lines[:5]):
            merge(influence(tree, line), 0.9 ** min(i, 2))
            stmt = statement_at(tree, line)
            loop = _loop_around(tree, stmt)
            if loop is not None:
                merge(influence(tree, loop.lineno), 0.95)
                for sub in ast.walk(loop):
                    if isinstance(sub, ast.stmt):
                        merge({sub.lineno: 0.8}, 1.0)
    return focus


def _loop_goal_line(ctx: Context) -> int | None:
    if ctx.expected_output is not None or ctx.outcome not in ("timeout", "killed") or ctx.result.stuck is None or ctx.tree is None:
        return None
    from .mutate import statement_at

    loop = _loop_around(ctx.tree, statement_at(ctx.tree, ctx.result.stuck.line or 0))
    return loop.lineno if isinstance(loop, ast.While) else None


def _loop_exits(loop: ast.stmt) -> dict[int, float]:
    """The loop's own line and the tests of the ``if`` lines that ``break`` or ``return`` in it."""
    out = {loop.lineno: 1.0}
    for node in ast.walk(loop):
        if isinstance(node, ast.If) and any(isinstance(s, (ast.Break, ast.Return)) for s in node.body):
            out[node.lineno] = 1.0
    return out


def _loop_around(tree: ast.AST, stmt: ast.stmt | None) -> ast.stmt | None:
    if stmt is None:
        return None
    if isinstance(stmt, (ast.While, ast.For)):
        return stmt
    from .mutate import parents_of

    parents = parents_of(tree)
    cur = parents.get(stmt)
    while cur is not None:
        if isinstance(cur, (ast.While, ast.For)):
            return cur
        cur = parents.get(cur)
    return None


# -- guards ---------------------------------------------------------------------------------------
Span = tuple[int, int, int, int]  # start line, start col, end line, end col (characters)


def protected_spans(source: str, tree: ast.Module) -> list[Span]:
    """Where the data the program is checked with lives: never edit it.

    - constant values inside the values that top-level code passes to the learner's own
      functions (``print(knapsack(40, items))``: the 40), and the literal value of a top-level
      name passed that way (``items = [...]``);
    - ``assert`` lines (a test's expected answer).
    """
    from .mutate import Editor

    ed = Editor(source)
    own = {s.name for s in ast.walk(tree) if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    spans: list[Span] = []
    passed_names: set[str] = set()

    def add(node: ast.AST) -> None:
        (l1, c1), (l2, c2) = ed.start(node), ed.end(node)
        spans.append((l1, c1, l2, c2))

    def top_level_nodes() -> list[ast.AST]:
        out: list[ast.AST] = []
        stack: list[ast.AST] = list(tree.body)
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue
            out.append(node)
            stack.extend(ast.iter_child_nodes(node))
        return out

    nodes = top_level_nodes()
    for node in nodes:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in own:
            for arg in list(node.args) + [k.value for k in node.keywords]:
                for sub in ast.walk(arg):
                    if isinstance(sub, ast.Constant):
                        add(sub)
                    elif isinstance(sub, ast.Name):
                        passed_names.add(sub.id)
        elif isinstance(node, ast.Assert):
            add(node)
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and all(isinstance(t, ast.Name) and t.id in passed_names for t in stmt.targets):
            if _is_literal(stmt.value):
                add(stmt.value)
    return spans


def _is_literal(node: ast.AST) -> bool:
    try:
        ast.literal_eval(node)
        return True
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False


def changed_span(fix: Fix, source: str) -> Span:
    """The part of the old text a fix changes (first differing character to last), as a span."""
    old_lines = source.splitlines(keepends=True)
    if old_lines and not old_lines[-1].endswith(("\n", "\r")):
        old_lines[-1] += "\n"
    old = "".join(old_lines[fix.start_line - 1 : fix.end_line])
    new = fix.replacement
    i = 0
    while i < min(len(old), len(new)) and old[i] == new[i]:
        i += 1
    j = 0
    while j < min(len(old), len(new)) - i and old[len(old) - 1 - j] == new[len(new) - 1 - j]:
        j += 1

    def pos(offset: int) -> tuple[int, int]:
        line = fix.start_line
        for raw in old_lines[fix.start_line - 1 : fix.end_line]:
            if offset < len(raw):
                return line, offset
            offset -= len(raw)
            line += 1
        return line, offset

    (l1, c1), (l2, c2) = pos(i), pos(len(old) - j)
    return l1, c1, l2, c2


def touches(span: Span, spans: Sequence[Span]) -> bool:
    l1, c1, l2, c2 = span
    a, b = (l1, c1), (l2, c2)
    for s in spans:
        lo, hi = (s[0], s[1]), (s[2], s[3])
        if a == b:  # a pure insertion: only inside counts
            if lo < a < hi:
                return True
        elif a < hi and lo < b:
            return True
    return False


def keeps_output(original_stdout: str, outcome: str) -> Any:
    """A check on a fixed copy's run: the lines printed before a crash (or time-out) stay the same.

    With one input, an edit that makes the error go away by changing what already printed right
    is more likely a lucky change than the fix."""
    if outcome not in ("error", "timeout", "killed"):
        return None
    done = original_stdout.split("\n")[:-1]  # whole lines printed before it stopped
    if not done:
        return None
    if outcome != "error":
        done = done[:20]  # a never-ending loop printed many lines: keep the start

    def accept(result: Any) -> bool:
        got = (getattr(result, "stdout", "") or "").split("\n")
        return got[: len(done)] == done

    return accept


COVER_PLUGIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_cover_plugin.py")


def _busy_lines(ctx: Context) -> set[int]:
    """For a program that never ended: the lines inside the loop it was busy in."""
    if ctx.outcome not in ("timeout", "killed") or ctx.tree is None or ctx.result.stuck is None:
        return set()
    from .mutate import statement_at

    stuck = ctx.result.stuck
    loop = _loop_around(ctx.tree, statement_at(ctx.tree, stuck.line)) if stuck.line else None
    if loop is None:
        return set()
    return {s.lineno for s in loop.body}


def _still_runs(lines: set[int], n_lines: int) -> Any:
    def accept(result: Any) -> bool:
        for msg in (getattr(result, "extras", None) or {}).get("plugin") or []:
            if "lines" in msg:
                ran = set(msg["lines"])
                return bool(ran & lines)
        return True  # no record: cannot tell

    return accept


def _and(first: Any, second: Any) -> Any:
    if first is None:
        return second
    return lambda result: first(result) and second(result)


# -- the line record -------------------------------------------------------------------------------
def lines_that_ran(ctx: Context, seconds: float) -> tuple[set[int], bool] | None:
    """Run the program once more recording which of its lines ran: (lines, complete), or None."""
    import tempfile
    from dataclasses import replace

    from ..run import DEFAULT_LIMITS, RunningProgram

    plugin = COVER_PLUGIN
    limits = ctx.limits or DEFAULT_LIMITS
    timeout = max(0.3, min(limits.timeout, seconds))
    try:
        from .verify import _prepare, _siblings

        program = os.path.abspath(ctx.path)
        with tempfile.TemporaryDirectory(prefix="tutor-cover-") as folder:
            target = _prepare(folder, program, ctx.source, _siblings(program))
            run = RunningProgram(
                target, stdin=ctx.stdin, limits=replace(limits, timeout=timeout, sample_seconds=0.0), cwd=folder, plugin=plugin
            )
            result = run.wait()
    except Exception:  # pragma: no cover - logged, the search goes on without the record
        log.exception("recording the lines that ran failed")
        return None
    sent = (result.extras or {}).get("plugin") or []
    for msg in sent:
        if "lines" in msg:
            return {int(x) for x in msg["lines"]}, bool(msg.get("complete")) and result.outcome == ctx.result.outcome
    return None


def _edit_ran(fix: Fix, ran: set[int]) -> bool:
    if fix.end_line == fix.start_line - 1:  # an insertion: the line before it (or after) ran
        return (fix.start_line - 1) in ran or fix.start_line in ran
    return any(line in ran for line in range(fix.start_line, fix.end_line + 1))


# -- the search -------------------------------------------------------------------------------------
def candidates(ctx: Context) -> tuple[list[Candidate], dict]:
    """Every candidate edit for ``ctx``, ranked (likeliest first), guards applied."""
    notes: dict = {}
    tree = ctx.tree
    if tree is None:
        if ctx.error is not None and ctx.error.is_a("SyntaxError"):
            from .syntax_repair import syntax_candidates

            found = syntax_candidates(ctx)
            notes["mode"] = "syntax"
            return found, notes
        return [], notes
    from .mutate import mutants
    from .ops import operator_candidates

    focus = localise(ctx)
    notes["focus"] = dict(sorted(focus.items()))
    found: list[Candidate] = []
    for m in mutants(ctx.source, tree=tree, focus=focus or None, default_focus=OUTSIDE_FOCUS, limit=120):
        found.append(Candidate(m.fix, m.line, m.kind, m.weight, dict(m.detail, before=m.before)))
    found.extend(operator_candidates(ctx, focus, OUTSIDE_FOCUS))
    spans = protected_spans(ctx.source, tree)
    kept: list[Candidate] = []
    dropped = 0
    allowed = allowed_kinds_filter(ctx)
    notes["unchecked_kinds"] = sum(1 for c in found if not allowed(c.kind))
    found = [c for c in found if allowed(c.kind)]
    goal = _loop_goal_line(ctx)
    if goal is not None:
        # A never-ending loop's test says what it waits for (`while roll != 6`): without an
        # expected output, changing that number only makes the wait end by luck.
        found = [c for c in found if not (c.kind in ("number", "other-constant") and c.fix.start_line == goal == c.fix.end_line)]
    for c in found:
        try:
            if touches(changed_span(c.fix, ctx.source), spans):
                dropped += 1
                continue
        except Exception:
            continue
        kept.append(c)
    notes["protected"] = dropped
    return kept, notes


#: Edits that change what a working program computes. Only an expected output can tell whether
#: such an edit is the fix: a crash that goes away when `/` becomes `*` proves nothing. Without
#: one, they are tried only where the outcome itself points at them (below).
MEANING_KINDS = frozenset({
    "arith-op", "compare-op", "bool-op", "remove-not", "number", "other-constant", "swap-sides",
    "name-swap", "swap-args", "aug-op", "accumulate", "text-edit", "case-compare", "brackets",
    "use-unused-name", "string-to-name", "add-space", "index", "index-shift", "range-bounds",
    "dedent-out-of-loop", "indent-into-loop", "indent-into-if", "reset-before-loop",
    "return-out-of-loop", "remove-argument", "or-always-true", "expr-to-assign", "compare-to-assign",
    "index-into-list", "print-result", "add-f-prefix", "missing-comma", "drop-operand",
})
#: ...except these, which the outcome does point at.
_POINTED = {
    "IndexError": {"index", "index-shift", "range-bounds", "compare-op"},
    "math domain error": {"arith-op"},  # sqrt(a * a - b * b): a sign the other way
    "timeout": {"compare-op", "aug-op", "arith-op", "number", "name-swap", "bool-op", "remove-not", "indent-into-loop",
                "accumulate", "expr-to-assign", "compare-to-assign"},
}


def allowed_kinds_filter(ctx: Context) -> Any:
    """Which kinds may be tried: all with an expected output (or other checks), else no kind
    that only changes what a working program computes, unless the outcome points at it."""
    if ctx.expected_output is not None or ctx.extra.get("other_checks"):
        return lambda kind: True
    pointed: set[str] = set()
    if ctx.outcome in ("timeout", "killed"):
        pointed = _POINTED["timeout"]
    elif ctx.error is not None:
        for name, kinds in _POINTED.items():
            if name != "timeout" and (ctx.error.is_a(name) or name in (ctx.error.message or "")):
                pointed |= kinds
    return lambda kind: kind not in MEANING_KINDS or kind in pointed


def _rank(found: list[Candidate], source: str) -> list[Candidate]:
    found.sort(key=lambda c: (-c.weight, len(c.fix.replacement)))
    out: list[Candidate] = []
    seen: set[str] = {source}
    for c in found:
        try:
            new = c.fix.apply(source)
        except ValueError:
            continue
        if new in seen:
            continue
        seen.add(new)
        c.source = new
        out.append(c)
    return out


def _remember(key: str, solved: bool) -> None:
    with _cache_lock:
        _cache[key] = solved
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)


# -- a second opinion --------------------------------------------------------------------------------
def perturbed_inputs(ctx: Context) -> list[tuple[Span, str]]:
    """Small changes of the data top-level code passes to the learner's own functions: each list
    in it reversed, and without its first item. A real fix of a function does not start crashing
    or hanging on such data; an edit that only happens to print the right thing once often does.
    Returns (span of the literal, new text) pairs."""
    tree = ctx.tree
    if tree is None or ctx.expected_output is None:
        return []
    from .mutate import Editor

    ed = Editor(ctx.source)
    own = {s.name for s in ast.walk(tree) if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
    out: list[tuple[Span, str]] = []
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for node in ast.walk(stmt):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in own):
                continue
            for arg in node.args:
                if isinstance(arg, (ast.List, ast.Tuple)) and _is_literal(arg) and len(arg.elts) >= 2:
                    items = [ed.segment(e) for e in arg.elts]
                    (l1, c1), (l2, c2) = ed.start(arg), ed.end(arg)
                    if l1 != l2:
                        continue
                    o, cl = ("[", "]") if isinstance(arg, ast.List) else ("(", ",)" if len(items) == 2 else ")")
                    if items[::-1] != items:
                        out.append(((l1, c1, l2, c2), o + ", ".join(items[::-1]) + (")" if cl == ",)" else cl)))
                    if len(items) >= 3:
                        out.append(((l1, c1, l2, c2), o + ", ".join(items[1:]) + cl))
    return out[:4]


def _apply_span(source: str, span: Span, text: str) -> str:
    lines = source.splitlines(keepends=True)
    l1, c1, _, c2 = span
    raw = lines[l1 - 1]
    lines[l1 - 1] = raw[:c1] + text + raw[c2:]
    return "".join(lines)


def second_opinion(ctx: Context, cand: Candidate, variants: list[tuple[Span, str]], limits: Any) -> bool:
    """True unless the edited program crashes or hangs on a small change of its data where the
    original program does not. (Nothing to compare with: True.)"""
    if not variants or cand.kind not in MEANING_KINDS:
        return True
    import tempfile

    from ..run import DEFAULT_LIMITS, run_program
    from .verify import _prepare, _siblings

    program = os.path.abspath(ctx.path)
    siblings = _siblings(program)
    short = replace_limits(limits or DEFAULT_LIMITS)

    def fails(source: str) -> bool:
        with tempfile.TemporaryDirectory(prefix="tutor-second-") as folder:
            target = _prepare(folder, program, source, siblings)
            result = run_program(target, stdin=ctx.stdin, limits=short, cwd=folder)
        return result.outcome not in ("ok", "exit")

    for span, text in variants:
        try:
            fixed = _apply_span(cand.source, span, text)
            if fails(fixed) and not fails(_apply_span(ctx.source, span, text)):
                return False
        except Exception:  # pragma: no cover - no opinion
            continue
    return True


def replace_limits(limits: Any) -> Any:
    from dataclasses import replace

    return replace(limits, timeout=min(limits.timeout, 1.0), sample_seconds=0.0)


def _key(new_source: str, ctx: Context) -> str:
    h = hashlib.sha1()
    for part in (new_source, ctx.stdin, ctx.expected_output if ctx.expected_output is not None else "\0none",
                 repr(ctx.extra.get("other_checks", ())), os.path.basename(ctx.path)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def repair(ctx: Context, *, seconds: float | None = None) -> SearchResult:
    """Search for one small verified edit. Never raises (problems are logged)."""
    out = SearchResult()
    t0 = time.monotonic()
    budget = search_seconds(ctx) if seconds is None else seconds
    cancel = ctx.extra.get("cancel")
    if budget <= 0 or ctx.outcome == "ok" or (cancel is not None and cancel.is_set()):
        return out
    try:
        found, notes = candidates(ctx)
        out.notes.update(notes)
        ranked = _rank(found, ctx.source)
        # A program that never ended tells nothing about lines that "never ran": no record then.
        if ctx.outcome not in ("timeout", "killed"):
            if ranked and ctx.tree is not None:
                known = ctx.extra.get("lines_ran")  # recorded already (origin.lines_ran), complete
                record = (known, True) if known is not None else lines_that_ran(ctx, min(budget / 2, 1.0))
                if record is not None:
                    ran, complete = record
                    before = len(ranked)
                    ranked = [c for c in ranked if not complete or _edit_ran(c.fix, ran)]
                    out.notes["never_ran"] = before - len(ranked)
        ranked = ranked[:MAX_TRIES]
        out.proposed = len(ranked)
        if not ranked:
            return out
        accept = keeps_output(ctx.result.stdout, ctx.outcome)
        plugin = None
        loop_lines = _busy_lines(ctx)
        if loop_lines:
            # A never-ending loop is not mended by an edit that stops it from running at all.
            plugin = COVER_PLUGIN
            accept = _and(accept, _still_runs(loop_lines, len(ctx.source.splitlines())))
        todo: list[Candidate] = []
        winner: Candidate | None = None
        for c in ranked:
            with _cache_lock:
                known = _cache.get(_key(c.source, ctx))
            if known is False:
                continue
            if known is True and not todo:
                winner = c
                break
            todo.append(c)
        if winner is None and todo:
            from .verify import verify_fixes

            limits = ctx.limits
            if ctx.outcome in ("timeout", "killed"):
                # A mended child's loop ends at once; a copy still going after half a second is
                # not mended, and waiting longer would spend the whole budget on a few copies.
                from dataclasses import replace as _replace

                from ..run import DEFAULT_LIMITS

                limits = _replace(limits or DEFAULT_LIMITS, timeout=LOOP_SECONDS)
            variants = perturbed_inputs(ctx)
            while todo and winner is None:
                remaining = budget - (time.monotonic() - t0)
                if remaining <= 0.05 or (cancel is not None and cancel.is_set()):
                    break
                t1 = time.monotonic()
                trials = verify_fixes(
                    ctx.path,
                    ctx.source,
                    ctx.result,
                    [c.fix for c in todo],
                    stdin=ctx.stdin,
                    expected_output=ctx.expected_output,
                    limits=limits,
                    max_candidates=len(todo),
                    max_seconds=remaining,
                    other_checks=ctx.extra.get("other_checks", ()),
                    accept=accept,
                    plugin=plugin,
                    cancel=cancel,
                )
                out.verify_ms += (time.monotonic() - t1) * 1000
                first = None
                for i, (c, trial) in enumerate(zip(todo, trials)):
                    if trial.result is not None or trial.failure:
                        out.tried += 1
                        _remember(_key(c.source, ctx), bool(trial.solved))
                    if trial.solved and first is None:
                        first = i
                if first is None:
                    break
                found_c = todo[first]
                t2 = time.monotonic()
                agrees = second_opinion(ctx, found_c, variants, limits)
                out.verify_ms += (time.monotonic() - t2) * 1000
                if agrees:
                    winner = found_c
                else:
                    out.notes["second_opinion_rejected"] = out.notes.get("second_opinion_rejected", 0) + 1
                    _remember(_key(found_c.source, ctx), False)
                    todo = todo[first + 1 :]
        if winner is not None:
            from .search_words import hint_for

            out.rank = ranked.index(winner)
            out.hint = hint_for(ctx, winner)
            out.hint.verified = True
            out.hint.notes.update(search={"kind": winner.kind, "rank": out.rank, "tried": out.tried, "proposed": out.proposed})
    except Exception as exc:  # pragma: no cover - the engine falls back to the diagnosers' hint
        log.exception("the repair search failed")
        out.notes["problem"] = repr(exc)
    finally:
        out.seconds = time.monotonic() - t0
    return out


__all__ = ["Candidate", "SearchResult", "SEARCH_SECONDS", "candidates", "localise", "protected_spans", "repair", "search_seconds"]
