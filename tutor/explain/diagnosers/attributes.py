"""AttributeError: a value does not have the dot-name the program asked for.

Usual reasons: the value is None because it came from ``lst.append(...)`` or a function without
``return``; ``.length`` from other languages (Python uses ``len(x)``); a spelling slip in a method
or module tool (``random.randInt``); a list method used on text or a number.
"""

from __future__ import annotations

import ast
import re

from ..context import Context
from ..hint import Fix, Hint
from ..registry import diagnoser
from ..spelling import close_matches
from . import _tools as t
from .imports import public_names

_TYPES = {"str": str, "list": list, "dict": dict, "int": int, "float": float, "tuple": tuple, "set": set, "bool": bool}
_KIND_WORDS = {
    "str": "text",
    "list": "a list",
    "dict": "a dictionary",
    "int": "a whole number",
    "float": "a number",
    "tuple": "a tuple",
    "set": "a set",
    "bool": "True or False",
    "NoneType": "None (nothing)",
    "module": "a module",
}
#: Habits from other languages and common mix-ups: what Python calls it.
_SYNONYMS = {
    "push": "append",
    "add": "append",
    "toUpperCase": "upper",
    "toLowerCase": "lower",
    "toUpper": "upper",
    "toLower": "lower",
    "uppercase": "upper",
    "lowercase": "lower",
    "upcase": "upper",
    "downcase": "lower",
    "trim": "strip",
    "includes": "count",
    "indexOf": "index",
    "removeAt": "pop",
    "keys_": "keys",
}
_LENGTH = {"length", "len", "size", "lenght", "lentgh", "count_", "Length", "Size"}


def info(ctx: Context) -> tuple[str | None, str | None]:
    """(attribute name, the kind of value) from the error's details, else from the message."""
    err = ctx.error
    if err is None:
        return None, None
    name = err.details.get("name")
    kind = err.details.get("obj_type")
    msg = err.message or ""
    m = re.search(r"'(\w+)' object has no attribute '(\w+)'", msg)
    if m:
        kind = kind or m.group(1)
        name = name or m.group(2)
    m = re.search(r"module '([\w.]+)' has no attribute '(\w+)'", msg)
    if m:
        kind = kind or "module"
        name = name or m.group(2)
    m = re.search(r"type object '(\w+)' has no attribute '(\w+)'", msg)
    if m:
        kind = kind or "type"
        name = name or m.group(2)
    return (name if isinstance(name, str) else None), (kind if isinstance(kind, str) else None)


def _attribute_nodes(ctx: Context, name: str) -> list[ast.Attribute]:
    _, nodes = t.error_nodes(ctx)
    return [n for n in nodes if isinstance(n, ast.Attribute) and n.attr == name]


def _is_function_name(ctx: Context, name: str) -> bool:
    return t.function_def(ctx, name) is not None and not t.assignments(ctx, name)


def _kind_words(kind: str | None) -> str:
    return _KIND_WORDS.get(kind or "", f"a `{kind}`" if kind else "this value")


