"""Where a printed value was worked out: the line to look at first when the output is wrong and
no small edit was found that mends it.

A program that prints a wrong value usually prints it on a line that did nothing wrong
(``print(total(nums))``, a driver line at the bottom); the mistake sits where the value was
computed. ``value_origin`` follows the printed expression back:

- through the names it reads, to the assignments in the same part of the program that set them
  (``answer = total(nums)`` then ``print(answer)``);
- into a learner's own function called there, to the ``return`` (or ``yield``) lines that ran, and
  from a ``return name`` to the last line that ran which sets or changes ``name`` (``name = ...``,
  ``name += ...``, ``name.append(...)``, ``name[i] = ...``).

It only names *where* the value comes from, never *why* it is wrong: the hint says "the first
place to look", not "the mistake is here". Lines that never ran (from the search's one recorded
run, when there is one) are never named.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from typing import Iterator

from .context import Context
from .mutate import assigned_names, parents_of, statement_at


@dataclass(frozen=True)
class Origin:
    line: int  # the first place to look
    printer: int  # the line that printed the value
    function: str | None  # the learner's function the value comes from (None: the same part of the program)
    name: str | None  # the name worked out on ``line`` (None: the value given back there)
    start: int = 0  # the function's lines (0: no function)
    end: int = 0
    loop: int = 0  # the loop that repeats ``line`` (0: none)


_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def _own_body(node: ast.AST) -> Iterator[ast.AST]:
    """Every node inside ``node`` except what belongs to functions or classes nested in it."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        cur = stack.pop()
        yield cur
        if isinstance(cur, _FUNCS):
            continue
        stack.extend(ast.iter_child_nodes(cur))


def _changes(stmt: ast.stmt, name: str) -> bool:
    """``stmt`` sets or changes ``name`` (assignment, ``+=``, a list method, ``name[i] = ...``)."""
    if name in assigned_names(stmt) and not isinstance(stmt, _FUNCS):
        return True
    targets: list[ast.AST] = []
    if isinstance(stmt, ast.Assign):
        targets = list(stmt.targets)
    elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
        targets = [stmt.target]
    for t in targets:
        for sub in ast.walk(t):
            if isinstance(sub, ast.Subscript) and isinstance(sub.value, ast.Name) and sub.value.id == name:
                return True
    return False


def _ran(line: int, ran: set[int] | None) -> bool:
    return ran is None or line in ran


def lines_ran(ctx: Context) -> set[int] | None:
    """The lines that ran (one recorded run, shared through ``ctx.extra``), or None if unknown."""
    if "lines_ran" in ctx.extra:
        return ctx.extra["lines_ran"]
    ran: set[int] | None = None
    if ctx.extra.get("verify", True) is not False:
        try:
            from .search import lines_that_ran

            record = lines_that_ran(ctx, 1.0)
            if record is not None and record[1]:
                ran = record[0]
        except Exception:  # pragma: no cover - no record: every line counts as run
            ran = None
    ctx.extra["lines_ran"] = ran
    return ran


def _last_setter(scope: ast.AST, name: str, before: int | None, ran: set[int] | None) -> ast.stmt | None:
    best: ast.stmt | None = None
    for node in _own_body(scope):
        if isinstance(node, ast.stmt) and _changes(node, name) and _ran(node.lineno, ran):
            if before is not None and node.lineno >= before:
                continue
            if best is None or node.lineno > best.lineno:
                best = node
    return best


