"""A comma missing between two things in a list, a dictionary, a call or a def line."""

from __future__ import annotations

from typing import Iterator

from ._syntax_tools import (
    Analysis,
    Candidate,
    Tok,
    and_list,
    change_sentence,
    code,
    generator,
    insert_at,
    syntax_family,
)

FAMILY = "syntax-missing-comma"
DICT_COLON = "syntax-missing-dict-colon"


def _enclosing(toks: list[Tok], i: int) -> Tok | None:
    depth = 0
    for j in range(i - 1, -1, -1):
        t = toks[j]
        if t.kind == "OP" and t.text in ")]}":
            depth += 1
        elif t.kind == "OP" and t.text in "([{":
            if depth == 0:
                return t
            depth -= 1
    return None


def _place(toks: list[Tok], i: int) -> str:
    opener = _enclosing(toks, i)
    if opener is None:
        return "here"
    if opener.text == "[":
        return "in a list"
    if opener.text == "{":
        return "in a dictionary"
    j = toks.index(opener)
    if j > 0 and toks[j - 1].kind == "NAME" and toks[j - 1].text not in ("if", "while", "return", "in", "and", "or", "not"):
        return f"in the brackets of {code(toks[j - 1].text + '()')}"
    return "in the brackets"


def _show(tok: Tok) -> str:
    text = tok.text
    if len(text) > 24:
        text = text[:20] + "..."
    return text


def _dict_key_role(toks: list[Tok], i: int) -> bool:
    """True when toks[i] is where a key goes in a dictionary that has ``key: value`` pairs."""
    opener = _enclosing(toks, i)
    if opener is None or opener.text != "{":
        return False
    j = toks.index(opener)
    depth = 0
    last_sep = "{"
    has_colon = False
    for k in range(j + 1, len(toks)):
        t = toks[k]
        if t.kind == "OP" and t.text in "([{":
            depth += 1
        elif t.kind == "OP" and t.text in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and t.kind == "OP" and t.text in (",", ":"):
            has_colon = has_colon or t.text == ":"
            if k < i:
                last_sep = t.text
    return has_colon and last_sep in ("{", ",")


def _comma(text: str, left: Tok) -> str:
    """A comma, with a space after it when the two things touch."""
    after = text[left.end_col : left.end_col + 1]
    return "," if after in ("", " ", "\t") or left.end_line != left.line else ", "


def _gaps(toks: list[Tok]) -> list[int]:
    """Positions i where toks[i] and toks[i + 1] are two things side by side inside brackets."""
    out = []
    for i in range(len(toks) - 1):
        left, right = toks[i], toks[i + 1]
        if left.depth == 0 or right.depth != left.depth:
            continue
        if not (left.is_atom_end and right.is_atom_start):
            continue
        if left.kind == "STRING" and right.kind == "STRING" and not _dict_key_role(toks, i):
            continue  # "a" "b" is allowed: Python glues them together
        out.append(i)
    return out


@generator(FAMILY)
def _missing_comma(a: Analysis) -> Iterator[Candidate]:
    for start, toks in a.logical_lines(before=3, after=1):
        gaps = _gaps(toks)
        if len(gaps) > 1:
            # several commas missing in the same line: "Hello " name "!"
            by_line: dict[int, list[Tok]] = {}
            for i in gaps:
                by_line.setdefault(toks[i].line, []).append(toks[i])
            for line, lefts in by_line.items():
                if len(lefts) < 2:
                    continue
                text = a.text(line)
                new_text = text
                for t in sorted(lefts, key=lambda t: -t.end_col):
                    new_text = insert_at(new_text, t.end_col, _comma(text, t))
                shown = and_list([code(_show(t)) for t in lefts])
                yield Candidate(
                    family=FAMILY,
                    line=line,
                    fix=a.replace(line, new_text),
                    title=f"Line {line}: a few commas {code(',')} are missing, after {shown}.",
                    why=(
                        f"When there are several things {_place(toks, toks.index(lefts[0]))}, Python needs a comma between "
                        "each of them, or it cannot tell where one ends and the next begins."
                    ),
                    change=change_sentence(text, new_text),
                    prior=0.79,
                )
        for i in gaps:
            left, right = toks[i], toks[i + 1]
            both_text = left.kind == "STRING" and right.kind == "STRING"
            text = a.text(left.line)
            new_text = insert_at(text, left.end_col, _comma(text, left))
            place = _place(toks, i)
            key_role = _dict_key_role(toks, i)
            if key_role:
                with_colon = insert_at(text, left.end_col, ":")
                yield Candidate(
                    family=DICT_COLON,
                    line=left.line,
                    fix=a.replace(left.line, with_colon),
                    title=f"Line {left.line}: one small thing is missing: a colon {code(':')} after {code(_show(left))}.",
                    why=(
                        f"In a dictionary, each key and its value are joined by a colon, like "
                        f"{code(chr(34) + 'Tom' + chr(34) + ': 10')}, and the pairs are split by commas."
                    ),
                    change=change_sentence(text, with_colon),
                    prior=0.83,
                )
            if both_text:
                continue
            yield Candidate(
                family=FAMILY,
                line=left.line,
                fix=a.replace(left.line, new_text),
                title=f"Line {left.line}: one small thing is missing: a comma {code(',')} after {code(_show(left))}.",
                why=(
                    f"When there are several things {place}, Python needs a comma between each "
                    f"of them, or it cannot tell where {code(_show(left))} ends and "
                    f"{code(_show(right))} begins."
                ),
                change=change_sentence(text, new_text),
                prior=0.8 - 0.001 * abs(left.line - a.line),
            )


missing_dict_colon = syntax_family(DICT_COLON, """``{"Tom" 10, "Ella": 12}`` → ``{"Tom": 10, "Ella": 12}``.""")


missing_comma = syntax_family(FAMILY, """``steps = [8200 9100]`` → ``steps = [8200, 9100]``; ``print("Hi" name)`` → ``print("Hi", name)``.""")
