"""ZeroDivisionError: dividing by zero.

The division is rarely where the fix belongs. Usually the number divided by is a count or a list
length that stayed at 0, because the ``if`` that should have added to it was never true. The hint
points at that ``if`` (or at wherever the zero came from).
"""

from __future__ import annotations

import ast

from ..context import Context
from ..hint import Fix, Hint
from ..registry import diagnoser
from . import _tools as t


def _divisors(nodes: list[ast.AST]) -> list[ast.AST]:
    return [n.right for n in nodes if isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Div, ast.FloorDiv, ast.Mod))] + [
        n.value for n in nodes if isinstance(n, ast.AugAssign) and isinstance(n.op, (ast.Div, ast.FloorDiv, ast.Mod))
    ]


def _guarding_if(ctx: Context, grows: list[ast.AST]) -> ast.If | None:
    """The ``if`` around the statements that make the count or the list grow."""
    tree = ctx.tree
    if tree is None or not grows:
        return None
    ifs = [n for n in ast.walk(tree) if isinstance(n, ast.If)]
    for grow in grows:
        around = [
            i
            for i in ifs
            if any(s.lineno <= grow.lineno <= (s.end_lineno or s.lineno) for s in i.body)  # type: ignore[attr-defined]
        ]
        if around:
            return max(around, key=lambda i: i.lineno)
    return None


def _growers(ctx: Context, name: str) -> list[ast.AST]:
    tree = ctx.tree
    if tree is None:
        return []
    out: list[ast.AST] = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("append", "extend", "insert", "add"):
            if isinstance(n.func.value, ast.Name) and n.func.value.id == name:
                out.append(n)
        elif isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name) and n.target.id == name:
            out.append(n)
    return out


@diagnoser("divide-by-zero", errors=("ZeroDivisionError",), priority=20)
def divide_by_zero(ctx: Context) -> Hint | None:
    line = t.error_line(ctx)
    if line is None:
        return None
    stmt, nodes = t.error_nodes(ctx)
    locals_ = t.frame_locals(ctx)
    for div in _divisors(nodes):
        shown = t.segment(ctx, div) or "the number"
        name = None
        if isinstance(div, ast.Name):
            name = div.id
            src = t.value_source(ctx, name, line)
            if src is not None and isinstance(src[1], ast.Call) and t.call_name(src[1]) == "len" and src[1].args:
                arg = src[1].args[0]
                if isinstance(arg, ast.Name):
                    name = arg.id
        elif isinstance(div, ast.Call) and t.call_name(div) == "len" and div.args and isinstance(div.args[0], ast.Name):
            name = div.args[0].id
        loop_hint = _range_from_zero(ctx, div, line)
        if loop_hint is not None:
            return loop_hint
        if name:
            guard = _guarding_if(ctx, _growers(ctx, name))
            if guard is not None:
                at = guard.lineno
                test = t.segment(ctx, guard.test) or "the test"
                title = f"Line {at}: `{test}` was never true, so `{name}` stayed empty, and line {line} divides by zero."
                why = (
                    f"`{shown}` is 0 when line {line} runs. `{name}` only grows when `{test}` is true, and it never "
                    f"was. Check the numbers and signs in the test on line {at}."
                )
                fixes = _numbers_from_notes(ctx, guard.test)
                return t.make_hint(ctx, "divide-by-zero", at, title, why, fixes[0] if fixes else None, fixes[1:], confidence=0.7)
            counted = _count_fixes(ctx, name, line)
            if counted:
                at, fix, story = counted[0]
                if story == "no-effect":
                    title = f"Line {at}: this line works out `{name}` plus something, but does not keep the answer. Use `=` to store it."
                    why = f"`{t.segment(ctx, t.stmt_at(ctx, at)) or name}` works out a number and throws it away, so `{name}` stays 0 and line {line} divides by zero."
                else:
                    title = f"Line {at}: `{name}` never goes up, so it is still 0 on line {line}. Add 1 to it each time round the loop."
                    why = f"`{name}` starts at 0 and nothing in the loop changes it. Dividing by 0 has no answer, so Python stops."
                return t.make_hint(ctx, "divide-by-zero", at, title, why, fix, [f for _, f, _ in counted[1:]], confidence=0.65)
            made = t.value_source(ctx, name, line)
            if made is not None and isinstance(div, ast.Name):
                at = made[0].lineno
                title = f"Line {at}: `{name}` is 0 when line {line} divides by it, and nothing can be divided by zero."
                why = f"`{name}` gets its value on line {at} and is still 0 on line {line}. Should it have changed in between?"
                return t.make_hint(ctx, "divide-by-zero", at, title, why, confidence=0.5)
        title = f"Line {line}: `{shown}` is zero here, and nothing can be divided by zero."
        why = f"Dividing by 0 has no answer, so Python stops. Check where `{shown}` gets its value, or check it is not 0 before dividing."
        return t.make_hint(ctx, "divide-by-zero", line, title, why, confidence=0.4)
    _ = locals_
    return None


