"""Python's own special words: used as names, written with a capital, ``else if``, Python 2 print."""

from __future__ import annotations

import difflib
import re
from typing import Iterator

from ..hint import Fix
from ._syntax_tools import (
    KEYWORDS,
    Analysis,
    Candidate,
    Tok,
    and_list,
    change_sentence,
    code,
    generator,
    replace_span,
    syntax_family,
)

AS_NAME = "syntax-keyword-as-name"
CAPITAL = "syntax-capitalised-keyword"
PRINT2 = "syntax-print-without-brackets"

#: After a special word used as a name, one of these comes next.
_NAME_FOLLOWERS = {"=", ".", ")", ",", "]", "+=", "-=", "*=", "/=", "==", "!=", "<", ">", "<=", ">=", "%", "[",
                   "*", "/", "+", "-", "//", "**"}
#: Words that are often followed by a value starting with one of these signs, used as real words.
_BEFORE_VALUES = {"in", "return", "yield", "not", "and", "or", "is", "else", "assert", "del", "if", "elif",
                  "while", "lambda", "await", "import", "for", "print"}
_NOT_NAMES = {"True", "False", "None"}
_SUGGEST = {
    "class": "class_name",
    "pass": "password",
    "from": "sender",
    "def": "define",
    "in": "inside",
    "is": "is_it",
    "global": "total",
    "return": "result",
    "print": "show",
    "import": "imported",
    "lambda": "value",
    "with": "with_what",
    "yield": "crop",
    "break": "pause",
    "continue": "go_on",
    "try": "attempt",
    "del": "delete",
    "not": "not_",
    "and": "and_",
    "or": "or_",
    "for": "for_what",
    "if": "if_",
    "as": "as_",
}

_WHY_WORDS = (
    "Some words, like {words}, are Python's own special words. They already have a job, so they "
    "cannot be used as names for your own things."
)


def _used_as_name(toks: list[Tok], i: int, loose: bool = False, functions: frozenset[str] = frozenset()) -> bool:
    tok = toks[i]
    if tok.kind != "NAME" or tok.text not in KEYWORDS or tok.text in _NOT_NAMES:
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    prev = toks[i - 1] if i > 0 else None
    if nxt is not None and nxt.kind == "OP" and nxt.text in _NAME_FOLLOWERS:
        if nxt.text in ("[", "*", "**", "+", "-") and tok.text in _BEFORE_VALUES and not loose:
            return False
        if nxt.text == "." and tok.text == "from":
            return False  # from . import x
        if nxt.text == "," and tok.text in ("yield",):
            return False
        return True
    if prev is not None and prev.kind == "NAME" and prev.text in ("def", "class") and tok.text != prev.text:
        return True
    if prev is not None and prev.text == "for" and nxt is not None and nxt.text in ("in", ","):
        return True  # for class in classes:
    if loose and nxt is not None and nxt.text == "(" and tok.text in functions:
        return True  # def class(): ... class()
    return False


def _params_of(a: Analysis, name: str) -> list[str] | None:
    """The parameter names of ``def name(...)`` (or of ``class name``'s ``__init__``), if found."""
    source = a.source
    m = re.search(r"^[ \t]*class[ \t]+" + re.escape(name) + r"\b.*?^[ \t]+def[ \t]+__init__[ \t]*\(([^)]*)\)", source, re.S | re.M)
    if m is None:
        m = re.search(r"^[ \t]*def[ \t]+" + re.escape(name) + r"[ \t]*\(([^)]*)\)", source, re.M)
    if m is None:
        return None
    params = []
    for part in m.group(1).split(","):
        part = part.split("=")[0].split(":")[0].strip().lstrip("*")
        if part and part.isidentifier() and part != "self":
            params.append(part)
    return params


def _callee(a: Analysis, toks: list[Tok], i: int) -> tuple[str, set[str], int] | None:
    """For a word used as ``word=`` inside a call: (function name, names already given, positionals)."""
    depth = 0
    j = i - 1
    while j >= 0:
        t = toks[j]
        if t.kind == "OP" and t.text in ")]}":
            depth += 1
        elif t.kind == "OP" and t.text in "([{":
            if depth == 0:
                break
            depth -= 1
        j -= 1
    if j <= 0 or toks[j].text != "(" or toks[j - 1].kind != "NAME":
        return None
    func = toks[j - 1].text
    given: set[str] = set()
    positional = 0
    k = j + 1
    depth = 0
    start_of_arg = True
    while k < len(toks):
        t = toks[k]
        if t.kind == "OP" and t.text in "([{":
            depth += 1
        elif t.kind == "OP" and t.text in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and t.kind == "OP" and t.text == ",":
            start_of_arg = True
            k += 1
            continue
        if start_of_arg and depth == 0:
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if t.kind == "NAME" and nxt is not None and nxt.text == "=":
                if k != i:
                    given.add(t.text)
            else:
                positional += 1
        start_of_arg = False
        k += 1
    return func, given, positional


