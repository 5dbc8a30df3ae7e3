"""Brackets that are never closed, closed with the wrong shape, or closed once too often."""

from __future__ import annotations

from typing import Iterator

from ._syntax_tools import (
    BRACKET_NAMES,
    CLOSERS,
    OPENERS,
    Analysis,
    Candidate,
    Tok,
    change_sentence,
    code,
    generator,
    indent_of,
    indent_width,
    replace_span,
    syntax_family,
)

UNCLOSED = "syntax-unclosed-bracket"
MISMATCHED = "syntax-mismatched-bracket"
EXTRA = "syntax-extra-bracket"

#: How far below its opening line a bracket's partner is looked for.
REACH = 25

_WHY_PAIRS = "Brackets come in pairs, like shoes: every opening bracket needs a closing one of the same shape."


def _ends_open(a: Analysis, line: int) -> bool:
    """True when ``line`` clearly goes on (ends with a comma, an operator or an opening bracket)."""
    toks = a.scan.line_tokens(line)
    if not toks:
        return False
    last = toks[-1]
    return last.kind == "OP" and last.text not in CLOSERS and last.text not in OPENERS and last.text != ":"


@generator(UNCLOSED)
def _unclosed(a: Analysis) -> Iterator[Candidate]:
    scan = a.scan
    if not scan.unclosed:
        return
    first = scan.unclosed[0]
    closing = "".join(OPENERS[t.text] for t in reversed(scan.unclosed) if t.line <= first.line + REACH)
    opener_indent = indent_width(indent_of(a.text(scan.logical_start(first.line))))
    last_line = min(len(a.lines), first.line + REACH)
    for ln in range(first.line, last_line + 1):
        if ln > first.line and not scan.line_tokens(ln):
            continue
        text = a.text(ln)
        col = scan.code_end(ln)
        if ln == first.line and col <= first.col:
            continue
        spots = [col]
        toks = scan.line_tokens(ln)
        if toks and toks[-1].kind == "OP" and toks[-1].text == ":":
            spots.insert(0, toks[-1].col)  # if (x > 3:  ->  if (x > 3):
        nxt = scan.next_code_line(ln)
        # A closing spot is likely when the next line starts a new line of the program.
        if nxt is None:
            looks_last = True
        else:
            nxt_tokens = scan.line_tokens(nxt)
            looks_last = indent_width(indent_of(a.text(nxt))) <= opener_indent and not (
                nxt_tokens and nxt_tokens[0].kind == "OP" and nxt_tokens[0].text in CLOSERS
            )
        for rank, spot in enumerate(spots):
            new_text = text[:spot].rstrip() + closing + text[spot:] if spot == col else text[:spot] + closing + text[spot:]
            shape = closing[-1] if len(closing) == 1 else closing
            if ln == first.line:
                title = f"Line {ln}: the bracket {code(first.text)} is opened but never closed."
            else:
                title = f"Line {ln}: the bracket {code(first.text)} from line {first.line} still needs its closing {code(shape)}."
            yield Candidate(
                family=UNCLOSED,
                line=ln,
                fix=a.replace(ln, new_text),
                title=title,
                why=(
                    f"{_WHY_PAIRS} Python kept reading after line {first.line}, looking for the "
                    f"closing {code(shape)}, and got lost when it never came."
                ),
                change=change_sentence(text, new_text),
                prior=0.86 - 0.02 * rank - (0.0 if looks_last and not _ends_open(a, ln) else 0.05)
                - 0.001 * (ln - first.line),
            )


@generator(MISMATCHED)
def _mismatched(a: Analysis) -> Iterator[Candidate]:
    scan = a.scan
    if not scan.mismatched:
        return
    opener, closer = scan.mismatched[0]
    want = OPENERS[opener.text]
    text = a.text(closer.line)
    new_text = replace_span(text, closer.col, closer.end_col, want)
    where = "" if opener.line == closer.line else f" on line {opener.line}"
    yield Candidate(
        family=MISMATCHED,
        line=closer.line,
        fix=a.replace(closer.line, new_text),
        title=(
            f"Line {closer.line}: this {code(closer.text)} should be {code(want)} to match "
            f"the {code(opener.text)}{where}."
        ),
        why=(
            f"{_WHY_PAIRS} A {BRACKET_NAMES[opener.text]} {code(opener.text)} is closed by "
            f"{code(want)}, not by {code(closer.text)}."
        ),
        change=change_sentence(text, new_text),
        prior=0.9,
    )
    # print(nums[0)  ->  print(nums[0])
    inserted = text[: closer.col] + want + text[closer.col :]
    yield Candidate(
        family=UNCLOSED,
        line=closer.line,
        fix=a.replace(closer.line, inserted),
        title=f"Line {closer.line}: the bracket {code(opener.text)} needs its closing {code(want)} before the {code(closer.text)}.",
        why=f"{_WHY_PAIRS} The {code(opener.text)} has to be closed before the {code(closer.text)} can close its own partner.",
        change=change_sentence(text, inserted),
        prior=0.85,
    )
    # the opening one has the wrong shape: (1, 2, 3]  ->  [1, 2, 3]
    otext = a.text(opener.line)
    onew = replace_span(otext, opener.col, opener.end_col, CLOSERS[closer.text])
    yield Candidate(
        family=MISMATCHED,
        line=opener.line,
        fix=a.replace(opener.line, onew),
        title=(
            f"Line {opener.line}: this {code(opener.text)} should be {code(CLOSERS[closer.text])} "
            f"to match the {code(closer.text)} on line {closer.line}."
        ),
        why=f"{_WHY_PAIRS} The two brackets here have different shapes.",
        change=change_sentence(otext, onew),
        prior=0.6,
    )


