"""A line that starts a block (if, elif, else, for, while, def, class, try, ...) without its colon."""

from __future__ import annotations

from typing import Iterator

from ._syntax_tools import (
    HEADER_WORDS,
    Analysis,
    Candidate,
    change_sentence,
    code,
    generator,
    syntax_family,
)

FAMILY = "syntax-missing-colon"

_WHAT = {
    "if": "an `if` line",
    "elif": "an `elif` line",
    "else": "an `else` line",
    "for": "a `for` line",
    "while": "a `while` line",
    "def": "a `def` line",
    "class": "a `class` line",
    "try": "a `try` line",
    "except": "an `except` line",
    "finally": "a `finally` line",
    "with": "a `with` line",
}


@generator(FAMILY)
def _colon_candidates(a: Analysis) -> Iterator[Candidate]:
    scan = a.scan
    for start, toks in a.logical_lines(before=3, after=1):
        if not toks or toks[0].kind != "NAME" or toks[0].text not in HEADER_WORDS:
            continue
        word = toks[0].text
        last = toks[-1]
        if last.kind == "OP" and last.text == ":":
            continue
        if last.kind == "OP" and last.text in (";", ".", ",") and last.depth == 0 and len(toks) > 1:
            # if x > 3;  ->  if x > 3:
            text = a.text(last.line)
            new_text = text[: last.col] + ":" + text[last.end_col :]
            yield Candidate(
                family=FAMILY,
                line=last.line,
                fix=a.replace(last.line, new_text),
                title=f"Line {last.line}: {_WHAT[word]} ends with a colon {code(':')}, not {code(last.text)}.",
                why=(
                    f"Lines that start a block, like {code(word)}, end with a colon. The colon tells "
                    "Python that the pushed-in lines below belong to this line."
                ),
                change=change_sentence(text, new_text),
                prior=0.91,
            )
        if any(t.kind == "OP" and t.text == ":" and t.depth == 0 for t in toks[1:]):
            # a colon already there, with something after it (a one-line block): not this slip
            if word not in ("else", "try", "finally") or len(toks) > 2:
                continue
        end_line = scan.logical_end(start)
        if start == end_line and word not in ("else", "try", "finally"):
            # if x > 3 print(x)  ->  if x > 3: print(x)
            text = a.text(start)
            for left, right in zip(toks[1:], toks[2:]):
                if left.depth or right.depth or not left.is_atom_end or right.kind != "NAME":
                    continue
                if right.text in ("in", "is", "and", "or", "not", "if", "else", "for", "as"):
                    continue
                new_text = text[: left.end_col] + ":" + text[left.end_col :]
                yield Candidate(
                    family=FAMILY,
                    line=start,
                    fix=a.replace(start, new_text),
                    title=f"Line {start}: {_WHAT[word]} needs a colon {code(':')} after {code(text[toks[1].col : left.end_col])}.",
                    why=(
                        f"Lines that start a block, like {code(word)}, have a colon to show where the "
                        "question ends and what to do begins."
                    ),
                    change=change_sentence(text, new_text),
                    prior=0.86,
                )
        text = a.text(end_line)
        col = scan.code_end(end_line)
        new_text = text[:col] + ":" + text[col:]
        old_show = a.text(start).strip() if start == end_line else text.strip()
        new_show = new_text.strip() if start == end_line else new_text.strip()
        yield Candidate(
            family=FAMILY,
            line=end_line,
            fix=a.replace(end_line, new_text),
            title=f"Line {end_line}: {_WHAT[word]} needs a colon {code(':')} at the end.",
            why=(
                f"Lines that start a block, like {code(word)}, end with a colon. The colon tells "
                "Python that the pushed-in lines below belong to this line."
            ),
            change=change_sentence(old_show, new_show),
            prior=0.9,
        )


missing_colon = syntax_family(FAMILY, """``if score > 10`` → ``if score > 10:`` (also elif/else/for/while/def/class/try/...).""")
