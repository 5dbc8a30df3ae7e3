"""Other slips Python stops at before starting: ``def name:``, ``007``, ``return`` outside a
function, ``break`` outside a loop, ``for i range(3)``, and a kind fallback for the rest."""

from __future__ import annotations

import ast
import re
from typing import Iterator

from ..hint import Hint
from ..registry import diagnoser
from ._syntax_tools import (
    PRIORITY,
    SYNTAX_ERRORS,
    Analysis,
    Candidate,
    analyse,
    change_sentence,
    code,
    encourage,
    generator,
    indent_of,
    is_parse_failure,
    replace_span,
    syntax_family,
)

DEF_BRACKETS = "syntax-def-without-brackets"
LEADING_ZERO = "syntax-leading-zero"
RETURN_OUTSIDE = "syntax-return-outside-function"
BREAK_OUTSIDE = "syntax-break-outside-loop"
FOR_IN = "syntax-for-without-in"
UNKNOWN = "syntax-unknown"
COMMENT = "syntax-comment-without-hash"

_DEF = re.compile(r"^(\s*def\s+[A-Za-z_]\w*)\s*(:?)(.*)$")
_DEF_SPACE = re.compile(r"^(\s*def\s+[A-Za-z_]\w*)\s+([A-Za-z_][\w, ]*?)\s*(\)?)\s*:?(\s*#.*)?$")


@generator(DEF_BRACKETS)
def _def_without_brackets(a: Analysis) -> Iterator[Candidate]:
    for ln in a.window(before=1, after=1):
        text = a.text(ln)
        m2 = _DEF_SPACE.match(text)
        if m2:
            # def greet name:  ->  def greet(name):
            new_text = f"{m2.group(1)}({m2.group(2).strip()}):" + (m2.group(4) or "")
            name = m2.group(1).split()[-1]
            yield Candidate(
                family=DEF_BRACKETS,
                line=ln,
                fix=a.replace(ln, new_text),
                title=f"Line {ln}: the names after {code(name)} go inside round brackets: {code(name + '(' + m2.group(2).strip() + ')')}.",
                why=(
                    "A function's name is always followed by round brackets, and the names it gets "
                    "go inside them."
                ),
                change=change_sentence(text, new_text),
                prior=0.94,
            )
        m = _DEF.match(text)
        if not m or m.group(3).lstrip().startswith("("):
            continue
        rest = m.group(3)
        if rest.strip() and not rest.strip().startswith("#"):
            continue
        new_text = m.group(1) + "():" + rest
        name = m.group(1).split()[-1]
        yield Candidate(
            family=DEF_BRACKETS,
            line=ln,
            fix=a.replace(ln, new_text),
            title=f"Line {ln}: a {code('def')} line needs round brackets {code('()')} after the name {code(name)}.",
            why=(
                "A function's name is always followed by round brackets, even when nothing goes "
                f"inside them. That is how Python knows {code(name)} is a function."
            ),
            change=change_sentence(text, new_text),
            prior=0.95,
        )


@generator(LEADING_ZERO)
def _leading_zero(a: Analysis) -> Iterator[Candidate]:
    for ln in a.window(before=1, after=1):
        text = a.text(ln)
        zeros = [t for t in a.scan.line_tokens(ln) if t.kind == "NUMBER" and re.fullmatch(r"0[0-9_]*[1-9][0-9_]*", t.text)]
        if not zeros:
            continue
        new_text = text
        for t in reversed(zeros):
            new_text = replace_span(new_text, t.col, t.end_col, t.text.lstrip("0_") or "0")
        first = zeros[0]
        plain = first.text.lstrip("0_") or "0"
        yield Candidate(
            family=LEADING_ZERO,
            line=ln,
            fix=a.replace(ln, new_text),
            title=f"Line {ln}: a whole number cannot start with {code('0')} in Python, so write {code(plain)}, not {code(first.text)}.",
            why=(
                f"On paper {code(first.text)} and {code(plain)} are the same number, but Python does "
                "not allow a 0 at the start of a whole number, so it stops."
            ),
            change=change_sentence(text, new_text),
            prior=0.97,
        )


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    out: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            out[child] = node
    return out


