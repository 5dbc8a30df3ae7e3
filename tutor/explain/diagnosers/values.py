"""ValueError: the right kind of value, but one Python cannot use here.

Usual reasons: ``int("3.5")`` (a decimal number: ``float``), ``int("ten")`` (the words typed, or
the wrong answer read), ``lst.remove("Milk")`` when the list holds ``"milk"``, unpacking the wrong
number of values, and ``math.sqrt`` of a negative number.
"""

from __future__ import annotations

import ast
import re

from ..context import Context
from ..hint import Hint
from ..registry import diagnoser
from ..spelling import close_matches
from . import _tools as t

_INT_LITERAL = re.compile(r"invalid literal for int\(\) with base \d+: (.*)$")


@diagnoser("int-of-decimal", errors=("ValueError",), priority=20)
def int_of_decimal(ctx: Context) -> Hint | None:
    err = ctx.error
    m = _INT_LITERAL.search(err.message or "") if err else None
    if not m:
        return None
    value = t.value_of(m.group(1))
    if not isinstance(value, str):
        return None
    try:
        float(value.strip())
        is_decimal = True
    except ValueError:
        is_decimal = False
    stmt, nodes = t.error_nodes(ctx)
    calls = [n for n in nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "int"]
    line = calls[0].lineno if calls else t.error_line(ctx) or 1
    if is_decimal and calls:
        fix = t.replace_node(ctx, calls[0].func, "float")
        title = f"Line {line}: {value.strip()!r} has a decimal point, and `int()` only reads whole numbers. Use `float()`."
        why = "`int()` understands \"3\" but not \"3.5\". `float()` understands numbers with a decimal point."
        return t.make_hint(ctx, "int-of-decimal", line, title, why, fix, confidence=0.7)
    shown = value if len(value) <= 20 else value[:17] + "..."
    if value.strip() == "":
        title = f"Line {line}: `int()` got nothing to read: the answer was empty. Type a number, then press Enter."
    else:
        title = f"Line {line}: `int()` can only read digits, like \"12\", but it got \"{shown}\"."
    why = (
        "`int()` turns text made of digits into a number. Words, spaces inside, or an empty answer "
        "cannot be turned into a number. Check what was typed, and which question this line reads."
    )
    return t.make_hint(ctx, "int-of-decimal", line, title, why, confidence=0.5)


@diagnoser("not-in-list", errors=("ValueError",), priority=22)
def not_in_list(ctx: Context) -> Hint | None:
    err = ctx.error
    if err is None or "not in list" not in (err.message or ""):
        return None
    stmt, nodes = t.error_nodes(ctx)
    locals_ = t.frame_locals(ctx)
    for call in nodes:
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in ("remove", "index") and call.args):
            continue
        holder = call.func.value
        items = t.value_of(locals_.get(holder.id)) if isinstance(holder, ast.Name) else t.MISSING
        arg = call.args[0]
        line = call.lineno
        name = t.segment(ctx, holder) or "the list"
        if isinstance(items, list) and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            texts = [x for x in items if isinstance(x, str)]
            matches = [x for x in texts if x.lower().strip() == arg.value.lower().strip()] or [m.name for m in close_matches(arg.value, texts)]
            if matches:
                right = matches[0]
                fix = t.replace_node(ctx, arg, repr(right) if '"' in right else f'"{right}"')
                title = f"Line {line}: `{name}` has \"{right}\", not \"{arg.value}\". Spelling and capitals must match exactly."
                why = f"`.{call.func.attr}()` looks for exactly the same text. \"{arg.value}\" and \"{right}\" look alike, but to Python they are different."
                return t.make_hint(ctx, "not-in-list", line, title, why, fix, confidence=0.85)
        title = f"Line {line}: `.{call.func.attr}()` looked for something that is not in `{name}`."
        why = f"Before line {line}, check what `{name}` holds, for example with `print({name})`. You can test first with `if ... in {name}:`."
        return t.make_hint(ctx, "not-in-list", line, title, why, confidence=0.4)
    return None


