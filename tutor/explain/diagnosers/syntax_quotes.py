"""Quotes: an apostrophe inside '...', a missing or odd closing quote, f-string braces."""

from __future__ import annotations

import builtins
import keyword
import re
import warnings
from typing import Iterator

from ._syntax_tools import (
    Analysis,
    Candidate,
    Tok,
    change_sentence,
    code,
    generator,
    insert_at,
    syntax_family,
)

APOSTROPHE = "syntax-apostrophe-in-string"
UNCLOSED_QUOTE = "syntax-unclosed-quote"
FSTRING = "syntax-fstring-brace"
MISSING_QUOTES = "syntax-missing-quotes"

KEYWORDS_SET = frozenset(keyword.kwlist)
_WHY_QUOTES = "Text in Python starts and ends with the same kind of quote mark."


def _other(q: str) -> str:
    return '"' if q == "'" else "'"


def _bad_strings(a: Analysis, triple: bool = False) -> list[Tok]:
    lines = set(a.window(before=3, after=1))
    found = [t for t in a.scan.bad_strings if t.line in lines and len(t.quote) == 1]
    if triple:
        found += [t for t in a.scan.bad_strings if len(t.quote) == 3]
        found.sort(key=lambda t: (t.line, t.col))
    return found


@generator(APOSTROPHE)
def _apostrophe(a: Analysis) -> Iterator[Candidate]:
    for ln in a.window(before=3, after=1):
        toks = a.scan.line_tokens(ln, comments=True)
        text = a.text(ln)
        singles = [t for t in toks if t.kind in ("STRING", "BADSTRING") and t.quote == "'" and t.line == ln]
        if not singles:
            continue
        # an apostrophe ends a text too early when a word touches the quote: 'It's
        touching = [
            t for i, t in enumerate(toks[:-1])
            if t.kind == "STRING" and t.quote == "'" and toks[i + 1].kind == "NAME"
            and toks[i + 1].col == t.end_col and t.end_col >= 2 and text[t.end_col - 2].isalpha()
        ]
        if not touching:
            continue
        start = next(t for t in singles if t.col <= touching[0].col)
        open_col = start.col + len(start.prefix)
        closings = [k for k in range(touching[0].end_col, len(text)) if text[k] == "'"]
        for rank, close_col in enumerate(closings[:6]):
            inner = text[open_col + 1 : close_col]
            words = re.findall(r"\w*'\w*", inner)
            word = next((w for w in words if w.strip("'")), "'")
            if '"' not in inner:
                new_text = text[:open_col] + '"' + inner + '"' + text[close_col + 1 :]
                prior = 0.92
            else:
                new_text = text[: open_col + 1] + inner.replace("'", "\\'") + text[close_col:]
                prior = 0.85
            yield Candidate(
                family=APOSTROPHE,
                line=ln,
                fix=a.replace(ln, new_text),
                title=f"Line {ln}: the apostrophe in {code(word)} ends the text too early.",
                why=(
                    f"{_WHY_QUOTES} Here the text starts with {code(chr(39))}, so Python thinks the "
                    f"apostrophe in {code(word)} is the end. Using double quotes {code(chr(34))} "
                    "around the text keeps the apostrophe safe."
                ),
                change=change_sentence(text, new_text),
                prior=prior - 0.001 * rank,
            )
        return