@generator(EXTRA)
def _extra(a: Analysis) -> Iterator[Candidate]:
    scan = a.scan
    if not scan.extra:
        return
    tok: Tok = scan.extra[0]
    text = a.text(tok.line)
    new_text = text[: tok.col] + text[tok.end_col :]
    if not new_text.strip():
        return
    yield Candidate(
        family=EXTRA,
        line=tok.line,
        fix=a.replace(tok.line, new_text),
        title=f"Line {tok.line}: there is one closing {code(tok.text)} too many.",
        why=f"{_WHY_PAIRS} This {code(tok.text)} has no opening {code(CLOSERS[tok.text])} to go with.",
        change=change_sentence(text, new_text),
        prior=0.8,
    )


def balance_line(a: Analysis, line: int) -> str | None:
    """``line`` with its own brackets paired up: missing closers put in, odd ones reshaped."""
    text = a.text(line)
    toks = a.scan.line_tokens(line)
    stack: list[Tok] = []
    edits: list[tuple[int, int, str]] = []  # (start, end, new text), applied right to left
    for t in toks:
        if t.kind != "OP":
            continue
        if t.text in OPENERS:
            stack.append(t)
        elif t.text in CLOSERS:
            if not stack:
                continue
            if OPENERS[stack[-1].text] == t.text:
                stack.pop()
                continue
            shapes = [o.text for o in stack]
            want = CLOSERS[t.text]
            if want in shapes:
                # close the inner ones first: print(len([1, 2)  ->  print(len([1, 2])
                k = len(shapes) - 1 - shapes[::-1].index(want)
                inner = stack[k + 1 :]
                edits.append((t.col, t.col, "".join(OPENERS[o.text] for o in reversed(inner))))
                del stack[k:]
            else:
                edits.append((t.col, t.end_col, OPENERS[stack[-1].text]))
                stack.pop()
    col = a.scan.code_end(line)
    if stack:
        end_toks = toks[-1] if toks else None
        spot = end_toks.col if end_toks is not None and end_toks.text == ":" and toks[0].text in (
            "if", "elif", "while", "for", "def", "class", "with") else col
        edits.append((spot, spot, "".join(OPENERS[o.text] for o in reversed(stack))))
    if not edits:
        return None
    new_text = text
    for start, end, piece in sorted(edits, key=lambda e: -e[0]):
        new_text = new_text[:start] + piece + new_text[end:]
    return new_text


@generator(UNCLOSED)
def _balanced(a: Analysis) -> Iterator[Candidate]:
    scan = a.scan
    lines = set()
    if scan.mismatched:
        lines.add(scan.mismatched[0][1].line)
    if scan.unclosed:
        lines.add(scan.unclosed[0].line)
    for line in sorted(lines):
        new_text = balance_line(a, line)
        if new_text is None or new_text == a.text(line):
            continue
        yield Candidate(
            family=UNCLOSED,
            line=line,
            fix=a.replace(line, new_text),
            title=f"Line {line}: the brackets on this line do not pair up: each opening bracket needs its own closing one.",
            why=(
                f"{_WHY_PAIRS} The last one opened is the first one closed, like boxes "
                "inside boxes."
            ),
            change=change_sentence(a.text(line), new_text),
            prior=0.84,
        )


unclosed_bracket = syntax_family(UNCLOSED, """``print("Total:", total`` → add the missing ``)`` where the bracket's contents end.""")


mismatched_bracket = syntax_family(MISMATCHED, """``menu = { ... ]`` → close with ``}``.""")


extra_bracket = syntax_family(EXTRA, """``print("hi"))`` → take away one ``)``.""")
