"""RecursionError: a function that calls itself again and again and never stops.

Usual reasons: ``__str__`` that uses ``str(self)`` (or ``f"{self}"``); no stopping case (no
``if ... return`` without calling itself again); or a stopping case that is never reached because
the value goes the wrong way (``n + 1`` instead of ``n - 1``).
"""

from __future__ import annotations

import ast
from collections import Counter

from ..context import Context
from ..hint import Fix, Hint
from ..registry import diagnoser
from . import _tools as t


def _calls_itself(func: ast.FunctionDef) -> list[ast.Call]:
    out = []
    for n in ast.walk(func):
        if isinstance(n, ast.Call):
            if isinstance(n.func, ast.Name) and n.func.id == func.name:
                out.append(n)
            elif isinstance(n.func, ast.Attribute) and n.func.attr == func.name and isinstance(n.func.value, ast.Name) and n.func.value.id == "self":
                out.append(n)
    return out


def _looping_function(ctx: Context) -> ast.FunctionDef | None:
    """The program's function that shows up most often in the stack."""
    err = ctx.error
    if err is None or ctx.tree is None:
        return None
    counts = Counter(f.function for f in err.frames)
    for name, _ in counts.most_common():
        for node in ast.walk(ctx.tree):
            if isinstance(node, ast.FunctionDef) and node.name == name:
                return node
    return None


@diagnoser("str-calls-itself", errors=("RecursionError",), priority=15)
def str_calls_itself(ctx: Context) -> Hint | None:
    tree = ctx.tree
    if tree is None:
        return None
    for cls in ast.walk(tree):
        if not isinstance(cls, ast.ClassDef):
            continue
        attrs = []
        for n in ast.walk(cls):
            if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store) and isinstance(n.value, ast.Name) and n.value.id == "self":
                if n.attr not in attrs:
                    attrs.append(n.attr)
        attrs.sort(key=lambda a: a not in ("name", "title"))
        for method in cls.body:
            if not isinstance(method, ast.FunctionDef) or method.name not in ("__str__", "__repr__"):
                continue
            for n in ast.walk(method):
                bad = None
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("str", "repr", "format", "print") and n.args:
                    if isinstance(n.args[0], ast.Name) and n.args[0].id == "self":
                        bad = n
                elif isinstance(n, ast.FormattedValue) and isinstance(n.value, ast.Name) and n.value.id == "self":
                    bad = n.value
                if bad is None:
                    continue
                line = n.lineno
                fixes = [t.replace_node(ctx, bad, f"self.{a}") for a in attrs[:3]]
                fixes = [f for f in fixes if f is not None]
                title = f"Line {line}: to make its text, `{method.name}` asks for its own text again, so it never ends."
                why = (
                    f"`str(self)` runs `{method.name}` again, which runs `str(self)` again, and so on forever. "
                    "Use one of the thing's own values instead, like `self.name`."
                )
                return t.make_hint(ctx, "str-calls-itself", line, title, why, fixes[0] if fixes else None, fixes[1:], confidence=0.85)
    return None


@diagnoser("no-base-case", errors=("RecursionError",), priority=25)
def no_base_case(ctx: Context) -> Hint | None:
    func = _looping_function(ctx)
    if func is None:
        return None
    calls = _calls_itself(func)
    if not calls:
        return None
    has_stop = any(
        isinstance(n, ast.If) and any(isinstance(s, ast.Return) and not (s.value and _has_call_to(s.value, func.name)) for s in ast.walk(n))
        for n in ast.walk(func)
    ) or any(
        # `if n == 0: print("Go!")  else: countdown(...)`: one branch stops without calling again.
        isinstance(n, ast.If) and n.orelse
        and (_has_call_to(ast.Module(body=n.body, type_ignores=[]), func.name) != _has_call_to(ast.Module(body=n.orelse, type_ignores=[]), func.name))
        for n in ast.walk(func)
    )
    call = calls[0]
    params = [a.arg for a in func.args.args]
    if has_stop:
        # A stopping case exists but is never reached: the value probably goes the wrong way.
        fixes: list[Fix] = []
        for arg in call.args:
            if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add) and isinstance(arg.right, ast.Constant):
                fix = t.replace_op(ctx, arg.left, arg.right, ["+"], "-")
                if fix:
                    fixes.append(fix)
            if isinstance(arg, ast.Name) and arg.id in params:
                # It passes on the very same value: it never gets any closer to stopping.
                for change in (f"{arg.id} - 1", f"{arg.id} + 1"):
                    fix = t.replace_node(ctx, arg, change)
                    if fix:
                        fixes.append(fix)
        line = call.lineno
        title = f"Line {line}: `{func.name}` calls itself again, but never reaches its stopping case. Check the value it passes on."
        why = (
            f"Each call to `{func.name}` should get a bit closer to the `if` that stops it. Here the value never gets "
            "there, so the calls go on and on."
        )
        return t.make_hint(ctx, "no-base-case", line, title, why, fixes[0] if fixes else None, fixes[1:], confidence=0.6)
    stop_fixes = _stopping_case_fixes(ctx, func, call)
    if stop_fixes:
        line = stop_fixes[0].start_line
        title = f"Line {line}: `{func.name}` calls itself forever. Add a stopping case at the top, for the smallest number."
        why = (
            f"A function that calls itself needs an `if` that gives back an answer without calling `{func.name}` "
            "again, for example when the number gets down to 1."
        )
        return t.make_hint(ctx, "no-base-case", line, title, why, stop_fixes[0], stop_fixes[1:], confidence=0.55)
    line = func.lineno
    title = f"Line {line}: `{func.name}` calls itself, but nothing tells it when to stop. It needs a stopping case."
    why = (
        f"A function that calls itself needs an `if` near the top that returns without calling `{func.name}` again, "
        "for example when a number reaches 0."
    )
    return t.make_hint(ctx, "no-base-case", line, title, why, confidence=0.5)


def _has_call_to(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name for n in ast.walk(node))


def _stopping_case_fixes(ctx: Context, func: ast.FunctionDef, call: ast.Call) -> list[Fix]:
    """``return n * factorial(n - 1)`` with no stopping case: add one at the top of the function,
    for the number the calls count down to (1 for multiplying, 0 for adding up)."""
    params = [a.arg for a in func.args.args]
    if len(call.args) != 1 or not params:
        return []
    arg = call.args[0]
    if not (isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Sub) and isinstance(arg.left, ast.Name)
            and arg.left.id in params and isinstance(arg.right, ast.Constant) and arg.right.value == 1):
        return []
    n = arg.left.id
    first = func.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str) and len(func.body) > 1:
        first = func.body[1]
    indent = t.indent_of(ctx.line_text(first.lineno))
    step = indent[len(t.indent_of(ctx.line_text(func.lineno))):] or "    "
    returns = [r for r in ast.walk(func) if isinstance(r, ast.Return) and r.value is not None and _has_call_to(r.value, func.name)]
    options: list[str] = []
    for r in returns:
        if isinstance(r.value, ast.BinOp):
            options.append("1" if isinstance(r.value.op, ast.Mult) else "0")
    fixes: list[Fix] = []
    if options:
        value = options[0]
        limit = "1" if value == "1" else "0"
        fixes.append(Fix.insert_before(first.lineno, f"{indent}if {n} <= {limit}:\n{indent}{step}return {value}"))
    return fixes