@generator(UNCLOSED_QUOTE)
def _unclosed_quote(a: Analysis) -> Iterator[Candidate]:
    for bad in _bad_strings(a, triple=True)[:1]:
        q = bad.quote
        text = a.text(bad.line)
        qcol = bad.col + len(bad.prefix) + len(q) - 1
        rest = text[qcol + 1 :]
        title = f"Line {bad.line}: the text that starts with {code(q)} needs a closing {code(q)}."
        why = (
            f"{_WHY_QUOTES} Without the closing {code(q)}, Python thinks the text goes on to the "
            "end of the line."
        )
        # 1. "Hello')  ->  "Hello"): the other quote was used to close it
        other = _other(q[0])
        pos = rest.rfind(other)
        if pos >= 0 and len(q) == 1:
            new_text = text[: qcol + 1] + rest[:pos] + q + rest[pos + 1 :]
            yield Candidate(
                family=UNCLOSED_QUOTE,
                line=bad.line,
                fix=a.replace(bad.line, new_text),
                title=f"Line {bad.line}: the text starts with {code(q)} but ends with {code(other)}, and they need to match.",
                why=f"{_WHY_QUOTES} Pick one kind and use it at both ends.",
                change=change_sentence(text, new_text),
                prior=0.9,
            )
        # 2. print("Hello)  ->  print("Hello"): close it before the closing brackets at the end
        body = rest.rstrip()
        # 2a. print("My pet is a, pet)  ->  print("My pet is a", pet): the text ends before a
        #     comma or + followed by one of the program's own names.
        if len(q) == 1:
            for m in re.finditer(r"\s*[,+]\s*([A-Za-z_]\w*)\b", body):
                if keyword.iskeyword(m.group(1)) or not _defined(a, m.group(1)) or hasattr(builtins, m.group(1)):
                    continue
                new_text = text[: qcol + 1] + body[: m.start()] + q + body[m.start() :] + rest[len(body) :]
                yield Candidate(
                    family=UNCLOSED_QUOTE,
                    line=bad.line,
                    fix=a.replace(bad.line, new_text),
                    title=title,
                    why=why,
                    change=change_sentence(text, new_text),
                    prior=0.89,
                )
                break
        # close it just before the brackets (and a block's colon) at the end of the line
        closers = re.search(r"[)\]}:]*$", body).group(0)
        tail_start = len(body) - len(closers)
        spots = list(range(tail_start, len(body) + 1))
        for rank, k in enumerate(spots):
            new_text = text[: qcol + 1] + body[:k] + q + body[k:] + rest[len(body) :]
            yield Candidate(
                family=UNCLOSED_QUOTE,
                line=bad.line,
                fix=a.replace(bad.line, new_text),
                title=title,
                why=why,
                change=change_sentence(text, new_text),
                prior=0.88 - 0.01 * rank,
            )
        if len(q) != 1:
            continue
        # 3. {"Tom: 10, "Ella": 12}  ->  {"Tom": 10, "Ella": 12}: an earlier text was not closed,
        #    so its closing quote was taken as an opening one
        for s in [t for t in a.scan.line_tokens(bad.line) if t.kind == "STRING" and t.quote == q and t.col < bad.col][-1:]:
            open_col = s.col + len(s.prefix) + 1
            inner = text[open_col : s.end_col - 1]
            for m in re.finditer(r"[,:)\]}](?= )", inner):
                new_text = insert_at(text, open_col + m.start(), q)
                yield Candidate(
                    family=UNCLOSED_QUOTE,
                    line=bad.line,
                    fix=a.replace(bad.line, new_text),
                    title=f"Line {bad.line}: the text {code(q + inner[: m.start()])} needs a closing {code(q)}.",
                    why=why,
                    change=change_sentence(text, new_text),
                    prior=0.87,
                )
                break
        # 4. print(Hello")  ->  print("Hello"): the opening quote is the one missing
        for k in range(qcol - 1, 0, -1):
            if text[k - 1] in "(,=+[{: " and text[k] not in " )":
                new_text = insert_at(text, k, q)
                yield Candidate(
                    family=UNCLOSED_QUOTE,
                    line=bad.line,
                    fix=a.replace(bad.line, new_text),
                    title=f"Line {bad.line}: the text that ends with {code(q)} needs an opening {code(q)} too.",
                    why=f"{_WHY_QUOTES} Here only the closing quote is there.",
                    change=change_sentence(text, new_text),
                    prior=0.8 - 0.001 * (qcol - k),
                )
                if text[k - 1] in "(,=[{":
                    break


