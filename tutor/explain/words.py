"""The tutor's voice: words a 10-year-old may not know, and a checker for first-level hints.

``check_voice(text)`` returns a list of problems (empty when the text is fine). Tests run it over
every diagnoser's first level; the engine runs it over its own fallback text.
"""

from __future__ import annotations

import re

#: Words that are jargon for a child: explain them or avoid them in the first hint level.
JARGON: frozenset[str] = frozenset(
    {
        "exception",
        "exceptions",
        "traceback",
        "tracebacks",
        "syntax",
        "iterable",
        "iterables",
        "argument",
        "arguments",
        "literal",
        "literals",
        "operand",
        "operands",
        "statement",
        "statements",
        "instance",
        "instances",
        "attribute",
        "attributes",
        "parameter",
        "parameters",
        "object",
        "objects",
        "nonetype",
        "subscriptable",
        "callable",
        "iterator",
        "unbound",
        "identifier",
        "interpreter",
        "invocation",
        "instantiate",
        "concatenate",
        "namespace",
    }
)

#: Phrases that sound like blame. Say what is missing, not who forgot it.
BLAME: tuple[str, ...] = (
    "you forgot",
    "you didn't",
    "you did not",
    "you made a mistake",
    "your mistake",
    "you should have",
    "you messed",
    "wrong of you",
    "silly",
    "stupid",
    "careless",
)

MAX_FIRST_LEVEL_WORDS = 25

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_CODE = re.compile(r"`[^`]*`")


def words_in(text: str) -> list[str]:
    """The words of ``text`` as a reader counts them (code in backticks counts as one word each)."""
    return [w for w in re.split(r"\s+", text.strip()) if w and re.search(r"\w", w)]


def jargon_in(text: str) -> list[str]:
    """Jargon words used in ``text`` outside code (code is written in `backticks`)."""
    plain = _CODE.sub(" ", text)
    found = []
    for word in _WORD.findall(plain):
        if word.lower().strip("'’") in JARGON and word.lower() not in found:
            found.append(word.lower())
    return found


def check_voice(text: str, *, max_words: int = MAX_FIRST_LEVEL_WORDS) -> list[str]:
    """Problems with ``text`` as a first-level hint: too long, jargon, blame. Empty list = fine."""
    problems: list[str] = []
    if not text or not text.strip():
        return ["the text is empty"]
    count = len(words_in(text))
    if count > max_words:
        problems.append(f"{count} words (at most {max_words})")
    for word in jargon_in(text):
        problems.append(f"jargon: {word!r}")
    lower = text.lower()
    for phrase in BLAME:
        if phrase in lower:
            problems.append(f"sounds like blame: {phrase!r}")
    return problems


def _show(lines: list[str]) -> str:
    import textwrap

    text = textwrap.dedent("\n".join(lines))
    return "\n".join("    " + line for line in text.splitlines())


def describe_change(fix: "object", source: str) -> str:
    """The exact change as a tiny before/after, for the last level of the hint ladder."""
    old = fix.old_lines(source)  # type: ignore[attr-defined]
    new = fix.new_lines()  # type: ignore[attr-defined]
    start, end = fix.start_line, fix.end_line  # type: ignore[attr-defined]
    where = f"line {start}" if end <= start else f"lines {start} to {end}"
    if end == start - 1:
        return f"Add this before line {start}:\n{_show(new)}"
    if not new:
        return f"Take away {where}:\n{_show(old)}"
    return f"Change {where} from:\n{_show(old)}\nto:\n{_show(new)}"


#: What each kind of Python error means, in a child's words (used in "because of ...").
FRIENDLY_ERRORS: dict[str, str] = {
    "NameError": "a name Python does not know yet",
    "UnboundLocalError": "a name used before it got a value",
    # TypeError covers wrong kinds, a wrong number of values in a call and more: say only what all share.
    "TypeError": "something that does not fit the way it is used here",
    "ValueError": "a value Python could not use here",
    "IndexError": "a position that is not in the list",
    "KeyError": "a key that is not in the dictionary",
    "AttributeError": "a dot-name that this value does not have",
    "ZeroDivisionError": "dividing by zero",
    "ModuleNotFoundError": "a module name Python cannot find",
    "ImportError": "something Python could not bring in",
    "FileNotFoundError": "a file Python cannot find",
    "RecursionError": "a function that calls itself again and again",
    "EOFError": "asking for more typing than there was",
    "SyntaxError": "a line Python cannot read",
    "IndentationError": "spaces at the start of a line",
    "TabError": "a mix of tabs and spaces",
    "RuntimeError": "a problem Python found while the program was running",
    "OverflowError": "a number too big for Python",
    "MemoryError": "running out of memory",
    "AssertionError": "a check that did not pass",
    "KeyboardInterrupt": "being stopped from the keyboard",
    "PermissionError": "a file it is not allowed to use",
    "IsADirectoryError": "a folder where a file was needed",
    "UnicodeDecodeError": "a file with letters Python could not read",
    "StopIteration": "running out of things to take",
}


def friendly_error_name(type_name: str) -> str:
    """A child's words for an error class name (``"a small problem"`` when it is not known)."""
    return FRIENDLY_ERRORS.get(type_name, "a small problem")


# -- an honestly graded ladder: level 1 names the line and the kind of slip, never the change ----
_PUNCT_NAMES = {",": "comma", ":": "colon"}


def _code_tokens(text: str) -> list[str]:
    import re

    return re.findall(r"[A-Za-z_]\w*|\d+(?:\.\d+)?|\*\*|//|==|!=|<=|>=|\S", text)


def added_text(fix: "object", source: str) -> list[str]:
    """The tokens a fix brings in that the lines it replaces do not have (its "new text")."""
    from collections import Counter

    old = Counter(_code_tokens("\n".join(fix.old_lines(source))))  # type: ignore[attr-defined]
    new = Counter(_code_tokens(fix.replacement))  # type: ignore[attr-defined]
    return sorted((new - old).elements())


def reveals_change(text: str, fix: "object", source: str) -> str | None:
    """Why ``text`` (a first level) gives the change away, or None when it does not.

    It does when it shows a token the fix brings in (in backticks or quotes), names a comma or
    colon the fix adds, shows the whole new line, or asks "Did you mean"."""
    import re

    lowered = text.lower()
    if "did you mean" in lowered:
        return "asks 'Did you mean'"
    shown = set(re.findall(r"`([^`]+)`", text)) | set(re.findall(r"\"([^\"]+)\"", text))
    shown_tokens = {tok for piece in shown for tok in _code_tokens(piece)}
    for tok in added_text(fix, source):
        if tok in shown_tokens:
            return f"shows the new text {tok!r}"
        name = _PUNCT_NAMES.get(tok)
        if name and re.search(rf"\b{name}", lowered):
            return f"names the {name} to add"
    for new_line in fix.replacement.splitlines():  # type: ignore[attr-defined]
        stripped = new_line.strip()
        if len(stripped) >= 4 and stripped in text and stripped not in "\n".join(fix.old_lines(source)):  # type: ignore[attr-defined]
            return "shows the new line"
    return None
