"""Loops that never end: the program was stopped for running too long (outcome ``timeout``), or for
printing too much (``killed`` with limit ``output``: a loop that prints forever).

The runner records where the program was when it was stopped (``result.stuck``): the learner's
stack, how many times each line ran in a short sample just before the stop, and which values the
variables took during it. From that and the source this module finds the loop, the variable its
exit depends on, and what is wrong with that variable:

- nothing inside the loop changes it (a missing ``n = n + 1``; the update changes another variable,
  ``row`` instead of ``col``; ``Done`` instead of ``done``; the update sits just after the loop);
- the line that changes it never runs (it is inside an ``if`` that is never true);
- it is changed but stays the same (``low = guess`` where ``guess + 1`` was meant; ``n == n + 1``);
- it moves the wrong way (``sweets * 2`` while the loop waits for it to get small);
- it never hits the value the loop waits for (``randint(1, 5)`` never gives 6; ``n`` jumps over 10;
  text compared with a number).

It proposes small edits, likeliest first, tries them on copies of the program and keeps the first
that makes the program finish. Everything comes from the source and the runner's records, never
from Python's wording, so the hint is the same on every Python version.
"""

from __future__ import annotations

import ast
import re
import time
from dataclasses import dataclass, field
from typing import Iterator

from ...run import StuckInfo
from ..context import Context
from ..hint import Fix, Hint
from ..mutate import (
    AUG_RE,
    BINOP_RE,
    Editor,
    Mutant,
    PRIORS,
    add_delta,
    all_statements,
    assigned_names,
    describe,
    find_token,
    mutants,
    names_read,
    parents_of,
    requote,
    text_names,
    try_in_order,
    why,
)
from ..registry import diagnoser
from ..spelling import close_matches

#: At most this many candidate edits are tried on copies of the program.
MAX_TRIED = 12
#: Trying them stops after this many seconds.
MAX_TRY_SECONDS = 6.0

_UP, _DOWN, _REACH, _LEAVE, _FLAG, _SHRINK = "up", "down", "reach", "leave", "flag", "shrink"
_EXIT_CALLS = {"exit", "quit"}
# Comparison edits that keep a loop's meaning (it still starts); others could "fix" a loop by
# never letting it start, which is no fix at all.
_SAFE_COMPARE_EDITS = {("<", "<="), ("<=", "<"), (">", ">="), (">=", ">"), ("!=", "<"), ("!=", ">")}


# -- reading the runner's record ----------------------------------------------------------------
def parse_value(text: str | None):
    """The value behind a short repr from the runner, or ``_UNKNOWN``."""
    if text is None:
        return _UNKNOWN
    text = text.strip()
    if not text or text.startswith("<") or text.endswith("..."):
        return _UNKNOWN
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
        return _UNKNOWN


class _Unknown:
    def __repr__(self) -> str:
        return "<unknown>"


_UNKNOWN = _Unknown()


def _seen(stuck: StuckInfo, name: str) -> list:
    return [parse_value(v) for v in stuck.values.get(name, [])]


def _show_value(value) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return repr(value)
    return repr(value)


def _count(n: int) -> str:
    """A friendly count: 1,984 -> "about 2,000"; small numbers as they are."""
    if n < 100:
        return str(n)
    digits = len(str(n))
    rounded = round(n, -(digits - 2))
    return f"about {rounded:,}"


# -- finding the loop -----------------------------------------------------------------------------
@dataclass
class ExitCheck:
    """Something that can end the loop: the ``while`` test, or the test of an ``if`` with a break."""

    node: ast.expr
    keep_going_when: bool  # True: the loop goes on while the test is true; False: it ends when true
    line: int

    @property
    def names(self) -> list[str]:
        """Variables the test reads: plain names, and `self.turn`-style names (the `self` alone
        is not the thing that should change)."""
        out: list[str] = []
        bases: set[int] = set()
        parents = {c: p for p in ast.walk(self.node) for c in ast.iter_child_nodes(p)}
        for n in ast.walk(self.node):
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and isinstance(n.ctx, ast.Load):
                parent = parents.get(n)
                if isinstance(parent, ast.Call) and parent.func is n:
                    continue  # `items.count(0)`: a method call; `items` is the variable
                bases.add(id(n.value))
                if _dotted(n) not in out:
                    out.append(_dotted(n))  # type: ignore[arg-type]
        for n in ast.walk(self.node):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and id(n) not in bases and n.id not in out:
                out.append(n.id)
        return out


@dataclass
class LoopFacts:
    loop: ast.While | ast.For
    checks: list[ExitCheck]
    updates: dict[str, list[ast.stmt]] = field(default_factory=dict)  # name -> statements in the loop that set it
    stills: list[str] = field(default_factory=list)  # names in the checks nothing in the loop sets
    movers: list[str] = field(default_factory=list)  # names in the checks the loop sets


def _body_statements(loop: ast.stmt) -> Iterator[ast.stmt]:
    """Statements inside the loop (nested blocks included, nested functions and classes not)."""
    stack: list[ast.stmt] = list(reversed(loop.body)) + list(reversed(getattr(loop, "orelse", []) or []))  # type: ignore[attr-defined]
    while stack:
        stmt = stack.pop()
        yield stmt
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for name in ("body", "orelse", "finalbody"):
            block = getattr(stmt, name, None)
            if isinstance(block, list):
                stack.extend(reversed(block))
        for handler in getattr(stmt, "handlers", []) or []:
            stack.extend(reversed(handler.body))


def _is_true_constant(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and bool(node.value) and not isinstance(node.value, str) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(node.value)
    )


def _exit_checks(loop: ast.stmt, parents: dict) -> list[ExitCheck]:
    checks: list[ExitCheck] = []
    if isinstance(loop, ast.While) and not _is_true_constant(loop.test):
        checks.append(ExitCheck(loop.test, True, loop.test.lineno))
    for stmt in _body_statements(loop):
        ends = isinstance(stmt, (ast.Break, ast.Return)) or (
            isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Call)
            and (
                (isinstance(stmt.value.func, ast.Name) and stmt.value.func.id in _EXIT_CALLS)
                or (isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr == "exit")
            )
        )
        if not ends:
            continue
        if isinstance(stmt, ast.Break) and _inner_loop_between(stmt, loop, parents):
            continue
        child, cur = stmt, parents.get(stmt)
        while cur is not None and cur is not loop:
            if isinstance(cur, ast.If):
                checks.append(ExitCheck(cur.test, child not in cur.body, cur.test.lineno))
                break
            child, cur = cur, parents.get(cur)
    return checks


def _inner_loop_between(stmt: ast.stmt, loop: ast.stmt, parents: dict) -> bool:
    cur = parents.get(stmt)
    while cur is not None and cur is not loop:
        if isinstance(cur, (ast.For, ast.While, ast.AsyncFor)):
            return True
        cur = parents.get(cur)
    return False


def _scope_statements(tree: ast.Module, line: int) -> tuple[ast.AST, list[ast.stmt]]:
    """The function (or module) around ``line`` and its own statements."""
    best: ast.AST = tree
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno <= line <= (node.end_lineno or node.lineno):
            if best is tree or node.lineno >= best.lineno:  # type: ignore[attr-defined]
                best = node
    return best, [s for s in ast.walk(best) if isinstance(s, ast.stmt)]