def _new_name(word: str, options: list[str] | None) -> str:
    if options:
        if len(options) == 1:
            return options[0]
        scored = sorted(options, key=lambda p: (-(p.startswith(word) or word.startswith(p[:3])),
                                                 -difflib.SequenceMatcher(None, word, p).ratio()))
        return scored[0]
    return _SUGGEST.get(word, f"my_{word}")


def _rename(a: Analysis, tok: Tok, word: str, new: str, options: list[str] | None, is_keyword_arg: bool,
            loose: bool) -> Iterator[Candidate]:
    scan = a.scan
    # every place the word is used as a name (a def's own name, or a variable used later)
    places: list[Tok] = []
    defined = re.search(r"^\s*def\s+" + re.escape(word) + r"\b", a.source, re.M)
    functions = frozenset([word]) if defined else frozenset()
    if options is None:
        for other_start in sorted({scan.logical_start(t.line) for t in scan.tokens if t.text == word}):
            otoks = scan.logical_tokens(other_start)
            for k, t in enumerate(otoks):
                if t.text == word and _used_as_name(otoks, k, loose, functions):
                    places.append(t)
    if tok not in places:
        places.append(tok)
    places.sort(key=lambda t: (t.line, t.col))
    lines = {}
    for t in reversed(places):
        text = lines.get(t.line, a.text(t.line))
        lines[t.line] = replace_span(text, t.col, t.end_col, new)
    first, last = min(lines), max(lines)
    block = "".join(lines.get(k, a.text(k)) + "\n" for k in range(first, last + 1))
    if is_keyword_arg:
        title = f"Line {tok.line}: {code(word)} is one of Python's special words, so it cannot name a value here."
    else:
        title = f"Line {tok.line}: {code(word)} is one of Python's special words, so it cannot be used as a name."
    change = change_sentence(a.text(tok.line), lines[tok.line])
    if len(lines) > 1:
        named = and_list([str(k) for k in sorted(lines)])
        change = f"Use the name {code(new)} instead of {code(word)} on lines {named}. On line {tok.line}: " + change[0].lower() + change[1:]
    yield Candidate(
        family=AS_NAME,
        line=first,
        fix=Fix(first, last, block),
        title=title,
        why=_WHY_WORDS.format(words=f"{code('class')}, {code('def')} and {code(word)}" if word not in ("class", "def") else f"{code('class')}, {code('for')} and {code('def')}")
        + (f" The function expects the name {code(new)}." if options else ""),
        change=change,
        prior=0.86 if options or len(lines) == 1 else 0.84,
    )
    if len(lines) > 1:
        # the first line alone (the engine tries it if the whole rename is not wanted)
        only = lines[tok.line]
        yield Candidate(
            family=AS_NAME,
            line=tok.line,
            fix=a.replace(tok.line, only),
            title=title,
            why=_WHY_WORDS.format(words=code(word)),
            change=change_sentence(a.text(tok.line), only),
            prior=0.8,
        )


@generator(AS_NAME)
def _keyword_as_name(a: Analysis) -> Iterator[Candidate]:
    for start, toks in a.logical_lines(before=2, after=1):
        for i, tok in enumerate(toks):
            if not _used_as_name(toks, i):
                continue
            word = tok.text
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            is_keyword_arg = nxt is not None and nxt.text == "=" and tok.depth > 0
            options = None
            if is_keyword_arg:
                found = _callee(a, toks, i)
                if found is not None:
                    func, given, positional = found
                    params = _params_of(a, func)
                    if params is not None:
                        options = [p for p in params[positional:] if p not in given] or None
            new = _new_name(word, options)
            for loose in (False, True):
                yield from _rename(a, tok, word, new, options, is_keyword_arg, loose)
            return


def _capitals_on(a: Analysis, ln: int) -> list[Tok]:
    found = []
    for t in a.scan.line_tokens(ln):
        low = t.text.lower()
        if t.kind == "NAME" and t.text != low and low in KEYWORDS and t.text not in _NOT_NAMES:
            if re.search(r"^\s*" + re.escape(t.text) + r"\s*=[^=]", a.source, re.M):
                continue  # the program made a name like that itself
            if re.search(r"^\s*(class|def)\s+" + re.escape(t.text) + r"\b", a.source, re.M):
                continue
            found.append(t)
    return found


def _lowered(a: Analysis, ln: int, toks: list[Tok]) -> str:
    new_text = a.text(ln)
    for t in reversed(toks):
        new_text = replace_span(new_text, t.col, t.end_col, t.text.lower())
    return new_text


