"""What a line means, so the duck can judge a child's answer by its meaning, not its exact words.

Two things are read from the program (``ast`` only, fast and the same on every Python):

- ``typed_names(tree)``: the names that hold what someone typed (``name = input()``), with the
  words a child may use to describe that value ("the puppy's name", "what I typed").
- ``print_pieces(call, typed)``: what a ``print(...)`` line shows, as fixed text and gaps
  (``print("Hello, " + name + "!")`` is ``"Hello, "``, a gap for ``name``, ``"!"``).

``match_output`` then lines a child's answer up with those pieces word by word: fixed words may
have small spelling slips, capitals and marks (commas, ``!``) do not count, numbers may be written
as words, and a gap holding typed text may be filled with a description of it. Everything else
must really match: a different word, a different value or a missing part is a real difference.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

#: Words a child uses for "whatever was typed in".
TYPING_WORDS = frozenset({
    "type", "typed", "types", "typing", "input", "inputs", "answer", "answers", "answered", "enter", "entered",
    "write", "writes", "wrote", "written", "user", "whatever",
})
# Little words that carry no meaning of their own in a description ("the name of my puppy").
_LITTLE = frozenset({"the", "a", "an", "of", "it", "its", "is", "will", "be", "that", "what", "which", "was",
                     "in", "to", "and", "s", "i", "they", "we", "he", "she", "this", "there", "here", "for", "thing"})
_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20",
    "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100",
}


@dataclass(frozen=True)
class Piece:
    """A part of what a print line shows: fixed ``text``, or a gap (``text`` None) for ``name``."""

    text: str | None
    name: str | None = None
    typed: bool = False  # the gap holds what someone typed
    words: frozenset[str] = frozenset()  # for a typed gap: words that describe it


@dataclass(frozen=True)
class Meaning:
    """What the duck knows about a predict step beyond its real value (given to ``compare``)."""

    typed_words: frozenset[str] | None = None  # the value is what someone typed: words describing it
    pieces: tuple[Piece, ...] | None = None  # for a print line: its fixed text and gaps
    program_words: frozenset[str] = frozenset()  # every word written in the program (a slip the
    # program itself also makes, like "Cleo" and "Cloe", is a real difference, never forgiven)
    extra: dict[str, str] = field(default_factory=dict)


# -- reading the program ------------------------------------------------------------------------------

def _has_input(node: ast.AST) -> ast.Call | None:
    for n in ast.walk(node):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "input":
            return n
    return None


def name_words(name: str) -> set[str]:
    """``pet_name`` → {"pet", "name"}; ``petName`` → {"pet", "name"}."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", name.split(".")[-1]).replace("_", " ")
    return {w.lower() for w in spaced.split() if len(w) >= 2}


def _content_words(text: str) -> set[str]:
    return {w for w in words(text) if len(w) >= 3 and w not in _LITTLE and not w.isdigit()}


def typed_names(tree: ast.AST) -> dict[str, frozenset[str]]:
    """Names that hold what someone typed, each with words that describe the typed value."""
    found: dict[str, frozenset[str]] = {}
    body_prints: dict[int, str] = {}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
                and node.value.func.id == "print" and node.value.args
                and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.value.args)):
            body_prints[node.end_lineno or node.lineno] = " ".join(a.value for a in node.value.args)  # type: ignore[union-attr]
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
            continue
        call = _has_input(node.value)
        if call is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if not isinstance(target, ast.Name):
                continue
            described = set(TYPING_WORDS) | name_words(target.id)
            prompt = ""
            if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
                prompt = call.args[0].value
            elif node.lineno - 1 in body_prints:
                prompt = body_prints[node.lineno - 1]
            described |= _content_words(prompt)
            found[target.id] = frozenset(found.get(target.id, frozenset()) | described)
    return found


def _gap(node: ast.AST, typed: dict[str, frozenset[str]]) -> Piece:
    inner = node
    while isinstance(inner, ast.Call) and len(inner.args) == 1 and isinstance(inner.func, (ast.Name, ast.Attribute)):
        inner = inner.args[0]
    while isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and not inner.args:
        inner = inner.func.value  # name.strip(), name.title()
    if isinstance(inner, ast.Name):
        return Piece(None, inner.id, inner.id in typed, typed.get(inner.id, frozenset()))
    return Piece(None, None)


def _flatten(node: ast.AST, typed: dict[str, frozenset[str]]) -> list[Piece]:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or node.value is None:
            return [Piece(str(node.value))]
        if isinstance(node.value, (str, int, float)):
            return [Piece(str(node.value))]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _flatten(node.left, typed), _flatten(node.right, typed)
        if any(p.text is not None for p in left + right) or isinstance(node.left, ast.BinOp):
            return left + right
    if isinstance(node, ast.JoinedStr):
        out: list[Piece] = []
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                out.append(Piece(part.value))
            elif isinstance(part, ast.FormattedValue):
                if part.format_spec is not None:
                    out.append(Piece(None, None))
                else:
                    out.append(_gap(part.value, typed))
        return out
    return [_gap(node, typed)]