def find_loop(tree: ast.Module, stuck: StuckInfo) -> tuple[ast.stmt | None, int | None]:
    """The loop the program was stuck in, and the line it was on (innermost learner frame first)."""
    hot = {line for line, n in stuck.hits.items() if n > 0}
    frames = list(reversed(stuck.stack))
    for frame in frames:
        line = frame.line
        scope, stmts = _scope_statements(tree, line)
        loops = [
            s
            for s in stmts
            if isinstance(s, (ast.While, ast.For)) and s.lineno <= line <= (s.end_lineno or s.lineno) and _scope_of_loop(tree, s) is scope
        ]
        if not loops:
            continue
        loops.sort(key=lambda s: (s.end_lineno or s.lineno) - s.lineno)
        scope_lines = {n for s in stmts for n in range(s.lineno, (s.end_lineno or s.lineno) + 1)}
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
            scope_lines = set(range(scope.lineno, (scope.end_lineno or scope.lineno) + 1))
        hot_here = {h for h in hot if h in scope_lines and not _inside_nested_function(tree, scope, h)}
        chosen = loops[0]
        for candidate in loops:
            span = range(candidate.lineno, (candidate.end_lineno or candidate.lineno) + 1)
            if all(h in span for h in hot_here):
                chosen = candidate
                break
        # A for loop over a fixed range ends by itself: the endless one is the while around it.
        if isinstance(chosen, ast.For) and not _for_grows(chosen):
            outer = [s for s in loops if isinstance(s, ast.While) and s.lineno < chosen.lineno]
            if outer:
                chosen = outer[0]
        return chosen, line
    return None, (stuck.line if stuck.stack else None)


def _scope_of_loop(tree: ast.Module, loop: ast.stmt) -> ast.AST:
    best: ast.AST = tree
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno < loop.lineno <= (node.end_lineno or node.lineno):
            if best is tree or node.lineno >= best.lineno:  # type: ignore[attr-defined]
                best = node
    return best


def _inside_nested_function(tree: ast.Module, scope: ast.AST, line: int) -> bool:
    for node in ast.walk(scope):
        if node is not scope and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno <= line <= (node.end_lineno or node.lineno):
            return True
    return False


def _for_grows(loop: ast.For) -> bool:
    """``for x in items:`` whose body adds to ``items``: it can go on forever."""
    if not isinstance(loop.iter, ast.Name):
        return False
    return any(loop.iter.id in assigned_names(s) for s in _body_statements(loop))


def loop_facts(tree: ast.Module, loop: ast.stmt) -> LoopFacts:
    parents = parents_of(tree)
    checks = _exit_checks(loop, parents)
    facts = LoopFacts(loop=loop, checks=checks)  # type: ignore[arg-type]
    for stmt in _body_statements(loop):
        for name in _sets(stmt):
            facts.updates.setdefault(name, []).append(stmt)
    names: list[str] = []
    for check in checks:
        for name in check.names:
            if name not in names:
                names.append(name)
    functions = {s.name for s in all_statements(tree) if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    modules = {a.asname or a.name.split(".")[0] for s in all_statements(tree) if isinstance(s, (ast.Import, ast.ImportFrom)) for a in s.names}
    bound = {n for s in all_statements(tree) for n in _sets(s)}
    bound |= {a.arg for node in ast.walk(tree) if isinstance(node, ast.arguments) for a in node.args + node.kwonlyargs + node.posonlyargs}
    for name in names:
        if name in functions or name in modules or name not in bound:
            continue
        (facts.movers if name in facts.updates else facts.stills).append(name)
    return facts


# -- which way must a variable move? ----------------------------------------------------------
_FLIP = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE, ast.Eq: ast.Eq, ast.NotEq: ast.NotEq}
_NEGATE = {ast.Lt: ast.GtE, ast.LtE: ast.Gt, ast.Gt: ast.LtE, ast.GtE: ast.Lt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}


def needed_direction(check: ExitCheck, name: str) -> tuple[str | None, ast.expr | None]:
    """How ``name`` must change for the loop to end (up, down, reach, leave, flag, shrink), and the
    other side of the comparison (the target) when there is one."""
    node = check.node
    keep = check.keep_going_when
    while isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        node, keep = node.operand, not keep
    if _dotted(node) == name:
        return _FLAG, None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == name:
        return (_SHRINK if keep else None), None
    if isinstance(node, ast.BoolOp):
        for value in node.values:
            sub = ExitCheck(value, keep, check.line)
            if name in sub.names:
                return needed_direction(sub, name)
        return None, None
    if not isinstance(node, ast.Compare) or len(node.ops) != 1:
        return None, None
    left, right, op = node.left, node.comparators[0], type(node.ops[0])
    if _mentions(right, name) and not _mentions(left, name):
        left, right, op = right, left, _FLIP.get(op, op)
    if not _mentions(left, name):
        return None, None
    if isinstance(left, ast.Call) and isinstance(left.func, ast.Name) and left.func.id == "len":
        if op in (ast.Gt, ast.GtE, ast.NotEq) and keep:
            return _SHRINK, right
    if not keep:
        op = _NEGATE.get(op, op)
    # Now: the loop goes on while `name OP target`.
    if op in (ast.Lt, ast.LtE):
        return _UP, right
    if op in (ast.Gt, ast.GtE):
        return _DOWN, right
    if op is ast.NotEq:
        return _REACH, right
    if op is ast.Eq:
        return _LEAVE, right
    return None, right


def _dotted(node: ast.AST) -> str | None:
    """`x` for a name, `self.turn` for an attribute of a name, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def _mentions(node: ast.AST, name: str) -> bool:
    return any(_dotted(n) == name for n in ast.walk(node))


def _reads(stmt: ast.stmt) -> set[str]:
    """What a statement reads: names, and `self.turn`-style names."""
    out = set(names_read(stmt))
    for node in ast.walk(stmt):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and isinstance(node.value, ast.Name):
            out.add(f"{node.value.id}.{node.attr}")
    return out


def _sets(stmt: ast.stmt) -> set[str]:
    """What a statement sets: ``assigned_names`` plus `self.turn`-style targets."""
    out = set(assigned_names(stmt))
    targets: list[ast.AST] = []
    if isinstance(stmt, ast.Assign):
        targets = list(stmt.targets)
    elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
        targets = [stmt.target]
    for target in targets:
        for n in ast.walk(target):
            if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store) and isinstance(n.value, ast.Name):
                out.add(f"{n.value.id}.{n.attr}")
    return out


def update_direction(stmt: ast.stmt, name: str) -> str | None:
    """Which way ``stmt`` moves ``name``: up, down, or None (sets it some other way)."""
    if isinstance(stmt, ast.AugAssign) and _dotted(stmt.target) == name:
        return _step(type(stmt.op), stmt.value)
    if isinstance(stmt, ast.Assign) and any(_dotted(t) == name for t in stmt.targets):
        value = stmt.value
        if isinstance(value, ast.BinOp) and _dotted(value.left) == name:
            return _step(type(value.op), value.right)
        if isinstance(value, ast.BinOp) and _dotted(value.right) == name and isinstance(value.op, (ast.Add, ast.Mult)):
            return _step(type(value.op), value.left)
    return None


def _step(op: type, amount: ast.expr) -> str | None:
    value = amount.value if isinstance(amount, ast.Constant) and isinstance(amount.value, (int, float)) and not isinstance(amount.value, bool) else None
    if isinstance(amount, ast.UnaryOp) and isinstance(amount.op, ast.USub) and isinstance(amount.operand, ast.Constant) and isinstance(amount.operand.value, (int, float)):
        value = -amount.operand.value
    if op is ast.Add:
        return None if value is None else (_UP if value > 0 else _DOWN if value < 0 else "none")
    if op is ast.Sub:
        return None if value is None else (_DOWN if value > 0 else _UP if value < 0 else "none")
    if op is ast.Mult:
        return None if value is None else (_UP if value > 1 else _DOWN if 0 <= value < 1 else "none" if value == 1 else None)
    if op in (ast.Div, ast.FloorDiv):
        return None if value is None else (_DOWN if value > 1 else _UP if 0 < value < 1 else "none" if value == 1 else None)
    return None


def _reads_itself(stmt: ast.stmt, name: str) -> bool:
    """True when the statement's new value for ``name`` is worked out from its old value."""
    if isinstance(stmt, ast.AugAssign):
        return True
    value = getattr(stmt, "value", None)
    if value is None:
        return False
    return any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) for n in ast.walk(value))


