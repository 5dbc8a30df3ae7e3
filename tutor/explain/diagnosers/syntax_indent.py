"""The spaces at the start of a line: missing, extra, not lining up, or tabs mixed with spaces."""

from __future__ import annotations

from typing import Iterator

from ._syntax_tools import (
    Analysis,
    Candidate,
    code,
    describe_indent,
    generator,
    indent_of,
    indent_width,
    plural,
    syntax_family,
)

FAMILY = "syntax-indentation"
TABS = "syntax-tabs-and-spaces"

_PARTNERS = {
    "else": ("if", "elif", "for", "while", "try", "except"),
    "elif": ("if", "elif"),
    "except": ("try", "except"),
    "finally": ("try", "except", "else"),
}
_WHY = (
    "Python uses the spaces at the start of each line to see which lines belong together in a "
    "block, so lines in the same block must start in exactly the same place."
)


def _first_word(a: Analysis, line: int) -> str:
    toks = a.scan.line_tokens(line)
    return toks[0].text if toks and toks[0].kind == "NAME" else ""


def _is_header(a: Analysis, line: int) -> bool:
    end = a.scan.logical_end(line)
    toks = a.scan.line_tokens(end)
    return bool(toks) and toks[-1].kind == "OP" and toks[-1].text == ":"


def _partner(a: Analysis, line: int) -> int | None:
    """For an else/elif/except/finally line: the nearest line above it could belong to."""
    word = _first_word(a, line)
    wants = _PARTNERS.get(word)
    if not wants:
        return None
    width = indent_width(indent_of(a.text(line)))
    ln = a.scan.previous_code_line(line)
    best = None
    while ln is not None and ln >= line - 60:
        w = indent_width(indent_of(a.text(ln)))
        if _first_word(a, ln) in wants and _is_header(a, ln):
            if best is None or abs(w - width) < abs(indent_width(indent_of(a.text(best))) - width):
                best = ln
        if w == 0 and _first_word(a, ln) not in wants and _first_word(a, ln) not in _PARTNERS:
            break
        ln = a.scan.previous_code_line(ln)
    return best


@generator(FAMILY)
def _indentation(a: Analysis) -> Iterator[Candidate]:
    scan = a.scan
    problem = a.problem
    assert problem is not None
    err = a.line
    if not scan.is_code_line(err):
        start = scan.logical_start(err)
        if not scan.is_code_line(start):
            return
        err = start
    indent_error = problem.type in ("IndentationError", "TabError")
    targets: list[tuple[int, float]] = [(err, 0.9 if indent_error else 0.6)]
    prev = scan.previous_code_line(err)
    if prev is not None:
        if indent_error:
            base = 0.8
        elif _first_word(a, err) in _PARTNERS:
            base = 0.7
        else:
            base = 0.5
        targets.append((prev, base))
    unit = a.indent_unit()
    tabs_file = unit == "\t"
    step = indent_width(unit) or 4

    def odd(ws: str) -> bool:
        """An indentation that is not a whole number of steps (5 spaces when a step is 4)."""
        return "\t" not in ws and len(ws) % step != 0

    # a line whose spaces are a step and a bit (one space too many or too few) is the likely slip,
    # even when Python only notices it some lines later
    if indent_error:
        targets = [(t, 0.93 if odd(indent_of(a.text(t))) else b) for t, b in targets]
        seen_targets = {t for t, _ in targets}
        ln = err
        while ln is not None and ln >= err - 40:
            if ln not in seen_targets and scan.is_code_line(ln) and odd(indent_of(a.text(ln))):
                targets.append((ln, 0.93 - 0.0005 * (err - ln)))
                break
            ln = scan.previous_code_line(ln)
    # the indentations the program uses near the problem
    choices: list[str] = [""]
    lo, hi = max(1, err - 40), min(len(a.lines), err + 5)
    widest = 0
    for ln in range(lo, hi + 1):
        if not scan.is_code_line(ln):
            continue
        ws = indent_of(a.text(ln))
        widest = max(widest, indent_width(ws))
        for option in (ws, ws + unit) if _is_header(a, ln) else (ws,):
            if option not in choices:
                choices.append(option)
    if not tabs_file:
        # the usual steps too: the program's own lines may all be off in the same way
        for size in sorted({step, 4}):
            for w in range(size, widest + size + 1, size):
                if " " * w not in choices:
                    choices.append(" " * w)
    for target, base in targets:
        text = a.text(target)
        old = indent_of(text)
        old_w = indent_width(old)
        body = text[len(old):]
        before = scan.previous_code_line(target)
        natural: str | None = None
        partner = _partner(a, target)
        if partner is not None:
            natural = indent_of(a.text(partner))
        elif before is not None:
            bws = indent_of(a.text(before))
            natural = bws + unit if _is_header(a, before) else bws
        options = list(choices)
        if odd(old):
            for w in (old_w - old_w % step, old_w - old_w % step + step):
                if " " * w not in options:
                    options.append(" " * w)
        for ws in options:
            if ws == old:
                continue
            width = indent_width(ws)
            bonus = 0.0
            if natural is not None and indent_width(natural) == width:
                bonus += 0.03
            if abs(width - old_w) == 1 and "\t" not in old + ws:
                bonus += 0.04  # one space off: the nearest place is meant
            bonus -= 0.001 * abs(width - old_w)
            if odd(ws):
                bonus -= 0.05
            if ("\t" in ws) == tabs_file:
                bonus += 0.005
            yield _candidate(a, target, ws, body, partner, before, base + bonus, problem.type)


