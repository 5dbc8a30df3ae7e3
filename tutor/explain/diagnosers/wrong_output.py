"""Wrong output: the program ran without an error, but printed something other than what the task
asked for ("check the instructions").

Steps:
1. find where the output first differs from the expected output (``tutor.compare``);
2. find the learner's line that printed that part (the runner's ``output_lines`` record);
3. follow the printed values back through the program (``mutate.influence``): the lines that set
   them, the ``if``/loop lines that decided whether the print ran;
4. propose small edits around those lines, likeliest first (``mutate.mutants``, plus edits to the
   words in quotes when the difference is inside them), try them on copies of the program, and
   keep the first one whose output is exactly the expected one.

The hint names the line where the fix belongs (often not the ``print`` line), says what was
expected and what came out, and, at the last level, shows the exact change.
"""

from __future__ import annotations

import ast
import re
import time
from dataclasses import dataclass
from typing import Any

from ...compare import Difference, first_difference
from ..context import Context
from ..hint import Hint
from ..mutate import Editor, Mutant, PRIORS, describe, influence, mutants, parents_of, statement_at, try_in_order, why
from ..registry import diagnoser
from ..words import words_in

#: How many candidate edits are generated, and how many of them may be tried on copies.
MAX_CANDIDATES = 60
MAX_TRIED = 40
MAX_TRY_SECONDS = 8.0
#: Lines the printed values do not come from still get a small chance.
BACKGROUND_FOCUS = 0.25


# -- which line printed what ---------------------------------------------------------------------
@dataclass(frozen=True)
class Piece:
    line: int  # learner line that printed it (0: unknown)
    start: int  # columns in the output line (0-based, end exclusive)
    end: int


def output_map(pieces: list[tuple[int, str]] | None) -> list[list[Piece]]:
    """For each output line (0-based, as ``compare.normalise`` counts them), who printed which part."""
    rows: list[list[Piece]] = [[]]
    col = 0
    for line, text in pieces or []:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i > 0:
                rows.append([])
                col = 0
            if part:
                rows[-1].append(Piece(line, col, col + len(part)))
                col += len(part)
            elif i < len(parts) - 1 and not rows[-1]:
                rows[-1].append(Piece(line, col, col))  # an empty line printed by this line
    return rows


def printer_of(pieces: list[tuple[int, str]] | None, row: int, column: int) -> int | None:
    """The learner line that printed output line ``row`` (1-based) at ``column`` (1-based)."""
    rows = output_map(pieces)
    if not (1 <= row <= len(rows)) or not rows[row - 1]:
        return None
    found = rows[row - 1]
    for piece in found:
        if piece.start <= column - 1 < piece.end and piece.line:
            return piece.line
    known = [p for p in found if p.line]
    if not known:
        return None
    # Past the end of what was printed: the last piece on that line.
    return known[-1].line


def last_printer(pieces: list[tuple[int, str]] | None, before_row: int) -> int | None:
    rows = output_map(pieces)
    for row in range(min(before_row, len(rows)), 0, -1):
        known = [p for p in rows[row - 1] if p.line]
        if known:
            return known[-1].line
    return None


