"""NameError: Python met a name it does not know.

Usual reasons, most likely first: the capitals are different (``Print``, ``true``); a small
spelling slip (``scroe``, swapped letters) either where the name is used or where it was made;
a module used without ``import``; the name gets its value only later; a word that should have been
text in quotes.
"""

from __future__ import annotations

import ast
import builtins
import sys

from ..context import Context
from ..hint import Fix, Hint
from ..registry import diagnoser
from ..spelling import close_matches
from . import _tools as t

_CONSTANTS = ("True", "False", "None")


def unknown_name(ctx: Context) -> str | None:
    err = ctx.error
    if err is None or err.type == "UnboundLocalError":
        return None
    name = err.details.get("name")
    if isinstance(name, str) and name:
        return name
    found = t.message_names(err.message)
    return found[0] if found else None


def _use_lines(ctx: Context, name: str) -> list[int]:
    """Lines of the statement Python stopped in where ``name`` appears (the error line first)."""
    line = t.error_line(ctx)
    stmt = t.stmt_at(ctx, line)
    if stmt is None:
        return [line] if line else []
    end = t._header_end(stmt)
    lines = sorted({ln for ln, _, _ in t.name_tokens(ctx, name, range(stmt.lineno, end + 1))})
    if line in lines:
        lines.remove(line)
        lines.insert(0, line)
    return lines or ([line] if line else [])


def _known(ctx: Context) -> set[str]:
    return set(ctx.defined_names) | set(t.BUILTIN_NAMES) | set(_CONSTANTS)


@diagnoser("name-capitals", errors=("NameError",), priority=20)
def capitals(ctx: Context) -> Hint | None:
    name = unknown_name(ctx)
    if not name:
        return None
    same = [n for n in sorted(_known(ctx)) if n.lower() == name.lower() and n != name]
    if not same:
        return None
    # Prefer Python's own words (print, True) over the program's names.
    same.sort(key=lambda n: (n not in t.BUILTIN_NAMES and n not in _CONSTANTS, n))
    right = same[0]
    lines = _use_lines(ctx, name)
    if not lines:
        return None
    line = lines[0]
    fix = t.rename_on_line(ctx, line, name, right, attribute=False)
    title = f"Line {line}: `{name}` should be `{right}`. Python cares about capital letters!"
    why = (
        f"To Python, `{name}` and `{right}` are two different names, because the capital letters are "
        f"different. It knows `{right}`, but not `{name}`."
    )
    return t.make_hint(ctx, "name-capitals", line, title, why, fix, confidence=0.9)


def _called(ctx: Context, name: str) -> bool:
    """True when the program calls ``name`` somewhere (``nmae(...)``)."""
    if ctx.tree is None:
        return True
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name for n in ast.walk(ctx.tree)
    )


def _typo_candidates(ctx: Context, name: str) -> list[tuple[float, Fix, int, str, str]]:
    """(score, fix, line, wrong, right) for spelling fixes, best first."""
    known = _known(ctx) - {name}
    if not _called(ctx, name):
        # A name used as a value is almost never a slip for one of Python's own tools
        # (``price`` is not ``print``): only the program's names and True/False/None remain.
        known = {n for n in known if n in ctx.defined_names or n in _CONSTANTS or not callable(getattr(builtins, n, None))}
    matches = [m for m in close_matches(name, known) if m.kind != "capitals"]
    if not matches:
        return []
    out: list[tuple[float, Fix, int, str, str]] = []
    uses = len(t.name_tokens(ctx, name))
    lines = _use_lines(ctx, name)
    for rank, match in enumerate(matches[:3]):
        right = match.name
        right_uses = len(t.name_tokens(ctx, right))
        made_at = [n.lineno for n in t.assignments(ctx, right)]
        # The unknown name is used often and the close one was made just once: the slip is
        # probably where that one was made ("scroe = 0" ... "score + 1" ... "print(score)").
        if uses >= 2 and right_uses == 1 and made_at:
            fix = t.rename_on_line(ctx, made_at[0], right, name, attribute=False)
            if fix:
                out.append((rank - 0.5, fix, made_at[0], right, name))
        if lines:
            fix = t.rename_on_line(ctx, lines[0], name, right, attribute=False)
            if fix:
                out.append((rank, fix, lines[0], name, right))
    out.sort(key=lambda c: c[0])
    return out


@diagnoser("name-typo", errors=("NameError",), priority=30)
def typo(ctx: Context) -> Hint | None:
    name = unknown_name(ctx)
    if not name:
        return None
    cands = _typo_candidates(ctx, name)
    if not cands:
        return None
    _, fix, line, wrong, right = cands[0]
    title = f"Line {line}: check the spelling of `{wrong}`. Did you mean `{right}`?"
    why = (
        f"Python knows a name `{right}`, but the program also says `{wrong}`. One small spelling "
        "slip makes a brand-new name that has no value yet."
    )
    return t.make_hint(ctx, "name-typo", line, title, why, fix, [c[1] for c in cands[1:]], confidence=0.8)