def _candidate(a: Analysis, target: int, ws: str, body: str, partner: int | None, before: int | None,
               prior: float, kind: str) -> Candidate:
    text = a.text(target)
    old = indent_of(text)
    new_text = ws + body
    width, old_w = indent_width(ws), indent_width(old)
    # a line above that starts in the same place: "so it lines up with line N"
    ref = None
    ln = a.scan.previous_code_line(target)
    while ln is not None and ln >= target - 60:
        if indent_of(a.text(ln)) == ws:
            ref = ln
            break
        if indent_width(indent_of(a.text(ln))) < width:
            break
        ln = a.scan.previous_code_line(ln)
    header = before if before is not None and _is_header(a, before) and width > indent_width(indent_of(a.text(before))) else None
    family = FAMILY
    if kind == "TabError" or ("\t" in old and "\t" not in ws and old.replace("\t", "") != old and " " in old + ws):
        family = TABS if ("\t" in old) != ("\t" in ws) else FAMILY
    first_word = body.split()[0] if body.split() else ""
    if family == TABS:
        if "\t" in old:
            title = f"Line {target} starts with a tab, but the lines around it start with spaces."
        else:
            title = f"Line {target} starts with spaces, but the lines around it start with tabs."
        why = (
            "A tab and a few spaces can look the same on screen, but Python counts them "
            "differently, so it cannot tell which block the line belongs to."
        )
    elif partner is not None and target == partner or (partner is not None and ref == partner):
        pword = a.scan.line_tokens(partner)[0].text
        title = f"Line {target}: {code(first_word)} needs to line up with the {code(pword)} on line {partner}."
        why = f"{_WHY} The {code(first_word)} belongs with the {code(pword)} above it."
    elif 0 < abs(width - old_w) <= 2 and old_w > 0 and width > 0 and "\t" not in old + ws:
        many = "many" if width < old_w else "few"
        where_to = f", so line it up with line {ref}" if ref is not None else ""
        title = f"Line {target}: this line has {plural(abs(width - old_w), 'space')} too {many} at the start{where_to}."
        why = _WHY
    elif header is not None:
        hword = _first_word(a, header) or "block"
        title = f"Line {target}: this line belongs inside the {code(hword)} block above it, so it needs spaces at the start."
        why = f"{_WHY} After a line ending in a colon, the next line is pushed in with spaces."
    elif width < old_w and ref is not None:
        title = f"Line {target}: this line has extra spaces at the start, so line it up with line {ref}."
        why = f"{_WHY} Extra spaces make Python think a new block starts here."
    elif ref is not None:
        title = f"Line {target}: this line needs to line up with line {ref} above it."
        why = _WHY
    elif width == 0:
        title = f"Line {target}: this line starts with spaces, but it is not inside a block."
        why = f"{_WHY} Only lines inside a block, after a line ending in a colon, start with spaces."
    else:
        title = f"Line {target}: the spaces at the start of this line do not match the lines above it."
        why = _WHY
    if ref is not None:
        where = f", so it lines up with line {ref}"
    elif header is not None:
        where = f", so it sits inside the block of line {header}"
    else:
        where = ""
    change = f"Change the start of line {target} from {describe_indent(old)} to {describe_indent(ws)}{where}."
    return Candidate(
        family=family,
        line=target,
        fix=a.replace(target, new_text),
        title=title,
        why=why,
        change=change,
        prior=prior,
    )


indentation = syntax_family(FAMILY, """Unexpected indent, a block with no pushed-in line, or a line that does not line up.""")


tabs_and_spaces = syntax_family(TABS, """A line indented with a tab among lines indented with spaces (or the other way round).""")
