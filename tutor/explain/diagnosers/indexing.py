"""IndexError and KeyError: asking a list for a place it does not have, or a dictionary for a key
it does not hold.

IndexError is nearly always "off by one": ``range(len(x) + 1)``, ``x[len(x)]``, ``while i <= len(x)``,
``while len(x) >= 0``, or a position typed by a person who counts from 1. KeyError: the key's
capitals or spaces differ (fix where the text is read), a misspelled key, or counting with
``d[k] += 1`` before the key exists.
"""

from __future__ import annotations

import ast

from ..context import Context
from ..hint import Fix, Hint
from ..registry import diagnoser
from ..spelling import close_matches
from . import _tools as t


def _loops_around(ctx: Context, line: int) -> list[ast.While | ast.For]:
    tree = ctx.tree
    if tree is None:
        return []
    found = [
        n
        for n in ast.walk(tree)
        if isinstance(n, (ast.While, ast.For)) and n.lineno <= line <= (n.end_lineno or n.lineno)
    ]
    return sorted(found, key=lambda n: -n.lineno)  # innermost first


def _uses_len(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "len" for n in ast.walk(node))


def _loop_fixes(ctx: Context, line: int) -> list[Fix]:
    fixes: list[Fix] = []
    for loop in _loops_around(ctx, line):
        if isinstance(loop, ast.While) and isinstance(loop.test, ast.Compare) and len(loop.test.ops) == 1:
            op = loop.test.ops[0]
            left, right = loop.test.left, loop.test.comparators[0]
            if isinstance(op, (ast.GtE, ast.LtE)) and (_uses_len(loop.test) or isinstance(right, ast.Constant)):
                new = ">" if isinstance(op, ast.GtE) else "<"
                fix = t.replace_op(ctx, left, right, [">=", "<="], new)
                if fix:
                    fixes.append(fix)
        if isinstance(loop, ast.For) and isinstance(loop.iter, ast.Call) and t.call_name(loop.iter) == "range":
            args = loop.iter.args
            # range(1, len(x) + 1) used as places: range(len(x)) walks the places 0..len-1.
            if len(args) == 2 and isinstance(args[0], ast.Constant) and args[0].value == 1 and isinstance(args[1], ast.BinOp) \
                    and isinstance(args[1].op, ast.Add) and _uses_len(args[1].left):
                inner = t.segment(ctx, args[1].left)
                fix = t.replace_node(ctx, loop.iter, f"range({inner})") if inner else None
                if fix:
                    fixes.append(fix)
            # x[i + 1] inside "for i in range(len(x))": stop one place earlier.
            if len(args) == 1 and isinstance(args[0], ast.Call) and t.call_name(args[0]) == "len" and isinstance(loop.target, ast.Name):
                var = loop.target.id
                ahead = any(
                    isinstance(n, ast.Subscript) and isinstance(n.slice, ast.BinOp) and isinstance(n.slice.op, ast.Add)
                    and isinstance(n.slice.left, ast.Name) and n.slice.left.id == var
                    for n in ast.walk(loop)
                )
                inner = t.segment(ctx, args[0])
                if ahead and inner:
                    fix = t.replace_node(ctx, args[0], f"{inner} - 1")
                    if fix:
                        fixes.append(fix)
            for arg in loop.iter.args:
                if (
                    isinstance(arg, ast.BinOp)
                    and isinstance(arg.op, ast.Add)
                    and isinstance(arg.right, ast.Constant)
                    and arg.right.value == 1
                    and _uses_len(arg.left)
                ):
                    inner = t.segment(ctx, arg.left)
                    if inner:
                        fix = t.replace_node(ctx, arg, inner)
                        if fix:
                            fixes.append(fix)
    fixes.extend(_delete_while_counting_fixes(ctx, line))
    return fixes