def _range_from_zero(ctx: Context, div: ast.AST, line: int) -> Hint | None:
    """``for n in range(4): total // n``: ``range`` starts at 0, so the first turn divides by 0."""
    if not isinstance(div, ast.Name) or ctx.tree is None:
        return None
    loops = [
        n
        for n in ast.walk(ctx.tree)
        if isinstance(n, ast.For)
        and isinstance(n.target, ast.Name)
        and n.target.id == div.id
        and n.lineno < line <= (n.end_lineno or n.lineno)
        and isinstance(n.iter, ast.Call)
        and t.call_name(n.iter) == "range"
    ]
    if not loops:
        return None
    loop = max(loops, key=lambda n: n.lineno)
    args = loop.iter.args  # type: ignore[attr-defined]
    fixes = []
    if len(args) == 1:
        stop = args[0]
        text = t.segment(ctx, stop)
        if text:
            if isinstance(stop, ast.Constant) and isinstance(stop.value, int):
                fixes.append(t.replace_node(ctx, loop.iter, f"range(1, {stop.value + 1})"))
            else:
                fixes.append(t.replace_node(ctx, loop.iter, f"range(1, {text} + 1)"))
            fixes.append(t.replace_node(ctx, loop.iter, f"range(1, {text})"))
    elif len(args) >= 2 and isinstance(args[0], ast.Constant) and args[0].value == 0:
        fixes.append(t.replace_node(ctx, args[0], "1"))
    else:
        return None
    fixes = [f for f in fixes if f is not None]
    at = loop.lineno
    title = f"Line {at}: `range` starts counting at 0, so the first time round, `{div.id}` is 0, and nothing can be divided by 0."
    why = "`range(4)` gives 0, 1, 2, 3. To count 1, 2, 3, 4, write `range(1, 5)`: it starts at 1 and stops before 5."
    return t.make_hint(ctx, "divide-by-zero", at, title, why, fixes[0] if fixes else None, fixes[1:], confidence=0.8)


def _count_fixes(ctx: Context, name: str, line: int) -> list[tuple[int, Fix, str]]:
    """A count that stayed 0: ``games + 1`` on its own (works it out, keeps nothing) becomes
    ``games = games + 1``; or a loop before the division adds up something else but never counts."""
    tree = ctx.tree
    out: list[tuple[int, Fix, str]] = []
    if tree is None:
        return out
    made = t.value_source(ctx, name, line)
    if made is None or not (isinstance(made[1], ast.Constant) and made[1].value == 0):
        return out
    start = made[0].lineno
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Expr)
            and start < node.lineno < line
            and node.lineno == node.end_lineno
            and isinstance(node.value, ast.BinOp)
            and isinstance(node.value.left, ast.Name)
            and node.value.left.id == name
            and isinstance(node.value.op, (ast.Add, ast.Sub))
        ):
            text = t.segment(ctx, node.value)
            if text:
                indent = t.indent_of(ctx.line_text(node.lineno))
                out.append((node.lineno, Fix.replace_line(node.lineno, f"{indent}{name} = {text}"), "no-effect"))
    if out:
        return out
    for loop in ast.walk(tree):
        if not (isinstance(loop, ast.For) and start < loop.lineno and (loop.end_lineno or loop.lineno) < line):
            continue
        if any(name in t.assigned_names(n) for n in ast.walk(loop) if isinstance(n, ast.stmt)):
            continue
        adds = any(isinstance(n, ast.AugAssign) and isinstance(n.op, ast.Add) for n in ast.walk(loop)) or any(
            isinstance(n, ast.Assign) and isinstance(n.value, ast.BinOp) and isinstance(n.value.op, ast.Add)
            and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) and isinstance(n.value.left, ast.Name)
            and n.value.left.id == n.targets[0].id
            for n in ast.walk(loop)
        )
        if not adds:
            continue
        last = loop.body[-1]
        where = (last.end_lineno or last.lineno) + 1
        indent = t.indent_of(ctx.line_text(last.lineno))
        out.append((where, Fix.insert_before(where, f"{indent}{name} = {name} + 1"), "never-counted"))
    return out


def _numbers_from_notes(ctx: Context, test: ast.AST) -> list[Fix]:
    """The program's own notes (comments) say "more than 25", but the test says 250: the number
    in the note, where it looks like a typing slip (a digit too many or too few)."""
    import io
    import re
    import tokenize

    noted: list[str] = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(ctx.source).readline):
            if tok.type == tokenize.COMMENT:
                noted += re.findall(r"(?<![\w.])\d+(?![\w.])", tok.string)
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return []
    fixes: list[Fix] = []
    for node in ast.walk(test):
        if not (isinstance(node, ast.Constant) and type(node.value) is int):
            continue
        have = str(node.value)
        for note in dict.fromkeys(noted):
            if note == have:
                break  # the test already says what the note says
        else:
            for note in dict.fromkeys(noted):
                if note != have and (note in have or have in note) and abs(len(note) - len(have)) == 1:
                    fix = t.replace_node(ctx, node, note)
                    if fix is not None:
                        fixes.append(fix)
    return fixes
