"""Characters pasted from a document or typed with another keyboard setting.

Curly quotes (‘ ’ “ ”), long dashes (– —), non-breaking and zero-width spaces, full-width
characters (（ ） ： ＝ …), × and ÷. Inside proper text (between straight quotes) they are fine and
are left alone; in the code itself they become their plain keyboard twins.
"""

from __future__ import annotations

import unicodedata
from typing import Iterator

from ..hint import Fix
from ._syntax_tools import (
    Analysis,
    Candidate,
    and_list,
    change_sentence,
    code,
    generator,
    syntax_family,
)

FAMILY = "syntax-pasted-characters"

SINGLE_CURLY = "‘’‚‛′"
DOUBLE_CURLY = "“”„‟″«»"
SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
DASHES = "‐‑‒–—―−"
OTHERS = {"×": "*", "÷": "/", "…": "...", "≠": "!=", "≤": "<=", "≥": ">="}


def _plain(ch: str) -> str | None:
    """The keyboard twin of a pasted character outside text, or None when ``ch`` is fine."""
    if ch in SPACES:
        return " "
    if ch in INVISIBLE:
        return ""
    if ch in DASHES:
        return "-"
    if ch in OTHERS:
        return OTHERS[ch]
    if ord(ch) > 127 and not ch.isidentifier():
        folded = unicodedata.normalize("NFKC", ch)
        if folded != ch and folded.isascii() and folded:
            return folded
    return None


def clean_line(text: str) -> tuple[str, list[str]]:
    """``text`` with pasted characters outside proper text made plain, and the characters found."""
    out: list[str] = []
    found: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            out.append(text[i:])
            break
        if ch in "'\"":
            # straight quotes: copy the text; it may be closed by a curly twin by mistake
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if text[j] == "\\" else 1
            if j < n:
                out.append(text[i : j + 1])
                i = j + 1
                continue
            twins = SINGLE_CURLY if ch == "'" else DOUBLE_CURLY
            k = max(text.rfind(t, i + 1) for t in twins)
            if k > i:
                found.append(text[k])
                out.append(text[i:k] + ch)
                i = k + 1
                continue
            out.append(text[i:])
            break
        if ch in SINGLE_CURLY or ch in DOUBLE_CURLY:
            family = SINGLE_CURLY if ch in SINGLE_CURLY else DOUBLE_CURLY
            straight = "'" if ch in SINGLE_CURLY else '"'
            # find the partner: the next curly quote of the same family (or a straight one)
            j = i + 1
            while j < n:
                if text[j] == straight:
                    break
                if text[j] in family:
                    # an apostrophe inside a word (It’s) is not the end, if another quote follows
                    inside_word = 0 < j < n - 1 and text[j - 1].isalpha() and text[j + 1].isalpha()
                    if not (inside_word and any(c in family for c in text[j + 1 :])):
                        break
                j += 1
            found.append(ch)
            if j < n:
                inner = text[i + 1 : j]
                if straight in inner:
                    straight = '"' if straight == "'" else "'"
                    if straight in inner:
                        inner = inner.replace(straight, "\\" + straight)
                if text[j] != straight:
                    found.append(text[j])
                out.append(straight + inner + straight)
                i = j + 1
                continue
            out.append(straight)
            i += 1
            continue
        plain = _plain(ch)
        if plain is not None:
            found.append(ch)
            out.append(plain)
        else:
            out.append(ch)
        i += 1
    return "".join(out), found


def _name(ch: str) -> str:
    if ch in SINGLE_CURLY or ch in DOUBLE_CURLY:
        return "curly quote"
    if ch in SPACES:
        return "special space"
    if ch in INVISIBLE:
        return "invisible character"
    if ch in DASHES:
        return "long dash"
    return "special character"


def _describe(found: list[str]) -> tuple[str, str]:
    """(what was found, what Python needs) in a child's words."""
    kinds = []
    for ch in found:
        if _name(ch) not in kinds:
            kinds.append(_name(ch))
    kind = kinds[0]
    shown = " ".join(code(c) for c in dict.fromkeys(found) if c not in SPACES and c not in INVISIBLE)
    if kind == "curly quote":
        single = any(c in SINGLE_CURLY for c in found)
        plain = code("'") if single else code('"')
        return f"the curly quotes {shown}", f"plain quotes like {plain}"
    if kind == "special space":
        return "a special space that looks normal", "an ordinary space"
    if kind == "invisible character":
        return "an invisible character", "nothing there"
    if kind == "long dash":
        return f"the long dash {shown}", f"the minus sign {code('-')}"
    return f"{shown} came from another keyboard setting.", "the plain keyboard ones"


def _title(line: int, what: str, needs: str) -> str:
    if what.endswith("setting."):
        return f"Line {line}: {what[:-1]}, and Python needs {needs}."
    return f"Line {line}: {what} came from a document, and Python needs {needs}."


def _change(line: int, old: str, new: str, found: list[str]) -> str:
    if all(ch in SPACES or ch in INVISIBLE for ch in found):
        return f"Type line {line} again by hand, because the odd character cannot be seen: {code(new.strip())}."
    return change_sentence(old, new)


@generator(FAMILY)
def _pasted(a: Analysis) -> Iterator[Candidate]:
    window = list(a.window(before=1, after=1))
    cleaned: dict[int, tuple[str, list[str]]] = {}
    for ln in range(1, len(a.lines) + 1):
        new_text, found = clean_line(a.text(ln))
        if found and new_text != a.text(ln):
            cleaned[ln] = (new_text, found)
    if not cleaned:
        return
    first = min(cleaned)
    if first in window or any(ln in window for ln in cleaned):
        ln = next(ln for ln in sorted(cleaned) if ln in window) if any(ln in window for ln in cleaned) else first
        new_text, found = cleaned[ln]
        what, needs = _describe(found)
        title = _title(ln, what, needs)
        why = (
            "Word processors and web pages change some characters into fancy ones that look "
            "almost the same. Python only understands the plain keyboard ones in its code."
        )
        yield Candidate(
            family=FAMILY,
            line=ln,
            fix=a.replace(ln, new_text),
            title=title,
            why=why,
            change=_change(ln, a.text(ln), new_text, found),
            prior=0.97,
        )
        if len(cleaned) > 1:
            # the same characters on several lines: one edit for all of them
            last = max(cleaned)
            start = min(cleaned)
            block = "".join((cleaned[k][0] if k in cleaned else a.text(k)) + "\n" for k in range(start, last + 1))
            lines_named = and_list([str(k) for k in sorted(cleaned)])
            yield Candidate(
                family=FAMILY,
                line=start,
                fix=Fix(start, last, block),
                title=_title(start, what, needs),
                why=why + f" They are on lines {lines_named}.",
                change=(
                    f"On lines {lines_named}, change the fancy characters to plain ones: "
                    + change_sentence(a.text(start), cleaned[start][0])[0].lower()
                    + change_sentence(a.text(start), cleaned[start][0])[1:]
                ),
                prior=0.965,
            )


pasted_characters = syntax_family(FAMILY, """``ages = {‘Tom’: 10}`` → ``ages = {'Tom': 10}``; ``x = 5 – 2`` → ``x = 5 - 2``.""")