def _delete_while_counting_fixes(ctx: Context, line: int) -> list[Fix]:
    """``for i in range(len(x)):`` with ``del x[i]`` (or ``x.pop(i)``) inside: the list gets
    shorter while the loop still counts to the old length. Going backwards keeps the places right."""
    fixes: list[Fix] = []
    for loop in _loops_around(ctx, line):
        if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and isinstance(loop.iter, ast.Call)
                and t.call_name(loop.iter) == "range" and len(loop.iter.args) == 1):
            continue
        arg = loop.iter.args[0]
        if not (isinstance(arg, ast.Call) and t.call_name(arg) == "len" and len(arg.args) == 1 and isinstance(arg.args[0], ast.Name)):
            continue
        holder = arg.args[0].id
        shrinks = False
        for n in ast.walk(loop):
            if isinstance(n, ast.Delete):
                shrinks |= any(isinstance(tg, ast.Subscript) and isinstance(tg.value, ast.Name) and tg.value.id == holder for tg in n.targets)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "pop" \
                    and isinstance(n.func.value, ast.Name) and n.func.value.id == holder and n.args:
                shrinks = True
        inner = t.segment(ctx, arg)
        if shrinks and inner:
            fix = t.replace_node(ctx, loop.iter, f"range({inner} - 1, -1, -1)")
            if fix:
                fixes.append(fix)
    return fixes


def _index_fixes(ctx: Context, nodes: list[ast.AST]) -> list[tuple[Fix, str]]:
    """Fixes for the position itself: ``x[len(x)]`` -> ``x[len(x) - 1]``; a typed position
    counted from 1 -> ``int(input(...)) - 1`` where it is read."""
    out: list[tuple[Fix, str]] = []
    locals_ = t.frame_locals(ctx)
    for node in nodes:
        if not isinstance(node, ast.Subscript) or isinstance(node.slice, ast.Slice):
            continue
        index = node.slice
        if isinstance(index, ast.Call) and t.call_name(index) == "len":
            text = t.segment(ctx, index)
            fix = t.replace_node(ctx, index, f"{text} - 1") if text else None
            if fix:
                out.append((fix, "len"))
        if isinstance(index, ast.Constant) and isinstance(index.value, int) and not isinstance(index.value, bool) \
                and isinstance(node.value, ast.Name):
            # `runners[4]` in a list of 4: places go 0..3, so the last is one less.
            held = t.value_of(locals_.get(node.value.id))
            if isinstance(held, (list, tuple, str)) and held and index.value == len(held):
                fix = t.replace_node(ctx, index, str(index.value - 1))
                if fix:
                    out.append((fix, "len"))
        if isinstance(index, ast.Name) and isinstance(t.value_of(locals_.get(index.id)), int):
            src = t.value_source(ctx, index.id, node.lineno)
            if src is None:
                continue
            stmt, value = src
            # `pick = random.randint(0, len(cards))`: randint can give the last number too.
            if isinstance(value, ast.Call) and t.call_name(value) == "randint" and len(value.args) == 2:
                top = value.args[1]
                if isinstance(top, ast.Call) and t.call_name(top) == "len":
                    text = t.segment(ctx, top)
                    fix = t.replace_node(ctx, top, f"{text} - 1") if text else None
                    if fix:
                        out.append((fix, "len"))
            if isinstance(value, ast.Call) and t.call_name(value) == "int" and value.args and t.is_input_call(value.args[0]):
                text = t.segment(ctx, value)
                fix = t.replace_node(ctx, value, f"{text} - 1") if text else None
                if fix:
                    out.append((fix, "typed"))
    # A neighbour already written "int(input(...)) - 1" makes the typed-position fix very likely.
    return out