def value_origin(ctx: Context, printer: int, ran: set[int] | None = None) -> Origin | None:
    """Where the value printed on line ``printer`` was worked out, or None if that is the line itself
    (or cannot be told)."""
    tree = ctx.tree
    if tree is None or not printer:
        return None
    stmt = statement_at(tree, printer)
    if stmt is None or isinstance(stmt, (ast.If, ast.While, ast.For, ast.AsyncFor, ast.With, ast.Try) + _FUNCS):
        return None
    parents = parents_of(tree)
    scope: ast.AST = tree
    cur = parents.get(stmt)
    while cur is not None:
        if isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef)):
            scope = cur
            break
        cur = parents.get(cur)
    own: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            own[node.name] = node

    # The statements whose values reach the printed one (the print itself, and the assignments in
    # the same part of the program that set the names it reads, two steps back).
    chain: list[ast.stmt] = [stmt]
    todo: list[tuple[ast.stmt, int]] = [(stmt, 0)]
    while todo:
        node, level = todo.pop(0)
        if level >= 2:
            continue
        for name in sorted(_loads(node)):
            setter = _last_setter(scope, name, node.lineno, ran)
            if setter is not None and setter not in chain and not isinstance(setter, _FUNCS + (ast.For, ast.AsyncFor, ast.Import, ast.ImportFrom)):
                chain.append(setter)
                todo.append((setter, level + 1))
    called = {_called_function(node, own) for node in chain} - {None}
    if len(called) > 1:
        return None  # two functions of the learner's feed the line: no one first place to look
    if called:
        return _with_loop(tree, _inside(called.pop(), printer, ran, own))
    # No function of the learner's: the value was worked out on the line that set it.
    if _computes(stmt):
        return None  # the printed line works it out itself
    setters = [n for n in chain[1:]]
    direct = {
        id(setter): setter
        for setter in (_last_setter(scope, name, stmt.lineno, ran) for name in _loads(stmt))
        if setter is not None and setter in setters
    }
    direct = list(direct.values())
    if len(direct) != 1:
        return None  # several values printed side by side: which one is wrong is not known
    first = direct[0]
    names = sorted(_loads(stmt))
    name = next((n for n in names if _changes(first, n)), None)
    return _with_loop(tree, Origin(line=first.lineno, printer=printer, function=None, name=name))


def _with_loop(tree: ast.AST, origin: Origin | None) -> Origin | None:
    """Add the loop that repeats the origin's line (stopping at the function it is in)."""
    if origin is None:
        return None
    stmt = statement_at(tree, origin.line)
    parents = parents_of(tree)
    cur = parents.get(stmt) if stmt is not None else None
    while cur is not None and not isinstance(cur, _FUNCS + (ast.Module,)):
        if isinstance(cur, (ast.For, ast.AsyncFor, ast.While)):
            return replace(origin, loop=cur.lineno)
        cur = parents.get(cur)
    return origin


def _loads(stmt: ast.stmt) -> set[str]:
    return {n.id for n in _own_body(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _called_function(stmt: ast.stmt, own: dict) -> ast.AST | None:
    for node in _own_body(stmt):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in own:
            return own[node.func.id]
    return None


def _computes(stmt: ast.stmt) -> bool:
    """The printed statement works something out itself (``print(a + b)``, ``print(x > 3)``)."""
    for node in _own_body(stmt):
        if isinstance(node, (ast.BinOp, ast.BoolOp, ast.Compare, ast.UnaryOp, ast.Subscript, ast.IfExp)):
            return True
    return False


def _inside(func: ast.AST, printer: int, ran: set[int] | None, own: dict, depth: int = 0) -> Origin | None:
    assert isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef))
    sinks: list[tuple[int, ast.expr | None]] = []
    for node in _own_body(func):
        if isinstance(node, ast.Return):
            sinks.append((node.lineno, node.value))
        elif isinstance(node, (ast.Yield, ast.YieldFrom)):
            sinks.append((node.lineno, node.value))
    sinks = [s for s in sinks if _ran(s[0], ran)]
    if not sinks:
        return None
    sink_line, value = max(sinks, key=lambda s: s[0])  # the last way out that ran
    line, name = sink_line, None
    # `return helper(x)`: the value is worked out in that other function of the learner's.
    if (
        depth < 2 and isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
        and value.func.id in own and own[value.func.id] is not func
    ):
        deeper = _inside(own[value.func.id], printer, ran, own, depth + 1)
        if deeper is not None:
            return deeper
    if isinstance(value, ast.Name):
        setter = _last_setter(func, value.id, sink_line, ran)
        if setter is not None and not isinstance(setter, _FUNCS):
            line, name = setter.lineno, value.id
    if line == printer:
        return None
    return Origin(line=line, printer=printer, function=func.name, name=name, start=func.lineno, end=func.end_lineno or func.lineno)


__all__ = ["Origin", "lines_ran", "value_origin"]
