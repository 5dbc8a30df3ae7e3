"""Words for a hint found by the repair search, from the kind of edit that won.

Every kind has a nudge (level 1: the line and the KIND of slip, never the change itself) and a
why (level 2). The last level shows the exact change as a small before/after and says that it was
checked "with your input" (the search only knows that this input now works).
"""

from __future__ import annotations

from .context import Context
from .hint import Hint

#: kind -> (nudge after "Line N: ", why). Nudges never contain the new text.
WORDS: dict[str, tuple[str, str]] = {
    # names and spelling
    "rename-use": ("a name here is spelled a little differently from where your program made it.",
                   "Python only knows a name spelled exactly as it was made, capital letters and all. Compare the two spellings letter by letter."),
    "rename-definition": ("this name is made here with a spelling the rest of your program does not use.",
                          "Python only knows a name spelled exactly as it was made. Here the place where it is made is the odd one out."),
    "rename-unused-target": ("the name that gets a value here is not quite the name the program reads later.",
                             "Names must match exactly, capital letters included, or Python makes a brand new variable."),
    "py2-name": ("this line uses an old word from an older Python.",
                 "Some words changed when Python 3 came out. Python 3 has a newer word that does the same job."),
    "attr-name": ("the word after the dot is not one this value knows.",
                  "After a dot comes something the value can do or has. Compare the spelling with the ones Python knows."),
    "keyword-name": ("one of the names given inside the brackets is not a name this function uses.",
                     "When you give a value with `name=`, the name must match the function's own name for it exactly."),
    "key-name": ("the key asked for here is written a little differently from the keys that exist.",
                 "Keys must match exactly, capital letters and spaces too. Compare it with the keys your program puts in."),
    "quote-word": ("a word here is meant as words, but Python reads it as a variable's name.",
                   "Words in quotes are just words. Without quotes, Python looks for a variable with that name."),
    # calls
    "add-argument": ("this call gives the function fewer values than it needs.",
                     "A function needs one value for each name in the brackets of its `def` line (unless it has a default)."),
    "remove-argument": ("this call gives the function more values than it takes.",
                        "A function takes one value for each name in the brackets of its `def` line. Count them."),
    "swap-args": ("the values in this call may be in a different order from the function's names.",
                  "Values go to the function's names in order: the first value to the first name, and so on."),
    "add-parens": ("something here is named but never run.", "Without `()` a command does not run: you get the command itself instead of its answer."),
    "add-call-parens": ("something here is named but never run.", "Without `()` a command does not run: you get the command itself instead of its answer."),
    "remove-parens": ("Python tries to run something here that is a value, not a command.",
                      "Brackets `()` after a name mean 'run this command'. A plain value cannot be run."),
    "times-sign": ("a sum here is written the way it looks in a maths book, not the way Python reads it.",
                   "In maths, 2(x + 1) means times. Python needs a mark for every multiply."),
    "return-for-print": ("the function shows its answer but never gives it back.",
                         "`print` only shows a value on the screen. To hand a value back to the line that called the function, a function needs `return`."),
    "add-return": ("the function works something out but never gives it back.",
                   "A function gives back nothing (`None`) unless it says `return`."),
    "print-result": ("a function's answer is worked out here but never shown.",
                     "The function gives back its answer, but nothing prints it."),
    "add-self": ("this method's brackets are missing the name every method needs first.",
                 "Python always gives a method the object it belongs to, as its first value. The method's `def` line needs a name for it."),
    "in-place-method": ("this line keeps the answer of a command that changes the list itself and answers nothing.",
                        "Commands like `.append()` change the list in place and give back `None`. Storing that answer throws the list away."),
    # kinds of values
    "convert-int": ("a value here is text, but a whole number is needed (or the other way round).",
                    "Text that looks like a number, such as \"7\", is still text. Python can turn it into a number for sums."),
    "convert-float": ("a value here is text, but a number is needed.",
                      "Text that looks like a number, such as \"2.5\", is still text. Python can turn it into a number for sums."),
    "convert-str": ("a number is being joined to words here.",
                    "`+` can add two numbers or join two bits of text, but not one of each. A number can be turned into text first."),
    "convert-input": ("what was typed in is used as a number, but it is still text.",
                      "`input()` always gives back text. Python can turn it into a number for sums."),
    "int-to-float": ("the value here has a decimal point, but it is turned into a whole number.",
                     "`int()` only reads whole numbers like \"7\". A number with a point needs a different command."),
    "tuple-to-list": ("the brackets here make a group that can never change.",
                      "Round brackets make a tuple: a group that stays the same for ever. Square brackets make a list, which can change."),
    # maths and logic
    "brackets": ("the parts of this sum are worked out in a different order from the one you meant.",
                 "Python does `*` and `/` before `+` and `-`. Brackets change the order."),
    "drop-operand": ("this line changes a value that looks like it should be used just as it is.",
                     "Check each part of the sum: is every part needed?"),
    "lower-case-input": ("what is typed in may have capital letters, and the program only knows small ones.",
                         "Python sees \"Dog\" and \"dog\" as different. Text can be turned into small letters before it is used."),
    "lower-case-compare": ("the test on this line may meet capital letters, and it only knows small ones.",
                           "Python sees \"Quit\" and \"quit\" as different. Text can be turned into small letters before it is compared."),
    "count-from-zero": ("this line adds to a count for a key that is not in the dictionary yet.",
                        "A key needs a value before you can add to it. A dictionary can give a starting value for a missing key."),
    "other-constant": ("one of the numbers on this line is not the one that was meant.",
                       "Check each number on this line against the instructions."),
    "number": ("one of the numbers on this line is just a little off.", "Check each number on this line against the instructions."),
    "index": ("the position asked for here is one off.", "Positions in a list start at 0, so the last one is one less than the length."),
    "index-shift": ("the position asked for here is one off.", "Positions in a list start at 0, so the last one is one less than the length."),
    "range-bounds": ("the numbers in this `range` stop one too early or too late.",
                     "`range` stops just before its last number: `range(1, 5)` gives 1, 2, 3 and 4."),
    "compare-op": ("the test on this line gives a different answer when the two sides are equal.",
                   "`<` and `<=` (or `>` and `>=`) give different answers when the two sides are equal."),
    "arith-op": ("this sum uses a different kind of maths from the one that was meant.", "Read the sum out loud: is each sign the one you meant?"),
    "aug-op": ("the update on this line goes a different way from the one that was meant.", "Read the line out loud: should the value go up, down, or be multiplied?"),
    "bool-op": ("the test here joins its two parts in a different way from the one meant.", "`and` needs both sides to be true; `or` needs only one."),
    "remove-not": ("the test on this line is the wrong way round.", "`not` turns true into false and false into true."),
    "swap-sides": ("two things on this line are the other way round.", "The order matters here."),
    "name-swap": ("a different variable was probably meant on this line.", "Check each name on the line: is it the value you meant to use?"),
    "use-unused-name": ("a value your program makes is never used, and this line looks like where it belongs.",
                        "The program makes a value it never uses. That is a clue: it was probably meant here."),
    "compare-to-assign": ("this line checks something, but stores nothing.", "`==` only checks whether two things are equal. One `=` stores a value."),
    "expr-to-assign": ("this line works something out, but the answer is never stored.", "Working something out is not enough: the answer has to be stored with `=`."),
    "accumulate": ("this line throws away the value it had before.", "A single `=` throws the old value away. To add to a running total, add to what is already there."),
    "or-always-true": ("the test on this line is always true.", "After `or`, each side needs its own comparison."),
    "case-compare": ("the test on this line cares about capital letters.", 'Capital letters matter: "Yes" and "yes" are different to Python.'),
    "string-to-name": ("something here is printed as plain words instead of a variable's value.", "Words in quotes are printed exactly as they are."),
    "add-f-prefix": ("the curly brackets here are printed as they are, not filled in.", "Without an `f` in front of the quotes, Python prints the {curly brackets} as they are."),
    "add-space": ("two bits of text here are glued together with nothing between them.", "`+` glues text together with nothing in between."),
    "missing-comma": ("two bits of text here are glued into one.", "Two bits of text side by side with nothing between them become one."),
    "index-into-list": ("this line uses a place number where the thing at that place was meant.", "`i` is only the place number: 0, 1, 2..."),
    "text-edit": ("the words printed here are a little different from what the task asks for.", "Compare the words with the instructions, letter by letter."),
    # moves
    "dedent-out-of-loop": ("this line runs every time round the loop, but it looks like it should run once.",
                           "Indented lines under a loop run every time round. Lines that should run once go after the loop."),
    "indent-into-loop": ("this line runs only once, but it looks like it belongs inside the loop.", "Only the indented lines under a loop run every time round."),
    "indent-into-if": ("this line runs every time, but it looks like it belongs to the `if` above it.", "Only the lines pushed in under an `if` wait for the `if` to be true."),
    "reset-before-loop": ("this line starts a value again every time round the loop.", "Setting it back to the start inside the loop wipes it out every time round."),
    "return-out-of-loop": ("this `return` ends the loop on its first go.", "`return` ends the function straight away, so the loop stops early."),
    # reading the program (syntax)
    "insert-colon": ("one small mark is missing, so Python cannot read this line.",
                     "A line that starts a block (`if`, `for`, `while`, `def`, `else`...) ends with a colon, and a dictionary puts one between each key and its value."),
    "insert-comma": ("two things here sit side by side with nothing to keep them apart.",
                     "Items in a list, a dictionary or a call are kept apart by commas."),
    "insert-close": ("a bracket opened here is never closed.", "Every opening bracket needs its own closing bracket of the same shape."),
    "insert-open": ("a bracket is closed here that was never opened.", "Every closing bracket needs its own opening bracket of the same shape."),
    "insert-quote": ("some words here start with a quote mark but never end with one.", "Words in quotes need a quote mark at the start and the same kind at the end."),
    "insert-equals": ("a mark is missing between a name and its value here.", "To store a value, put `=` between the name and the value."),
    "insert-operator": ("two values here sit side by side with nothing to join them.", "Python needs a sign such as `+` or `*` between two values."),
    "insert-dot": ("a small mark is missing between two names here.", "A dot joins a value and one of its commands, like `text.upper()`."),
    "delete-mark": ("there is one mark here that Python does not expect.", "Python reads every mark. One that does not belong stops it reading the line."),
    "replace-mark": ("one mark here is not the one Python needs.", "Some marks look alike but mean different things, like `=` (store) and `==` (compare)."),
    "keyword-case": ("one of Python's own words here has a capital letter.", "Python's own words, like `if`, `for` and `print`, are written in small letters."),
    "comment-mark": ("this note is written with a mark that Python does not use for notes.", "In Python, notes for people start with `#`."),
    "else-if": ("this line is written the way another language would write it.",
                "Python joins \"else\" and \"if\" into one short word of its own, which means \"else, if\"."),
    "else-condition": ("an `else` line here has a test, but `else` never has one.", "`else` means 'in every other case', so it has no test of its own."),
    "indent-line": ("the spaces at the start of this line do not match the lines around it.", "Lines in the same block start at the same place. Python counts the spaces."),
    "py2-print": ("this line shows something the way an older Python wanted.", "In Python 3, `print` is a command, and commands need brackets."),
    "quote-kind": ("some words here have a quote mark inside them, and Python reads it as the end of the words.",
                   "Words can be put in 'single' or \"double\" quotes. If the words have one kind inside them, use the other kind outside."),
    "insert-name": ("one part of this line is missing something to work on.",
                    "Each side of `and` or `or` needs its own full test, and every sign needs a value on each side."),
    "quote-marks": ("the quote marks here are the curly kind from a word processor.", "Python only understands straight quote marks."),
}

_DEFAULT = ("one small change on this line makes the difference.", "Read the line out loud, part by part. Does each part do what you meant?")


def nudge_for(kind: str, line: int) -> str:
    return f"Line {line}: {WORDS.get(kind, _DEFAULT)[0]}"


def hint_for(ctx: Context, cand) -> Hint:
    """The hint for a verified search candidate ``cand`` (a ``search.Candidate``)."""
    from .mutate import Mutant, describe

    line = int(cand.line)
    nudge, why = WORDS.get(cand.kind, _DEFAULT)
    title = f"Line {line}: {nudge}"
    m = Mutant(fix=cand.fix, line=line, kind=cand.kind, weight=cand.weight, before="", after=cand.fix.replacement, detail=dict(cand.detail))
    change = describe(m, ctx.source)
    if ctx.outcome == "wrong-output":
        checked = "With your input, this one change makes your program print what it should:"
    elif ctx.tree is None:
        checked = "This one change lets Python read your program, and with your input it runs to the end:"
    else:
        checked = "With your input, this one change makes the problem go away:"
    last = f"{checked}\n{change}"
    return Hint(diagnoser="search", line=line, title=title, levels=[title, why, last], fix=cand.fix, confidence=0.6,
                notes={"kind": cand.kind})