@diagnoser("off-by-one", errors=("IndexError",), priority=20)
def off_by_one(ctx: Context) -> Hint | None:
    line = t.error_line(ctx)
    if line is None:
        return None
    stmt, nodes = t.error_nodes(ctx)
    index_fixes = _index_fixes(ctx, nodes)
    loop_fixes = _loop_fixes(ctx, line)
    typed = [f for f, why in index_fixes if why == "typed"]
    lens = [f for f, why in index_fixes if why == "len"]
    fixes = loop_fixes + lens + typed
    if typed and any("- 1" in ln for ln in ctx.lines):
        fixes = typed + loop_fixes + lens
    if not fixes:
        return None
    first = fixes[0]
    at = first.start_line
    if first in _delete_while_counting_fixes(ctx, line):
        title = f"Line {at}: the list gets shorter while this loop counts along it. Count backwards, from the end."
        why = (
            "Taking something out moves everything after it one place down, so the list runs out before the "
            "loop does. Going from the last place back to 0 keeps every place right."
        )
    elif first in typed:
        title = f"Line {at}: people count from 1, but Python counts list places from 0. Take 1 away from the number typed."
        why = "In a list of 3 things, Python's places are 0, 1 and 2. When someone types 3, the place Python needs is 2."
    elif first in loop_fixes:
        title = f"Line {at}: the loop goes one step too far. Check where it stops."
        why = (
            "A list with 5 things has places 0 to 4. The last time round, this loop asks for a place the list does "
            "not have. Stopping one step earlier fixes it."
        )
    else:
        title = f"Line {at}: `len()` counts the things, but the last place is one less, because places start at 0."
        why = "A list with 5 things has places 0, 1, 2, 3 and 4. Place 5 does not exist."
    return t.make_hint(ctx, "off-by-one", at, title, why, first, fixes[1:], confidence=0.75)


@diagnoser("empty-list", errors=("IndexError",), priority=40)
def empty_list(ctx: Context) -> Hint | None:
    line = t.error_line(ctx)
    if line is None:
        return None
    title = f"Line {line}: the program asks the list for a place it does not have. Is the list shorter than you think?"
    why = (
        "List places start at 0, so the last place is one less than the length. Try `print(len(...))` just before "
        f"line {line} to see how long the list really is."
    )
    return t.make_hint(ctx, "empty-list", line, title, why, confidence=0.3)


def _dict_keys(ctx: Context, holder: ast.AST) -> list | None:
    if not isinstance(holder, ast.Name):
        return None
    value = t.value_of(t.frame_locals(ctx).get(holder.id))
    if isinstance(value, dict):
        return list(value)
    return None


_CHANGES = (("lower", str.lower), ("strip", str.strip), ("title", str.title), ("upper", str.upper), ("capitalize", str.capitalize))