@diagnoser("none-value", errors=("AttributeError", "TypeError"), priority=15)
def none_value(ctx: Context) -> Hint | None:
    err = ctx.error
    if err is None:
        return None
    stmt, nodes = t.error_nodes(ctx)
    if err.type == "AttributeError" or err.is_a("AttributeError"):
        name, kind = info(ctx)
        if kind != "NoneType" or not name:
            return None
        names = [n.value for n in _attribute_nodes(ctx, name) if isinstance(n.value, ast.Name)]
    else:
        if "NoneType" not in (err.message or ""):
            return None
        locals_ = t.frame_locals(ctx)
        names = [n for n in nodes if isinstance(n, ast.Name) and locals_.get(n.id) == "None"]
    if err.type != "AttributeError" and not err.is_a("AttributeError"):
        # `print(double(4) + 1)`: the None comes straight from a call to one of the program's functions.
        for call in nodes:
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and isinstance(t.parents(stmt).get(call), ast.BinOp):
                origin = t.call_none_origin(ctx, call)
                if origin is not None:
                    names = [ast.Name(id=call.func.id, lineno=call.lineno, col_offset=call.col_offset)] + list(names)
                    break
    for node in names:
        var = node.id
        origin = t.none_origin(ctx, var, node.lineno) if not _is_function_name(ctx, var) else t.call_none_origin(
            ctx, ast.Call(func=ast.Name(id=var), args=[], keywords=[])
        )
        if origin is None:
            continue
        line, fix, reason = origin
        if reason == "in-place":
            title = f"Line {line}: this line changes the list itself and gives back nothing, so `{var}` becomes None."
            why = (
                f"Methods like `.append()` and `.sort()` change the list in place and give back None. "
                f"Writing `{var} = ...` in front of them throws the list away. Just call the method."
            )
        elif reason == "changes-itself":
            title = f"Line {line}: this changes `{var}` itself and gives back nothing, so `{var} =` turns it into None."
            why = (
                f"The method has no `return`, so it gives back None. Writing `{var} = ...` in front of it "
                f"throws `{var}` away. Just call the method."
            )
        elif reason == "kept-not-returned":
            title = f"Line {line}: the function works out its answer but never gives it back. Add `return`."
            why = "A function gives back a value only with `return`. Without it, the answer stays inside and you get None."
        else:
            shown = f"{var}(...)" if _is_function_name(ctx, var) else var
            title = f"Line {line}: this function shows its answer but does not give it back, so `{shown}` becomes None."
            why = "A function gives back a value only with `return`. `print` just shows it on the screen."
        return t.make_hint(ctx, "none-value", line, title, why, fix, confidence=0.85)
    return None


@diagnoser("length-attribute", errors=("AttributeError",), priority=18)
def length(ctx: Context) -> Hint | None:
    name, kind = info(ctx)
    if name not in _LENGTH or kind not in ("list", "str", "dict", "tuple", "set"):
        return None
    stmt, nodes = t.error_nodes(ctx)
    par = t.parents(stmt) if stmt is not None else {}
    for node in _attribute_nodes(ctx, name):
        inner = t.segment(ctx, node.value)
        if not inner:
            continue
        target: ast.AST = node
        parent = par.get(node)
        if isinstance(parent, ast.Call) and parent.func is node and not parent.args:
            target = parent  # friends.length() -> len(friends)
        fix = t.replace_node(ctx, target, f"len({inner})")
        line = node.lineno
        title = f"Line {line}: to count the things in `{inner}`, Python uses `len({inner})`, not `.{name}`."
        why = f"{_kind_words(kind).capitalize()} has no `.{name}`. The built-in helper `len()` counts how many things are inside."
        return t.make_hint(ctx, "length-attribute", line, title, why, fix, confidence=0.9)
    return None


def _class_attributes(ctx: Context, class_name: str) -> set[str]:
    tree = ctx.tree
    names: set[str] = set()
    if tree is None:
        return names
    todo = [class_name]
    seen = set()
    while todo:
        cname = todo.pop()
        if cname in seen:
            continue
        seen.add(cname)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name == cname:
                todo.extend(b.id for b in node.bases if isinstance(b, ast.Name))
                for item in ast.walk(node):
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        names.add(item.name)
                    elif isinstance(item, ast.Attribute) and isinstance(item.ctx, ast.Store) and isinstance(item.value, ast.Name) and item.value.id == "self":
                        names.add(item.attr)
                for item in node.body:
                    names.update(t.assigned_names(item))
    return names


def _module_of(ctx: Context, node: ast.Attribute) -> str | None:
    """For ``random.randInt``: the module ``random`` (following ``import x as y``)."""
    if not isinstance(node.value, ast.Name) or ctx.tree is None:
        return None
    alias_name = node.value.id
    for imp in ast.walk(ctx.tree):
        if isinstance(imp, ast.Import):
            for a in imp.names:
                if (a.asname or a.name) == alias_name:
                    return a.name
    return None


