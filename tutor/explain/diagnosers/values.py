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
    title = f"Line {line}: the names on the left and the values on the right do not match in number."
    why = (
        f"Python wanted {want} values to share out, one for each name on the left of `=`, but got a "
        "different number. Check how many values there really are."
    )
    return t.make_hint(ctx, "unpacking", line, title, why, confidence=0.4)


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
