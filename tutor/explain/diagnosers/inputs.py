"""EOFError: ``input()`` asked for another answer, but nothing more was typed.

Usual reasons: a loop waits for a word like "quit", and the word typed was "Quit" (capitals or
spaces differ), so the loop never ends and asks again; or the program simply asks more questions
than there were answers.
"""

from __future__ import annotations

import ast

from ..context import Context
from ..hint import Fix, Hint
from ..registry import diagnoser
from . import _tools as t

_CHANGES = (("lower", str.lower), ("strip", str.strip), ("upper", str.upper), ("title", str.title))


def _loop_around(ctx: Context, line: int) -> ast.While | ast.For | None:
    tree = ctx.tree
    if tree is None:
        return None
    loops = [n for n in ast.walk(tree) if isinstance(n, (ast.While, ast.For)) and n.lineno <= line <= (n.end_lineno or n.lineno)]
    return max(loops, key=lambda n: n.lineno) if loops else None


@diagnoser("stop-word-never-matches", errors=("EOFError",), priority=20)
def stop_word(ctx: Context) -> Hint | None:
    line = t.error_line(ctx)
    if line is None:
        return None
    loop = _loop_around(ctx, line)
    if loop is None:
        return None
    typed = [s for s in (ctx.result.inputs or [])]
    for cmp in ast.walk(loop):
        if not (isinstance(cmp, ast.Compare) and len(cmp.ops) == 1 and isinstance(cmp.ops[0], (ast.Eq, ast.NotEq))):
            continue
        left, right = cmp.left, cmp.comparators[0]
        if isinstance(left, ast.Constant):
            left, right = right, left
        if not (isinstance(right, ast.Constant) and isinstance(right.value, str) and isinstance(left, ast.Name)):
            continue
        word = right.value
        for method, change in _CHANGES:
            if any(change(s) == word and s != word for s in typed):
                fixes: list[Fix] = []
                fix = t.replace_node(ctx, left, f"{left.id}.{method}()")
                if fix:
                    fixes.append(fix)
                src = t.value_source(ctx, left.id, cmp.lineno)
                if src is not None and t.is_input_call(src[1]):
                    text = t.segment(ctx, src[1])
                    fix2 = t.replace_node(ctx, src[1], f"{text}.{method}()") if text else None
                    if fix2:
                        fixes.append(fix2)
                if not fixes:
                    continue
                shown = next(s for s in typed if change(s) == word and s != word)
                at = fixes[0].start_line
                title = f"Line {at}: \"{shown}\" was typed, but the program waits for exactly \"{word}\". Capitals and spaces count."
                why = (
                    f"\"{shown}\" and \"{word}\" look alike, but to Python they are different, so the loop never stopped "
                    f"and asked again. `.{method}()` makes the typed answer match."
                )
                return t.make_hint(ctx, "stop-word-never-matches", at, title, why, fixes[0], fixes[1:], confidence=0.85)
    return None


@diagnoser("not-enough-input", errors=("EOFError",), priority=40)
def not_enough_input(ctx: Context) -> Hint | None:
    line = t.error_line(ctx)
    if line is None:
        return None
    count = len(ctx.result.inputs or [])
    loop = _loop_around(ctx, line)
    if count == 0:
        title = f"Line {line}: the program waits for someone to type an answer, but nothing was typed."
    else:
        title = f"Line {line}: the program asks for more answers than were typed ({count} so far)."
    if loop is not None:
        why = (
            f"Line {line} is inside a loop that starts on line {loop.lineno}, so it asks again and again. "
            "Check what makes the loop stop: can it ever happen?"
        )
    else:
        why = "Each `input()` reads one line of typing. Count the questions, and give one answer for each."
    counted = _fewer_turns(ctx, loop) if count > 0 else None
    if counted is not None:
        at, turns, fixes = counted
        title = f"Line {at}: this loop goes round {turns} times, but only {count} answers were typed. Should it go round fewer times?"
        why = (
            f"Each time round, line {line} reads one answer. The loop on line {at} asks for more answers than "
            "there are, so the last question gets none. Check how many times it should go round."
        )
        return t.make_hint(ctx, "not-enough-input", at, title, why, fixes[0], fixes[1:], confidence=0.45)
    return t.make_hint(ctx, "not-enough-input", line if loop is None else line, title, why, confidence=0.4)


def _fewer_turns(ctx: Context, loop: ast.AST | None) -> tuple[int, int, list] | None:
    """``for i in range(4):`` around the ``input()`` that found nothing: the same loop one or two
    turns shorter (the program is right to stop asking when it runs out of answers)."""
    if not (isinstance(loop, ast.For) and isinstance(loop.iter, ast.Call) and t.call_name(loop.iter) == "range"):
        return None
    args = loop.iter.args
    if not args or len(args) > 2 or not all(isinstance(a, ast.Constant) and isinstance(a.value, int) and not isinstance(a.value, bool) for a in args):
        return None
    stop = args[-1]
    start = args[0].value if len(args) == 2 else 0
    turns = stop.value - start
    fixes = []
    for less in (1, 2):
        if turns - less >= 1:
            fix = t.replace_node(ctx, stop, str(stop.value - less))
            if fix:
                fixes.append(fix)
    return (loop.lineno, turns, fixes) if fixes else None


@diagnoser("typed-number-never-matches", errors=("EOFError",), priority=22)
def typed_number_never_matches(ctx: Context) -> Hint | None:
    """A loop waits until the typed answer equals a number, but the answer is text, so it never does."""
    line = t.error_line(ctx)
    if line is None:
        return None
    loop = _loop_around(ctx, line)
    if loop is None:
        return None
    err = ctx.error
    locals_ = t.frame_locals(ctx)
    for cmp in ast.walk(loop):
        if not (isinstance(cmp, ast.Compare) and len(cmp.ops) == 1 and isinstance(cmp.ops[0], (ast.Eq, ast.NotEq))):
            continue
        sides = [cmp.left, cmp.comparators[0]]
        for text_side, other in (sides, sides[::-1]):
            if not isinstance(text_side, ast.Name):
                continue
            if t.kind_of_value(ctx, other, locals_) not in ("int", "float"):
                continue
            src = t.value_source(ctx, text_side.id, loop.end_lineno or line)
            if src is None or not t.is_input_call(src[1]):
                continue
            text = t.segment(ctx, src[1])
            fix = t.replace_node(ctx, src[1], f"int({text})") if text else None
            if fix is None:
                continue
            at = fix.start_line
            title = f"Line {at}: what is typed is text, so it never equals the number. Turn it into a number with `int()`."
            why = (
                f"\"7\" (text) and 7 (a number) are never equal in Python, so the test on line {cmp.lineno} never "
                "becomes true and the program keeps asking."
            )
            _ = err
            return t.make_hint(ctx, "typed-number-never-matches", at, title, why, fix, confidence=0.85)
    return None