def _offered(ctx: Context, node: ast.Attribute, kind: str | None) -> set[str]:
    if kind in _TYPES:
        return {n for n in dir(_TYPES[kind]) if not n.startswith("_")}
    if kind == "module":
        module = _module_of(ctx, node)
        return public_names(module) if module else set()
    if kind and ctx.tree is not None:
        return _class_attributes(ctx, kind)
    return set()


@diagnoser("attribute-typo", errors=("AttributeError",), priority=20)
def typo(ctx: Context) -> Hint | None:
    name, kind = info(ctx)
    if not name or kind == "NoneType":
        return None
    for node in _attribute_nodes(ctx, name):
        offered = _offered(ctx, node, kind)
        if not offered:
            continue
        rights = [m.name for m in close_matches(name, offered)]
        if _SYNONYMS.get(name) in offered and _SYNONYMS[name] not in rights:
            rights.insert(0, _SYNONYMS[name])
        if not rights:
            continue
        line = node.end_lineno or node.lineno
        fixes = [t.rename_on_line(ctx, line, name, r, attribute=True) for r in rights[:3]]
        fixes = [f for f in fixes if f is not None]
        # A class attribute misspelled where it was made (self.nmae = ...) and used rightly elsewhere.
        if kind not in _TYPES and kind != "module":
            for right in rights[:1]:
                made = [
                    n
                    for n in ast.walk(ctx.tree)
                    if isinstance(n, ast.Attribute) and n.attr == right and isinstance(n.ctx, ast.Store)
                ]
                uses = [n for n in ast.walk(ctx.tree) if isinstance(n, ast.Attribute) and n.attr == name]
                if len(made) == 1 and len(uses) >= 2:
                    fix = t.rename_on_line(ctx, made[0].lineno, right, name, attribute=True)
                    if fix:
                        fixes.insert(0, fix)
        if not fixes:
            continue
        right = rights[0]
        where = _module_of(ctx, node) if kind == "module" else None
        owner = f"`{where}`" if where else _kind_words(kind)
        hint_line = fixes[0].start_line
        title = f"Line {hint_line}: check the spelling of `.{name}`. Did you mean `.{right}`?"
        why = (
            f"{owner[0].upper() + owner[1:]} has `.{right}`, but no `.{name}`. After the dot, the name must "
            "be spelled exactly, capitals too."
        )
        return t.make_hint(ctx, "attribute-typo", hint_line, title, why, fixes[0], fixes[1:], confidence=0.8)
    return None


_LIST_METHODS = {"append", "extend", "insert", "pop", "remove", "sort", "reverse"}


@diagnoser("method-on-wrong-type", errors=("AttributeError",), priority=22)
def wrong_type(ctx: Context) -> Hint | None:
    name, kind = info(ctx)
    if not name or kind not in ("str", "int", "float") or name not in _LIST_METHODS:
        return None
    for node in _attribute_nodes(ctx, name):
        if not isinstance(node.value, ast.Name):
            continue
        var = node.value.id
        fixes: list[Fix] = []
        made = t.value_source(ctx, var, node.lineno)
        if made is not None:
            stmt, value = made
            if isinstance(value, ast.Constant) and value.value in ("", 0, 0.0) and stmt.lineno == stmt.end_lineno:
                fix = t.replace_node(ctx, value, "[]")
                if fix:
                    fixes.append(fix)
            elif isinstance(value, ast.Constant) and isinstance(value.value, str) and stmt.lineno == stmt.end_lineno:
                # `names = "Amy"` then `names.append(...)`: a list with "Amy" in it was meant.
                text = t.segment(ctx, value)
                fix = t.replace_node(ctx, value, f"[{text}]") if text else None
                if fix:
                    fixes.append(fix)
        if not fixes:
            continue
        line = fixes[0].start_line
        if fixes[0].replacement.strip().endswith("[]"):
            title = f"Line {line}: `{var}` starts as {_kind_words(kind)}, but `.{name}` is for lists. Should it start as an empty list `[]`?"
        else:
            title = f"Line {line}: `{var}` starts as {_kind_words(kind)}, but `.{name}` is for lists. Put square brackets `[ ]` around it."
        why = f"`.{name}()` only works on a list. `{var}` was made as {_kind_words(kind)}, so Python cannot `.{name}` to it."
        return t.make_hint(ctx, "method-on-wrong-type", line, title, why, fixes[0], fixes[1:], confidence=0.6)
    return None