@diagnoser("name-missing-import", errors=("NameError",), priority=25)
def missing_import(ctx: Context) -> Hint | None:
    name = unknown_name(ctx)
    modules = getattr(sys, "stdlib_module_names", frozenset())
    if not name or name not in modules or name.startswith("_") or ctx.tree is None:
        return None
    used_with_dot = any(
        isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == name for n in ast.walk(ctx.tree)
    )
    if not used_with_dot:
        return None
    # Put the import after comments, a docstring and ``from __future__`` imports at the top.
    body = ctx.tree.body
    at = 1
    for node in body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            at = (node.end_lineno or node.lineno) + 1
            continue
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            at = (node.end_lineno or node.lineno) + 1
            continue
        at = node.lineno
        break
    else:
        at = len(ctx.lines) + 1
    fix = Fix.insert_before(at, f"import {name}")
    title = f"Line {at}: `{name}` needs to be brought in first. Add `import {name}` at the top."
    why = f"`{name}` is a module: a box of ready-made tools. Python only opens the box after `import {name}`."
    return t.make_hint(ctx, "name-missing-import", at, title, why, fix, confidence=0.85)


@diagnoser("name-used-before-set", errors=("NameError",), priority=35)
def used_before_set(ctx: Context) -> Hint | None:
    name = unknown_name(ctx)
    line = t.error_line(ctx)
    tree = ctx.tree
    if not name or line is None or tree is None:
        return None
    later = [n for n in ast.walk(tree) if isinstance(n, ast.stmt) and n.lineno > line and _gives_value(n, name)]
    movable = (ast.Assign, ast.AnnAssign, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)
    if not later:
        return None
    made = min(later, key=lambda n: n.lineno)
    use_stmt = t.stmt_at(ctx, line)
    fixes: list[Fix] = []
    # Moving a one-line assignment (or a whole def) up to just before the first use.
    if use_stmt is not None and t.enclosing_function(ctx, made.lineno) in (None, made):
        top = use_stmt
        while True:  # the module-level statement holding the use
            outer = [
                n
                for n in tree.body
                if n.lineno <= top.lineno <= (n.end_lineno or n.lineno)
            ]
            if outer:
                top = outer[0]
            break
        start, end = made.lineno, made.end_lineno or made.lineno
        if made in tree.body and top.lineno < start and isinstance(made, movable):
            block = ctx.lines[start - 1 : end]
            between = ctx.lines[top.lineno - 1 : start - 1]
            if all(not ln.startswith((" ", "\t")) for ln in block[:1]):
                replacement = "\n".join(block + between) + "\n"
                fixes.append(Fix(top.lineno, end, replacement))
    kind = "function" if isinstance(made, (ast.FunctionDef, ast.AsyncFunctionDef)) else "value"
    if kind == "function":
        title = f"Line {line}: `{name}` is used before line {made.lineno} makes it. Python reads from top to bottom."
        why = f"The function `{name}` is made on line {made.lineno}, but line {line} runs before that. Make it first, then use it."
    else:
        title = f"Line {line}: `{name}` gets its value later, on line {made.lineno}. Python reads from top to bottom."
        why = f"When line {line} runs, `{name}` has no value yet. Give it a value before it is used."
    hint_line = line
    return t.make_hint(ctx, "name-used-before-set", hint_line, title, why, fixes[0] if fixes else None, fixes[1:], confidence=0.6)


def _gives_value(node: ast.stmt, name: str) -> bool:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name == name
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return any((a.asname or a.name).split(".")[0] == name for a in node.names)
    return name in t.assigned_names(node)


