"""Changing a list (or dictionary) while a ``for`` loop walks over it.

A ``for`` loop walks a list by position. Removing items while walking makes it skip the next one
(wrong output); adding items makes it walk for ever; a dictionary that grows or shrinks while
being walked stops the program ("dictionary changed size"). Walking over a copy fixes all three.
"""

from __future__ import annotations

import ast

from ..context import Context
from ..hint import Hint
from ..registry import diagnoser
from . import _tools as t

_CHANGERS = {"remove", "pop", "append", "insert", "extend", "clear"}


def _changes(loop: ast.For, name: str) -> ast.AST | None:
    for n in ast.walk(loop):
        if n is loop.iter:
            continue
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _CHANGERS:
            if isinstance(n.func.value, ast.Name) and n.func.value.id == name:
                return n
        if isinstance(n, ast.Delete):
            for target in n.targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id == name:
                    return n
        if isinstance(n, (ast.Assign, ast.AugAssign)):
            targets = n.targets if isinstance(n, ast.Assign) else [n.target]
            for target in targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id == name:
                    if isinstance(n, ast.Assign) and not isinstance(target.slice, ast.Slice):
                        continue  # d[k] = v on a list does not change its length
                    return n
    return None


def _walked_name(loop: ast.For) -> tuple[str, ast.AST] | None:
    it = loop.iter
    if isinstance(it, ast.Name):
        return it.id, it
    if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and it.func.attr in ("keys", "values", "items") and isinstance(it.func.value, ast.Name):
        return it.func.value.id, it
    return None


def _mutating_loops(ctx: Context) -> list[tuple[ast.For, str, ast.AST, ast.AST]]:
    tree = ctx.tree
    if tree is None:
        return []
    out = []
    for loop in ast.walk(tree):
        if isinstance(loop, ast.For):
            walked = _walked_name(loop)
            if walked is None:
                continue
            name, it = walked
            change = _changes(loop, name)
            if change is not None:
                out.append((loop, name, it, change))
    return out


@diagnoser("changed-while-looping", outcomes=("error", "wrong-output", "timeout", "killed"), priority=20)
def changed_while_looping(ctx: Context) -> Hint | None:
    outcome = ctx.outcome
    if outcome == "error":
        err = ctx.error
        if err is None or "changed size during iteration" not in (err.message or ""):
            return None
    loops = _mutating_loops(ctx)
    if not loops:
        return None
    line = t.error_line(ctx) if outcome == "error" else (ctx.result.stuck.line if ctx.result.stuck else None)
    if line is not None:
        loops.sort(key=lambda l: not (l[0].lineno <= line <= (l[0].end_lineno or l[0].lineno)))
    loop, name, it, change = loops[0]
    text = t.segment(ctx, it)
    if not text:
        return None
    copy = f"list({text})" if not isinstance(it, ast.Name) else f"{text}[:]"
    if isinstance(it, ast.Name) and outcome == "error":
        copy = f"list({text})"  # a dictionary
    fix = t.replace_node(ctx, it, copy)
    at = loop.lineno
    changed_at = getattr(change, "lineno", at)
    title = f"Line {at}: the loop walks over `{name}` while line {changed_at} changes it. Walk over a copy instead."
    why = (
        f"A `for` loop goes through `{name}` place by place. When things are taken out or added on the way, it skips "
        f"some or never ends. `{copy}` makes a copy to walk over, so `{name}` itself can change safely."
    )
    conf = 0.8 if outcome == "error" else 0.6
    return t.make_hint(ctx, "changed-while-looping", at, title, why, fix, confidence=conf)