@generator(APOSTROPHE)
def _inner_quotes(a: Analysis) -> Iterator[Candidate]:
    """print("It is a "big" day")  ->  print('It is a "big" day'): quotes inside the text."""
    for ln in a.window(before=1, after=1):
        toks = a.scan.line_tokens(ln)
        text = a.text(ln)
        for i, first in enumerate(toks):
            if first.kind != "STRING" or first.prefix or len(first.quote) != 1:
                continue
            j = i + 1
            while j < len(toks) and toks[j].kind in ("NAME", "NUMBER") and toks[j].line == ln:
                j += 1
            if j == i + 1 or j >= len(toks) or toks[j].kind != "STRING" or toks[j].quote != first.quote:
                continue
            words = [t.text for t in toks[i + 1 : j] if t.kind == "NAME"]
            unknown = [w for w in words if not _defined(a, w)]
            q, other = first.quote, _other(first.quote)
            last = toks[j]
            inner = text[first.col + 1 : last.end_col - 1]
            if other in inner:
                new_inner = inner.replace(q, "\\" + q)
                new_text = text[: first.col + 1] + new_inner + text[last.end_col - 1 :]
            else:
                new_text = text[: first.col] + other + inner + other + text[last.end_col :]
            quoted = text[toks[i + 1].col - 1 : toks[j - 1].end_col + 1]
            yield Candidate(
                family=APOSTROPHE,
                line=ln,
                fix=a.replace(ln, new_text),
                title=f"Line {ln}: the quotes around {code(quoted)} end the text too early.",
                why=(
                    f"{_WHY_QUOTES} A {code(q)} inside the text looks like its end. Using the other "
                    f"kind of quote, {code(other)}, around the whole text keeps the inside ones safe."
                ),
                change=change_sentence(text, new_text),
                prior=0.83 if unknown else 0.7,
            )
            return


def _defined(a: Analysis, name: str) -> bool:
    """True when the program gives ``name`` a value somewhere (or Python has it built in)."""
    if hasattr(builtins, name):
        return True
    n = re.escape(name)
    patterns = (
        rf"^\s*{n}\s*(?:[-+*/%]?=[^=]|,.*=[^=])",  # name = ..., name += ..., name, other = ...
        rf"^\s*[\w\s,]*,\s*{n}\s*=[^=]",  # other, name = ...
        rf"\bfor\s+[\w\s,()]*\b{n}\b[\w\s,()]*\bin\b",  # for name in ...
        rf"\bdef\s+\w+\s*\([^)]*\b{n}\b",  # def f(name)
        rf"^\s*(?:def|class)\s+{n}\b",  # def name / class name
        rf"\bimport\s+[\w\s,.]*\b{n}\b",  # import name
        rf"\bas\s+{n}\b",  # ... as name
    )
    return any(re.search(p, a.source, re.M) for p in patterns)


@generator(MISSING_QUOTES)
def _missing_quotes(a: Analysis) -> Iterator[Candidate]:
    """print(Hello world)  ->  print("Hello world"): words meant as text, with no quotes."""
    for ln in a.window(before=1, after=1):
        toks = a.scan.line_tokens(ln)
        text = a.text(ln)
        i = 0
        while i < len(toks):
            t = toks[i]
            if not (t.kind == "OP" and t.text in ("(", ",", "+")) or t.depth < 0:
                i += 1
                continue
            j = i + 1
            while j < len(toks) and toks[j].kind in ("NAME", "NUMBER") and toks[j].line == ln:
                j += 1
            run = toks[i + 1 : j]
            i = j
            if len(run) < 2 or j >= len(toks) or toks[j].kind != "OP" or toks[j].text not in (")", ",", "+"):
                continue
            if run[0].kind != "NAME" or any(r.text in KEYWORDS_SET and r.text not in ("is", "in", "and", "or", "not", "for", "if") for r in run):
                continue
            unknown = [r.text for r in run if r.kind == "NAME" and not _defined(a, r.text)]
            start, end = run[0].col, run[-1].end_col
            words = text[start:end]
            new_text = text[:start] + '"' + words + '"' + text[end:]
            yield Candidate(
                family=MISSING_QUOTES,
                line=ln,
                fix=a.replace(ln, new_text),
                title=f"Line {ln}: the words {code(words)} are text, so they need quotes around them.",
                why=(
                    "Python reads words without quotes as names of things in your program. Quotes "
                    f"around the words, like {code(chr(34) + words + chr(34))}, make them text to show."
                ),
                change=change_sentence(text, new_text),
                prior=0.82 if len(unknown) == len([r for r in run if r.kind == "NAME"]) else 0.6,
            )


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _expression_end(inner: str) -> int:
    """Where a value's spot in an f-string most likely ends (0: nowhere sensible).

    The longest start of ``inner`` that is a whole Python expression, never past another ``{``,
    then a format like ``:.2f`` or ``!r`` when one follows.
    """
    limit = inner.find("{")
    limit = len(inner) if limit < 0 else limit
    for strict in (True, False):
        for end in range(limit, 0, -1):
            piece = inner[:end]
            if not piece.strip() or piece[-1].isspace():
                continue
            if end < len(inner) and _is_word(inner[end]) and _is_word(piece[-1]):
                continue
            if strict and set(re.findall(r"[A-Za-z_]\w*", piece)) & _WORDY:
                continue  # {age in dog years: "in" is more likely part of the sentence
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    compile(piece.strip(), "<f>", "eval", dont_inherit=True)
            except (SyntaxError, ValueError):
                continue
            rest = inner[end:]
            m = re.match(r"![rsa](?![\w])", rest)
            if m:
                end += m.end()
                rest = inner[end:]
            m = re.match(r":[^\s{}'\"]+", rest)
            if m:
                end += m.end()
            return end
    return 0


