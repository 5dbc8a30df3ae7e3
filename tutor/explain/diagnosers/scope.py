"""UnboundLocalError: a function uses a name before giving it a value.

Usual reasons: the function changes a name made outside it (``score += 1``) without ``global``;
the name was first set with a spelling slip (``totl = 0`` ... ``total = total + p``); or it is set
later in the function.
"""

from __future__ import annotations

import ast

from ..context import Context
from ..hint import Fix, Hint
from ..registry import diagnoser
from ..spelling import close_matches
from . import _tools as t


def _name(ctx: Context) -> str | None:
    err = ctx.error
    if err is None:
        return None
    name = err.details.get("name")
    if isinstance(name, str) and name:
        return name
    found = t.message_names(err.message)
    return found[0] if found else None


def _module_level_names(ctx: Context) -> set[str]:
    tree = ctx.tree
    names: set[str] = set()
    if tree is None:
        return names
    for node in tree.body:
        names.update(t.assigned_names(node))
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
    return names


@diagnoser("unbound-typo", errors=("UnboundLocalError",), priority=20)
def typo(ctx: Context) -> Hint | None:
    name, line = _name(ctx), t.error_line(ctx)
    if not name or line is None:
        return None
    func = t.enclosing_function(ctx, line)
    if func is None:
        return None
    # Names the function set before this line (and its parameters).
    local_sets: dict[str, int] = {}
    for node in ast.walk(func):
        if isinstance(node, ast.stmt) and node.lineno < line:
            for n in t.assigned_names(node):
                local_sets.setdefault(n, node.lineno)
    matches = [m for m in close_matches(name, local_sets) if m.name != name]
    if not matches:
        return None
    wrong = matches[0].name
    at = local_sets[wrong]
    fix = t.rename_on_line(ctx, at, wrong, name, attribute=False)
    if fix is None:
        return None
    title = f"Line {at}: check the spelling of `{wrong}`. Should it be `{name}`?"
    why = (
        f"Line {at} gives a value to `{wrong}`, but line {line} uses `{name}`, which never got one. "
        "A one-letter slip makes two different names."
    )
    return t.make_hint(ctx, "unbound-typo", at, title, why, fix, confidence=0.85)


@diagnoser("missing-global", errors=("UnboundLocalError",), priority=25)
def missing_global(ctx: Context) -> Hint | None:
    name, line = _name(ctx), t.error_line(ctx)
    if not name or line is None:
        return None
    func = t.enclosing_function(ctx, line)
    if func is None or name not in _module_level_names(ctx) or not func.body:
        return None
    first = func.body[0]
    # Keep a docstring first.
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str) and len(func.body) > 1:
        first = func.body[1]
    indent = t.indent_of(ctx.line_text(first.lineno))
    fix = Fix.insert_before(first.lineno, f"{indent}global {name}")
    title = f"Line {first.lineno}: the function `{func.name}` wants to change `{name}` from outside it. Tell Python with `global {name}`."
    why = (
        f"Inside a function, changing `{name}` makes a new, empty `{name}` that belongs only to the "
        f"function. `global {name}` at the top of the function says: use the one from outside."
    )
    return t.make_hint(ctx, "missing-global", first.lineno, title, why, fix, confidence=0.75)


@diagnoser("unbound-used-before-set", errors=("UnboundLocalError",), priority=40)
def used_before_set(ctx: Context) -> Hint | None:
    name, line = _name(ctx), t.error_line(ctx)
    if not name or line is None:
        return None
    func = t.enclosing_function(ctx, line)
    where = f"the function `{func.name}`" if func is not None else "this part"
    title = f"Line {line}: `{name}` is used before it gets a value in {where}."
    why = (
        f"Give `{name}` a starting value near the top of {where}, before line {line} uses it, "
        "for example `" + name + " = 0`."
    )
    return t.make_hint(ctx, "unbound-used-before-set", line, title, why, confidence=0.3)