@diagnoser("unpacking", errors=("ValueError",), priority=25)
def unpacking(ctx: Context) -> Hint | None:
    err = ctx.error
    if err is None or "values to unpack" not in (err.message or ""):
        return None
    line = t.error_line(ctx) or 1
    m = re.search(r"expected (\d+)", err.message)
    want = m.group(1) if m else "a different number of"
    split_hint = _split_separator(ctx)
    if split_hint is not None:
        return split_hint
    title = f"Line {line}: the names on the left and the values on the right do not match in number."
    why = (
        f"Python wanted {want} values to share out, one for each name on the left of `=`, but got a "
        "different number. Check how many values there really are."
    )
    return t.make_hint(ctx, "unpacking", line, title, why, confidence=0.4)


_SEPARATORS = (",", " ", None, ", ", ";", "-", ":", "/", "x", "|")


def _split_separator(ctx: Context) -> Hint | None:
    """``x, y = "3,7".split(" ")``: the text is cut at the wrong mark. Find the mark that gives
    exactly as many pieces as there are names on the left."""
    stmt, _ = t.error_nodes(ctx)
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], (ast.Tuple, ast.List))):
        return None
    call = stmt.value
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "split" and len(call.args) <= 1 and not call.keywords):
        return None
    if call.args and not (isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
        return None
    wanted = len(stmt.targets[0].elts)
    old_sep = call.args[0].value if call.args else None
    holder = call.func.value
    text = None
    if isinstance(holder, ast.Constant) and isinstance(holder.value, str):
        text = holder.value
    elif isinstance(holder, ast.Name):
        value = t.value_of(t.frame_locals(ctx).get(holder.id))
        if isinstance(value, str):
            text = value
    if text is None:
        return None
    fixes = []
    head = t.segment(ctx, call.func)
    if not head:
        return None
    for sep in _SEPARATORS:
        if sep == old_sep or (sep is not None and sep not in text):
            continue
        if len(text.split(sep)) != wanted:
            continue
        new_call = f"{head}()" if sep is None else f"{head}({sep!r})".replace("'", '"') if '"' not in sep else f"{head}({sep!r})"
        fix = t.replace_node(ctx, call, new_call)
        if fix is not None:
            fixes.append((sep, fix))
    if not fixes:
        return None
    sep, fix = fixes[0]
    line = call.lineno
    mark = "spaces" if sep is None else f'"{sep}"'
    title = f"Line {line}: the text is cut up in the wrong places. Cut it at {mark} instead."
    why = (
        f"`.split()` cuts the text wherever it finds the mark in its brackets. {text!r} needs cutting at {mark} "
        f"to give {wanted} pieces, one for each name on the left."
    )
    return t.make_hint(ctx, "unpacking", line, title, why, fix, [f for _, f in fixes[1:]], confidence=0.75)


@diagnoser("math-domain", errors=("ValueError",), priority=24)
def math_domain(ctx: Context) -> Hint | None:
    err = ctx.error
    if err is None or "math domain error" not in (err.message or ""):
        return None
    stmt, nodes = t.error_nodes(ctx)
    for call in nodes:
        if isinstance(call, ast.Call) and t.call_name(call) in ("sqrt", "isqrt") and call.args:
            line = call.lineno
            fixes = []
            for sub in ast.walk(call.args[0]):
                if isinstance(sub, ast.BinOp) and isinstance(sub.op, ast.Sub):
                    fix = t.replace_op(ctx, sub.left, sub.right, ["-"], "+")
                    if fix:
                        fixes.append(fix)
                    break
            title = f"Line {line}: `sqrt` got a number below zero. Check the sum inside its brackets."
            why = "A square root needs a number that is zero or more. Look at each `+` and `-` inside the brackets: is one the wrong way round?"
            return t.make_hint(ctx, "math-domain", line, title, why, fixes[0] if fixes else None, fixes[1:], confidence=0.6)
    return None