def _trend(values: list) -> str | None:
    nums = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if len(nums) < 2 or len(nums) != len(values):
        return None
    if all(b > a for a, b in zip(nums, nums[1:])):
        return _UP
    if all(b < a for a, b in zip(nums, nums[1:])):
        return _DOWN
    return None


# -- candidate edits ---------------------------------------------------------------------------
class _Candidates:
    def __init__(self, ctx: Context, ed: Editor) -> None:
        self.ctx = ctx
        self.ed = ed
        self.items: list[tuple[float, int, Mutant, str]] = []  # weight, order, mutant, story

    def add(self, fix: Fix | None, kind: str, weight: float, line: int, story: str, **detail) -> None:
        if fix is None:
            return
        try:
            new = fix.apply(self.ctx.source)
        except ValueError:
            return
        if new == self.ctx.source:
            return
        try:
            compile(new, "<candidate>", "exec", dont_inherit=True, flags=ast.PyCF_ONLY_AST)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return
        before = "".join(x + "\n" for x in fix.old_lines(self.ctx.source))
        m = Mutant(fix=fix, line=line, kind=kind, weight=weight, before=before, after=fix.replacement, detail=dict(detail))
        self.items.append((weight, len(self.items), m, story))

    def ranked(self) -> list[tuple[Mutant, str]]:
        out: list[tuple[Mutant, str]] = []
        seen: set[str] = set()
        for _, _, m, story in sorted(self.items, key=lambda t: (-t[0], t[1])):
            new = m.fix.apply(self.ctx.source)
            if new in seen:
                continue
            seen.add(new)
            out.append((m, story))
        return out


def _style_step(tree: ast.Module, name: str, delta: int) -> str:
    uses_aug = any(isinstance(s, ast.AugAssign) for s in all_statements(tree))
    sign = "+" if delta > 0 else "-"
    if uses_aug:
        return f"{name} {sign}= {abs(delta)}"
    return f"{name} = {name} {sign} {abs(delta)}"


def _rename_in(ed: Editor, stmt: ast.stmt, old: str, new: str) -> Fix | None:
    """``stmt`` with every use of ``old`` (a name, or `self.turn`-style) changed to ``new``."""
    edits = [(ed.start(n), ed.end(n), new) for n in ast.walk(stmt) if isinstance(n, (ast.Name, ast.Attribute)) and _dotted(n) == old]
    return ed.edit(edits) if edits else None


def _insert_at_end(ed: Editor, loop: ast.stmt, text: str) -> tuple[Fix, int]:
    body = loop.body  # type: ignore[attr-defined]
    last = body[-1]
    # Before a final `continue`, not after it.
    if isinstance(last, ast.Continue) and len(body) > 1:
        where = last.lineno
        indent = ed.indent_of(last.lineno)
    else:
        where = (last.end_lineno or last.lineno) + 1
        indent = ed.indent_of(body[0].lineno)
        if ed.text(body[0].lineno).strip().startswith(ed.text(loop.lineno).strip()[:5]) and body[0].lineno == loop.lineno:
            # `while x: body` on one line: nothing safe to insert into.
            return Fix(where, where - 1, ""), where
    return Fix(where, where - 1, indent + text + "\n"), where


def _move_out_of_if(ed: Editor, stmt: ast.stmt, parents: dict) -> tuple[Fix | None, ast.If | None]:
    """Move ``stmt`` from inside an ``if`` to just after that ``if`` (at the ``if``'s indent)."""
    branch_if = parents.get(stmt)
    if not isinstance(branch_if, ast.If):
        return None, None
    block = branch_if.body if stmt in branch_if.body else branch_if.orelse
    if len(block) < 2:
        return None, branch_if
    end = branch_if.end_lineno or branch_if.lineno
    moved = ed.reindent(ed.lines_of(stmt), ed.indent_of(stmt.lineno), ed.indent_of(branch_if.lineno))
    rest = ed.lines[(stmt.end_lineno or stmt.lineno) : end]
    return Fix(stmt.lineno, end, "".join(rest + moved)), branch_if


# -- the diagnosers ------------------------------------------------------------------------------
def _stuck_of(ctx: Context) -> StuckInfo | None:
    result = ctx.result
    if ctx.outcome == "killed" and result.limit != "output":
        return None
    return result.stuck


@diagnoser("waiting-for-input", outcomes=("timeout",), priority=30)
def waiting_for_input(ctx: Context) -> Hint | None:
    stuck = ctx.result.stuck
    if stuck is None or not stuck.waiting_for_input:
        return None
    line = stuck.line or _first_input_line(ctx) or 1
    title = f"Line {line} is waiting for someone to type an answer and press Enter."
    levels = [
        title,
        f"`input()` on line {line} waits until an answer is typed. The program was not stuck: it "
        "was waiting for you! When you run it, type your answer and press Enter.",
        "If the program should not wait here, check that `input()` is on the line you meant.",
    ]
    return Hint(diagnoser="waiting-for-input", line=line, title=title, levels=levels, confidence=0.9)


def _first_input_line(ctx: Context) -> int | None:
    tree = ctx.tree
    if tree is None:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "input":
            return node.lineno
    return None


@diagnoser("loop-never-ends", outcomes=("timeout", "killed"), priority=40)
def loop_never_ends(ctx: Context) -> Hint | None:
    if ctx.result.outcome == "killed" and ctx.result.limit != "output":
        return None  # stopped for memory, processes, a crash or the Stop button: not a loop's story
    stuck = _stuck_of(ctx)
    if stuck is None or stuck.waiting_for_input or ctx.tree is None or not stuck.stack:
        return None
    loop, line = find_loop(ctx.tree, stuck)
    if loop is None:
        return _busy_hint(ctx, stuck, line)
    facts = loop_facts(ctx.tree, loop)
    if not facts.checks:
        # A `for` loop over a list that grows as it goes: the list-changing diagnoser says that
        # best. A `while True` with no way out at all: say so.
        return _no_way_out(ctx, loop) if isinstance(loop, ast.While) else None
    study = _Study(ctx, stuck, facts)
    ranked = study.candidates()
    winner: tuple[Mutant, str] | None = None
    others: list[Mutant] = []
    verify_ms = 0.0
    if ranked:
        if (ctx.extra or {}).get("verify") is False:
            # Nothing may run here: offer the likeliest edits for someone else to check.
            winner, others = ranked[0], [m for m, _ in ranked[1:6]]
        else:
            started = time.perf_counter()
            index, _ = try_in_order(ctx, [m for m, _ in ranked[:MAX_TRIED]], max_candidates=MAX_TRIED, max_seconds=MAX_TRY_SECONDS)
            verify_ms = (time.perf_counter() - started) * 1000
            if index is not None:
                winner = ranked[index]
    hint = study.hint(winner, ranked)
    hint.candidates = [m.fix for m in others]
    hint.notes["tried"] = min(len(ranked), MAX_TRIED)
    hint.notes["verify_ms"] = round(verify_ms, 1)
    return hint


