"""Errors in a parent's words: what Python's error names and the explainer's hint ids mean.

A parent who knows no Python reads these in the report. Each kind of error has a short name, a
sentence saying what happened, and something to say or ask about it (for "what to talk about
next"). Unknown error names and hint ids still get a sensible sentence: by their family (every
``...Error`` Python has) or by the words in the id (``...-typo``, ``missing-...``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    name: str  # a few words: "A name Python did not know"
    plain: str  # what happened, in a sentence or two
    talk: str  # something to ask or try together


_GENERIC_TALK = ('Ask: "What did you expect to happen, and what happened instead?" Saying it out '
                 "loud often shows where the two part ways.")

#: Python's error names, and the ways a run can end without one.
ERRORS: dict[str, Words] = {
    "SyntaxError": Words(
        "Python could not read a line",
        "Python could not make sense of how a line was written, like a sentence with a missing "
        "full stop. Usually a missing colon (:), bracket or quote mark.",
        "Look at the line together and count the brackets and quote marks: does every opening "
        "one have a partner? Lines that start a block (if, for, while, def) end with a colon."),
    "IndentationError": Words(
        "Lines not lined up",
        "The spaces at the start of the lines did not line up. In Python those spaces matter: "
        "they show which lines belong together, like items in a list.",
        "Ask them to point at each line inside the loop or the if, and check it starts exactly "
        "as far in as the others."),
    "TabError": Words(
        "Tabs and spaces mixed",
        "Some lines were pushed in with the Tab key and others with spaces. They look the same "
        "but Python counts them differently.",
        "Use spaces only (the tutor's editor does this for you) and retype the start of the line."),
    "NameError": Words(
        "A name Python did not know",
        "The program used a word Python did not know, most often a name spelled a little "
        "differently from where it was made, or with a capital letter in the wrong place.",
        'Play "spot the difference": find where the name was made and where it was used, and '
        "compare them letter by letter, capitals too."),
    "UnboundLocalError": Words(
        "A name used before it had a value",
        "Inside a function, a name was used before it was given a value there.",
        "Ask them to follow the function line by line and say when each name first gets a value."),
    "TypeError": Words(
        "Two kinds of things mixed up",
        "The program mixed two kinds of things that do not go together, such as adding a number "
        "to a word, or gave a function the wrong number of things.",
        "Ask: \"Is this a number or a word here?\" Anything typed in with input() is a word until "
        "it is turned into a number with int()."),
    "ValueError": Words(
        "The right kind of thing, but a value that does not fit",
        "A value could not be used, for example turning the word \"ten\" into a number, or "
        "removing something from a list that was not in it.",
        "Try the program together with different things typed in, and watch which ones break it."),
    "IndexError": Words(
        "Asked for a place in a list that is not there",
        "The program asked for an item past the end of a list. Python starts counting at 0, so a "
        "list of 3 things has places 0, 1 and 2.",
        "Write the list on paper with the place numbers under it, starting at 0, and look again "
        "at which place the program asks for."),
    "KeyError": Words(
        "Looked up something that is not in the dictionary",
        "The program looked up a word in a dictionary (a look-up table) that was not in it; often a "
        "small spelling or capital-letter difference.",
        "Print the dictionary's keys and compare them with the one the program asked for."),
    "AttributeError": Words(
        "Used a dot-name that is not there",
        "After a dot (like name.upper()) the program used something that thing does not have: often "
        "a spelling slip, or the wrong kind of thing before the dot.",
        "Ask: \"What kind of thing is before the dot here?\" and check the spelling after it."),
    "ZeroDivisionError": Words(
        "Divided by zero",
        "The program divided by zero, which has no answer, so Python stopped.",
        "Ask them to find where the number being divided by comes from and when it could be 0."),
    "RecursionError": Words(
        "A function that kept calling itself",
        "A function kept calling itself and never stopped, so Python gave up.",
        "Ask: \"When should it stop calling itself?\" Every repeating function needs a way out."),
    "ModuleNotFoundError": Words(
        "Could not find something to import",
        "An import line named something Python could not find, usually a spelling slip.",
        "Check the spelling of the name after import, letter by letter."),
    "ImportError": Words(
        "Could not import something",
        "An import line asked for something Python could not find.",
        "Check the spelling of the names in the import line."),
    "FileNotFoundError": Words(
        "A file that was not there",
        "The program tried to open a file that does not exist, often a spelling slip in its name.",
        "Compare the file name in the program with the real file's name, dot and ending included."),
    "EOFError": Words(
        "Waited for typing that never came",
        "The program asked for something to be typed (input()) more times than anything was typed.",
        "Count the input() lines together and compare with what the exercise types in."),
    "AssertionError": Words(
        "A check found a wrong answer",
        "One of the exercise's checks tried the program's code and got a different answer from the "
        "one it expected.",
        "Ask them to read the exercise again and work out by hand what the answer should be."),
    "OverflowError": Words(
        "A number too big",
        "A number grew too big for Python to handle.",
        "Look at how the number grows: should it really grow that fast?"),
    "MemoryError": Words(
        "Used too much memory",
        "The program tried to keep far too much in memory, usually a list that kept growing.",
        "Look for a loop that keeps adding to a list and ask when it should stop."),
    "KeyboardInterrupt": Words(
        "Stopped by hand",
        "The program was stopped with Ctrl+C.",
        "Ask why they stopped it: was it stuck, or waiting for them to type?"),
    "timeout": Words(
        "A program that never stopped",
        "The program kept going and did not finish, so the tutor stopped it. Usually a loop that "
        "never ends, because what it checks never changes.",
        "Ask them to follow the loop by hand for a few rounds and say what changes each time. "
        "What has to happen for it to stop?"),
    "wrong-output": Words(
        "Ran, but printed something different",
        "The program ran without stopping, but printed something different from what the exercise "
        "asked for. This is the trickiest kind: Python cannot know what you wanted.",
        "Ask them to read the instructions aloud, then say what their program prints. "
        "\"Check the instructions\" is the first debugging habit."),
    "killed": Words(
        "Stopped for using too much",
        "The tutor stopped the program because it printed far too much or used too much memory, "
        "usually a loop that never ends.",
        "Look for a loop that never ends, and ask what should make it stop."),
    "exit": Words(
        "The program ended itself early",
        "The program stopped itself (with exit) before finishing.",
        "Ask them to find the line that ends the program and say when it runs."),
}

#: The explainer's hint ids (``hint.diagnoser``), for a more exact description of what happened.
DIAGNOSERS: dict[str, str] = {
    "input-not-converted": "Something typed in was used as a number without being turned into one "
                           "with int() first.",
    "typo-name": "A name was spelled a little differently from where it was made.",
    "tests-failed": "One of the exercise's tests, which tries out a function, did not get the right answer.",
    "name-typo": "A name was spelled a little differently from where it was made.",
    "name-capitals": "A name had a capital letter where it should not (or the other way round).",
    "capitalised-keyword": "One of Python's own words was written with a capital letter (Print "
                           "instead of print).",
    "name-missing-import": "The program used something from a module without importing it first.",
    "name-used-before-set": "A name was used before it was given a value.",
    "name-missing-quotes": "A word that was meant to be text was missing its quote marks.",
    "missing-colon": "A line that starts a block (if, for, while, def) was missing its colon (:).",
    "unclosed-bracket": "A bracket was opened and never closed.",
    "mismatched-bracket": "A bracket was closed with the wrong kind, like ( closed by ].",
    "missing-comma-in-list": "Two items in a list had no comma between them.",
    "wrong-indent": "A line was pushed in more or less than it should be.",
    "unindent-mismatch": "A line did not line up with the lines around it.",
    "mixed-tabs": "Tabs and spaces were mixed at the start of the lines.",
    "eq-vs-assign": "One equals sign (=, which stores a value) was used where two (==, which "
                    "compares) were needed.",
    "comparison-vs-assignment": "Two equals signs (==, which compares) were used where one (=, "
                                "which stores a value) was needed.",
    "incomplete-comparison": "A comparison was missing one side, like 'if x == or'.",
    "keyword-as-name": "One of Python's own words was used as a name.",
    "leading-zero": "A number was written with a 0 in front, which Python does not allow.",
    "smart-quotes": "Curly “quote marks” from a word processor were used instead of straight ones.",
    "apostrophe-in-string": "An apostrophe inside some text ended the text too early.",
    "fstring-unclosed-brace": "A { in an f-string had no matching }.",
    "missing-f-prefix": "Text with {curly brackets} was missing the f in front, so the brackets "
                        "were printed instead of the values.",
    "def-missing-parens": "A function was made without the brackets after its name.",
    "return-outside-function": "A return line was outside any function.",
    "str-plus-int": "Text and a number were added together; one had to be turned into the other.",
    "float-times-str": "A word was multiplied by a decimal number.",
    "index-off-by-one": "The program counted one place too far in a list (lists start at 0).",
    "key-missing": "A word was looked up in a dictionary that did not have it.",
    "attribute-typo": "A name after a dot was spelled wrong.",
    "append-returns-none": "The result of .append() was stored, but .append() changes the list "
                           "and gives back nothing.",
    "method-on-wrong-type": "Something after a dot was used on the wrong kind of thing.",
    "missing-self": "A function inside a class was missing 'self' in its brackets.",
    "wrong-arg-count": "A function was given more or fewer things than it takes.",
    "input-extra-args": "input() was given more than one thing in its brackets.",
    "recursion-no-base": "A function calling itself had no way to stop.",
    "unbound-local": "Inside a function, a name was used before it was given a value there.",
    "infinite-loop": "A loop never ended because what it checks never changed.",
    "wrong-operator": "The wrong sign was used in a calculation or comparison (like + for -).",
    "wrong-comparison": "A comparison was slightly off (like < where <= was needed).",
    "accumulate-vs-assign": "A total was replaced each time (=) instead of added to (+=).",
    "forgot-call-parens": "A function was named without the brackets () that make it run.",
    "print-in-loop": "A print was inside a loop when it should have been after it (or the other "
                     "way round).",
    "filename-typo": "A file's name was spelled wrong.",
    "import-typo": "The name of something imported was spelled wrong.",
    "list-remove-missing": "The program removed something from a list that was not in it.",
    "case-sensitive-compare": "Words were compared, but capital letters made them different.",
    "wrong-number": "A number in the program was not the one the task needed.",
    "explainer-fallback": "The tutor pointed at the line to look at, without a more exact clue.",
}

# words inside an unknown hint id -> a sentence (checked in order)
_ID_WORDS: tuple[tuple[str, str], ...] = (
    ("typo", "Something was spelled a little differently from where it was made."),
    ("capital", "A capital letter was in the wrong place."),
    ("colon", "A line was missing its colon (:)."),
    ("bracket", "Brackets did not match up."),
    ("paren", "Brackets did not match up."),
    ("quote", "Quote marks did not match up."),
    ("indent", "Lines were not lined up as they should be."),
    ("loop", "A loop did not do what it should."),
    ("input", "Something typed in was not used the way the program needed."),
    ("index", "The program counted to the wrong place in a list."),
    ("import", "Something was not imported as it should be."),
    ("compar", "A comparison was slightly off."),
    ("operator", "The wrong sign was used in a calculation."),
    ("missing", "Something small was missing."),
)


def error_words(key: str | None) -> Words:
    """The words for an error name (``"NameError"``) or an outcome (``"timeout"``)."""
    if key and key in ERRORS:
        return ERRORS[key]
    if key and key.endswith(("Error", "Exception", "Warning")):
        return Words(
            f"A {key}",
            f"Python stopped the program with a {key}: something in it could not be done as written.",
            _GENERIC_TALK)
    return Words("Something went wrong", "The program did not do what was expected.", _GENERIC_TALK)


def diagnoser_words(diagnoser: str | None) -> str | None:
    """What a hint id means, in a sentence (None when there is no id)."""
    if not diagnoser:
        return None
    if diagnoser in DIAGNOSERS:
        return DIAGNOSERS[diagnoser]
    low = diagnoser.lower()
    for word, sentence in _ID_WORDS:
        if word in low:
            return sentence
    return "The tutor found one small thing to change (" + diagnoser.replace("-", " ") + ")."


__all__ = ["DIAGNOSERS", "ERRORS", "Words", "diagnoser_words", "error_words"]