def _outside(a: Analysis, kind: type, walls: tuple[type, ...]) -> list[tuple[ast.AST, list[ast.AST]]]:
    tree = a.tree
    if tree is None:
        return []
    parents = _parents(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, kind):
            chain = []
            p = parents.get(node)
            while p is not None:
                chain.append(p)
                p = parents.get(p)
            if not any(isinstance(p, walls) for p in chain):
                found.append((node, chain))
    found.sort(key=lambda pair: pair[0].lineno)
    return found


@generator(RETURN_OUTSIDE)
def _return_outside(a: Analysis) -> Iterator[Candidate]:
    funcs = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
    for node, chain in _outside(a, ast.Return, funcs)[:1]:
        ln = node.lineno
        text = a.text(ln)
        in_loop = any(isinstance(p, (ast.For, ast.While)) for p in chain)
        if in_loop:
            col = text.index("return")
            value_end = len(text.split("#")[0].rstrip()) if node.value is not None else col + len("return")
            new_text = text[:col] + "break" + text[value_end:]
            yield Candidate(
                family=RETURN_OUTSIDE,
                line=ln,
                fix=a.replace(ln, new_text),
                title=f"Line {ln}: {code('return')} only works inside a function, so use {code('break')} to stop this loop.",
                why=(
                    f"{code('return')} means \"leave this function\", but this line is not inside a "
                    f"{code('def')}. {code('break')} means \"leave this loop now\"."
                ),
                change=change_sentence(text, new_text),
                prior=0.9 if node.value is None else 0.7,
            )
        elif node.value is None and not any(isinstance(p, ast.ClassDef) for p in chain):
            col = text.index("return")
            new_text = text[:col] + "exit()" + text[col + len("return") :]
            yield Candidate(
                family=RETURN_OUTSIDE,
                line=ln,
                fix=a.replace(ln, new_text),
                title=f"Line {ln}: {code('return')} only works inside a function, so use {code('exit()')} to stop the whole program.",
                why=(
                    f"{code('return')} means \"leave this function\", but this line is not inside a "
                    f"{code('def')}. {code('exit()')} stops the whole program."
                ),
                change=change_sentence(text, new_text),
                prior=0.6,
            )
        # a return that slipped out of the function above it
        prev = a.scan.previous_code_line(ln)
        if prev is not None:
            prev_ws = indent_of(a.text(prev))
            if len(prev_ws) > len(indent_of(text)) and any(
                re.match(r"\s*def\s", a.text(k)) for k in range(max(1, ln - 40), ln)
            ):
                new_text = prev_ws + text.lstrip()
                yield Candidate(
                    family=RETURN_OUTSIDE,
                    line=ln,
                    fix=a.replace(ln, new_text),
                    title=f"Line {ln}: this {code('return')} belongs inside the function above it, so line it up with line {prev}.",
                    why=(
                        f"{code('return')} only works inside a function, and the spaces at the "
                        "start of a line show what it is inside."
                    ),
                    change=f"Change the start of line {ln} so it lines up with line {prev}.",
                    prior=0.85,
                )


@generator(BREAK_OUTSIDE)
def _break_outside(a: Analysis) -> Iterator[Candidate]:
    loops = (ast.For, ast.While, ast.AsyncFor)
    for node, chain in _outside(a, ast.Break, loops)[:1]:
        if not any(isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef)) for p in chain):
            continue
        ln = node.lineno
        text = a.text(ln)
        col = text.index("break")
        new_text = text[:col] + "return" + text[col + len("break"):]
        yield Candidate(
            family=BREAK_OUTSIDE,
            line=ln,
            fix=a.replace(ln, new_text),
            title=f"Line {ln}: {code('break')} only works inside a loop, so use {code('return')} to leave this function.",
            why=(
                f"{code('break')} means \"leave this loop now\", but this line is not inside a "
                f"{code('for')} or {code('while')} loop. {code('return')} leaves the function."
            ),
            change=change_sentence(text, new_text),
            prior=0.8,
        )