@diagnoser("dict-dot-key", errors=("AttributeError",), priority=19)
def dict_dot_key(ctx: Context) -> Hint | None:
    """``pet.name`` on a dictionary that has the key "name": use ``pet["name"]``."""
    name, kind = info(ctx)
    if kind != "dict" or not name:
        return None
    locals_ = t.frame_locals(ctx)
    for node in _attribute_nodes(ctx, name):
        if not isinstance(node.value, ast.Name):
            continue
        value = t.value_of(locals_.get(node.value.id))
        if not isinstance(value, dict) or name not in value:
            continue
        fix = t.replace_node(ctx, node, f'{node.value.id}["{name}"]')
        line = node.lineno
        title = f"Line {line}: to get \"{name}\" out of the dictionary `{node.value.id}`, write `{node.value.id}[\"{name}\"]`."
        why = "A dictionary keeps its values under keys. You reach a key with square brackets and quotes, not with a dot."
        return t.make_hint(ctx, "dict-dot-key", line, title, why, fix, confidence=0.85)
    return None


@diagnoser("attribute-never-stored", errors=("AttributeError",), priority=17)
def never_stored(ctx: Context) -> Hint | None:
    """``name = name`` in ``__init__`` instead of ``self.name = name``: the value is never kept."""
    name, kind = info(ctx)
    tree = ctx.tree
    if not name or tree is None or kind in _TYPES or kind in ("module", "NoneType"):
        return None
    for cls in ast.walk(tree):
        if not (isinstance(cls, ast.ClassDef) and cls.name == kind):
            continue
        if name in _class_attributes(ctx, cls.name) and _made_fresh(cls, name):
            return None
        for method in cls.body:
            if not isinstance(method, ast.FunctionDef) or not method.args.args or method.args.args[0].arg != "self":
                continue
            for node in ast.walk(method):
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and node.targets[0].id == name:
                    target = node.targets[0]
                    fix = t.replace_node(ctx, target, f"self.{name}")
                    if fix is None:
                        continue
                    line = node.lineno
                    title = f"Line {line}: to keep `{name}` inside the thing, write `self.{name} = ...`."
                    why = (
                        f"`{name} = ...` on its own makes a name that disappears when `{method.name}` ends. "
                        f"`self.{name}` stores it on the thing, so other methods can find it later."
                    )
                    return t.make_hint(ctx, "attribute-never-stored", line, title, why, fix, confidence=0.85)
    return None


def _made_fresh(cls: ast.ClassDef, name: str) -> bool:
    """True when some method stores ``self.<name>`` without needing its old value first
    (``self.stars = self.stars - 1`` and ``self.stars -= 1`` only change a value made elsewhere)."""
    for node in ast.walk(cls):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return True
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for tg in ast.walk(target):
                    if isinstance(tg, ast.Attribute) and isinstance(tg.ctx, ast.Store) and tg.attr == name \
                            and isinstance(tg.value, ast.Name) and tg.value.id == "self":
                        reads_old = node.value is not None and any(
                            isinstance(r, ast.Attribute) and r.attr == name and isinstance(r.value, ast.Name) and r.value.id == "self"
                            for r in ast.walk(node.value)
                        )
                        if not reads_old:
                            return True
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store) and node in cls.body:
            return True
    # Class-level `stars = 5` counts too.
    for item in cls.body:
        if isinstance(item, ast.Assign) and any(isinstance(tg, ast.Name) and tg.id == name for tg in item.targets):
            return True
    return False