def _no_way_out(ctx: Context, loop: ast.While) -> Hint:
    line = loop.lineno
    title = f"The loop on line {line} has no way out: nothing inside it ever stops it."
    levels = [
        title,
        f"`{ctx.line_text(line).strip()}` goes round for ever unless something inside the loop "
        "stops it. Add an `if` with `break` for the moment the loop should end, or change the "
        "loop's first line so it checks when to stop.",
    ]
    hint = Hint(diagnoser="loop-never-ends", line=line, title=title, levels=levels, confidence=0.5)
    # An `if` inside the loop that marks the end (`if count == 5: print("Five!")`) but does not
    # leave: a `break` at the end of it may be all that is missing.
    fixes: list[tuple[Fix, int, ast.If]] = []
    todo = list(loop.body)
    while todo:
        stmt = todo.pop(0)
        if isinstance(stmt, (ast.For, ast.While, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(stmt, ast.If):
            if not any(isinstance(n, (ast.Break, ast.Return)) for n in ast.walk(stmt)):
                last = stmt.body[-1]
                where = (last.end_lineno or last.lineno) + 1
                indent = re.match(r"[ \t]*", ctx.line_text(last.lineno)).group(0)
                fixes.append((Fix.insert_before(where, indent + "break"), where, stmt))
            todo.extend(stmt.orelse)
    if not fixes or (ctx.extra or {}).get("verify") is False:
        return hint
    started = time.perf_counter()
    index, _ = try_in_order(ctx, [f for f, _, _ in fixes[:4]], max_candidates=4, max_seconds=MAX_TRY_SECONDS)
    hint.notes["verify_ms"] = round((time.perf_counter() - started) * 1000, 1)
    if index is None:
        return hint
    fix, where, branch = fixes[index]
    test = re.sub(r"^(el)?if\s+", "", ctx.line_text(branch.lineno).strip()).rstrip(":").strip()
    title = f"Line {where}: the loop never stops. Add `break` here, so it ends when `{test}` is true."
    hint.line, hint.title, hint.fix = where, title, fix
    hint.levels = [
        title,
        f"`{ctx.line_text(line).strip()}` goes round for ever unless a `break` stops it. The `if` on line "
        f"{branch.lineno} spots the moment the loop should end, but it never leaves the loop.",
        f"Add `break` on line {where}, inside the `if`.",
    ]
    hint.confidence = 0.75
    return hint


def _busy_hint(ctx: Context, stuck: StuckInfo, line: int | None) -> Hint | None:
    if not line:
        return None
    text = ctx.line_text(line).strip()
    title = f"Line {line} was still busy when time ran out. It may be doing far more work than you meant."
    levels = [
        title,
        f"The tutor stopped the program after a while, and it was on line {line}: `{text}`. "
        "Check the numbers it works with: is one of them much bigger than you meant?",
    ]
    return Hint(diagnoser="loop-never-ends", line=line, title=title, levels=levels, confidence=0.3)


class _Study:
    """Everything about one stuck loop: the facts, the candidate edits, the words."""

    def __init__(self, ctx: Context, stuck: StuckInfo, facts: LoopFacts) -> None:
        self.ctx = ctx
        self.stuck = stuck
        self.facts = facts
        self.tree: ast.Module = ctx.tree  # type: ignore[assignment]
        self.ed = Editor(ctx.source)
        self.parents = parents_of(self.tree)
        self.loop = facts.loop
        self.cands = _Candidates(ctx, self.ed)
        self.hits = stuck.hits
        self.text_names = text_names(self.tree)
        self.subject: str | None = None  # the variable the story is about
        self.situation = "generic"

    # -- facts
    def ran(self, stmt: ast.stmt) -> bool | None:
        if not self.hits:
            return None
        return self.hits.get(stmt.lineno, 0) > 0

    def loop_runs(self) -> int:
        lines = [self.loop.lineno] + [s.lineno for s in self.loop.body]  # type: ignore[attr-defined]
        return max([self.hits.get(n, 0) for n in lines] or [0])

    def still_value(self, name: str):
        seen = _seen(self.stuck, name)
        if len(seen) == 1 and seen[0] is not _UNKNOWN:
            return seen[0]
        return _UNKNOWN

    def check_for(self, name: str) -> ExitCheck | None:
        for check in self.facts.checks:
            if name in check.names:
                return check
        return None

    # -- candidates
    def candidates(self) -> list[tuple[Mutant, str]]:
        f = self.facts
        self._no_effect_lines()
        # Pick the story's variable: a still one when nothing in its check moves, else a mover.
        lonely_stills = [n for n in f.stills if not any(m in (self.check_for(n) or ExitCheck(ast.Constant(0), True, 0)).names for m in f.movers)]
        for name in lonely_stills:
            self._never_changed(name)
        for name in f.movers:
            self._moves(name)
        for check in f.checks:
            self._text_vs_number(check)
        # A broad net: small edits to the lines that decide whether the loop ends.
        focus: dict[int, float] = {}
        for check in f.checks:
            for n in range(check.node.lineno, (check.node.end_lineno or check.node.lineno) + 1):
                focus[n] = 0.6
        for name in f.movers:
            for stmt in f.updates.get(name, []):
                focus[stmt.lineno] = 0.8 if self.ran(stmt) is not False else 0.5
        for m in mutants(self.ctx.source, tree=self.tree, focus=focus, limit=30, exclude=("dedent-out-of-loop", "indent-into-loop", "string-to-name", "case-compare", "return-out-of-loop", "reset-before-loop", "name-swap")):
            if m.kind == "compare-op" and (m.detail.get("old"), m.detail.get("new")) not in _SAFE_COMPARE_EDITS:
                continue  # e.g. `!=` -> `==` would end the loop by never starting it
            self.cands.add(m.fix, m.kind, 0.35 * m.weight, m.line, "generic")
        return self.cands.ranked()

    def _no_effect_lines(self) -> None:
        names = {n for c in self.facts.checks for n in c.names}
        for stmt in _body_statements(self.loop):
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, (ast.Compare, ast.BinOp)) and _reads(stmt) & names:
                for m in mutants(self.ctx.source, tree=self.tree, focus={stmt.lineno: 1.0}, kinds=("compare-to-assign", "expr-to-assign"), limit=3):
                    self.cands.add(m.fix, m.kind, 1.0 * m.weight / PRIORS[m.kind], m.line, "no-effect", name=sorted(_reads(stmt) & names)[0])

    def _read_elsewhere(self, name: str, own: list) -> bool:
        """True when ``name`` is read anywhere outside the statements in ``own``."""
        inside = {id(n) for stmt in own for n in ast.walk(stmt)}
        return any(
            isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) and id(n) not in inside
            for n in ast.walk(self.tree)
        )

    def _never_changed(self, name: str) -> None:
        f, ed, tree, loop = self.facts, self.ed, self.tree, self.loop
        check = self.check_for(name)
        direction = needed_direction(check, name)[0] if check else None
        # 1. `Done = True` for `done`: a name nobody reads, close to the one the loop checks.
        readers = {
            _dotted(n) for n in ast.walk(tree) if isinstance(n, (ast.Name, ast.Attribute)) and isinstance(n.ctx, ast.Load)
        }
        for other, stmts in f.updates.items():
            if other in readers or other == name:
                continue
            if close_matches(other, [name]):
                for stmt in stmts:
                    self.cands.add(_rename_in(ed, stmt, other, name), "rename-unused-target", 0.98, stmt.lineno, "typo", name=name, other=other)
        # 2. The update changes another counter: `row = row + 1` where `col = col + 1` was meant.
        outer_names = set()
        cur = self.parents.get(loop)
        while cur is not None:
            if isinstance(cur, ast.While):
                outer_names |= set(ExitCheck(cur.test, True, cur.lineno).names)
            cur = self.parents.get(cur)
        my_names = {n for c in f.checks for n in c.names}
        for other, stmts in f.updates.items():
            if other in my_names or other == name:
                continue
            for stmt in stmts:
                if update_direction(stmt, other) in (_UP, _DOWN):
                    w = 0.95 if other in outer_names else 0.75
                    if w < 0.9 and not self._read_elsewhere(other, stmts):
                        w = 0.92  # `col` is counted up but never used for anything else
                    if direction in (_UP, _DOWN) and update_direction(stmt, other) != direction:
                        w -= 0.2
                    self.cands.add(_rename_in(ed, stmt, other, name), "loop-update-wrong-name", w, stmt.lineno, "wrong-name", name=name, other=other)
        # 3. The update is just after the loop: it belongs inside.
        parent = self.parents.get(loop)
        block = None
        for field_name in ("body", "orelse"):
            b = getattr(parent, field_name, None)
            if isinstance(b, list) and loop in b:
                block = b
        if block is not None:
            i = block.index(loop)
            for follower in block[i + 1 : i + 3]:
                if name in _sets(follower):
                    inner = loop.body[-1]  # type: ignore[attr-defined]
                    moved = ed.reindent(ed.lines_of(follower), ed.indent_of(follower.lineno), ed.indent_of(inner.lineno))
                    if follower is block[i + 1]:
                        fix = Fix(follower.lineno, follower.end_lineno or follower.lineno, "".join(moved))
                    else:
                        between = ed.lines[(loop.end_lineno or loop.lineno) : follower.lineno - 1]
                        fix = Fix((loop.end_lineno or loop.lineno) + 1, follower.end_lineno or follower.lineno, "".join(moved + between))
                    self.cands.add(fix, "loop-update-outside", 0.93, follower.lineno, "outside", name=name, context=loop.lineno)
                    break
        # 4. A missing update: add one at the end of the loop.
        numeric = self._looks_numeric(name)
        before_loop = self._set_before_loop(name)
        if before_loop is not None and isinstance(before_loop, ast.Assign) and isinstance(before_loop.value, ast.Call) and len(before_loop.targets) == 1:
            # `answer = input(...)` before the loop: ask again inside it.
            text = ed.segment(before_loop).strip()
            if "\n" not in text:
                fix, where = _insert_at_end(ed, loop, text)
                self.cands.add(fix, "loop-update-missing", 0.9, where, "missing", name=name, text=text, context=loop.lineno)
        if numeric:
            steps: list[int] = []
            if direction == _UP:
                steps = [1]
            elif direction == _DOWN:
                steps = [-1]
            elif direction in (_REACH, _LEAVE, None):
                steps = [1, -1]
            for k, delta in enumerate(steps):
                text = _style_step(tree, name, delta)
                fix, where = _insert_at_end(ed, loop, text)
                self.cands.add(fix, "loop-update-missing", 0.88 - 0.2 * k, where, "missing", name=name, text=text, context=loop.lineno)
        if self.subject is None:
            self.subject, self.situation = name, "never-changed"

    def _looks_numeric(self, name: str) -> bool:
        seen = _seen(self.stuck, name)
        if seen and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in seen):
            return True
        if seen and any(v is not _UNKNOWN for v in seen):
            return False
        stmt = self._set_before_loop(name)
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant):
            return isinstance(stmt.value.value, (int, float)) and not isinstance(stmt.value.value, bool)
        return False

    def _start_value(self, name: str):
        stmt = self._set_before_loop(name)
        if isinstance(stmt, ast.Assign):
            return _const(stmt.value)
        return None

    def _set_before_loop(self, name: str) -> ast.stmt | None:
        found = None
        for stmt in all_statements(self.tree):
            if (stmt.end_lineno or stmt.lineno) < self.loop.lineno and name in _sets(stmt) and not isinstance(stmt, (ast.For, ast.While, ast.If)):
                if found is None or stmt.lineno > found.lineno:
                    found = stmt
        return found

    def _moves(self, name: str) -> None:
        f, ed = self.facts, self.ed
        check = self.check_for(name)
        if check is None:
            return
        direction, target = needed_direction(check, name)
        seen = _seen(self.stuck, name)
        goal = _const(target)
        if goal is None and isinstance(target, ast.Name):
            # `while guess != secret`: the target is a variable that kept one value all along.
            goal = self.still_value(target.id)
            if goal is _UNKNOWN:
                goal = None
        updates = f.updates.get(name, [])
        if not updates or any(_reads_itself(s, name) for s in updates):
            # Which way it must go to reach its target, judged from where it starts and the values
            # seen; a fresh value each time (`roll = randint(1, 5)`) has no way to go.
            direction = _resolve_reach(direction, target, seen, self._start_value(name), goal=goal)
        ran = [s for s in updates if self.ran(s) is not False]
        not_ran = [s for s in updates if self.ran(s) is False]
        stayed = len(seen) == 1 and seen[0] is not _UNKNOWN
        # The update never runs: it hides inside an `if` (or after a `continue`/`break`).
        if updates and not ran:
            for stmt in not_ran:
                fix, branch = _move_out_of_if(ed, stmt, self.parents)
                if branch is not None:
                    self.cands.add(fix, "loop-update-hidden", 0.9, stmt.lineno, "hidden", name=name, context=branch.lineno)
                if branch is not None:
                    self._branch_test(branch.test, name)
                # Indented too far: dedent into the loop's own body.
                p = self.parents.get(stmt)
                if isinstance(p, ast.If) and self.parents.get(p) is not None:
                    pass
            if self.subject is None:
                self.subject, self.situation = name, "hidden"
            return
        # It moves, but the wrong way.
        wrong_way = False
        for stmt in updates:
            step = update_direction(stmt, name)
            # The values seen in a short, timed sample only show a direction when the update
            # works from the old value (`n = n - 1`, `n = n * 2`); a fresh value each time
            # (`roll = randint(1, 5)`) can look like a trend by chance.
            trend = _trend(seen) if _reads_itself(stmt, name) else None
            moving = step if step in (_UP, _DOWN) else trend
            if direction in (_UP, _DOWN) and moving in (_UP, _DOWN) and moving != direction:
                wrong_way = True
                self._flip_update(stmt, name, direction)
        if wrong_way:
            for m in mutants(self.ctx.source, tree=self.tree, focus={check.line: 1.0}, kinds=("compare-op",), limit=6):
                if m.detail.get("new") in ("<", ">", "<=", ">="):
                    self.cands.add(m.fix, m.kind, 0.45 * m.weight / PRIORS["compare-op"], m.line, "wrong-way", name=name)
            if self.subject is None:
                self.subject, self.situation = name, "wrong-way"
            return
        # It stays the same: `count = 1`, `low = guess`, `n = n`.
        if stayed:
            self._stuck_updates(name)
            if self.subject is None:
                self.subject, self.situation = name, "stuck"
            return
        # It moves, yet never meets its target: `n != 10` stepping over 10, randint(1, 5) never 6.
        if direction == _REACH:
            target_value = _const(target)
            values = [v for v in seen if v is not _UNKNOWN]
            for stmt in updates:
                for node in ast.walk(stmt):
                    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool) and node is not getattr(stmt, "target", None):
                        if isinstance(target_value, int) and node.value != target_value:
                            self.cands.add(self.ed.replace_node(node, str(target_value)), "number", 0.8 if abs(node.value - target_value) == 1 else 0.5, stmt.lineno, "never-reaches", name=name)
                        self.cands.add(self.ed.replace_node(node, str(node.value + 1)), "number", 0.55, stmt.lineno, "never-reaches", name=name)
                        self.cands.add(self.ed.replace_node(node, str(node.value - 1)), "number", 0.5, stmt.lineno, "never-reaches", name=name)
            # As above: a timed sample shows a direction only for an update from the old value.
            trend = _trend(values) if any(_reads_itself(s, name) for s in updates) else None
            step_dirs = {update_direction(s, name) for s in updates}
            way = trend or (step_dirs.pop() if len(step_dirs) == 1 else None)
            if way in (_UP, _DOWN):
                # `while n != 20` -> `while n < 20`; `if energy == 0: break` -> `if energy <= 0:`
                if check.keep_going_when:
                    old_op, new_op = "!=", ("<" if way == _UP else ">")
                else:
                    old_op, new_op = "==", (">=" if way == _UP else "<=")
                for m in mutants(self.ctx.source, tree=self.tree, focus={check.line: 1.0}, kinds=("compare-op",), limit=8):
                    if m.detail.get("old") == old_op and m.detail.get("new") == new_op:
                        self.cands.add(m.fix, m.kind, 0.85, m.line, "jumps-over", name=name)
                if self.subject is None:
                    self.subject, self.situation = name, "jumps-over"
            elif self.subject is None:
                self.subject, self.situation = name, "never-reaches"
            self._stuck_updates(name, weight=0.5)
            return
        self._stuck_updates(name, weight=0.5)
        if self.subject is None:
            self.subject, self.situation = name, "keeps-going"

    def _branch_test(self, test: ast.expr, name: str) -> None:
        """The `if` around the update is never true: maybe its test is the slip."""
        ed = self.ed
        for node in ast.walk(test):
            if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq))):
                continue
            for a, b in ((node.left, node.comparators[0]), (node.comparators[0], node.left)):
                if isinstance(a, ast.Name) and isinstance(b, ast.Constant) and isinstance(b.value, str):
                    seen = [v for v in _seen(self.stuck, a.id) if isinstance(v, str)]
                    if seen and b.value not in seen:
                        close = [v for v in seen if v.strip().lower() == b.value.strip().lower()]
                        if close:
                            self.cands.add(ed.replace_node(b, requote(ed.segment(b), close[0])), "case-compare", 0.95, b.lineno, "hidden", name=name)
        for m in mutants(self.ctx.source, tree=self.tree, focus={test.lineno: 1.0}, kinds=("case-compare", "add-call-parens", "or-always-true", "convert-input", "compare-op", "number"), limit=8):
            boost = 1.4 if m.kind != "compare-op" else 1.0
            self.cands.add(m.fix, m.kind, min(0.85, 0.6 * boost * m.weight), m.line, "hidden", name=name)

    def _flip_update(self, stmt: ast.stmt, name: str, direction: str) -> None:
        ed = self.ed
        if isinstance(stmt, ast.AugAssign):
            op = type(stmt.op)
            options = {
                ast.Add: ["-="], ast.Sub: ["+="], ast.Mult: ["//=", "/="], ast.Div: ["*="], ast.FloorDiv: ["*="],
            }.get(op, [])
            found = find_token(ed, ed.end(stmt.target), ed.start(stmt.value), AUG_RE)
            if found:
                for k, new in enumerate(options):
                    self.cands.add(ed.edit([(found[0], found[1], new)]), "loop-wrong-way", 0.95 - 0.05 * k, stmt.lineno, "wrong-way", name=name)
        elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.BinOp):
            value = stmt.value
            found = find_token(ed, ed.end(value.left), ed.start(value.right), BINOP_RE)
            if found:
                options = {"+": ["-"], "-": ["+"], "*": ["//", "/"], "/": ["*"], "//": ["*"]}.get(found[2], [])
                for k, new in enumerate(options):
                    self.cands.add(ed.edit([(found[0], found[1], new)]), "loop-wrong-way", 0.95 - 0.05 * k, stmt.lineno, "wrong-way", name=name)

    def _stuck_updates(self, name: str, weight: float = 1.0) -> None:
        """Edits to the lines that set ``name`` (and what it is worked out from) inside the loop."""
        f, ed = self.facts, self.ed
        names = [name]
        for stmt in f.updates.get(name, []):
            for dep in sorted(_reads(stmt)):
                if dep in f.updates and dep not in names:
                    names.append(dep)
        # `guess = (low + high) // 2` is worked out afresh from `low` and `high` each time: when it
        # is stuck, the slip is more likely in how `low` or `high` move.
        own = f.updates.get(name, [])
        derived = bool(own) and len(names) > 1 and all(
            isinstance(s, ast.Assign) and not _mentions(s.value, name) for s in own
        )
        for rank, var in enumerate(names):
            for stmt in f.updates.get(var, []):
                hot = self.ran(stmt) is not False
                if derived:
                    rank_weight = 0.85 if rank == 0 else 1.0
                else:
                    rank_weight = 1.0 if rank == 0 else 0.9
                base = weight * (0.9 if hot else 0.45) * rank_weight
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                    value = stmt.value
                    if not _mentions(value, var) and not isinstance(value, ast.Call):
                        # `count = 1` each time: add instead.
                        if isinstance(value, ast.Constant) and isinstance(value.value, (int, float)) and not isinstance(value.value, bool):
                            text = f"{var} += {ed.segment(value)}" if any(isinstance(s, ast.AugAssign) for s in all_statements(self.tree)) else f"{var} = {var} + {ed.segment(value)}"
                            self.cands.add(ed.edit([(ed.start(stmt), ed.end(stmt), text)]), "accumulate", base * 0.95, stmt.lineno, "stuck", name=name)
                        # `low = guess` where `low = guess + 1` was meant.
                        if isinstance(value, (ast.Name, ast.BinOp, ast.Attribute, ast.Subscript)):
                            up_first = self._wants_up(var)
                            for k, delta in enumerate((1, -1) if up_first else (-1, 1)):
                                self.cands.add(ed.replace_node(value, add_delta(ed, value, delta)), "loop-step", base * (0.92 - 0.1 * k), stmt.lineno, "stuck", name=name)
        focus = {s.lineno: 1.0 for v in names for s in f.updates.get(v, [])}
        # `x = step(x)`: the slip may be inside the function that works out the new value.
        functions = {s.name: s for s in all_statements(self.tree) if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
        for var in names:
            for stmt in f.updates.get(var, []):
                for call in ast.walk(stmt):
                    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in functions):
                        continue
                    func = functions[call.func.id]
                    for node in ast.walk(func):
                        if isinstance(node, ast.Return) and node.value is not None:
                            for k, delta in enumerate((1, -1) if self._wants_up(var) else (-1, 1)):
                                self.cands.add(ed.replace_node(node.value, add_delta(ed, node.value, delta)), "loop-step", weight * (0.75 - 0.1 * k), node.lineno, "stuck", name=name)
                        if isinstance(node, ast.stmt) and node is not func:
                            focus.setdefault(node.lineno, 0.7)
        for m in mutants(self.ctx.source, tree=self.tree, focus=focus, kinds=("arith-op", "number", "aug-op", "compare-to-assign", "expr-to-assign", "accumulate"), limit=20):
            self.cands.add(m.fix, m.kind, weight * 0.6 * m.weight, m.line, "stuck", name=name)

    def _wants_up(self, var: str) -> bool:
        """For a bound like `low`/`high`: should it move up? `low`-like names and `<` bounds go up."""
        lowered = var.lower()
        if any(word in lowered for word in ("high", "max", "top", "upper", "end", "hi")) and not lowered.startswith("low"):
            return False
        return True

    def _text_vs_number(self, check: ExitCheck) -> None:
        node = check.node
        while isinstance(node, ast.UnaryOp):
            node = node.operand
        if not isinstance(node, ast.Compare) or len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            return
        ed = self.ed
        left, right = node.left, node.comparators[0]
        for a, b in ((left, right), (right, left)):
            if isinstance(a, ast.Name) and isinstance(b, ast.Name):
                self._text_vs_number_names(node, a, b)
                continue
            if not isinstance(a, ast.Name) or not isinstance(b, ast.Constant):
                continue
            seen = [v for v in _seen(self.stuck, a.id) if v is not _UNKNOWN]
            is_text = a.id in self.text_names or (seen and all(isinstance(v, str) for v in seen))
            is_number = seen and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in seen)
            if is_text and isinstance(b.value, (int, float)) and not isinstance(b.value, bool):
                conv = "int" if isinstance(b.value, int) else "float"
                self.cands.add(ed.replace_node(a, f"{conv}({a.id})"), "loop-text-vs-number", 0.97, node.lineno, "text-vs-number", name=a.id)
                self.cands.add(ed.replace_node(b, repr(str(b.value))), "loop-text-vs-number", 0.9, node.lineno, "text-vs-number", name=a.id)
                self.subject, self.situation = a.id, "text-vs-number"
            elif is_number and isinstance(b.value, str) and re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", b.value):
                self.cands.add(ed.replace_node(b, b.value.strip()), "loop-text-vs-number", 0.97, node.lineno, "text-vs-number", name=a.id)
                self.subject, self.situation = a.id, "text-vs-number"

    def _text_vs_number_names(self, node: ast.Compare, a: ast.Name, b: ast.Name) -> None:
        """`n != target` where n is a number and target is text ("10"), or the other way round."""
        ed = self.ed

        def kind_of(name: str) -> str | None:
            seen = [v for v in _seen(self.stuck, name) if v is not _UNKNOWN]
            if not seen:
                value = self._start_value(name)
                seen = [value] if value is not None else []
                if name in self.text_names:
                    return "text"
            if seen and all(isinstance(v, str) for v in seen):
                return "text"
            if seen and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in seen):
                return "number"
            return None

        ka, kb = kind_of(a.id), kind_of(b.id)
        if {ka, kb} != {"text", "number"}:
            return
        text_side = a if ka == "text" else b
        stmt = self._set_before_loop(text_side.id)
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str) and re.fullmatch(r"-?\d+", stmt.value.value.strip()):
            self.cands.add(ed.replace_node(stmt.value, stmt.value.value.strip()), "loop-text-vs-number", 0.96, stmt.lineno, "text-vs-number", name=text_side.id)
        self.cands.add(ed.replace_node(text_side, f"int({text_side.id})"), "loop-text-vs-number", 0.94, node.lineno, "text-vs-number", name=text_side.id)
        self.subject, self.situation = text_side.id, "text-vs-number"

    # -- words
    def hint(self, winner: tuple[Mutant, str] | None, ranked: list[tuple[Mutant, str]]) -> Hint:
        loop = self.loop
        loop_line = loop.lineno
        name = (winner[0].detail.get("name") if winner else None) or self.subject
        story = winner[1] if winner else self.situation
        if story == "generic":
            story = self.situation
        fix = winner[0].fix if winner else None
        fix_line = winner[0].line if winner else None
        check = self.check_for(name) if name else None
        test_text = self.ed.segment(check.node) if check else None
        runs = self.loop_runs()
        value = self.still_value(name) if name else _UNKNOWN
        n = f"`{name}`" if name else "the variable it checks"

        line = fix_line or (self._story_line(name) if story not in ("missing", "never-changed") else None) or loop_line
        # Level 1: the nudge.
        if story == "typo" and winner:
            other = winner[0].detail.get("other")
            title = f"Line {line} sets `{other}`, but the loop on line {loop_line} checks `{name}`. The names must match exactly!"
        elif story == "wrong-name" and winner:
            other = winner[0].detail.get("other")
            title = f"Line {line} changes `{other}`, but the loop on line {loop_line} is waiting for `{name}` to change."
        elif story == "outside":
            title = f"Line {line} changes {n}, but it is not inside the loop on line {loop_line}, so the loop never ends."
        elif story == "missing" or story == "never-changed":
            title = f"The loop on line {loop_line} never stops: nothing inside it changes {n}."
            if winner is not None and line != loop_line:
                title += f" Add a new line {line} that changes it."
        elif story == "hidden":
            updates = [s.lineno for s in self.facts.updates.get(name or "", [])]
            if line in updates:
                title = f"Line {line} changes {n}, but it never runs, so the loop on line {loop_line} never stops."
            else:
                title = f"The change to {n} never happens because of line {line}, so the loop on line {loop_line} never stops."
        elif story == "wrong-way":
            way = self._way_word(name, line)
            title = f"Line {line} makes {n} {way} each time, but the loop on line {loop_line} needs it to go the other way."
        elif story == "no-effect":
            title = f"Line {line} works out a new {n} but does not store it, so the loop on line {loop_line} never ends."
        elif story == "text-vs-number":
            title = f"The loop on line {loop_line} compares text with a number. They are never equal, so it never stops. Look at line {line}."
        elif story in ("never-reaches", "jumps-over") and check is not None:
            target = _const(needed_direction(check, name)[1]) if name else None
            if isinstance(target, (int, float, str)) and not isinstance(target, bool):
                title = f"The loop on line {loop_line} waits for {n} to be {_show_value(target)}, but it never is. Look at line {line}."
            else:
                title = f"The loop on line {loop_line} waits for {n} to reach its target, but it never does. Look at line {line}."
        elif story == "stuck" and value is not _UNKNOWN:
            title = f"The loop on line {loop_line} is stuck: {n} stays {_show_value(value)} every time round. Look at line {line}."
        else:
            title = f"The loop on line {loop_line} never stops. Look at how line {line} changes {n}."
        # Level 2: why, with the numbers from the run.
        why_parts = []
        if runs:
            why_parts.append(f"Just before the tutor stopped it, the loop ran {_count(runs)} times in a quarter of a second." if self.stuck.sample_seconds <= 0.3 else f"Just before the tutor stopped it, the loop ran {_count(runs)} more times.")
        if name:
            seen = [v for v in _seen(self.stuck, name) if v is not _UNKNOWN]
            if value is not _UNKNOWN:
                why_parts.append(f"{n} stayed {_show_value(value)} the whole time.")
            elif story == "jumps-over" and self._walk(name, check):
                steps = self._walk(name, check)
                shown = ", ".join("..." if v == "..." else _show_value(v) for v in steps).replace(", ..., ", " ... ")
                why_parts.append(f"{n} goes {shown}... It jumps right past {_show_value(_const(needed_direction(check, name)[1]))}." if check else "")
            elif seen and story in ("never-reaches", "jumps-over"):
                shown = ", ".join(_show_value(v) for v in seen[:5])
                why_parts.append(f"{n} was {shown}{' and more' if len(seen) > 5 else ''}.")
            elif seen and story == "wrong-way":
                shown = ", ".join(_show_value(v) for v in seen[:4])
                why_parts.append(f"{n} went {shown}...")
            elif story == "wrong-way":
                why_parts.append(f"{n} got bigger and bigger." if self._way_word(name, line) == "bigger" else f"{n} got smaller and smaller.")
        if test_text and check is not None:
            if check.keep_going_when:
                why_parts.append(f"The loop keeps going while `{test_text}` is true, and it never becomes false.")
            else:
                why_parts.append(f"The loop only stops when `{test_text}` is true, and that never happens.")
        if winner is not None:
            why_parts.append(_why_for(winner[0], story))
        else:
            why_parts.append(self._advice(name, check))
        levels = [title, " ".join(p for p in why_parts if p)]
        if fix is not None:
            levels.append(describe(winner[0], self.ctx.source) + "\nOne small change, and your loop knows when to stop!")
        confidence = 0.9 if winner else 0.55
        notes = {"loop_line": loop_line, "variable": name, "situation": story}
        return Hint(diagnoser="loop-never-ends", line=line, title=title, levels=levels, fix=fix, confidence=confidence, notes=notes)

    def _walk(self, name: str, check: ExitCheck | None) -> list:
        """The first values of ``name`` worked out from its start and its one update (for
        `n = 1; while n != 10: n = n + 2` -> 1, 3, 5, 7, 9, 11), or [] when that is not simple."""
        if check is None:
            return []
        start = self._start_value(name)
        goal = _const(needed_direction(check, name)[1])
        updates = self.facts.updates.get(name, [])
        numeric = (int, float)
        if len(updates) != 1 or not isinstance(start, numeric) or not isinstance(goal, numeric) or isinstance(start, bool):
            return []
        stmt = updates[0]
        if isinstance(stmt, ast.AugAssign):
            op, amount = type(stmt.op), _const(stmt.value)
        elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.BinOp) and _dotted(stmt.value.left) == name:
            op, amount = type(stmt.value.op), _const(stmt.value.right)
        else:
            return []
        if not isinstance(amount, numeric) or isinstance(amount, bool):
            return []
        step = {ast.Add: lambda v: v + amount, ast.Sub: lambda v: v - amount, ast.Mult: lambda v: v * amount}.get(op)
        if step is None:
            return []
        values = [start]
        while len(values) < 200:
            values.append(step(values[-1]))
            if (values[-2] - goal) * (values[-1] - goal) < 0:  # it has just gone past the goal
                return values if len(values) <= 7 else values[:3] + ["..."] + values[-3:]
        return []

    def _story_line(self, name: str | None) -> int | None:
        if not name:
            return None
        updates = self.facts.updates.get(name, [])
        if updates:
            return updates[0].lineno
        return None

    def _way_word(self, name: str | None, line: int | None = None) -> str:
        if name:
            updates = self.facts.updates.get(name, [])
            on_line = [s for s in updates if s.lineno == line]
            for stmt in on_line or updates:
                step = update_direction(stmt, name)
                if step == _UP:
                    return "bigger"
                if step == _DOWN:
                    return "smaller"
            trend = _trend(_seen(self.stuck, name))
            if trend == _DOWN:
                return "smaller"
        return "bigger"

    def _advice(self, name: str | None, check: ExitCheck | None) -> str:
        if name and check is not None:
            direction, _ = needed_direction(check, name)
            if direction == _UP:
                return f"Inside the loop, {name} needs to get bigger each time round, so that one day the loop can stop."
            if direction == _DOWN:
                return f"Inside the loop, {name} needs to get smaller each time round, so that one day the loop can stop."
            if direction == _FLAG:
                return f"Somewhere inside the loop, {name} needs to change, so that the loop can stop."
        return "Say it out loud: what changes each time round the loop, and when should it stop?"