_FOR = re.compile(r"^(\s*for\s+[A-Za-z_][\w, ]*?)\s+(?!in\b)([A-Za-z_(\[].*)$")


@generator(FOR_IN)
def _for_without_in(a: Analysis) -> Iterator[Candidate]:
    for ln in a.window(before=1, after=1):
        text = a.text(ln)
        m = _FOR.match(text)
        if not m or re.search(r"\bin\b", m.group(1)[4:]):
            continue
        new_text = f"{m.group(1)} in {m.group(2)}"
        yield Candidate(
            family=FOR_IN,
            line=ln,
            fix=a.replace(ln, new_text),
            title=f"Line {ln}: a {code('for')} line needs the word {code('in')}, like {code('for i in range(3):')}.",
            why=f"{code('for')} takes each thing {code('in')} a group, one at a time, so the little word {code('in')} matters.",
            change=change_sentence(text, new_text),
            prior=0.9,
        )


_WORDS_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9'’,.!?\- ]*$")


@generator(COMMENT)
def _comment_without_hash(a: Analysis) -> Iterator[Candidate]:
    """``this counts my pets`` on a line of its own: a note for people, which needs a ``#``."""
    import keyword

    for ln in a.window(before=1, after=0):
        text = a.text(ln)
        body = text.strip()
        words = body.split()
        if len(words) < 3 or not _WORDS_LINE.match(body) or keyword.iskeyword(words[0]) or words[0] in ("print",):
            continue
        try:
            compile(body, "<line>", "exec")
            continue  # a real line of Python
        except SyntaxError:
            pass
        new_text = indent_of(text) + "# " + body
        yield Candidate(
            family=COMMENT,
            line=ln,
            fix=a.replace(ln, new_text),
            title=f"Line {ln}: this line is a note for people, not code. Start it with {code('#')} so Python skips it.",
            why="Python tries to run every line, unless it starts with #. A line starting with # is a comment: a note just for people.",
            change=change_sentence(text, new_text),
            prior=0.8,
        )


comment_without_hash = syntax_family(COMMENT, """``this counts my pets`` -> ``# this counts my pets``.""")


def_without_brackets = syntax_family(DEF_BRACKETS, """``def say_hello:`` → ``def say_hello():``.""")


leading_zero = syntax_family(LEADING_ZERO, """``month = 08`` → ``month = 8``.""")


return_outside_function = syntax_family(RETURN_OUTSIDE, """``return`` in a loop that is not in a function → ``break``.""")


break_outside_loop = syntax_family(BREAK_OUTSIDE, """``break`` in a function but not in a loop → ``return``.""")


for_without_in = syntax_family(FOR_IN, """``for i range(5):`` → ``for i in range(5):``.""")


@diagnoser(UNKNOWN, errors=SYNTAX_ERRORS, outcomes=("error",), priority=PRIORITY + 1)
def unknown_syntax(ctx):
    """No known slip fits: a kind hint about the line where Python got stuck, with no edit."""
    if not is_parse_failure(ctx):
        return None
    analysis = analyse(ctx)
    if analysis.best is not None:
        return None
    if analysis.problem is not None:
        line = analysis.line
    elif ctx.error is not None and ctx.error.line and ctx.error.details.get("filename") in (None, ctx.path):
        line = ctx.error.line  # another Python version reads this program differently
    else:
        return None
    line = max(1, min(line, max(1, len(ctx.lines))))
    shown = ctx.line_text(line).strip()
    title = f"Line {line}: Python got stuck reading this line, so look closely at it, one piece at a time."
    levels = [
        title,
        "Check the brackets, quotes and colons on this line and the line above it: each opening "
        "bracket or quote needs its partner, and lines that start a block end with a colon. "
        + encourage(title),
        f"Read line {line} out loud, one piece at a time: {code(shown)}. Which piece looks different "
        "from the examples you know?",
    ]
    return Hint(diagnoser=UNKNOWN, line=line, title=title, levels=levels, fix=None, confidence=0.2)