def print_pieces(call: ast.Call, typed: dict[str, frozenset[str]] | None = None) -> tuple[Piece, ...] | None:
    """What ``print(...)`` shows as fixed text and gaps; None when it cannot be told (``*args``...)."""
    typed = typed or {}
    if any(isinstance(a, ast.Starred) for a in call.args):
        return None
    sep = " "
    for kw in call.keywords:
        if kw.arg == "sep":
            if isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                sep = kw.value.value
            elif not (isinstance(kw.value, ast.Constant) and kw.value.value is None):
                return None
        elif kw.arg not in ("end", "flush"):
            return None
    out: list[Piece] = []
    for i, arg in enumerate(call.args):
        if i:
            out.append(Piece(sep))
        out.extend(_flatten(arg, typed))
    return tuple(out)


def find_print(tree: ast.AST, line: int) -> ast.Call | None:
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
                and node.lineno == line):
            return node
    return None


# -- comparing -------------------------------------------------------------------------------------------

def words(text: str) -> list[str]:
    """Lower-case words, marks dropped (``"Hello, Rex!"`` → ["hello", "rex"]; ``puppy's`` → "puppys")."""
    text = text.lower().replace("’", "'").replace("'", "")
    return re.findall(r"\d+(?:\.\d+)?|[^\W\d_]+", text)


def _distance(a: str, b: str, most: int) -> int:
    """Edits (insert, delete, change, swap two neighbours) from ``a`` to ``b``; stops past ``most``."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > most:
            return most + 1
        prev2, prev = prev, cur
    return prev[-1]


def slip_allowed(word: str) -> int:
    """How many letters a child may get wrong in ``word`` and still mean it."""
    if word.isdigit() or len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


def same_word(said: str, real: str) -> bool:
    """The same word, allowing a small spelling slip in longer words and numbers as words."""
    if said == real:
        return True
    if _NUMBER_WORDS.get(said) == real or _NUMBER_WORDS.get(real) == said:
        return True
    if any(c.isdigit() for c in said + real):  # a number is the number: 8.45 is not 7.45
        return False
    if said.endswith("s") and said[:-1] == real or real.endswith("s") and real[:-1] == said:
        return len(real) >= 3
    most = slip_allowed(real)
    return most > 0 and _distance(said, real, most) <= most


def describes(said: list[str], described: frozenset[str]) -> bool:
    """Is ``said`` a description of a typed value ("the puppys name", "what you type")?"""
    meaningful = [w for w in said if w not in _LITTLE]
    if not meaningful:
        return False
    return any(same_word(w, d) or (w.endswith("s") and same_word(w[:-1], d)) for w in meaningful for d in described)


@dataclass(frozen=True)
class Lined:
    """How a child's answer lines up with a print line's pieces."""

    agrees: bool
    described: bool = False  # a gap was filled with a description of typed text
    slips: bool = False  # a small spelling slip in fixed text


def match_output(answer: str, printed: str, pieces: tuple[Piece, ...]) -> Lined | None:
    """Line the child's ``answer`` up with what was ``printed``, by the line's ``pieces``.

    None when the printed text does not fit the pieces (then the caller compares plainly).
    """
    # what each gap really held: match the printed text against the pieces
    pattern = "".join(re.escape(p.text) if p.text is not None else "(.*?)" for p in pieces)
    m = re.fullmatch(pattern, printed, re.DOTALL)
    if m is None:
        return None
    gaps = iter(m.groups())
    parts: list[tuple[str, object]] = []  # ("word", w) or ("gap", (real_words, piece))
    for p in pieces:
        if p.text is not None:
            parts.extend(("word", w) for w in words(p.text))
        else:
            parts.append(("gap", (words(next(gaps)), p)))
    said = words(answer)
    best = _line_up(said, parts)
    return best


def _line_up(said: list[str], parts: list[tuple[str, object]]) -> Lined:
    """Search (small: print lines are short) for the best way to line ``said`` up with ``parts``."""
    from functools import lru_cache

    n = len(said)

    @lru_cache(maxsize=None)
    def go(i: int, k: int) -> tuple[bool, bool, bool] | None:
        # returns (ok, described, slips) for said[i:] against parts[k:], preferring exact, then fewest liberties
        if k == len(parts):
            return (True, False, False) if i == n else None
        kind, value = parts[k]
        if kind == "word":
            if i < n and same_word(said[i], str(value)):
                rest = go(i + 1, k + 1)
                if rest is not None:
                    return (True, rest[1], rest[2] or said[i] != value)
            return None
        real, piece = value  # type: ignore[misc]
        options: list[tuple[bool, bool, bool]] = []
        if not real:  # an empty gap
            rest = go(i, k + 1)
            if rest is not None:
                options.append(rest)
        for j in range(i + 1, n + 1):
            chunk = said[i:j]
            exact = len(chunk) == len(real) and all(same_word(a, b) for a, b in zip(chunk, real))
            described = not exact and piece.typed and describes(chunk, piece.words)  # type: ignore[union-attr]
            if exact or described:
                rest = go(j, k + 1)
                if rest is not None:
                    options.append((True, rest[1] or described, rest[2] or (exact and chunk != real)))
        if not options:
            return None
        return min(options, key=lambda o: (o[1], o[2]))

    found = go(0, 0)
    if found is None:
        return Lined(False)
    return Lined(True, found[1], found[2])


__all__ = ["Lined", "Meaning", "Piece", "TYPING_WORDS", "describes", "find_print", "match_output", "name_words",
           "print_pieces", "same_word", "slip_allowed", "typed_names", "words"]