def _resolve_reach(direction: str | None, target: ast.AST | None, seen: list, start=None, goal=None) -> str | None:
    """`countdown != 0` with countdown at 11, 12, 13: it has to come down to reach 0. (But when it
    started on the other side of the target, it jumped over it: that stays "reach".)"""
    if direction != _REACH:
        return direction
    if goal is None:
        goal = _const(target)
    nums = [v for v in seen if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if not isinstance(goal, (int, float)) or isinstance(goal, bool) or not nums or len(nums) != len(seen):
        return direction
    if _trend(nums) is None:
        return direction  # it jumps about (dice, guesses): it has to hit the value exactly
    if isinstance(start, (int, float)) and not isinstance(start, bool):
        if (start < goal < min(nums)) or (start > goal > max(nums)):
            return direction
    if max(nums) < goal:
        return _UP
    if min(nums) > goal:
        return _DOWN
    return direction


def _const(node: ast.AST | None):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) and isinstance(node.operand.value, (int, float)):
        return -node.operand.value
    return None


_STORY_WHY = {
    "typo": "Python sees two different names, so the loop's own variable never changes.",
    "wrong-name": "The loop's own variable never changes, so it goes round forever.",
    "outside": "Only the indented lines under the loop run again and again.",
    "missing": "Each time round, the loop's variable needs to change, or the loop can never stop.",
    "hidden": "The change is inside an `if` that is never true, so it never happens.",
    "wrong-way": "It is moving away from the finish line instead of towards it.",
    "stuck": "The new value comes out the same as the old one, so nothing moves.",
    "never-reaches": "The loop waits for a value that never comes.",
    "jumps-over": "Waiting for one exact value misses it when the value jumps right past. `<`, `>`, `<=` or `>=` still catch it.",
    "text-vs-number": 'Text and numbers are never equal: "7" is not 7. `int()` turns text into a number.',
    "no-effect": "Working out a value is not enough: `=` stores it.",
}


def _why_for(m: Mutant, story: str) -> str:
    if m.kind in ("compare-to-assign", "expr-to-assign", "rename-unused-target", "accumulate", "convert-input"):
        return why(m.kind)
    return _STORY_WHY.get(story, why(m.kind))


__all__ = ["ExitCheck", "LoopFacts", "find_loop", "loop_facts", "loop_never_ends", "needed_direction", "update_direction", "waiting_for_input"]
