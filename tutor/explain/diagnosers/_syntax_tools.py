"""Shared machinery for the diagnosers of programs Python refuses to start.

SyntaxError, IndentationError and TabError come with different messages and lines on CPython
3.10, 3.11, 3.12 and 3.13 for the very same slip. So the ``syntax_*`` diagnosers do not read the
message: they look at the *source*, with

- ``Scan``: a small, forgiving tokenizer of our own (strings, brackets, comments, numbers, names)
  that never stops at the first problem and records unclosed, mismatched and extra brackets and
  strings that never end;
- ``first_problem``: where ``compile()`` in *this* process first gets stuck (the same answer
  whatever Python ran the learner's program);
- candidate edits: every family module registers a *generator* (``@generator("id")``) that
  proposes small whole-line edits near the problem, each with the words of its hint;
- ``Analysis``: tries every candidate with ``compile()``, keeps those that make the program
  parse (or at least push the first problem further down), and ranks them. Only the family of the
  best candidate gives a hint, so the explainer sees exactly one syntax hint.

Modules whose names start with ``_`` are not imported by the registry: this is a helper module.
"""

from __future__ import annotations

import ast
import importlib
import keyword
import pkgutil
import re
import warnings
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from ..context import Context
from ..hint import Fix, Hint

#: The error classes these diagnosers look at (IndentationError and TabError are SyntaxErrors).
SYNTAX_ERRORS = ("SyntaxError",)
#: Registry priority shared by every syntax diagnoser (only one of them answers for a program).
PRIORITY = 20

OPENERS = {"(": ")", "[": "]", "{": "}"}
CLOSERS = {")": "(", "]": "[", "}": "{"}
BRACKET_NAMES = {"(": "round bracket", ")": "round bracket", "[": "square bracket",
                 "]": "square bracket", "{": "curly bracket", "}": "curly bracket"}

#: Words that start a line ending with a colon.
HEADER_WORDS = ("if", "elif", "else", "for", "while", "def", "class", "try", "except", "finally", "with")
KEYWORDS = frozenset(keyword.kwlist)

ENCOURAGE = (
    "Every error is a clue, and you are so close!",
    "It's just one small thing. You are so close!",
    "Every error is a clue. One small change and it runs!",
)


def encourage(key: str) -> str:
    """A friendly sentence, chosen the same way on every Python (no salted ``hash``)."""
    return ENCOURAGE[zlib.crc32(key.encode("utf-8")) % len(ENCOURAGE)]


def code(text: str) -> str:
    """``text`` as code in a hint (between backticks)."""
    text = text.replace("`", "'")
    return f"`{text}`"


