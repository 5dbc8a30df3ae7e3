"""The hint of last resort: every outcome gets a kind explanation of the line Python named.

Lowest priority, so any more specific diagnoser wins. It never proposes an edit.
"""

from __future__ import annotations

from ...compare import first_difference
from ..context import Context
from ..hint import Hint
from ..registry import diagnoser
from ..words import friendly_error_name
from . import _tools as t

#: Why this kind of error usually happens, in a child's words.
_WHY = {
    "NameError": "Python met a name it does not know. Check the spelling and capitals, and that it got a value before this line.",
    "TypeError": "Each kind of value (a number, some text, a list...) can be used only in some ways. Python's message below names the kind it met here.",
    "ValueError": "The value has the right kind but Python cannot use it here, like `int(\"hello\")`.",
    "IndexError": "The program asked a list for a place it does not have. Places start at 0, so the last one is one less than the length.",
    "KeyError": "The program asked a dictionary for a key it does not have. Keys must match exactly, capitals too.",
    "AttributeError": "After a dot comes something the value can do or has. This value has nothing by that name. Check the spelling, and what the value is.",
    "ZeroDivisionError": "Something was divided by 0 here, and that has no answer. Check where the number you divide by comes from.",
    "ModuleNotFoundError": "Python cannot find the module named on this line. Check its spelling.",
    "ImportError": "Python could not bring in the name on this line. Check its spelling.",
    "FileNotFoundError": "The file named here is not in your program's folder. Check the name, letter by letter.",
    "RecursionError": "A function kept calling itself and never stopped. It needs a case where it stops.",
    "EOFError": "`input()` waited for typing, but there was nothing more to read.",
    "UnboundLocalError": "Inside a function, a name was used before the function gave it a value.",
    "RuntimeError": "Something changed while it was being used, or went on too long.",
    "AssertionError": "An `assert` check on this line found something not true.",
    "OverflowError": "A number got too big for Python to handle.",
    "MemoryError": "The program used too much memory, maybe by making a list far too big.",
    "StopIteration": "`next()` asked for one more thing, but there were none left.",
}


#: Messages whose meaning is certain, so the fallback may say it (message pattern -> words).
_MESSAGES: list[tuple[str, str, str]] = [
    ("TypeError", r"unsupported operand type|can only concatenate|can't multiply sequence|must be str, not",
     "Two kinds of values that do not fit together met here, like text and a number. Check what kind of value each part holds."),
    ("TypeError", r"object is not callable",
     "Brackets `()` after a name mean 'run this command', but the value here is not a command."),
    ("TypeError", r"missing \d+ required positional argument|takes \d+ positional argument|got an unexpected keyword",
     "The values given in this call do not match the names in the function's `def` line."),
    ("TypeError", r"object is not subscriptable",
     "Square brackets `[ ]` ask for a place inside a value, but this kind of value has no places."),
    ("TypeError", r"object does not support item assignment",
     "This value cannot be changed place by place."),
    ("TypeError", r"object is not iterable",
     "A loop (or a command like it) was given a value it cannot walk through one by one."),
]


def _why_from_message(type_name: str, message: str) -> str | None:
    import re

    for kind, pattern, words in _MESSAGES:
        if type_name == kind and re.search(pattern, message or ""):
            return words
    return None


@diagnoser("fallback", errors=None, outcomes=("error", "timeout", "killed", "wrong-output"), priority=1000)
def fallback(ctx: Context) -> Hint | None:
    outcome = ctx.outcome
    if outcome == "error" and ctx.error is not None:
        err = ctx.error
        line = err.line or 1
        kind = friendly_error_name(err.type)
        if err.in_library:
            title = f"Line {line}: this line asked one of Python's helpers for something, and it hit {kind}."
        else:
            title = f"Line {line}: Python stopped here because of {kind}. Every error is a clue!"
        why = _why_from_message(err.type, err.message) or _WHY.get(err.type) or next((_WHY[m] for m in err.mro if m in _WHY), "Read the line out loud, part by part. Does each part do what you meant?")
        said = f"Python's own words: {err.type}: {err.message}" if err.message else f"Python's own words: {err.type}"
        return Hint(diagnoser="fallback", line=line, title=title, levels=[title, why, said], confidence=0.1)
    if outcome in ("timeout", "killed"):
        stuck = ctx.result.stuck
        line = (stuck.line if stuck is not None else None) or 1
        if ctx.result.limit == "memory":
            title = f"Line {line}: your program needed too much memory. Maybe something keeps growing for ever?"
        elif stuck is not None and stuck.waiting_for_input:
            title = f"Line {line}: your program was waiting for someone to type an answer."
        else:
            title = f"Line {line}: your program kept going and going. Maybe a loop never stops?"
        why = "A loop stops only when its test becomes false, or at a `break`. Check that something in the loop changes, so the end can come."
        return Hint(diagnoser="fallback", line=line, title=title, levels=[title, why], confidence=0.1)
    if outcome == "wrong-output":
        diff = first_difference(ctx.expected_output or "", ctx.result.stdout)
        line = None
        if diff is not None:
            line = t.printing_line(ctx, diff.line) or t.printing_line(ctx, max(1, diff.line - 1))
        line = line or 1
        if diff is not None and diff.expected is not None and diff.actual is not None:
            why = f"Output line {diff.line} should be \"{diff.expected}\", but your program printed \"{diff.actual}\"."
        elif diff is not None and diff.expected is not None:
            why = f"Your program stopped printing too early: output line {diff.line} should be \"{diff.expected}\"."
        else:
            why = "Your program printed more lines than it should."
        title = f"Line {line}: your program ran, but printed something different. Check the instructions again!"
        return Hint(diagnoser="fallback", line=line, title=title, levels=[title, why], confidence=0.1)
    return None
