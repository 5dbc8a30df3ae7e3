"""Reading a stuck line out loud, piece by piece.

When Python cannot read a program (a missing bracket, quote or colon...), the duck cannot ask about
values. It can still help the way a person would: "read me that line, one piece at a time". Saying
each bracket, quote and colon out loud is how people notice the one that is missing or extra.

``pieces(line)`` splits one line of code into the pieces a child would say, each with its name in
everyday words (``(`` "an opening round bracket", ``:`` "a colon"). It never says which piece is
wrong: finding that is the child's win (the clue ladder beside it does the rest).
It works on any text, however broken (an unclosed quote is just "text that starts with a quote").
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass

_MARKS = {
    "(": "an opening round bracket", ")": "a closing round bracket",
    "[": "an opening square bracket", "]": "a closing square bracket",
    "{": "an opening curly bracket", "}": "a closing curly bracket",
    ":": "a colon", ",": "a comma", ".": "a dot", ";": "a semicolon",
    "=": "an equals sign (it puts a value into a name)", "==": "two equals signs (is it the same?)",
    "!=": "is it different?", "<": "less than", ">": "more than", "<=": "less than or the same",
    ">=": "more than or the same", "+": "plus", "-": "minus", "*": "times", "/": "divide", "//": "divide, whole numbers",
    "%": "the remainder", "**": "to the power of", "+=": "add to it", "-=": "take away from it",
    "*=": "times it by", "/=": "divide it by", "->": "an arrow", "@": "an at sign", "&": "an and sign",
    "|": "a line", "~": "a squiggle", "^": "a hat", "\\": "a backslash", "!": "an exclamation mark",
    "?": "a question mark", "$": "a dollar sign", "`": "a backtick",
}
_QUOTES = "'\"“”‘’"
_WORDS = {
    "if": "asks a question", "elif": "asks another question", "else": "says what to do otherwise",
    "for": "starts a loop", "while": "starts a loop", "def": "makes a function", "return": "gives back a value",
    "import": "brings in more Python", "class": "makes a new kind of thing", "break": "stops a loop",
    "continue": "goes round again", "pass": "does nothing", "print": "shows something",
    "input": "waits for typing",
}
_BUILT_IN = {"print", "input", "range", "len", "int", "str", "float", "list", "round", "sum", "min", "max"}


@dataclass(frozen=True)
class Piece:
    text: str  # the piece as written
    says: str  # what it is, in everyday words
    column: int  # where it starts in the line (0-based)


def _named_word(word: str) -> str:
    if keyword.iskeyword(word) or word in _BUILT_IN:
        doing = _WORDS.get(word)
        return f"a Python word: it {doing}" if doing else "a Python word"
    return "a name"


def pieces(line: str, limit: int = 40) -> list[Piece]:
    """The pieces of one line of code, in order (at most ``limit``; the rest is one last piece)."""
    out: list[Piece] = []
    i, n = 0, len(line)
    while i < n and len(out) < limit:
        ch = line[i]
        if ch in " \t\r\n":
            i += 1
            continue
        start = i
        if ch == "#":
            out.append(Piece(line[i:].rstrip(), "a note for people (Python skips it)", i))
            break
        prefix = ""
        if ch.isalpha() or ch == "_":
            j = i
            while j < n and (line[j].isalnum() or line[j] == "_"):
                j += 1
            word = line[i:j]
            if j < n and line[j] in _QUOTES and word.lower() in ("f", "r", "b", "rb", "br", "fr", "rf", "u"):
                prefix, i = word, j
                ch = line[i]
            else:
                out.append(Piece(word, _named_word(word), start))
                i = j
                continue
        if ch in _QUOTES:
            closers = "'\"" if ch in "'\"" else "'\"”’"
            closer = ch if ch in "'\"" else None
            j = i + 1
            while j < n and not (line[j] == closer if closer else line[j] in closers):
                j += 2 if line[j] == "\\" else 1
            closed = j < n
            text = line[start:j + 1] if closed else line[start:]
            if ch not in "'\"":
                says = "text, with curly quotes"
            elif not closed:
                says = "text that starts with a quote and goes on to the end of the line"
            elif prefix.lower().startswith("f"):
                says = "text in quotes, with {} gaps for values"
            else:
                says = "text in quotes"
            out.append(Piece(text.rstrip(), says, start))
            i = j + 1
            continue
        if ch.isdigit():
            j = i
            while j < n and (line[j].isalnum() or line[j] in "._"):
                j += 1
            out.append(Piece(line[i:j], "a number", start))
            i = j
            continue
        two = line[i:i + 2]
        if len(two) == 2 and two in _MARKS:
            out.append(Piece(two, _MARKS[two], start))
            i += 2
            continue
        out.append(Piece(ch, _MARKS.get(ch, "a sign"), start))
        i += 1
    if i < n and line[i:].strip() and len(out) >= limit:
        out.append(Piece(line[i:].strip(), "the rest of the line", i))
    return out


#: Questions to ask while reading, true for every line (they never give a particular answer away).
READING_QUESTIONS = (
    "Does every bracket have a partner?",
    "Does every quote have a partner?",
    "Lines starting with if, for, while, def or else: is there a colon at the end?",
    "Are Python's words spelled right, in small letters?",
)

__all__ = ["Piece", "READING_QUESTIONS", "pieces"]
