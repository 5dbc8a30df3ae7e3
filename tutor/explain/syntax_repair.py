"""Single-token repairs for a program Python cannot read (the repair search's syntax half).

Around the place Python named (the error's line, the lines next to it, and the line of the bracket
or quote left open before it), try one small change at each token boundary: insert ``:``, ``,``,
a closing bracket or a quote; take away one stray mark; replace one mark with the one Python needs
(``=`` and ``==``, ``:`` and ``=``, ``//`` for a comment, ``else if`` and ``elif``, a capital
keyword, curly quotes); indent or dedent the line. A candidate is kept only if the WHOLE file then
parses (``ast.parse`` with the running interpreter's grammar). Candidates are ranked by the slip's
prior and by how close the change is to where Python stopped.
"""

from __future__ import annotations

import ast
import keyword
import re
import warnings

from .context import Context
from .hint import Fix

PRIORS: dict[str, float] = {
    "insert-colon": 0.95,
    "insert-comma": 0.9,
    "insert-close": 0.9,
    "insert-quote": 0.85,
    "insert-open": 0.6,
    "insert-equals": 0.5,
    "insert-operator": 0.35,
    "insert-dot": 0.3,
    "delete-mark": 0.75,
    "replace-mark": 0.85,
    "keyword-case": 0.9,
    "comment-mark": 0.9,
    "else-condition": 0.85,
    "else-if": 0.95,
    "indent-line": 0.8,
    "py2-print": 0.9,
    "quote-marks": 0.95,
    "quote-kind": 0.95,
    "insert-name": 0.5,
}

#: Marks that carry meaning (taking one away changes what the line computes): never "stray".
_MEANINGFUL = {"<", ">", "<=", ">=", "==", "!=", "+", "-", "*", "/", "//", "%", "**", "=", "not", "and", "or", "in", "is"}

_TOKEN_RE = re.compile(r"""\s+|[A-Za-z_]\w*|\d+(?:\.\d*)?|"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|\*\*|//|==|!=|<=|>=|->|:=|.""")
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
_KEYWORDS = set(keyword.kwlist)
_MARK_REPLACEMENTS = {
    "=": [("==", 1.0), (":", 0.8)],
    "==": [("=", 1.0)],
    ":": [("=", 0.7), (";", 0.1)],
    ";": [(":", 0.9), (",", 0.5)],
    ".": [(",", 0.8)],
    ",": [(".", 0.5), (":", 0.4)],
    "=<": [("<=", 1.0)],
    "=>": [(">=", 1.0)],
    "<>": [("!=", 1.0)],
    "&&": [("and", 1.0)],
    "||": [("or", 1.0)],
    "(": [("[", 0.5)],
    ")": [("]", 0.6), ("}", 0.4)],
    "]": [(")", 0.6), ("}", 0.4)],
    "}": [(")", 0.5), ("]", 0.5)],
    "[": [("(", 0.5)],
}
_CURLY = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}


def parses(source: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return False
    return True


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN_RE.finditer(text)]


def _open_bracket_line(lines: list[str], upto: int) -> int | None:
    found = _open_bracket(lines, upto)
    return found[0] if found else None


def _open_bracket(lines: list[str], upto: int) -> tuple[int, str] | None:
    """The line and shape of the last bracket still open at the end of line ``upto`` (strings and
    comments skipped)."""
    stack: list[tuple[int, str]] = []
    for number in range(1, min(upto, len(lines)) + 1):
        text = lines[number - 1]
        quote = None
        i = 0
        while i < len(text):
            ch = text[i]
            if quote:
                if ch == "\\":
                    i += 2
                    continue
                if ch == quote:
                    quote = None
            elif ch in "\"'":
                quote = ch
            elif ch == "#":
                break
            elif ch in _OPENERS:
                stack.append((number, ch))
            elif ch in _CLOSERS and stack:
                stack.pop()
            i += 1
    return stack[-1] if stack else None