@generator(CAPITAL)
def _capitalised(a: Analysis) -> Iterator[Candidate]:
    everywhere = {ln: _capitals_on(a, ln) for ln in range(1, len(a.lines) + 1)}
    everywhere = {ln: toks for ln, toks in everywhere.items() if toks}
    for ln in a.window(before=1, after=1):
        changed = everywhere.get(ln)
        if not changed:
            continue
        text = a.text(ln)
        new_text = _lowered(a, ln, changed)
        word = changed[0].text
        title = f"Line {ln}: Python's special words use small letters, so write {code(word.lower())}, not {code(word)}."
        why = (
            "Python is picky about big and small letters: to Python, "
            f"{code(word)} and {code(word.lower())} are different words, and only "
            f"{code(word.lower())} is the special one it knows."
        )
        yield Candidate(
            family=CAPITAL,
            line=ln,
            fix=a.replace(ln, new_text),
            title=title,
            why=why,
            change=change_sentence(text, new_text),
            prior=0.9,
        )
        later = sorted(k for k in everywhere if k >= ln)
        if len(later) > 1:
            block = "".join(
                (_lowered(a, k, everywhere[k]) if k in everywhere else a.text(k)) + "\n"
                for k in range(ln, later[-1] + 1)
            )
            shown = and_list([str(k) for k in later])
            yield Candidate(
                family=CAPITAL,
                line=ln,
                fix=Fix(ln, later[-1], block),
                title=title,
                why=why,
                change=f"Use small letters for the special words on lines {shown}. On line {ln}: "
                + change_sentence(text, new_text)[0].lower() + change_sentence(text, new_text)[1:],
                prior=0.895,
            )
        return


def _print_variants(a: Analysis, ln: int) -> list[str]:
    """Ways to give a Python 2 ``print x`` line its brackets (most likely first); [] if not one."""
    scan = a.scan
    if not scan.is_code_line(ln):
        return []
    toks = scan.line_tokens(ln)
    if len(toks) < 2 or toks[0].text.lower() != "print" or toks[0].kind != "NAME":
        return []
    nxt = toks[1]
    if nxt.kind == "OP" and nxt.text not in ("-", "~", "[", "{"):
        return []  # print(...), print = ..., print.x
    text = a.text(ln)
    end = scan.code_end(ln)
    what = text[nxt.col : end]
    variants = []
    if what.endswith(","):
        variants.append(text[: toks[0].col] + f"print({what[:-1].rstrip()}, end=\" \")" + text[end:])
    variants.append(text[: toks[0].col] + f"print({what})" + text[end:])
    if what.endswith(")") and what.count(")") > what.count("("):
        variants.append(text[: toks[0].col] + f"print({what}" + text[end:])
    return variants


@generator(PRINT2)
def _print_without_brackets(a: Analysis) -> Iterator[Candidate]:
    title_for = lambda ln: f"Line {ln}: {code('print')} needs round brackets around what it shows, like {code('print(...)')}."  # noqa: E731
    why = (
        f"{code('print')} is a function, and functions get what they work on inside "
        "round brackets. Very old Python did not need them, so some books and websites "
        "still show it without."
    )
    for ln in a.window(before=1, after=1):
        variants = _print_variants(a, ln)
        if not variants:
            continue
        text = a.text(ln)
        for k, nt in enumerate(variants):
            yield Candidate(
                family=PRINT2,
                line=ln,
                fix=a.replace(ln, nt),
                title=title_for(ln),
                why=why,
                change=change_sentence(text, nt),
                prior=0.95 - 0.01 * k,
            )
        # old-style prints on other lines too: one edit for all of them
        others = {k: _print_variants(a, k) for k in range(ln + 1, len(a.lines) + 1)}
        others = {k: v[0] for k, v in others.items() if v}
        if others:
            last = max(others)
            block = "".join((others.get(k, a.text(k)) if k != ln else variants[0]) + "\n" for k in range(ln, last + 1))
            shown = and_list([str(ln)] + [str(k) for k in sorted(others)])
            yield Candidate(
                family=PRINT2,
                line=ln,
                fix=Fix(ln, last, block),
                title=title_for(ln),
                why=why,
                change=f"Put round brackets after {code('print')} on lines {shown}. On line {ln}: "
                + change_sentence(text, variants[0])[0].lower() + change_sentence(text, variants[0])[1:],
                prior=0.945,
            )
        return


keyword_as_name = syntax_family(AS_NAME, """``class = "5B"`` or ``Fighter(def=9)`` → a name that is not one of Python's own words.""")


capitalised_keyword = syntax_family(CAPITAL, """``If x > 3:`` → ``if x > 3:``; ``For``, ``While``, ``Def``, ``Else`` ...""")


print_without_brackets = syntax_family(PRINT2, """``print "Hello"`` (Python 2) → ``print("Hello")``.""")
