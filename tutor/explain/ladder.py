"""An honestly graded clue ladder: level 1 names the line and the KIND of slip, never the change.

Many diagnosers write a first level that already gives the change away ("Did you mean `score`?",
"write `if`, not `If`", "a comma `,` after `2`"). Those words are good, but they belong at the top
of the ladder, just before the exact before/after. ``grade`` checks the chosen hint's first level
against its fix (``words.reveals_change``); when it gives the change away, the first level becomes
the diagnoser's nudge from ``NUDGES`` (what kind of slip, where) and the revealing words move to
the last level. The engine grades every hint it shows.
"""

from __future__ import annotations

import re

from .hint import Hint
from .words import reveals_change

#: diagnoser id -> the kind of slip, in a child's words (follows "Line N: ").
NUDGES: dict[str, str] = {
    "attribute-never-stored": "the thing asked for here was never kept inside the thing itself.",
    "attribute-typo": "the word after the dot is spelled a little differently from the real one.",
    "decimal-not-whole": "this division gives a number with a decimal point, and a whole number is needed.",
    "dict-dot-key": "a dictionary's keys are read in a different way from this.",
    "divide-by-zero": "a number that something is divided by ends up as 0, and this line is part of how it got there.",
    "file-name-typo": "the file name here is spelled a little differently from the file that is there.",
    "import-name-typo": "the name brought in here is spelled a little differently from the real one.",
    "import-typo": "the module name here is spelled a little differently from a real one.",
    "init-misspelled": "the name of the setting-up method is not quite the one Python looks for.",
    "input-not-converted": "what is typed in is always text, and this program uses it as a number.",
    "input-with-commas": "`input()` is given several pieces here, but it takes only one.",
    "int-of-decimal": "the value turned into a whole number here has a decimal point.",
    "key-missing": "the key asked for here is not quite one of the keys in the dictionary.",
    "length-attribute": "the way this line counts the things in a list is not Python's way.",
    "length-of-number": "this line counts the length of a number, and numbers have no length.",
    "loop-never-ends": "the loop waits for a change that never comes. Check which value the loop's test reads.",
    "loop-over-number": "this loop tries to walk through a single number.",
    "method-on-wrong-type": "this value is a different kind of thing from what the command needs.",
    "missing-global": "the function changes a name that was made outside it.",
    "missing-self": "a method's first name in its brackets is missing.",
    "missing-self-dot": "inside the class, this name belongs to the thing itself.",
    "name-capitals": "a name here has different capital letters from the real one.",
    "name-missing-import": "this name comes from a module that was never brought in.",
    "name-needs-start-value": "this name is added to before it ever got a starting value.",
    "name-typo": "a name here is spelled a little differently from where your program made it.",
    "none-value": "the function works out its answer but never gives it back.",
    "not-a-function": "something here is written as if it were a command, but it is not one.",
    "not-in-list": "the thing looked for is not quite the same as anything in the list.",
    "str-plus-number": "a number is being joined to words here.",
    "syntax-assign-in-condition": "the test on this line uses a mark that stores a value instead of comparing.",
    "syntax-break-outside-loop": "this word only works inside a loop, and this line is not in one.",
    "syntax-capitalised-keyword": "one of Python's own words here has a capital letter.",
    "syntax-comment-without-hash": "this line is a note for people, but Python tries to read it as code.",
    "syntax-def-without-brackets": "this `def` line is missing something after the function's name.",
    "syntax-for-without-in": "this `for` line is missing a small word.",
    "syntax-fstring-brace": "a curly bracket here has no partner.",
    "syntax-incomplete-comparison": "one side of this test is not a full comparison.",
    "syntax-leading-zero": "a number here starts with a 0, and Python does not allow that.",
    "syntax-mismatched-bracket": "the brackets on this line do not match in shape.",
    "syntax-missing-colon": "one small mark is missing at the end of this line.",
    "syntax-missing-comma": "two things here sit side by side with nothing to keep them apart.",
    "syntax-missing-dict-colon": "a dictionary needs a mark between each key and its value, and one is missing here.",
    "syntax-other-language-operator": "this line uses a sign from another programming language.",
    "syntax-pasted-characters": "some marks here came from a document, and Python does not know them.",
    "syntax-plus-plus": "this line adds one the way another language would.",
    "syntax-print-without-brackets": "this line shows something the way an older Python wanted.",
    "syntax-return-outside-function": "this word only works inside a function, and this line is not in one.",
    "syntax-unclosed-bracket": "a bracket opened here is never closed.",
    "syntax-unclosed-quote": "some words here start with a quote mark but never end with one.",
    "typed-number-never-matches": "what is typed in is text, and it is compared with a number.",
    "unbound-typo": "a name here is spelled a little differently from where your program made it.",
    "unpacking": "the text is cut into a different number of pieces from the names waiting for them.",
}

DEFAULT_NUDGE = "one small thing on this line is not quite right. Read it slowly, part by part."


_NAMED_LINE = re.compile(r"\b[Ll]ine (\d+)\b")


def nudge(diagnoser: str, line: int) -> str:
    return f"Line {line}: {NUDGES.get(diagnoser, DEFAULT_NUDGE)}"


def grade(hint: Hint, source: str) -> Hint:
    """Make sure the hint's first level does not give its fix away (see the module's words)."""
    fix = hint.fix
    if fix is None or not hint.levels:
        return hint
    first = hint.levels[0]
    if not (reveals_change(first, fix, source) or reveals_change(hint.title, fix, source)):
        return hint
    # The nudge points where the original first words pointed (a loop's own line, say), which is not
    # always the fix's line (a new line added after the loop's last one).
    named = _NAMED_LINE.search(first)
    new_first = nudge(hint.diagnoser, int(named.group(1)) if named else hint.line)
    rest = hint.levels[1:]
    revealing = first if first != hint.title else hint.title
    if len(rest) >= 2:
        levels = [new_first] + rest[:-1] + [f"{revealing}\n{rest[-1]}"]
    elif rest:
        levels = [new_first, rest[0], revealing] if not _is_change(rest[0]) else [new_first, f"{revealing}\n{rest[0]}"]
    else:
        levels = [new_first, revealing]
    hint.title, hint.levels = new_first, levels
    hint.notes["graded"] = True
    return hint


def _is_change(text: str) -> bool:
    return text.startswith(("Change ", "Add ", "Take away ", "Move ", "Indent ", "Push ", "With your input"))