def syntax_candidates(ctx: Context) -> list:
    from .search import Candidate

    err = ctx.error
    source = ctx.source
    lines = source.splitlines()
    if err is None or not lines:
        return []
    n = len(lines)
    line = err.line if err.line and 1 <= err.line <= n else n
    col = (err.offset or 1) - 1
    window = {line: 1.0}
    for other, w in ((line - 1, 0.75), (line + 1, 0.45), (line - 2, 0.4)):
        if 1 <= other <= n:
            window[other] = w
    opener = _open_bracket_line(lines, line)
    if opener is not None and opener not in window:
        window[opener] = 0.7
    # A bracket never closed: the closing one belongs at the end of some line after it.
    still_open = _open_bracket(lines, n)
    closing_lines: list[tuple[int, str]] = []
    if still_open is not None:
        start_line, shape = still_open
        for number in range(start_line, min(n, start_line + 15) + 1):
            closing_lines.append((number, _OPENERS[shape]))
    out: list = []
    seen: set[str] = {source}
    tail = "\n" if source.endswith("\n") else ""

    def try_line(number: int, new_text: str, kind: str, rel: float, **detail) -> None:
        new_lines = lines[: number - 1] + [new_text] + lines[number:]
        new_source = "\n".join(new_lines) + ("\n" if tail or True else "")
        if new_source in seen:
            return
        seen.add(new_source)
        if not parses(new_source):
            return
        weight = PRIORS.get(kind, 0.3) * rel * window.get(number, 0.3)
        out.append(Candidate(Fix.replace_line(number, new_text), number, kind, weight, detail))

    for number, near in sorted(window.items(), key=lambda kv: -kv[1]):
        text = lines[number - 1]
        body_end = len(text.rstrip())
        toks = _tokens(text)
        # Closeness to where Python stopped (only on the error's own line).
        def close(pos: int) -> float:
            if number != line:
                return 1.0
            return 1.0 if abs(pos - col) <= 2 else max(0.55, 1.0 - abs(pos - col) / 80)

        # Whole-line repairs first.
        if any(c in text for c in _CURLY):
            fixed = "".join(_CURLY.get(c, c) for c in text)
            try_line(number, fixed, "quote-marks", 1.0)
        m = re.match(r"(\s*)print\s+([^=(].*?)\s*$", text)
        if m and not text.strip().startswith("print("):
            try_line(number, f"{m.group(1)}print({m.group(2)})", "py2-print", 1.0)
        m = re.match(r"(\s*)(else\s*if|elseif|elsif|elsf)\b(.*)$", text)
        if m:
            fixed = m.group(1) + "elif" + m.group(3)
            try_line(number, fixed, "else-if", 1.0, old=m.group(2), new="elif")
            code_part = m.group(3).split("#")[0].rstrip()
            if not code_part.endswith(":"):  # and the colon it also lacks
                try_line(number, m.group(1) + "elif" + code_part + ":" + m.group(3)[len(code_part):], "else-if", 0.95)
        m = re.match(r"(\s*)else\s+(?!:)(\S.*?):?\s*$", text)
        if m:
            try_line(number, f"{m.group(1)}elif {m.group(2)}:", "else-condition", 1.0)
            try_line(number, f"{m.group(1)}else:", "else-condition", 0.5)
        m = re.match(r"(\s*)//", text)
        if m:
            try_line(number, text.replace("//", "#", 1), "comment-mark", 1.0)
        # Indent the line like a neighbour, or 4 more than the line above.
        indent = len(text) - len(text.lstrip(" \t"))
        options = set()
        for other in range(max(1, number - 5), number):
            t = lines[other - 1]
            if t.strip():
                lead = len(t) - len(t.lstrip(" \t"))
                options.update({lead, lead + 4})
        for lead in sorted(options - {indent}):
            try_line(number, " " * lead + text.lstrip(" \t"), "indent-line", 1.0 if err.is_a("IndentationError") else 0.4, spaces=lead)
        # Token by token.
        for start, end, tok in toks:
            if tok.isspace():
                continue
            if tok[0].isalpha() and tok not in _KEYWORDS and tok.lower() in _KEYWORDS | {"print"} and tok.lower() not in ("true", "false", "none"):
                try_line(number, text[:start] + tok.lower() + text[end:], "keyword-case", close(start), old=tok, new=tok.lower())
            if tok in ("True", "False", "None"):
                continue
            if tok in ("if",) and re.match(r"\s*if\b", text) and number > 1:
                try_line(number, text[:start] + "elif" + text[end:], "replace-mark", 0.3, old="if", new="elif")
            for new, w in _MARK_REPLACEMENTS.get(tok, []):
                if tok == "=" and new == ":" and not _inside(text[:start], "{"):
                    continue  # `=` -> `:` only between a dictionary's key and value
                before = text[:start].rstrip() if new in (":", ",", ";") else text[:start]
                try_line(number, before + new + text[end:], "replace-mark", w * close(start), old=tok, new=new)
            # a stray mark (not a word, a number, a string or a sign that means something): take it away
            if tok not in _MEANINGFUL and (not (tok[0].isalnum() or tok[0] in "_\"'") or (not tok.isascii() and len(tok) == 1)):
                try_line(number, (text[:start] + text[end:]).rstrip() if end >= body_end else text[:start] + text[end:], "delete-mark", close(start), old=tok)
            if tok[0] in "\"'" and (len(tok) == 1 or tok[-1] != tok[0]):
                # an unclosed quote: close it at the end of the words, before the brackets close
                body = text[:body_end]
                stripped = body.rstrip(")]}:, ")
                try_line(number, stripped + tok[0] + body[len(stripped):] + text[body_end:], "insert-quote", 1.0)
                try_line(number, body + tok[0] + text[body_end:], "insert-quote", 0.9)
        # Words with a quote mark inside them ('That's it'): the other kind of quotes outside.
        for q, other in (("'", '"'), ('"', "'")):
            first, last = text.find(q), text.rfind(q)
            if first >= 0 and last > first and other not in text[first:last + 1] and text.count(q) % 2 == 1:
                try_line(number, text[:first] + other + text[first + 1 : last] + other + text[last + 1 :], "quote-kind", 1.0)
        # f"Hi {name.replace("S", "P")}": the quotes inside the braces end the f-string early
        # (before Python 3.12). The other kind of quotes inside the braces.
        for q, other in (('"', "'"), ("'", '"')):
            if re.search(r"\b[fF][rR]?" + q, text) and "{" in text:
                swapped = re.sub(r"\{[^{}]*\}", lambda m: m.group(0).replace(q, other), text)
                if swapped != text:
                    try_line(number, swapped, "quote-kind", 1.0)
        is_header = bool(re.match(r"\s*(async\s+)?(def|class)\b", text))
        names_here = sorted({t for _, _, t in toks if (t[0].isalpha() or t[0] == "_") and t not in _KEYWORDS})
        # Inserts at token boundaries (and at the end of the line's code).
        bounds = sorted({s for s, _, t in toks if not t.isspace()} | {e for _, e, t in toks if not t.isspace()})
        code_end = body_end
        hash_at = _comment_start(text)
        if hash_at is not None:
            code_end = len(text[:hash_at].rstrip())
            bounds = [b for b in bounds if b <= code_end]
        for pos in bounds:
            at_end = pos >= code_end
            for mark, kind, w in (
                (":", "insert-colon", 1.0 if at_end else 0.5),
                (",", "insert-comma", 1.0),
                (")", "insert-close", 1.0),
                ("]", "insert-close", 0.9),
                ("}", "insert-close", 0.8),
                ("(", "insert-open", 1.0),
                ("=", "insert-equals", 1.0),
                ('"', "insert-quote", 0.6),
                ("'", "insert-quote", 0.5),
                (" + ", "insert-operator", 1.0),
                (" * ", "insert-operator", 0.8),
                (".", "insert-dot", 1.0),
            ):
                if mark in "\"'" and (text[pos - 1 : pos] == mark or text[pos : pos + 1] == mark):
                    continue  # '' or "" next to a quote glues two strings: never the repair
                if is_header and kind in ("insert-operator", "insert-dot", "insert-equals", "insert-open"):
                    continue  # a sum or a `*` among a function's names is never the repair
                try_line(number, text[:pos] + mark + text[pos:], kind, w * close(pos), mark=mark.strip())
            if not at_end and pos > 0 and text[pos - 1 : pos] == " ":
                for name in names_here:
                    try_line(number, text[:pos] + name + " " + text[pos:], "insert-name", close(pos), name=name)
    for i, (number, closer) in enumerate(closing_lines):
        text = lines[number - 1]
        hash_at = _comment_start(text)
        code = text[:hash_at].rstrip() if hash_at is not None else text.rstrip()
        if code.strip():
            rest = text[len(code):]
            window.setdefault(number, 0.8)
            try_line(number, code + closer + rest, "insert-close", 1.0 - 0.02 * i, mark=closer)
    out.sort(key=lambda c: -c.weight)
    return out[:120]


def _inside(before: str, opener: str) -> bool:
    """True when ``before`` (a line up to some point) leaves an ``opener`` bracket open."""
    depth = 0
    for ch in before:
        if ch == opener:
            depth += 1
        elif ch == _OPENERS[opener] and depth:
            depth -= 1
    return depth > 0


def _comment_start(text: str) -> int | None:
    quote = None
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return i
        i += 1
    return None