def and_list(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# -- lines --------------------------------------------------------------------------------------
def indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t\f"))]


def indent_width(ws: str, tabsize: int = 8) -> int:
    col = 0
    for ch in ws:
        if ch == "\t":
            col = (col // tabsize + 1) * tabsize
        else:
            col += 1
    return col


def describe_indent(ws: str) -> str:
    if not ws:
        return "no spaces"
    if set(ws) == {" "}:
        return plural(len(ws), "space")
    if set(ws) == {"\t"}:
        return plural(len(ws), "tab")
    return "a mix of tabs and spaces"


def short_change(old: str, new: str, limit: int = 60) -> tuple[str, str]:
    """The part of a line that changes, with a little context, for a tiny before/after."""
    old, new = old.strip(), new.strip()
    if len(old) <= limit and len(new) <= limit:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end_o, end_n = len(old), len(new)
    while end_o > start and end_n > start and old[end_o - 1] == new[end_n - 1]:
        end_o -= 1
        end_n -= 1
    lo = max(0, start - 20)
    while lo > 0 and old[lo - 1] not in " (,[{":
        lo -= 1
    hi_o, hi_n = min(len(old), end_o + 20), min(len(new), end_n + 20)
    prefix = "..." if lo > 0 else ""
    return (prefix + old[lo:hi_o] + ("..." if hi_o < len(old) else ""),
            prefix + new[lo:hi_n] + ("..." if hi_n < len(new) else ""))


def change_sentence(old: str, new: str) -> str:
    before, after = short_change(old, new)
    return f"Change {code(before)} to {code(after)}."


# -- the forgiving tokenizer ----------------------------------------------------------------------
@dataclass(frozen=True)
class Tok:
    kind: str  # NAME NUMBER STRING BADSTRING OP COMMENT ERROR
    text: str
    line: int  # 1-based
    col: int  # 0-based character offset in the line
    end_line: int
    end_col: int
    depth: int  # brackets open around the token (for a bracket: around the pair)
    quote: str = ""  # for strings: the quote characters used
    prefix: str = ""  # for strings: r, f, b, ...

    @property
    def is_atom_end(self) -> bool:
        if self.kind in ("NUMBER", "STRING"):
            return True
        if self.kind == "NAME":
            return self.text not in KEYWORDS or self.text in ("True", "False", "None")
        return self.kind == "OP" and self.text in CLOSERS

    @property
    def is_atom_start(self) -> bool:
        if self.kind in ("NUMBER", "STRING"):
            return True
        if self.kind == "NAME":
            return self.text not in KEYWORDS or self.text in ("True", "False", "None", "not", "lambda")
        return self.kind == "OP" and self.text == "{"


_STRING_START = re.compile(r"(?i)(rb|br|fr|rf|b|r|u|f)?('''|\"\"\"|'|\")")
_NUMBER = re.compile(
    r"(?i)0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+|"
    r"(?:[0-9][0-9_]*\.?[0-9_]*|\.[0-9][0-9_]*)(?:e[+-]?[0-9_]+)?j?"
)
_OPS = sorted(
    "**= //= >>= <<= ... ** // == != <= >= <> -> += -= *= /= %= &= |= ^= := << >> @= "
    "+ - * / % @ & | ^ ~ < > ( ) [ ] { } , : ; . = !".split(),
    key=len,
    reverse=True,
)


class Scan:
    """A forgiving tokenizer: it reads the whole program, whatever is wrong with it."""

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines()
        self.tokens: list[Tok] = []
        self.unclosed: list[Tok] = []  # openers still open at the end
        self.mismatched: list[tuple[Tok, Tok]] = []  # (opener, closer of another shape)
        self.extra: list[Tok] = []  # closers with nothing to close
        self.bad_strings: list[Tok] = []  # strings that never end
        self.continuation: set[int] = set()  # lines that carry on an earlier line
        self.by_line: dict[int, list[Tok]] = {}
        self._run()
        for tok in self.tokens:
            self.by_line.setdefault(tok.line, []).append(tok)

    def _run(self) -> None:
        stack: list[Tok] = []
        lines = self.lines
        n = len(lines)
        ln = 0
        pending_triple: tuple[int, int, str, str] | None = None  # line, col, quote, prefix
        backslash = False
        while ln < n:
            text = lines[ln]
            lineno = ln + 1
            col = 0
            if pending_triple is not None:
                self.continuation.add(lineno)
                sl, sc, q, prefix = pending_triple
                end = _find_close(text, 0, q)
                if end < 0:
                    ln += 1
                    continue
                pending_triple = None
                body = "\n".join(lines[sl - 1 : lineno])
                self._add(stack, "STRING", body, sl, sc, lineno, end, quote=q, prefix=prefix)
                col = end
            elif stack or backslash:
                self.continuation.add(lineno)
            backslash = False
            while col < len(text):
                ch = text[col]
                if ch in " \t\f":
                    col += 1
                    continue
                if ch == "#":
                    self._add(stack, "COMMENT", text[col:], lineno, col, lineno, len(text))
                    break
                if ch == "\\" and not text[col + 1 :].strip():
                    backslash = True
                    break
                m = _STRING_START.match(text, col)
                if m:
                    prefix, q = m.group(1) or "", m.group(2)
                    start = m.end()
                    end = _find_close(text, start, q)
                    if end >= 0:
                        self._add(stack, "STRING", text[col:end], lineno, col, lineno, end, quote=q, prefix=prefix)
                        col = end
                        continue
                    if len(q) == 3:
                        pending_triple = (lineno, col, q, prefix)
                        break
                    tok = self._add(stack, "BADSTRING", text[col:], lineno, col, lineno, len(text), quote=q, prefix=prefix)
                    self.bad_strings.append(tok)
                    break
                if ch.isdigit() or (ch == "." and col + 1 < len(text) and text[col + 1].isdigit()):
                    m = _NUMBER.match(text, col)
                    end = m.end() if m and m.end() > col else col + 1
                    self._add(stack, "NUMBER", text[col:end], lineno, col, lineno, end)
                    col = end
                    continue
                if ch.isidentifier():
                    end = col + 1
                    while end < len(text) and (text[col : end + 1]).isidentifier():
                        end += 1
                    self._add(stack, "NAME", text[col:end], lineno, col, lineno, end)
                    col = end
                    continue
                for op in _OPS:
                    if text.startswith(op, col):
                        self._add(stack, "OP", op, lineno, col, lineno, col + len(op))
                        col += len(op)
                        break
                else:
                    self._add(stack, "ERROR", ch, lineno, col, lineno, col + 1)
                    col += 1
            ln += 1
        if pending_triple is not None:
            sl, sc, q, prefix = pending_triple
            tok = Tok("BADSTRING", lines[sl - 1][sc:], sl, sc, sl, len(lines[sl - 1]), len(stack), q, prefix)
            self.bad_strings.append(tok)
        self.unclosed = list(stack)

    def _add(self, stack: list[Tok], kind: str, text: str, line: int, col: int, end_line: int,
             end_col: int, quote: str = "", prefix: str = "") -> Tok:
        depth = len(stack)
        if kind == "OP" and text in CLOSERS:
            depth = max(0, depth - 1)
        tok = Tok(kind, text, line, col, end_line, end_col, depth, quote, prefix)
        self.tokens.append(tok)
        if kind == "OP":
            if text in OPENERS:
                stack.append(tok)
            elif text in CLOSERS:
                if not stack:
                    self.extra.append(tok)
                else:
                    opener = stack.pop()
                    if OPENERS[opener.text] != text:
                        self.mismatched.append((opener, tok))
        return tok

    # -- views --------------------------------------------------------------------------------
    def line_tokens(self, line: int, *, comments: bool = False) -> list[Tok]:
        toks = self.by_line.get(line, [])
        return toks if comments else [t for t in toks if t.kind != "COMMENT"]

    def logical_start(self, line: int) -> int:
        while line > 1 and line in self.continuation:
            line -= 1
        return line

    def logical_end(self, line: int) -> int:
        line += 1
        while line <= len(self.lines) and line in self.continuation:
            line += 1
        return line - 1

    def logical_tokens(self, start: int) -> list[Tok]:
        end = self.logical_end(start)
        out: list[Tok] = []
        for ln in range(start, end + 1):
            out.extend(self.line_tokens(ln))
        return out

    def code_end(self, line: int) -> int:
        """Column where the code of ``line`` ends (before a comment and trailing spaces)."""
        text = self.lines[line - 1] if 1 <= line <= len(self.lines) else ""
        cut = len(text)
        for tok in self.by_line.get(line, []):
            if tok.kind == "COMMENT":
                cut = tok.col
        return len(text[:cut].rstrip())

    def is_code_line(self, line: int) -> bool:
        return bool(self.line_tokens(line)) and line not in self.continuation

    def previous_code_line(self, line: int) -> int | None:
        ln = line - 1
        while ln >= 1:
            if self.is_code_line(ln):
                return ln
            ln -= 1
        return None

    def next_code_line(self, line: int) -> int | None:
        ln = line + 1
        while ln <= len(self.lines):
            if self.is_code_line(ln):
                return ln
            ln += 1
        return None


def _find_close(text: str, start: int, quote: str) -> int:
    """Index just after the closing ``quote`` in ``text`` from ``start``, or -1."""
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if text.startswith(quote, i):
            return i + len(quote)
        i += 1
    return -1


# -- compile() as the judge -----------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    type: str
    line: int
    col: int  # 1-based like SyntaxError.offset; 0 unknown
    message: str


@lru_cache(maxsize=256)
def first_problem(source: str) -> Problem | None:
    """Where compile() first gets stuck in ``source`` (None: it compiles)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(source, "<program>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        return Problem(type(exc).__name__, exc.lineno or 0, exc.offset or 0, str(exc.msg or ""))
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
        return Problem(type(exc).__name__, 0, 0, str(exc))
    return None


# -- candidates ---------------------------------------------------------------------------------
@dataclass
class Candidate:
    family: str  # the diagnoser id that explains it
    line: int  # where the hint points (where the change goes)
    fix: Fix
    title: str
    why: str
    change: str  # the last level: the exact change
    prior: float = 0.5  # how typical this slip is when its pattern is seen
    # set by the analysis
    fixed: bool = False
    reached: int = 0  # the line of the first problem left after the edit (0 when fixed)
    source: str = ""

    def key(self) -> tuple:
        return (0 if self.fixed else 1, -round(self.prior, 3), -self.reached, self.line)


Generator = Callable[["Analysis"], Iterable[Candidate]]
_GENERATORS: list[tuple[str, Generator]] = []


def generator(family: str) -> Callable[[Generator], Generator]:
    """Register a function proposing candidate edits explained by diagnoser ``family``."""

    def register(func: Generator) -> Generator:
        key = (func.__module__, func.__qualname__)
        _GENERATORS[:] = [(f, g) for f, g in _GENERATORS if (g.__module__, g.__qualname__) != key]
        _GENERATORS.append((family, func))
        return func

    return register


def _load_families() -> None:
    from .. import diagnosers as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("syntax_"):
            importlib.import_module(f"{package.__name__}.{info.name}")


class Analysis:
    """Everything the syntax diagnosers work out about one program, computed once."""

    MAX_CANDIDATES = 400

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines = source.splitlines()
        self.candidates: list[Candidate] = []
        self.problems: list[str] = []
        self._tree: ast.Module | None | bool = False
        self.problem = first_problem(source)
        try:
            self.scan = Scan(source)
        except Exception as exc:  # never let an odd program break the explainer
            self.problems.append(f"scan: {exc!r}")
            self.scan = Scan("")
            return
        if self.problem is not None and self.lines:
            self._generate()

    # -- helpers for generators ------------------------------------------------------------------
    @property
    def line(self) -> int:
        """The line compile() first got stuck on (clamped into the program)."""
        if self.problem is None:
            return 0
        return max(1, min(self.problem.line or len(self.lines), len(self.lines)))

    def text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def window(self, before: int = 2, after: int = 1) -> range:
        lo = max(1, self.line - before)
        hi = min(len(self.lines), self.line + after)
        return range(lo, hi + 1)

    def logical_lines(self, before: int = 2, after: int = 1) -> "Iterator[tuple[int, list[Tok]]]":
        """Each logical line (its first line and its tokens) that touches the window, once."""
        seen: set[int] = set()
        for ln in self.window(before=before, after=after):
            start = self.scan.logical_start(ln)
            if start not in seen:
                seen.add(start)
                yield start, self.scan.logical_tokens(start)

    @property
    def tree(self) -> ast.Module | None:
        if self._tree is False:
            try:
                self._tree = ast.parse(self.source)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                self._tree = None
        return self._tree  # type: ignore[return-value]

    def indent_unit(self) -> str:
        """The indentation step the program uses (four spaces when it cannot tell)."""
        tabs = 0
        widths: list[int] = []
        for ln, text in enumerate(self.lines, 1):
            if not self.scan.is_code_line(ln):
                continue
            ws = indent_of(text)
            if "\t" in ws:
                tabs += 1
            elif ws:
                widths.append(len(ws))
        if tabs > len(widths):
            return "\t"
        if not widths:
            return "    "
        best = max((8, 4, 2, 3), key=lambda u: sum(1 for w in widths if w % u == 0))
        if not any(w % best == 0 for w in widths):
            return "    "
        return " " * best

    def replace(self, line: int, new_text: str) -> Fix:
        return Fix.replace_line(line, new_text)

    # -- running the generators ----------------------------------------------------------------
    def _generate(self) -> None:
        _load_families()
        seen: set[str] = set()
        for family, gen in _GENERATORS:
            try:
                made = list(gen(self))
            except Exception as exc:  # a generator must never break the explainer
                self.problems.append(f"{family}: {exc!r}")
                continue
            for cand in made:
                if len(self.candidates) >= self.MAX_CANDIDATES:
                    break
                try:
                    new_source = cand.fix.apply(self.source)
                except ValueError:
                    continue
                if new_source == self.source:
                    continue
                sig = f"{cand.family}\0{new_source}"
                if sig in seen:
                    continue
                seen.add(sig)
                cand.source = new_source
                self._judge(cand)
                if cand.fixed or cand.reached:
                    self.candidates.append(cand)
        self.candidates.sort(key=Candidate.key)

    def _judge(self, cand: Candidate) -> None:
        after = first_problem(cand.source)
        if after is None:
            cand.fixed = True
            return
        if after.type in ("ValueError", "RecursionError", "MemoryError", "OverflowError"):
            return
        shift = len(cand.fix.new_lines()) - (cand.fix.end_line - cand.fix.start_line + 1)
        reached = after.line
        if reached > cand.fix.end_line + shift:
            reached -= shift
        old = self.problem
        assert old is not None
        # Progress: the first problem is now clearly further down the program.
        if reached > max(old.line, cand.fix.end_line):
            cand.reached = reached

    # -- results -----------------------------------------------------------------------------
    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    def family_candidates(self, family: str) -> list[Candidate]:
        return [c for c in self.candidates if c.family == family]


_KEY = "_syntax_analysis"


def analyse(ctx: Context) -> Analysis:
    cached = ctx.extra.get(_KEY)
    if isinstance(cached, Analysis) and cached.source == ctx.source:
        return cached
    analysis = Analysis(ctx.source)
    ctx.extra[_KEY] = analysis
    return analysis


def is_parse_failure(ctx: Context) -> bool:
    """True when the error is Python refusing to start the learner's own file."""
    err = ctx.error
    if err is None or not err.is_a("SyntaxError"):
        return False
    if err.frames:  # raised while running (compile(), eval(), an import): not the file itself
        return False
    return True


def hint_for(ctx: Context, family: str) -> Hint | None:
    """The hint of ``family`` when its candidate is the best one for this program, else None."""
    if not is_parse_failure(ctx):
        return None
    analysis = analyse(ctx)
    best = analysis.best
    if best is None or best.family != family:
        return None
    others = [c.fix for c in analysis.family_candidates(family)[1:6] if c.line == best.line]
    levels = [best.title, f"{best.why} {encourage(family + best.title)}", best.change]
    return Hint(
        diagnoser=family,
        line=best.line,
        title=best.title,
        levels=levels,
        fix=best.fix,
        candidates=others,
        confidence=0.95 if best.fixed else 0.75,
        notes={"parses_after_fix": best.fixed},
    )


def syntax_family(family: str, doc: str) -> Callable[[Context], Hint | None]:
    """Register the diagnoser of one syntax family: it speaks only when that family's candidate
    edit is the best one for the program (see ``hint_for``). ``doc`` shows the slip it covers."""
    from ..registry import diagnoser

    def diagnose(ctx: Context) -> Hint | None:
        return hint_for(ctx, family)

    diagnose.__doc__ = doc
    diagnose.__name__ = diagnose.__qualname__ = family.replace("-", "_")
    return diagnoser(family, errors=SYNTAX_ERRORS, outcomes=("error",), priority=PRIORITY)(diagnose)


# -- small token helpers for generators -----------------------------------------------------------
def significant(tokens: Iterable[Tok]) -> list[Tok]:
    return [t for t in tokens if t.kind != "COMMENT"]


def insert_at(text: str, col: int, piece: str) -> str:
    return text[:col] + piece + text[col:]


def replace_span(text: str, start: int, end: int, piece: str) -> str:
    return text[:start] + piece + text[end:]


def pairs(items: list[Tok]) -> Iterator[tuple[Tok, Tok]]:
    for i in range(len(items) - 1):
        yield items[i], items[i + 1]