# -- short quotes for the hint ----------------------------------------------------------------
def _shorten(text: str, column: int, max_words: int) -> str:
    """A few words of ``text`` around ``column`` (1-based)."""
    text = _ADDRESS.sub("", text)
    words = list(re.finditer(r"\S+", text))
    if len(words) <= max_words:
        return text.strip()
    at = 0
    for i, w in enumerate(words):
        if w.start() <= column - 1 < w.end() or w.start() >= column - 1:
            at = i
            break
    else:
        at = len(words) - 1
    lo = max(0, min(at - max_words // 2, len(words) - max_words))
    chosen = words[lo : lo + max_words]
    out = text[chosen[0].start() : chosen[-1].end()]
    if lo > 0:
        out = "..." + out
    if lo + max_words < len(words):
        out += "..."
    return out


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _quote(text: str) -> str:
    # `<function f at 0x7f...>`: the address changes on every run; the hint must not.
    text = _ADDRESS.sub("", text).replace("`", "'")
    return f"`{text}`" if text.strip() else "an empty line"


# -- edits to the words in quotes ----------------------------------------------------------------
def text_edits(ctx: Context, ed: Editor, tree: ast.Module, line: int | None, diff: Difference) -> list[Mutant]:
    """Edits to string constants on ``line`` that turn the printed words into the expected ones."""
    if not line or diff.expected is None or diff.actual is None:
        return []
    exp, act = diff.expected, diff.actual
    pre = 0
    while pre < min(len(exp), len(act)) and exp[pre] == act[pre]:
        pre += 1
    suf = 0
    while suf < min(len(exp), len(act)) - pre and exp[len(exp) - 1 - suf] == act[len(act) - 1 - suf]:
        suf += 1
    exp_mid, act_mid = exp[pre : len(exp) - suf], act[pre : len(act) - suf]
    if any(ch in exp_mid + act_mid for ch in "\\\n\"'{}"):
        return []
    # Only small slips in the words themselves (a typo, a missing space or colon). A bigger
    # difference, or numbers, come from what the program works out, not from the quotes.
    if max(len(exp_mid), len(act_mid)) > 3 or any(ch.isdigit() for ch in exp_mid + act_mid):
        return []
    # When another line of the program prints the expected words, the program went the wrong way
    # (an `if` or a loop), and changing the words would only hide that.
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.lineno != line and node.value.strip():
            if node.value.strip() in exp and node.value.strip() not in act:
                return []
    stmt = statement_at(tree, line)
    if stmt is None:
        return []
    out: list[Mutant] = []
    for node in ast.walk(stmt):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or node.lineno != node.end_lineno:
            continue
        seg = ed.segment(node)
        m = re.match(r"([rRuUfF]*)('''|\"\"\"|'|\")", seg)
        if not m or "\\" in seg:
            continue
        body_start = len(m.group(0))
        body = seg[body_start : len(seg) - len(m.group(2))]
        if body != node.value:
            continue
        new_body = None
        # Where do these words show up in the printed line? The difference must lie inside them
        # (or, for something missing, right at their edge): numbers and names printed next to
        # the words come from the program's values, not from the quotes.
        spans = [(i, i + len(body)) for i in _find_all(act, body)] if body else []
        for start, end in spans:
            if act_mid and start <= pre and len(act) - suf <= end:
                inner = pre - start
                new_body = body[:inner] + exp_mid + body[inner + len(act_mid) :]
            elif not act_mid and exp_mid and not exp_mid.strip(" .,:;!?-"):
                if end == pre:
                    new_body = body + exp_mid
                elif start == pre:
                    new_body = exp_mid + body
            if new_body is not None:
                break
        if new_body is None or new_body == body:
            continue
        new_seg = seg[:body_start] + new_body + seg[len(seg) - len(m.group(2)) :]
        fix = ed.replace_node(node, new_seg)
        before = "".join(x + "\n" for x in fix.old_lines(ctx.source))
        out.append(Mutant(fix=fix, line=node.lineno, kind="text-edit", weight=PRIORS["text-edit"], before=before, after=fix.replacement))
    return out


def _find_all(text: str, part: str) -> list[int]:
    out, i = [], text.find(part)
    while i >= 0:
        out.append(i)
        i = text.find(part, i + 1)
    return out


# -- the diagnoser ------------------------------------------------------------------------------
@diagnoser("wrong-output", outcomes=("wrong-output",), priority=60)
def wrong_output(ctx: Context) -> Hint | None:
    expected = ctx.expected_output
    if expected is None:
        return None
    actual = ctx.result.stdout
    diff = first_difference(expected, actual)
    if diff is None:
        return None
    pieces = ctx.result.output_lines
    if diff.actual is not None:
        printer = printer_of(pieces, diff.line, diff.column)
    else:
        printer = last_printer(pieces, diff.line - 1)
    tree = ctx.tree
    ranked: list[Mutant] = []
    winner: Mutant | None = None
    verify_ms = 0.0
    if tree is not None:
        ed = Editor(ctx.source)
        focus = _focus(ctx, tree, printer, diff)
        extra = text_edits(ctx, ed, tree, printer, diff)
        ranked = mutants(ctx.source, tree=tree, focus=focus, default_focus=BACKGROUND_FOCUS, limit=MAX_CANDIDATES, extra=extra)
        ranked = _keep_data(ctx, tree, ranked)
        if ranked:
            started = time.perf_counter()
            index, _ = try_in_order(ctx, ranked, max_candidates=MAX_TRIED, max_seconds=MAX_TRY_SECONDS)
            verify_ms = (time.perf_counter() - started) * 1000
            if index is not None:
                winner = ranked[index]
    origin = None
    if winner is None and printer and tree is not None:
        from ..origin import lines_ran, value_origin

        try:
            origin = value_origin(ctx, printer, lines_ran(ctx))
        except Exception:  # pragma: no cover - the hint names the printing line instead
            origin = None
    hint = _hint(ctx, diff, printer, winner, origin)
    hint.notes["tried"] = min(len(ranked), MAX_TRIED)
    hint.notes["verify_ms"] = round(verify_ms, 1)
    return hint


def _keep_data(ctx: Context, tree: ast.Module, ranked: list[Mutant]) -> list[Mutant]:
    """Never try an edit of the data the program is checked with (``print(f(40))`` -> ``f(41)``):
    it can print the expected answer once without mending anything (the engine drops such a fix
    later anyway, and then the hint would still name the data's line)."""
    from ..search import changed_span, protected_spans, touches

    spans = protected_spans(ctx.source, tree)
    if not spans:
        return ranked
    kept = []
    for m in ranked:
        try:
            if touches(changed_span(m.fix, ctx.source), spans):
                continue
        except Exception:
            continue
        kept.append(m)
    return kept


def _focus(ctx: Context, tree: ast.Module, printer: int | None, diff: Difference) -> dict[int, float]:
    focus: dict[int, float] = {}
    if printer:
        focus.update(influence(tree, printer))
        stmt = statement_at(tree, printer)
        parents = parents_of(tree)
        # Too many or too few lines: the loop around the print matters most.
        if stmt is not None and (diff.expected is None or diff.actual is None or _repeats(ctx, printer)):
            cur = parents.get(stmt)
            while cur is not None and not isinstance(cur, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef)):
                if isinstance(cur, (ast.For, ast.While)):
                    focus[cur.lineno] = max(focus.get(cur.lineno, 0.0), 0.95)
                cur = parents.get(cur)
        # The line that printed the output just before might have been meant to print it.
        if diff.actual is None and printer:
            focus[printer] = 1.0
    return focus


def _repeats(ctx: Context, printer: int) -> bool:
    return sum(1 for line, _ in (ctx.result.output_lines or []) if line == printer) > 1


def _hint(ctx: Context, diff: Difference, printer: int | None, winner: Mutant | None, origin: "Any" = None) -> Hint:
    exp_line, act_line = diff.expected, diff.actual
    fix_line = winner.line if winner is not None else (origin.line if origin is not None else printer or 1)
    if winner is not None:
        where = f"The small fix is on line {fix_line}."
    elif origin is not None and origin.function:
        where = f"It comes from `{origin.function}`: look first at line {origin.line}."
    elif origin is not None:
        where = f"Line {printer} printed it: look first at line {origin.line}."
    else:
        where = f"Line {printer} printed it." if printer else "Compare them line by line."
    title = _title(diff, where)
    # Level 2: the whole lines, who printed them, and why the change helps.
    parts = []
    if exp_line is not None and act_line is not None:
        parts.append(
            f"Check the instructions: line {diff.line} of the output should be {_quote(exp_line)}, "
            f"but your program printed {_quote(act_line)}."
        )
    elif exp_line is None:
        parts.append(f"Check the instructions: the output should end after line {diff.line - 1}, but your program printed more, starting with {_quote(act_line or '')}.")
    else:
        parts.append(f"Check the instructions: the output should have a line {diff.line}, {_quote(exp_line)}, but your program stopped before it.")
    if printer:
        parts.append(f"Line {printer} printed that part.")
    if winner is not None:
        if winner.line != printer:
            parts.append(f"What it printed was decided on line {winner.line}.")
        parts.append(why(winner.kind))
    elif origin is not None:
        parts.append(_origin_words(origin))
        parts.append("Say it out loud: go through those lines one by one. Which one makes the value different from what the task asks?")
    else:
        parts.append("Say it out loud: go through the lines before it one by one. Which one makes the value different from what the task asks?")
    levels = [title, " ".join(parts)]
    fix = None
    if winner is not None:
        fix = winner.fix
        levels.append(describe(winner, ctx.source) + "\nRun it again and compare with the instructions. You are so close!")
    notes = {"output_line": diff.line, "printed_by": printer, "kind": winner.kind if winner else None}
    if origin is not None:
        notes["worked_out_on"] = origin.line
        notes["comes_from"] = origin.function
    return Hint(
        diagnoser="wrong-output",
        line=fix_line,
        title=title,
        levels=levels,
        fix=fix,
        confidence=0.85 if winner is not None else 0.4,
        notes=notes,
    )


def _origin_words(origin: "Any") -> str:
    """Where the printed value was worked out, said without guessing why it is wrong."""
    what = f"`{origin.name}` is worked out" if origin.name else "the answer is given back"
    if origin.loop:
        what += f" again and again by the loop on line {origin.loop}"
    if origin.function:
        return (
            f"The value printed on line {origin.printer} comes from your function `{origin.function}` "
            f"(lines {origin.start} to {origin.end}). The first place to look is line {origin.line}, where {what}."
        )
    return f"The value it prints is worked out earlier. The first place to look is line {origin.line}, where {what}."


def _title(diff: Difference, where: str) -> str:
    exp_line, act_line = diff.expected, diff.actual
    budget = 25 - len(words_in(where))
    if exp_line is not None and act_line is not None:
        lead = "Check the instructions: the output should say"
        room = budget - len(words_in(lead)) - 3  # ", but it says" and quotes
        for n in (8, 6, 4, 3, 2, 1):
            e = _shorten(exp_line, diff.column, n)
            a = _shorten(act_line, diff.column, n)
            if len(words_in(e)) + len(words_in(a)) <= max(2, room):
                break
        return f"{lead} {_quote(e)}, but it says {_quote(a)}. {where}"
    if exp_line is None:
        lead = "Check the instructions: your program printed an extra line,"
        a = _shorten(act_line or "", 1, max(1, min(6, budget - len(words_in(lead)))))
        return f"{lead} {_quote(a)}. {where}"
    lead = "Check the instructions: this line is missing from the output:"
    e = _shorten(exp_line, 1, max(1, min(6, budget - len(words_in(lead)))))
    return f"{lead} {_quote(e)}. {where}"


__all__ = ["output_map", "printer_of", "text_edits", "wrong_output"]