@diagnoser("name-missing-quotes", errors=("NameError",), priority=45)
def missing_quotes(ctx: Context) -> Hint | None:
    name = unknown_name(ctx)
    if not name or name in ctx.defined_names:
        return None
    stmt, nodes = t.error_nodes(ctx)
    if stmt is None:
        return None
    locals_ = t.frame_locals(ctx)
    # Strong evidence: a dictionary here has the word as a key, or a list here holds it.
    known_word = any(
        isinstance(n, ast.Subscript)
        and isinstance(n.slice, ast.Name)
        and n.slice.id == name
        and isinstance(n.value, ast.Name)
        and isinstance(t.value_of(locals_.get(n.value.id)), dict)
        and name in t.value_of(locals_.get(n.value.id))
        for n in nodes
    )
    if not known_word and close_matches(name, _known(ctx) - {name}):
        return None
    par = t.parents(stmt)
    spots = []
    for node in nodes:
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            parent = par.get(node)
            if isinstance(parent, ast.Call) and node in parent.args:
                spots.append(node)
            elif isinstance(parent, ast.Compare):
                spots.append(node)
            elif isinstance(parent, (ast.Assign, ast.List, ast.Tuple, ast.Dict, ast.BinOp)):
                spots.append(node)
            elif isinstance(parent, ast.Subscript) and parent.slice is node:
                spots.append(node)
    if not spots:
        return None
    node = spots[0]
    fix = t.replace_node(ctx, node, f'"{name}"')
    line = node.lineno
    title = f"Line {line}: is `{name}` a word to show? Words need quotes around them, like \"{name}\"."
    why = (
        f"Without quotes, Python thinks `{name}` is the name of a box holding a value, and there is no "
        f"such box. With quotes, \"{name}\" is just the word itself."
    )
    return t.make_hint(ctx, "name-missing-quotes", line, title, why, fix, confidence=0.9 if known_word else 0.4)


@diagnoser("missing-self-dot", errors=("NameError",), priority=22)
def missing_self_dot(ctx: Context) -> Hint | None:
    name = unknown_name(ctx)
    line = t.error_line(ctx)
    if not name or line is None:
        return None
    func = t.enclosing_function(ctx, line)
    cls = t.enclosing_class(ctx, line)
    if func is None or cls is None or not func.args.args or func.args.args[0].arg != "self":
        return None
    owned = {
        n.attr
        for n in ast.walk(cls)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self" and isinstance(n.ctx, ast.Store)
    }
    methods = {f.name for f in cls.body if isinstance(f, ast.FunctionDef)}
    if name not in owned and name not in methods:
        return None
    lines = _use_lines(ctx, name)
    if not lines:
        return None
    fix = t.rename_on_line(ctx, lines[0], name, f"self.{name}", attribute=False)
    title = f"Line {lines[0]}: inside the class, `{name}` belongs to the thing itself. Write `self.{name}`."
    why = (
        f"`{name}` was stored as `self.{name}`, so it lives on the thing, not as a loose name. "
        f"Inside a method, reach it with `self.{name}`."
    )
    return t.make_hint(ctx, "missing-self-dot", lines[0], title, why, fix, confidence=0.85)


@diagnoser("name-needs-start-value", errors=("NameError",), priority=28)
def needs_start_value(ctx: Context) -> Hint | None:
    """``total = total + n`` (or ``total += n``) before ``total`` ever had a value."""
    name = unknown_name(ctx)
    line = t.error_line(ctx)
    stmt = t.stmt_at(ctx, line)
    tree = ctx.tree
    if not name or stmt is None or tree is None:
        return None
    grows = isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == name
    if isinstance(stmt, ast.Assign) and name in t.assigned_names(stmt):
        grows = any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) for n in ast.walk(stmt.value))
    if not grows:
        return None
    if any(n.lineno < stmt.lineno for n in t.assignments(ctx, name)):
        return None
    if _typo_candidates(ctx, name):
        return None  # a close name already has a value: more likely a spelling slip
    # The start value goes just before the outermost loop around the line (in the same function).
    func = t.enclosing_function(ctx, stmt.lineno)
    loops = [
        n
        for n in ast.walk(func if func is not None else tree)
        if isinstance(n, (ast.For, ast.While)) and n.lineno < stmt.lineno <= (n.end_lineno or n.lineno)
    ]
    if func is not None:
        loops = [lp for lp in loops if t.enclosing_function(ctx, lp.lineno) is func]
    anchor = min(loops, key=lambda n: n.lineno) if loops else stmt
    other = stmt.value
    kind = t.kind_of_value(ctx, other, t.frame_locals(ctx))
    if isinstance(other, ast.BinOp):
        kinds = {t.kind_of_value(ctx, other.left, t.frame_locals(ctx)), t.kind_of_value(ctx, other.right, t.frame_locals(ctx))}
        kind = "str" if "str" in kinds else ("list" if "list" in kinds else "int")
    start = {"str": '""', "list": "[]", "float": "0"}.get(kind or "int", "0")
    indent = t.indent_of(ctx.line_text(anchor.lineno))
    fix = Fix.insert_before(anchor.lineno, f"{indent}{name} = {start}")
    where = anchor.lineno
    title = f"Line {where}: `{name}` needs a starting value, like `{name} = {start}`, before line {stmt.lineno} adds to it."
    why = (
        f"Line {stmt.lineno} says: take `{name}` and add to it. But the first time, `{name}` has no value at all. "
        f"Give it a starting value before the loop."
    )
    return t.make_hint(ctx, "name-needs-start-value", where, title, why, fix, confidence=0.8)