_WORDY = {"in", "is", "and", "or", "not", "if", "else", "for"}


@generator(FSTRING)
def _fstring(a: Analysis) -> Iterator[Candidate]:
    lines = set(a.window(before=2, after=1))
    for tok in a.scan.tokens:
        if tok.kind != "STRING" or "f" not in tok.prefix.lower() or tok.line not in lines or tok.line != tok.end_line:
            continue
        text = a.text(tok.line)
        body_start = tok.col + len(tok.prefix) + len(tok.quote)
        body_end = tok.end_col - len(tok.quote)
        body = text[body_start:body_end]
        i = 0
        while i < len(body):
            ch = body[i]
            if body.startswith("{{", i) or body.startswith("}}", i):
                i += 2
                continue
            if ch == "{":
                close = _matching_brace(body, i)
                if close < 0:
                    inner = body[i + 1 :]
                    end = _expression_end(inner)
                    if end:
                        col = body_start + i + 1 + end
                        new_text = insert_at(text, col, "}")
                        name = inner[:end].strip()
                        yield Candidate(
                            family=FSTRING,
                            line=tok.line,
                            fix=a.replace(tok.line, new_text),
                            title=f"Line {tok.line}: the {code('{')} before {code(name)} needs a closing {code('}')}.",
                            why=_brace_pairs_why(),
                            change=change_sentence(text, new_text),
                            prior=0.93,
                        )
                    return
                i = close + 1
                continue
            if ch == "}":
                # a lone closing brace: the opening one is missing before the name
                m = re.search(r"[A-Za-z_][\w.]*(\([^()]*\))?$", body[:i])
                if m:
                    col = body_start + m.start()
                    new_text = insert_at(text, col, "{")
                    name = m.group(0)
                    yield Candidate(
                        family=FSTRING,
                        line=tok.line,
                        fix=a.replace(tok.line, new_text),
                        title=f"Line {tok.line}: the {code('}')} after {code(name)} needs an opening {code('{')} before it.",
                        why=_brace_pairs_why(),
                        change=change_sentence(text, new_text),
                        prior=0.9,
                    )
                return
            i += 1


def _brace_pairs_why() -> str:
    return (
        "In an f-string, the curly brackets come in pairs: "
        f"{code('{')} opens the spot for a value and {code('}')} closes it."
    )


def _matching_brace(body: str, start: int) -> int:
    depth = 0
    quote = ""
    for j in range(start, len(body)):
        ch = body[j]
        if quote:
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"":
            quote = ch
        elif ch in "{[(":
            depth += 1
        elif ch in "}])":
            depth -= 1
            if depth == 0:
                return j if ch == "}" else -1
    return -1


apostrophe_in_string = syntax_family(APOSTROPHE, """``print('That's it')`` → ``print("That's it")``.""")


unclosed_quote = syntax_family(UNCLOSED_QUOTE, """``print("Hello)`` → ``print("Hello")``; ``print("Hi')`` → ``print("Hi")``.""")


missing_quotes = syntax_family(MISSING_QUOTES, """``print(Hello world)`` → ``print("Hello world")``.""")


fstring_brace = syntax_family(FSTRING, """``f"Hello {name!"`` → ``f"Hello {name}!"``.""")