@diagnoser("key-missing", errors=("KeyError",), priority=20)
def key_missing(ctx: Context) -> Hint | list[Hint] | None:
    err = ctx.error
    if err is None:
        return None
    key = t.value_of(err.details.get("key")) if "key" in err.details else t.MISSING
    stmt, nodes = t.error_nodes(ctx)
    if stmt is None:
        return None
    subs = [n for n in nodes if isinstance(n, ast.Subscript) and not isinstance(n.slice, ast.Slice)]
    # Counting: counts[word] += 1 before counts has that word.
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Subscript) and isinstance(stmt.op, (ast.Add, ast.Sub)):
        target = stmt.target
        d, k, v = (t.segment(ctx, target.value), t.segment(ctx, target.slice), t.segment(ctx, stmt.value))
        if d and k and v and stmt.lineno == stmt.end_lineno:
            sign = "+" if isinstance(stmt.op, ast.Add) else "-"
            text = f"{t.indent_of(ctx.line_text(stmt.lineno))}{d}[{k}] = {d}.get({k}, 0) {sign} {v}"
            fix = Fix.replace_line(stmt.lineno, text)
            line = stmt.lineno
            title = f"Line {line}: the first time `{k}` comes along, `{d}` has no count for it yet, so there is nothing to add to."
            why = f"`{d}.get({k}, 0)` gives the count so far, or 0 when there is none yet. Then add to that."
            return t.make_hint(ctx, "key-missing", line, title, why, fix, confidence=0.85)
    for sub in subs:
        if key is not t.MISSING and isinstance(sub.slice, ast.Constant) and sub.slice.value != key:
            continue  # another lookup on the same line, which worked
        keys = _dict_keys(ctx, sub.value)
        if keys is None:
            continue
        line = sub.lineno
        name = t.segment(ctx, sub.value) or "the dictionary"
        if isinstance(key, str):
            text_keys = [k for k in keys if isinstance(k, str)]
            for method, change in _CHANGES:
                if change(key) in text_keys and change(key) != key:
                    fixes: list[Fix] = []
                    where = line
                    if isinstance(sub.slice, ast.Name):
                        src = t.value_source(ctx, sub.slice.id, sub.lineno)
                        if src is not None and t.is_input_call(src[1]):
                            value_text = t.segment(ctx, src[1])
                            fix = t.replace_node(ctx, src[1], f"{value_text}.{method}()") if value_text else None
                            if fix:
                                fixes.append(fix)
                                where = fix.start_line
                        elif src is not None and isinstance(src[1], ast.Constant) and src[1].value == key:
                            # `animal = "Duck"` written by hand: write it the way the keys are.
                            fix = t.replace_node(ctx, src[1], _quoted(change(key)))
                            if fix:
                                fixes.append(fix)
                                where = fix.start_line
                    inner = t.segment(ctx, sub.slice)
                    if isinstance(sub.slice, ast.Constant):
                        right = change(key)
                        fix = t.replace_node(ctx, sub.slice, repr(right) if '"' in right else f'"{right}"')
                        if fix:
                            fixes.append(fix)
                    elif inner:
                        fix = t.replace_node(ctx, sub.slice, f"{inner}.{method}()")
                        if fix:
                            fixes.append(fix)
                    title = f"Line {where}: \"{key}\" and \"{change(key)}\" look alike, but capitals and spaces count. Try `.{method}()`."
                    why = (
                        f"`{name}` has the key \"{change(key)}\", but the program asked for \"{key}\". "
                        f"`.{method}()` changes the text so it matches the keys."
                    )
                    return t.make_hint(ctx, "key-missing", where, title, why, fixes[0] if fixes else None, fixes[1:], confidence=0.8)
            close = close_matches(key, text_keys)
            if close:
                right = close[0].name
                fixes = _key_spelling_fixes(ctx, sub, key, right)
                if fixes:
                    # One hint per place the spelling could be mended, each naming its own line:
                    # the engine keeps the first whose edit really works.
                    hints = []
                    for k, fix in enumerate(fixes):
                        at = fix.start_line
                        title = f"Line {at}: \"{key}\" and \"{right}\" are spelled differently. A key must match exactly."
                        why = (
                            f"The program asks `{name}` for \"{key}\", but `{name}` has \"{right}\". "
                            "Make the two spellings the same."
                        )
                        hints.append(t.make_hint(ctx, "key-missing", at, title, why, fix, confidence=0.8 - 0.01 * k))
                    return hints
        shown = ", ".join(repr(k) for k in keys[:5]) + (", ..." if len(keys) > 5 else "")
        what = repr(key) if key is not t.MISSING else "that key"
        title = f"Line {line}: `{name}` has no key {what}. Check which keys it has."
        why = f"`{name}` has these keys: {shown or 'none at all'}. Asking for a key it does not have stops the program."
        return t.make_hint(ctx, "key-missing", line, title, why, confidence=0.4)
    return None


def _quoted(text: str) -> str:
    return repr(text) if '"' in text else f'"{text}"'


def _key_spelling_fixes(ctx: Context, sub: ast.Subscript, key: str, right: str) -> list[Fix]:
    """Make the key and the dictionary agree: change the asked-for text (in the subscript, or in
    the list it came from), or the dictionary's own key where it was written."""
    fixes: list[Fix] = []
    tree = ctx.tree
    if tree is None:
        return fixes
    if isinstance(sub.slice, ast.Constant):
        fix = t.replace_node(ctx, sub.slice, _quoted(right))
        if fix:
            fixes.append(fix)
        return fixes
    # The asked-for text is written somewhere else (a list of names, a variable).
    asked = [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value == key]
    in_dicts = [
        k for d in ast.walk(tree) if isinstance(d, ast.Dict) for k in d.keys if isinstance(k, ast.Constant) and k.value == right
    ]
    # The spelling written more often is probably the one meant; on a tie, fix the text the
    # program asks for (the dictionary is usually written with more care, all in one place).
    order = [(asked, right), (in_dicts, key)]
    if len(asked) > len([n for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value == right]):
        order.reverse()
    for nodes, new in order:
        if len(nodes) == 1:
            fix = t.replace_node(ctx, nodes[0], _quoted(new))
            if fix:
                fixes.append(fix)
    return fixes
