"""Signs from maths or other languages: ``=`` for ``==``, ``x++``, ``&&``, ``=>``, ``and < 13``."""

from __future__ import annotations

import re
from typing import Iterator

from ._syntax_tools import (
    KEYWORDS,
    Analysis,
    Candidate,
    Tok,
    change_sentence,
    code,
    generator,
    replace_span,
    syntax_family,
)

EQUALS = "syntax-assign-in-condition"
PLUS_PLUS = "syntax-plus-plus"
OTHER_LANGUAGE = "syntax-other-language-operator"
HALF_COMPARISON = "syntax-incomplete-comparison"

_COMPARE = {"<", ">", "<=", ">=", "==", "!="}


def _logical_lines(a: Analysis, before: int = 2, after: int = 1) -> Iterator[tuple[int, list[Tok]]]:
    return a.logical_lines(before=before, after=after)


def _in_call(toks: list[Tok], i: int) -> bool:
    """True when toks[i] sits inside the brackets of a call (where ``name=value`` is allowed)."""
    depth = 0
    for j in range(i - 1, -1, -1):
        t = toks[j]
        if t.kind == "OP" and t.text in ")]}":
            depth += 1
        elif t.kind == "OP" and t.text in "([{":
            if depth == 0:
                prev = toks[j - 1] if j > 0 else None
                return t.text == "(" and prev is not None and (
                    (prev.kind == "NAME" and prev.text not in KEYWORDS) or prev.text in ")]"
                )
            depth -= 1
    return False


@generator(EQUALS)
def _assign_in_condition(a: Analysis) -> Iterator[Candidate]:
    for start, toks in _logical_lines(a):
        if not toks or toks[0].text not in ("if", "elif", "while") or toks[0].kind != "NAME":
            continue
        word = toks[0].text
        singles = []
        for i, t in enumerate(toks):
            if t.kind != "OP" or t.text != "=" or _in_call(toks, i):
                continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and nxt.kind == "OP" and nxt.text in ("<", ">", "!", "=") and nxt.col == t.end_col:
                continue  # =>, =<, =! and === are other slips
            singles.append(t)
        if not singles:
            continue
        groups = [singles] + ([[t] for t in singles] if len(singles) > 1 else [])
        for k, group in enumerate(groups):
            lines = {}
            for t in reversed(group):
                text = lines.get(t.line, a.text(t.line))
                lines[t.line] = replace_span(text, t.col, t.end_col, "==")
            if len(lines) != 1:
                continue
            (line, new_text), = lines.items()
            text = a.text(line)
            yield Candidate(
                family=EQUALS,
                line=line,
                fix=a.replace(line, new_text),
                title=f"Line {line}: to check if two things are equal, Python uses {code('==')}, two equals signs.",
                why=(
                    f"One {code('=')} puts a value into a name, like {code('score = 10')}. Two "
                    f"{code('==')} ask a question: are these the same? {'An' if word != 'while' else 'A'} {code(word)} line asks a question."
                ),
                change=change_sentence(text, new_text),
                prior=0.92 if k == 0 else 0.91,
            )


_PLUS_PLUS = re.compile(r"^(\s*)([A-Za-z_][\w.]*(?:\[[^\]]*\])?)\s*(\+\+|--)\s*;?\s*(#.*)?$")


@generator(PLUS_PLUS)
def _plus_plus(a: Analysis) -> Iterator[Candidate]:
    for ln in a.window(before=1, after=1):
        text = a.text(ln)
        m = _PLUS_PLUS.match(text)
        if not m:
            continue
        sign = m.group(3)
        op = "+=" if sign == "++" else "-="
        name = m.group(2)
        comment = f"  {m.group(4)}" if m.group(4) else ""
        new_text = f"{m.group(1)}{name} {op} 1{comment}"
        verb = "add one to" if sign == "++" else "take one away from"
        yield Candidate(
            family=PLUS_PLUS,
            line=ln,
            fix=a.replace(ln, new_text),
            title=f"Line {ln}: Python has no {code(sign)}, so write {code(f'{name} {op} 1')} to {verb} {code(name)}.",
            why=(
                f"Some other languages use {code(sign)}, but Python does not know it. "
                f"{code(f'{name} {op} 1')} means \"{verb} {name}\"."
            ),
            change=change_sentence(text, new_text),
            prior=0.95,
        )


_JOINED = {("&", "&"): "and", ("|", "|"): "or", ("=", ">"): ">=", ("=", "<"): "<=", ("=", "!"): "!=",
           ("==", "="): "=="}


