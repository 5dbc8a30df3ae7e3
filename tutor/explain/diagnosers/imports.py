"""ModuleNotFoundError / ImportError: a module name (or a name inside one) is misspelled."""

from __future__ import annotations

import ast
import functools
import os
import sys

from ..context import Context
from ..hint import Hint
from ..registry import diagnoser
from ..spelling import close_matches
from . import _tools as t


@functools.lru_cache(maxsize=1)
def _stdlib_names() -> frozenset[str]:
    names = set(getattr(sys, "stdlib_module_names", ()))
    return frozenset(n for n in names if not n.startswith("_"))


def _stdlib() -> set[str]:
    return set(_stdlib_names())


def module_names(ctx: Context) -> set[str]:
    """Modules the program could import: the standard library and .py files beside it."""
    names = _stdlib()
    try:
        folder = os.path.dirname(ctx.path)
        for entry in os.listdir(folder):
            if entry.endswith(".py") and entry != os.path.basename(ctx.path):
                names.add(entry[:-3])
    except OSError:
        pass
    return names


def public_names(module: str) -> set[str]:
    """Names a standard-library module offers, read from its source when it has one (so nothing
    runs), or by importing it when it is built in (those are harmless). Remembered."""
    return set(_public_names(module))


@functools.lru_cache(maxsize=64)
def _public_names(module: str) -> frozenset[str]:
    return frozenset(_read_public_names(module))


def _read_public_names(module: str) -> set[str]:
    import importlib.util

    if module not in _stdlib():
        return set()
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return set()
    if spec is None:
        return set()
    origin = spec.origin or ""
    if origin.endswith(".py"):
        try:
            with open(origin, encoding="utf-8") as f:
                tree = ast.parse(f.read())
        except (OSError, SyntaxError, ValueError):
            return set()
        names: set[str] = set()
        for node in tree.body:
            names.update(t.assigned_names(node))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name).split(".")[0] for a in node.names)
        return {n for n in names if not n.startswith("_")}
    if module in sys.builtin_module_names or origin.endswith((".so", ".pyd")):
        try:
            import importlib

            return {n for n in dir(importlib.import_module(module)) if not n.startswith("_")}
        except Exception:
            return set()
    return set()


def _import_line(ctx: Context, module: str) -> int | None:
    line = t.error_line(ctx)
    if line and module in ctx.line_text(line):
        return line
    for tok_line, _, _ in t.name_tokens(ctx, module.split(".")[0]):
        text = ctx.line_text(tok_line).lstrip()
        if text.startswith(("import ", "from ")):
            return tok_line
    return line


@diagnoser("import-typo", errors=("ModuleNotFoundError",), priority=20)
def module_typo(ctx: Context) -> Hint | None:
    err = ctx.error
    if err is None:
        return None
    name = err.details.get("name") or (t.message_names(err.message) or [None])[0]
    if not isinstance(name, str) or not name:
        return None
    top = name.split(".")[0]
    line = _import_line(ctx, top)
    if line is None:
        return None
    matches = close_matches(top, module_names(ctx))
    if not matches:
        title = f"Line {line}: Python cannot find a module called `{top}`. Check its name."
        why = f"`{top}` is not one of Python's own modules, and there is no file `{top}.py` next to your program."
        return t.make_hint(ctx, "import-typo", line, title, why, confidence=0.3)
    fixes = [t.rename_on_line(ctx, line, top, m.name, attribute=False) for m in matches[:3]]
    # The same slip written everywhere the module is used (import Random ... Random.randint).
    everywhere = t.rename_everywhere(ctx, top, matches[0].name)
    if everywhere is not None and everywhere.end_line > everywhere.start_line:
        fixes.insert(1, everywhere)
    fixes = [f for f in fixes if f is not None]
    right = matches[0].name
    title = f"Line {line}: check the spelling of `{top}`. Did you mean `{right}`?"
    why = f"Python has a module called `{right}`, but none called `{top}`. Module names must be spelled exactly."
    return t.make_hint(ctx, "import-typo", line, title, why, fixes[0] if fixes else None, fixes[1:], confidence=0.85)


@diagnoser("import-name-typo", errors=("ImportError",), priority=25)
def name_typo(ctx: Context) -> Hint | None:
    err = ctx.error
    line = t.error_line(ctx)
    if err is None or err.type == "ModuleNotFoundError" or line is None:
        return None
    stmt = t.stmt_at(ctx, line)
    if not isinstance(stmt, ast.ImportFrom) or not stmt.module:
        return None
    offered = public_names(stmt.module)
    if not offered:
        return None
    for alias in stmt.names:
        if alias.name in offered or alias.name == "*":
            continue
        matches = close_matches(alias.name, offered)
        if not matches:
            continue
        right = matches[0].name
        fix = t.rename_on_line(ctx, stmt.lineno, alias.name, right, attribute=False)
        everywhere = t.rename_everywhere(ctx, alias.name, right) if alias.asname is None else None
        candidates = [everywhere] if everywhere is not None and everywhere.end_line > everywhere.start_line else []
        title = f"Line {stmt.lineno}: `{stmt.module}` has no `{alias.name}`. Did you mean `{right}`?"
        why = f"The module `{stmt.module}` has a tool called `{right}`. Names must be spelled exactly, capitals too."
        return t.make_hint(ctx, "import-name-typo", stmt.lineno, title, why, fix, candidates, confidence=0.8)
    return None