@generator(OTHER_LANGUAGE)
def _other_language(a: Analysis) -> Iterator[Candidate]:
    for ln in a.window(before=1, after=1):
        text = a.text(ln)
        toks = a.scan.line_tokens(ln)
        for i, t in enumerate(toks):
            if t.kind != "OP":
                continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            joined = nxt is not None and nxt.kind == "OP" and nxt.col == t.end_col
            if joined and (t.text, nxt.text) in _JOINED:
                end, plain = nxt.end_col, _JOINED[(t.text, nxt.text)]
            elif nxt is not None and t.text == "=" and nxt.text == "=" and nxt.line == t.line:
                end, plain = nxt.end_col, "=="  # x = = 5
            elif t.text == "<>":
                end, plain = t.end_col, "!="
            elif t.text == "!" and nxt is not None and nxt.text != "=":
                end, plain = t.end_col, "not"
            else:
                continue
            old = text[t.col : end]
            left = text[: t.col].rstrip()
            right = text[end:].lstrip()
            if plain.isalpha():
                new_text = f"{left} {plain} {right}" if left.strip() else f"{left}{plain} {right}"
            else:
                new_text = f"{left} {plain} {right}"
            why_word = "the word " if plain.isalpha() else ""
            if old.replace(" ", "") == plain:
                yield Candidate(
                    family=OTHER_LANGUAGE,
                    line=ln,
                    fix=a.replace(ln, new_text),
                    title=f"Line {ln}: the signs in {code(plain)} go right next to each other, with no space.",
                    why=f"Python reads {code(old)} as two separate signs. Written together, {code(plain)} is one sign.",
                    change=change_sentence(text, new_text),
                    prior=0.9,
                )
                continue
            yield Candidate(
                family=OTHER_LANGUAGE,
                line=ln,
                fix=a.replace(ln, new_text),
                title=f"Line {ln}: Python writes {code(old)} as {why_word}{code(plain)}.",
                why=f"Other languages, or maths, write it as {code(old)}. Python's way is {code(plain)}.",
                change=change_sentence(text, new_text),
                prior=0.9,
            )


@generator(OTHER_LANGUAGE)
def _then(a: Analysis) -> Iterator[Candidate]:
    """``if x > 3 then:`` -> ``if x > 3:`` (and ``{`` ... at the end of an if line)."""
    for start, toks in _logical_lines(a, before=1, after=1):
        if not toks or toks[0].text not in ("if", "elif", "while", "for") or len(toks) < 3:
            continue
        last = toks[-1]
        word = toks[-2] if last.text == ":" else last
        if word.kind == "NAME" and word.text in ("then", "do", "Then", "Do"):
            text = a.text(word.line)
            new_text = text[: word.col].rstrip() + (":" if last is word else "") + text[word.end_col :]
            yield Candidate(
                family=OTHER_LANGUAGE,
                line=word.line,
                fix=a.replace(word.line, new_text),
                title=f"Line {word.line}: Python does not use {code(word.text)} here, because the colon {code(':')} does its job.",
                why=f"Some other languages write {code(word.text)} after a question. In Python the colon at the end is enough.",
                change=change_sentence(text, new_text),
                prior=0.9,
            )


@generator(HALF_COMPARISON)
def _half_comparison(a: Analysis) -> Iterator[Candidate]:
    for start, toks in _logical_lines(a):
        for i in range(1, len(toks)):
            joiner, op = toks[i - 1], toks[i]
            if joiner.kind != "NAME" or joiner.text not in ("and", "or") or op.kind != "OP" or op.text not in _COMPARE:
                continue
            # what was compared before: the thing on the left of the last comparison
            j = i - 2
            while j >= 0 and not (toks[j].kind == "OP" and toks[j].text in _COMPARE):
                j -= 1
            if j < 0:
                continue
            k = j - 1
            depth = 0
            while k >= 0:
                t = toks[k]
                if t.kind == "OP" and t.text in ")]}":
                    depth += 1
                elif t.kind == "OP" and t.text in "([{":
                    if depth == 0:
                        break
                    depth -= 1
                elif depth == 0 and (t.kind == "NAME" and t.text in ("if", "elif", "while", "and", "or", "not", "return", "print") or t.kind == "OP" and t.text in ("=", ",")):
                    break
                k -= 1
            left_toks = toks[k + 1 : j]
            if not left_toks or left_toks[0].line != left_toks[-1].line:
                continue
            if all(t.kind in ("NUMBER", "STRING") for t in left_toks):
                # 10 < age and < 13: the thing compared is on the right of the first comparison
                right_toks = []
                for t in toks[j + 1 : i - 1]:
                    if t.kind == "OP" and t.text in _COMPARE:
                        break
                    right_toks.append(t)
                if right_toks and right_toks[0].line == right_toks[-1].line and not all(
                    t.kind in ("NUMBER", "STRING") for t in right_toks
                ):
                    left_toks = right_toks
            text_left = a.text(left_toks[0].line)[left_toks[0].col : left_toks[-1].end_col]
            text = a.text(op.line)
            new_text = text[: op.col] + text_left + " " + text[op.col :]
            yield Candidate(
                family=HALF_COMPARISON,
                line=op.line,
                fix=a.replace(op.line, new_text),
                title=f"Line {op.line}: after {code(joiner.text)}, say again what to compare: {code(text_left + ' ' + op.text)}.",
                why=(
                    f"Python checks each side of {code(joiner.text)} on its own, so each side needs "
                    f"a whole question, like {code(text_left + ' ' + op.text + ' ...')}."
                ),
                change=change_sentence(text, new_text),
                prior=0.88,
            )
            return


assign_in_condition = syntax_family(EQUALS, """``if password = "dragon":`` → ``if password == "dragon":``.""")


plus_plus = syntax_family(PLUS_PLUS, """``score++`` → ``score += 1``; ``lives--`` → ``lives -= 1``.""")


other_language_operator = syntax_family(OTHER_LANGUAGE, """``&&`` → ``and``, ``||`` → ``or``, ``=>`` → ``>=``, ``!done`` → ``not done`` ...""")


incomplete_comparison = syntax_family(HALF_COMPARISON, """``if age >= 10 and < 13:`` → ``if age >= 10 and age < 13:``.""")
