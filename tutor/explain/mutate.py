"""Small candidate edits of a learner's program: the "one small thing" that might be wrong.

A beginner's bug is nearly always one small slip on one line: ``<`` for ``<=``, ``range(1, 5)`` for
``range(1, 6)``, ``total = price`` for ``total = total + price``, a missing ``f`` in front of a
string with ``{name}`` in it, ``answer.lower`` without ``()``, a ``print`` indented into a loop...
This module proposes such edits ("mutants"), each as a ``Fix`` with a likelihood weight, so a
diagnoser (or the exercises engine) can try them by re-running the program and keep the ones that
work. Nothing here runs the learner's code: it only reads the source and its syntax tree.

Main entry points:

- ``mutants(source, focus=..., limit=...)``: candidate edits, likeliest first. ``focus`` maps line
  numbers to how strongly they are suspected (0..1); lines not in it are skipped unless
  ``default_focus`` is given.
- ``influence(tree, line)``: the lines that fed the values used on ``line`` (where they were set,
  what they were computed from, and the ``if``/loop lines that decided whether it ran), with a
  weight each: a good ``focus`` for "this line printed the wrong thing".
- ``Editor``: turns node positions into ``Fix`` objects (also for statement moves and inserts).

Positions: ``ast`` columns count UTF-8 bytes; ``Editor`` converts them to characters, so lines with
``£`` or emoji edit correctly. Edits keep the rest of the learner's line exactly as written.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping, Sequence

from .hint import Fix

__all__ = [
    "AUG_RE",
    "BINOP_RE",
    "Editor",
    "add_delta",
    "describe",
    "find_token",
    "requote",
    "try_in_order",
    "Mutant",
    "PRIORS",
    "assigned_names",
    "influence",
    "mutants",
    "names_read",
    "parents_of",
    "statement_at",
    "text_names",
    "why",
]

# Characters that ``str.splitlines`` treats as line breaks but Python's parser does not: with any of
# them in the source, line numbers would not agree, so no edits are proposed at all.
_ODD_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


# -- how likely each kind of slip is (before the line's own weight is applied) -------------------
PRIORS: dict[str, float] = {
    "compare-to-assign": 0.97,  # `best == s` alone on its line: it stores nothing
    "add-f-prefix": 0.95,  # "Hi {name}" printed as it is
    "add-call-parens": 0.93,  # answer.lower instead of answer.lower()
    "or-always-true": 0.93,  # x == "a" or "b"
    "expr-to-assign": 0.9,  # `n + 1` alone on its line
    "rename-unused-target": 0.9,  # Done = True, when the program reads `done`
    "convert-input": 0.86,  # "3" + "4" is "34"
    "return-out-of-loop": 0.85,
    "accumulate": 0.8,  # total = price -> total = total + price
    "dedent-out-of-loop": 0.72,  # a print inside the loop that belongs after it
    "reset-before-loop": 0.7,  # total = 0 inside the loop
    "range-bounds": 0.7,
    "use-unused-name": 0.8,  # `width * width` while `height` is never used
    "add-space": 0.7,  # first + last -> first + " " + last
    "index-into-list": 0.8,  # print(i) -> print(colours[i])
    "compare-op": 0.6,
    "arith-op": 0.5,
    "string-to-name": 0.6,
    "case-compare": 0.55,
    "aug-op": 0.5,
    "indent-into-loop": 0.5,
    "indent-into-if": 0.6,
    "missing-comma": 0.93,
    "swap-sides": 0.5,
    "number": 0.45,
    "bool-op": 0.4,
    "remove-not": 0.35,
    "index": 0.35,
    "name-swap": 0.25,
    "text-edit": 0.9,
    "add-return": 0.85,
    "print-result": 0.8,
}

#: Why each kind of change matters, in a child's words (one or two short sentences).
_WHY: dict[str, str] = {
    "index-into-list": "`i` is only the place number: 0, 1, 2... To get the thing at that place, write the list name with `[i]`.",
    "add-space": "`+` glues two bits of text together with nothing in between. Add a space `\" \"` between them.",
    "use-unused-name": "The program makes a value it never uses. That is a clue: it was probably meant here.",
    "compare-to-assign": "`==` only checks whether two things are equal. One `=` is what stores a value.",
    "expr-to-assign": "Working something out is not enough: the answer has to be stored with `=`.",
    "add-f-prefix": (
        "Without an `f` in front of the quotes, Python prints the {curly brackets} exactly as they "
        "are instead of filling in the values."
    ),
    "add-call-parens": (
        "Without `()` at the end, the command does not run: you get the command itself instead of "
        "its answer."
    ),
    "or-always-true": (
        "After `or`, a bit of text on its own always counts as true, so the check always passes. "
        "Each side of `or` needs its own comparison."
    ),
    "rename-unused-target": "Names must match exactly, capital letters included, or Python makes a brand new variable.",
    "convert-input": (
        "`input()` always gives back text, and adding two bits of text glues them together "
        '("3" + "4" is "34"). `int()` turns text into a number.'
    ),
    "return-out-of-loop": (
        "`return` ends the function straight away, so the loop stops on its first go. It belongs "
        "after the loop."
    ),
    "accumulate": "A single `=` throws the old value away. To add to a running total, add to what is already there.",
    "dedent-out-of-loop": "Indented lines under a loop run every time round. Lines that should run once go after the loop, not indented.",
    "reset-before-loop": "Setting it back to the start inside the loop wipes it out every time round. Set it once, before the loop.",
    "range-bounds": "`range` stops just before its last number: `range(1, 5)` gives 1, 2, 3 and 4, but not 5.",
    "compare-op": "`<` and `<=` (or `>` and `>=`) give different answers when the two sides are equal.",
    "arith-op": "The sum uses a different kind of maths from the one that was meant.",
    "string-to-name": "Words in quotes are printed exactly as they are. Without quotes, Python uses the variable's value.",
    "case-compare": 'Capital letters matter: "Yes" and "yes" are different to Python.',
    "aug-op": "The update goes the other way from the one that was meant.",
    "indent-into-loop": "Only the indented lines under a loop run every time round.",
    "indent-into-if": "Only the lines pushed in under an `if` wait for the `if` to be true.",
    "missing-comma": (
        "Two bits of text side by side with no comma between them are glued into one. A comma "
        "keeps them apart."
    ),
    "swap-sides": "The order matters here: the two sides are the other way round.",
    "number": "One number is just a little off.",
    "bool-op": "`and` needs both sides to be true; `or` needs only one.",
    "remove-not": "`not` turns true into false and false into true.",
    "index": "Positions in a list start at 0, so the position is one off.",
    "name-swap": "A different variable was meant here.",
    "text-edit": "The words in the quotes are a little different from what the task asks for.",
    "print-result": "The function gives back its answer, but nothing prints it. Put it inside `print()` to see it.",
    "add-return": (
        "A function gives back nothing (`None`) unless it says `return`. Printing a value inside "
        "the function is not the same as giving it back."
    ),
}


def why(kind: str) -> str:
    """A short child-friendly reason for a kind of change (see ``PRIORS`` for the kinds)."""
    return _WHY.get(kind, "One small change here makes the difference.")


@dataclass(frozen=True)
class Mutant:
    """One candidate edit."""

    fix: Fix
    line: int  # the line the change is on (where the hint should point)
    kind: str  # which kind of slip it undoes (a key of PRIORS)
    weight: float  # likelihood: higher is likelier
    before: str = ""  # the changed lines as they are now
    after: str = ""  # the same lines after the change
    detail: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def why(self) -> str:
        return why(self.kind)


# -- positions and edits --------------------------------------------------------------------------
class Editor:
    """Positions of nodes in the source (in characters) and edits turned into ``Fix`` objects."""

    def __init__(self, source: str) -> None:
        self.source = source
        lines = source.splitlines(keepends=True)
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += "\n"
        self.lines = lines

    def text(self, lineno: int) -> str:
        """Line ``lineno`` (1-based) without its line break."""
        if 1 <= lineno <= len(self.lines):
            return self.lines[lineno - 1].rstrip("\r\n")
        return ""

    def col(self, lineno: int, byte_col: int) -> int:
        raw = self.text(lineno)
        if raw.isascii():
            return byte_col
        return len(raw.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))

    def start(self, node: ast.AST) -> tuple[int, int]:
        return node.lineno, self.col(node.lineno, node.col_offset)  # type: ignore[attr-defined]

    def end(self, node: ast.AST) -> tuple[int, int]:
        line = node.end_lineno  # type: ignore[attr-defined]
        return line, self.col(line, node.end_col_offset)  # type: ignore[attr-defined]

    def between(self, a: tuple[int, int], b: tuple[int, int]) -> str:
        (l1, c1), (l2, c2) = a, b
        if l1 == l2:
            return self.text(l1)[c1:c2]
        parts = [self.lines[l1 - 1][c1:]]
        parts += self.lines[l1 : l2 - 1]
        parts.append(self.text(l2)[:c2])
        return "".join(parts)

    def segment(self, node: ast.AST) -> str:
        return self.between(self.start(node), self.end(node))

    def indent_of(self, lineno: int) -> str:
        raw = self.text(lineno)
        return raw[: len(raw) - len(raw.lstrip(" \t"))]

    def edit(self, edits: Sequence[tuple[tuple[int, int], tuple[int, int], str]]) -> Fix:
        """One ``Fix`` for several text replacements ``(start, end, new_text)`` (character positions)."""
        first = min(e[0][0] for e in edits)
        last = max(e[1][0] for e in edits)
        block = "".join(self.lines[first - 1 : last])
        offsets = [0]
        for i in range(first - 1, last):
            offsets.append(offsets[-1] + len(self.lines[i]))

        def pos(p: tuple[int, int]) -> int:
            return offsets[p[0] - first] + p[1]

        for start, end, new in sorted(edits, key=lambda e: pos(e[0]), reverse=True):
            block = block[: pos(start)] + new + block[pos(end) :]
        if not block.endswith("\n"):
            block += "\n"
        return Fix(first, last, block)

    def replace_node(self, node: ast.AST, new_text: str) -> Fix:
        return self.edit([(self.start(node), self.end(node), new_text)])

    def lines_of(self, node: ast.stmt) -> list[str]:
        return self.lines[node.lineno - 1 : node.end_lineno]  # type: ignore[operator]

    def reindent(self, lines: Sequence[str], old: str, new: str) -> list[str]:
        """``lines`` with the leading ``old`` indent swapped for ``new`` (continuation lines shifted alike)."""
        out = []
        shift = len(new) - len(old)
        for raw in lines:
            if raw.startswith(old):
                out.append(new + raw[len(old) :])
            elif not raw.strip():
                out.append(raw)
            else:
                lead = len(raw) - len(raw.lstrip(" \t"))
                if shift < 0:
                    out.append(raw[min(lead, -shift) :])
                else:
                    out.append(" " * shift + raw)
        return out


# -- small helpers about the tree ----------------------------------------------------------------
def parents_of(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    return parents


_BODY_FIELDS = ("body", "orelse", "finalbody", "handlers")


def _child_blocks(stmt: ast.stmt) -> Iterator[list[ast.stmt]]:
    for name in _BODY_FIELDS:
        block = getattr(stmt, name, None)
        if isinstance(block, list) and block:
            if name == "handlers":
                for handler in block:
                    yield handler.body
            else:
                yield block
    if hasattr(ast, "Match") and isinstance(stmt, getattr(ast, "Match")):
        for case in stmt.cases:  # type: ignore[attr-defined]
            yield case.body


def all_statements(tree: ast.AST) -> Iterator[ast.stmt]:
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt):
            yield node


def statement_at(tree: ast.AST, line: int) -> ast.stmt | None:
    """The innermost statement that covers ``line``."""
    best: ast.stmt | None = None
    for node in all_statements(tree):
        if node.lineno <= line <= (node.end_lineno or node.lineno):
            if best is None or (node.lineno >= best.lineno and (node.end_lineno or 0) <= (best.end_lineno or 0)):
                best = node
    return best


def header_exprs(stmt: ast.stmt) -> list[ast.AST]:
    """The expressions that belong to ``stmt`` itself (not to the statements nested inside it)."""
    if isinstance(stmt, (ast.If, ast.While)):
        return [stmt.test]
    if isinstance(stmt, (ast.For, ast.AsyncFor)):
        return [stmt.target, stmt.iter]
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        return [item.context_expr for item in stmt.items]
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Try)):
        return []
    if hasattr(ast, "Match") and isinstance(stmt, getattr(ast, "Match")):
        return [stmt.subject]  # type: ignore[attr-defined]
    return [child for child in ast.iter_child_nodes(stmt) if isinstance(child, ast.expr)]


def walk_header(stmt: ast.stmt) -> Iterator[ast.AST]:
    for expr in header_exprs(stmt):
        for node in ast.walk(expr):
            if isinstance(node, (ast.Lambda,)):
                continue
            yield node


def names_read(node: ast.AST) -> set[str]:
    if isinstance(node, ast.stmt):
        nodes: Iterable[ast.AST] = walk_header(node)
    else:
        nodes = ast.walk(node)
    return {n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def assigned_names(stmt: ast.stmt) -> set[str]:
    """Names a statement itself binds (``x = ...``, ``x += ...``, ``for x in ...``, ``def x``...)."""
    out: set[str] = set()
    targets: list[ast.AST] = []
    if isinstance(stmt, ast.Assign):
        targets = list(stmt.targets)
    elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
        targets = [stmt.target]
    elif isinstance(stmt, (ast.For, ast.AsyncFor)):
        targets = [stmt.target]
    elif isinstance(stmt, (ast.With, ast.AsyncWith)):
        targets = [i.optional_vars for i in stmt.items if i.optional_vars is not None]
    elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        out.add(stmt.name)
    elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
        for alias in stmt.names:
            out.add((alias.asname or alias.name).split(".")[0])
    for target in targets:
        for n in ast.walk(target):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                out.add(n.id)
    # Changing a list in place (`items.append(x)`) counts as setting `items`.
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        func = stmt.value.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.attr in _MUTATING_METHODS:
            out.add(func.value.id)
    # `x[i] = ...` and `x.a = ...` change x too.
    if isinstance(stmt, (ast.Assign, ast.AugAssign)):
        for target in targets:
            base = target
            while isinstance(base, (ast.Subscript, ast.Attribute)):
                base = base.value
            if base is not target and isinstance(base, ast.Name):
                out.add(base.id)
    return out


_MUTATING_METHODS = frozenset(
    {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "update", "add", "discard", "setdefault"}
)

#: Methods a child calls without anything in the brackets: seeing one without () is a slip.
_NO_ARG_METHODS = frozenset(
    {
        "lower", "upper", "strip", "lstrip", "rstrip", "title", "capitalize", "casefold", "swapcase",
        "isdigit", "isalpha", "isalnum", "isnumeric", "isdecimal", "isupper", "islower", "isspace",
        "istitle", "split", "keys", "values", "items", "copy", "pop", "sort", "reverse", "clear",
        "readline", "readlines", "read", "close", "is_integer",
    }
)


def _scope_of(parents: Mapping[ast.AST, ast.AST], node: ast.AST) -> ast.AST:
    cur = parents.get(node)
    while cur is not None and not isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Module)):
        cur = parents.get(cur)
    return cur if cur is not None else node


def _loops_around(parents: Mapping[ast.AST, ast.AST], node: ast.AST) -> list[ast.stmt]:
    """Loops that contain ``node``, innermost first (stopping at a function boundary)."""
    out = []
    cur = parents.get(node)
    while cur is not None and not isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)):
        if isinstance(cur, (ast.For, ast.While, ast.AsyncFor)):
            out.append(cur)
        cur = parents.get(cur)
    return out


def text_names(tree: ast.AST) -> set[str]:
    """Names that hold text typed in by the user: every assignment to them is ``input(...)``
    (possibly with ``.strip()``, ``.lower()`` and the like)."""
    from_input: dict[str, bool] = {}
    for stmt in all_statements(tree):
        if isinstance(stmt, ast.Assign):
            value = stmt.value
            is_text = _is_input_text(value)
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    from_input[target.id] = from_input.get(target.id, True) and is_text
        elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign, ast.For)):
            target = stmt.target
            if isinstance(target, ast.Name):
                from_input[target.id] = False
    return {name for name, is_text in from_input.items() if is_text}


def _is_input_text(value: ast.AST) -> bool:
    while isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in (
        "strip", "lower", "upper", "title", "capitalize", "lstrip", "rstrip", "casefold",
    ):
        value = value.func.value
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "input"


def _meant_to_set(stmt: ast.stmt) -> set[str]:
    """Names a line looks meant to set but does not: `best == s` or `n + 1` alone on a line."""
    if isinstance(stmt, ast.Expr):
        value = stmt.value
        if isinstance(value, ast.Compare) and isinstance(value.left, ast.Name) and len(value.ops) == 1 and isinstance(value.ops[0], ast.Eq):
            return {value.left.id}
        if isinstance(value, ast.BinOp) and isinstance(value.left, ast.Name):
            return {value.left.id}
    return set()


# -- where values come from --------------------------------------------------------------------
def influence(tree: ast.AST, line: int, *, depth: int = 4) -> dict[int, float]:
    """Lines that decide what ``line`` does, with a weight each (``line`` itself: 1.0).

    Follows the names read on ``line`` back to the statements that set them (in the same function
    or the module), and those statements' own inputs, a few steps deep; adds the ``if``/``while``
    tests and ``for`` lines around each of them, and the ``return`` lines of functions called.
    """
    weights: dict[int, float] = {}
    stmt = statement_at(tree, line)
    if stmt is None:
        return {line: 1.0}
    parents = parents_of(tree)
    defs: dict[tuple[int, str], list[ast.stmt]] = {}
    functions: dict[str, ast.AST] = {}
    for node in all_statements(tree):
        scope = id(_scope_of(parents, node))
        for name in assigned_names(node) | _meant_to_set(node):
            defs.setdefault((scope, name), []).append(node)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions[node.name] = node

    def add(lineno: int, weight: float) -> bool:
        if weight > weights.get(lineno, 0.0):
            weights[lineno] = weight
            return True
        return False

    def controls(node: ast.AST, weight: float) -> None:
        cur = parents.get(node)
        while cur is not None and not isinstance(cur, (ast.Module, ast.ClassDef)):
            if isinstance(cur, (ast.If, ast.While)):
                add(cur.lineno, weight)
                for lineno in range(cur.test.lineno, (cur.test.end_lineno or cur.lineno) + 1):
                    add(lineno, weight)
            elif isinstance(cur, (ast.For, ast.AsyncFor)):
                add(cur.lineno, weight)
            elif isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef)):
                break
            cur = parents.get(cur)

    todo: list[tuple[ast.stmt, float, int]] = [(stmt, 1.0, 0)]
    seen: set[int] = set()
    while todo:
        node, weight, level = todo.pop(0)
        if id(node) in seen:
            continue
        seen.add(id(node))
        for lineno in range(node.lineno, (node.end_lineno or node.lineno) + 1):
            if isinstance(node, (ast.If, ast.While, ast.For, ast.AsyncFor, ast.FunctionDef, ast.AsyncFunctionDef, ast.With)):
                if lineno > node.lineno and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    break
                if lineno > node.lineno and not isinstance(node, (ast.If, ast.While)):
                    break
                if isinstance(node, (ast.If, ast.While)) and lineno > (node.test.end_lineno or node.lineno):
                    break
            add(lineno, weight)
        controls(node, weight * 0.85)
        if level >= depth:
            continue
        scope = id(_scope_of(parents, node))
        for name in sorted(names_read(node)):
            for d in defs.get((scope, name), []) + (defs.get((id(tree), name), []) if scope != id(tree) else []):
                if d is node:
                    continue
                todo.append((d, weight * 0.85, level + 1))
            func = functions.get(name)
            if func is not None:
                for sub in ast.walk(func):
                    if isinstance(sub, ast.Return):
                        todo.append((sub, weight * 0.8, level + 1))
                    elif isinstance(sub, ast.stmt) and sub is not func:
                        add(sub.lineno, weight * 0.5)
    return weights


# -- the mutation operators ---------------------------------------------------------------------
_COMPARE_TEXT = {
    ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
    ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not",
}
_COMPARE_SWAPS: dict[str, list[tuple[str, float]]] = {
    "<": [("<=", 1.0), (">", 0.6), (">=", 0.45), ("!=", 0.3)],
    "<=": [("<", 1.0), (">=", 0.6), (">", 0.45)],
    ">": [(">=", 1.0), ("<", 0.6), ("<=", 0.45), ("!=", 0.3)],
    ">=": [(">", 1.0), ("<=", 0.6), ("<", 0.45)],
    "==": [("!=", 0.6), (">=", 0.4), ("<=", 0.4)],
    "!=": [("==", 0.6), ("<", 0.55), (">", 0.55)],
    "in": [("not in", 0.6)],
    "not in": [("in", 0.6)],
    "is": [("==", 0.5), ("is not", 0.4)],
    "is not": [("!=", 0.5), ("is", 0.4)],
}
_COMPARE_RE = re.compile(r"not\s+in\b|is\s+not\b|<=|>=|==|!=|<|>|\bin\b|\bis\b")

_BINOP_TEXT = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
    ast.Pow: "**",
}
_BINOP_SWAPS: dict[str, list[tuple[str, float]]] = {
    "+": [("-", 0.9), ("*", 0.75)],
    "-": [("+", 0.9), ("*", 0.3)],
    "*": [("+", 0.75), ("//", 0.6), ("/", 0.55), ("**", 0.5), ("-", 0.3)],
    "/": [("//", 1.0), ("*", 0.6), ("%", 0.3)],
    "//": [("/", 0.8), ("%", 0.6), ("*", 0.5)],
    "%": [("//", 0.7), ("/", 0.4)],
    "**": [("*", 0.8)],
}
_BINOP_RE = re.compile(r"\*\*|//|[-+*/%@]")

_AUG_SWAPS: dict[str, list[tuple[str, float]]] = {
    "+=": [("-=", 0.9), ("*=", 0.5), ("=", 0.5)],
    "-=": [("+=", 0.9), ("=", 0.4)],
    "*=": [("+=", 0.7), ("//=", 0.7), ("/=", 0.6), ("=", 0.4)],
    "/=": [("//=", 0.9), ("*=", 0.7)],
    "//=": [("/=", 0.7), ("*=", 0.7)],
    "%=": [("//=", 0.5)],
}
_AUG_RE = re.compile(r"\*\*=|//=|[-+*/%]=")

# Expressions that can take `+ 1` after them without brackets.
_TIGHT = (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Constant)


def _find_token(editor: Editor, a: tuple[int, int], b: tuple[int, int], pattern: re.Pattern[str]) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """The first match of ``pattern`` between positions ``a`` and ``b`` (outside comments)."""
    (l1, c1), (l2, c2) = a, b
    for lineno in range(l1, l2 + 1):
        raw = editor.text(lineno)
        lo = c1 if lineno == l1 else 0
        hi = c2 if lineno == l2 else len(raw)
        chunk = raw[lo:hi]
        hash_at = chunk.find("#")
        if hash_at >= 0:
            chunk = chunk[:hash_at]
        m = pattern.search(chunk)
        if m:
            return (lineno, lo + m.start()), (lineno, lo + m.end()), m.group(0)
    return None


def _plus(editor: Editor, node: ast.expr, delta: int) -> str:
    """The text of ``node`` with ``delta`` (+1 or -1) added, simplified where it is obvious."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return str(node.value + delta)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) and type(node.operand.value) is int:
        return str(-node.operand.value + delta)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)) and isinstance(node.right, ast.Constant) and type(node.right.value) is int:
        step = node.right.value if isinstance(node.op, ast.Add) else -node.right.value
        step += delta
        left = editor.segment(node.left)
        if step == 0:
            return left
        return f"{left} + {step}" if step > 0 else f"{left} - {-step}"
    text = editor.segment(node)
    if not isinstance(node, _TIGHT) and not (isinstance(node, ast.BinOp) and not isinstance(node.op, ast.Pow)):
        text = f"({text})"
    return f"{text} + {delta}" if delta > 0 else f"{text} - {-delta}"


def _wrap(editor: Editor, node: ast.expr) -> str:
    text = editor.segment(node)
    if isinstance(node, _TIGHT) or (isinstance(node, ast.BinOp) and not isinstance(node.op, ast.Pow)):
        return text if isinstance(node, _TIGHT) else f"({text})"
    return f"({text})"


Proposal = tuple[Fix, str, float, dict]


class _Generator:
    def __init__(self, source: str, tree: ast.Module) -> None:
        self.source = source
        self.tree = tree
        self.ed = Editor(source)
        self.parents = parents_of(tree)
        self.text_names = text_names(tree)
        self.uses_aug = any(isinstance(s, ast.AugAssign) for s in all_statements(tree))
        self.loaded: dict[str, int] = {}
        self.stored: dict[str, int] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                bucket = self.loaded if isinstance(node.ctx, ast.Load) else self.stored
                bucket[node.id] = bucket.get(node.id, 0) + 1
        self.functions = {
            s.name: s for s in all_statements(tree) if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        # Names that only ever hold words: every value given to them is text in quotes or typed in.
        words: dict[str, bool] = {}
        for st in all_statements(tree):
            if isinstance(st, ast.Assign):
                is_word = (isinstance(st.value, ast.Constant) and isinstance(st.value.value, str)) or _is_input_text(st.value)
                for target in st.targets:
                    if isinstance(target, ast.Name):
                        words[target.id] = words.get(target.id, True) and is_word
            elif isinstance(st, (ast.AugAssign, ast.AnnAssign, ast.For)) and isinstance(st.target, ast.Name):
                words[st.target.id] = False
        self.word_names = {n for n, ok in words.items() if ok}
        # Names given a value at the top level of the program but never read anywhere.
        self.unused_names: dict[str, int] = {}
        for top in tree.body:
            if isinstance(top, ast.Assign) and len(top.targets) == 1 and isinstance(top.targets[0], ast.Name):
                name = top.targets[0].id
                if not self.loaded.get(name) and name not in self.unused_names:
                    self.unused_names[name] = top.lineno
        self.methods_without_args = {
            item.name
            for cls in ast.walk(tree)
            if isinstance(cls, ast.ClassDef)
            for item in cls.body
            if isinstance(item, ast.FunctionDef) and len(item.args.args) == 1 and not item.name.startswith("__")
        }

    # each operator yields (fix, kind, relative weight, detail)
    def for_statement(self, stmt: ast.stmt) -> Iterator[Proposal]:
        yield from self.statement_level(stmt)
        for node in walk_header(stmt):
            yield from self.expression_level(node, stmt)

    def _used_in_sums(self, name: str) -> bool:
        """True when ``name`` is a side of ``*``, ``-``, ``/``, ``//``, ``%`` or ``+`` with a number."""
        for node in ast.walk(self.tree):
            if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod)):
                sides = (node.left, node.right)
                if any(isinstance(x, ast.Name) and x.id == name for x in sides):
                    if not isinstance(node.op, ast.Add):
                        return True
                    if any(isinstance(x, ast.Constant) and type(x.value) in (int, float) for x in sides):
                        return True
        return False

    # -- statements
    def statement_level(self, stmt: ast.stmt) -> Iterator[Proposal]:
        ed = self.ed
        # `best == s` or `n + 1` alone: store it.
        if isinstance(stmt, ast.Expr):
            value = stmt.value
            if isinstance(value, ast.Compare) and len(value.ops) == 1 and isinstance(value.ops[0], ast.Eq) and isinstance(value.left, (ast.Name, ast.Attribute, ast.Subscript)):
                target = ed.segment(value.left)
                yield ed.replace_node(value, f"{target} = {ed.segment(value.comparators[0])}"), "compare-to-assign", 1.0, {}
            elif isinstance(value, ast.BinOp):
                inner = [n for n in (value.left, value.right) if isinstance(n, (ast.Name, ast.Attribute, ast.Subscript))]
                if inner:
                    name = ed.segment(inner[0])
                    yield ed.replace_node(value, f"{name} = {ed.segment(value)}"), "expr-to-assign", 1.0, {"name": name}
                    op = _BINOP_TEXT.get(type(value.op))
                    if op and value.left is inner[0]:
                        yield ed.replace_node(value, f"{name} {op}= {ed.segment(value.right)}"), "expr-to-assign", 0.8, {"name": name}
        # `n = input(...)` where n is later used in sums: turn it into a number where it is read.
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id in self.text_names
            and isinstance(stmt.value, ast.Call)
            and isinstance(stmt.value.func, ast.Name)
            and stmt.value.func.id == "input"
            and self._used_in_sums(stmt.targets[0].id)
        ):
            text = ed.segment(stmt.value)
            for conv, w in (("int", 0.9), ("float", 0.5)):
                yield ed.replace_node(stmt.value, f"{conv}({text})"), "convert-input", w, {"names": [stmt.targets[0].id]}
        # A target nobody reads, close to a name the program does read: `Done = True` for `done`.
        if isinstance(stmt, (ast.Assign, ast.AugAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                if isinstance(target, ast.Name) and not self.loaded.get(target.id):
                    from .spelling import close_matches

                    for match in close_matches(target.id, [n for n in self.loaded if n in self.stored])[:2]:
                        yield ed.replace_node(target, match.name), "rename-unused-target", 1.0 if match.distance <= 1 else 0.7, {"old": target.id, "new": match.name}
        # `total = price` inside a loop, when total was set before: add to it.
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            name = stmt.targets[0].id
            loops = _loops_around(self.parents, stmt)
            if name not in names_read(stmt.value) and loops and self._set_before(name, loops[-1]):
                value = _wrap(ed, stmt.value)
                if self.uses_aug:
                    forms = [(f"{name} += {ed.segment(stmt.value)}", 1.0), (f"{name} = {name} + {value}", 0.9)]
                else:
                    forms = [(f"{name} = {name} + {value}", 1.0), (f"{name} += {ed.segment(stmt.value)}", 0.9)]
                forms += [(f"{name} = {value} + {name}", 0.5), (f"{name} = {name} * {value}", 0.35), (f"{name} = {name} - {value}", 0.3)]
                for text, w in forms:
                    yield ed.edit([(ed.start(stmt), ed.end(stmt), text)]), "accumulate", w, {"name": name}
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield from self.missing_return(stmt)
        # `greet(kid)` alone: the answer is thrown away. Print it.
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name):
            func = self.functions.get(stmt.value.func.id)
            if func is not None and any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(func)):
                yield ed.replace_node(stmt.value, f"print({ed.segment(stmt.value)})"), "print-result", 1.0, {}
        if isinstance(stmt, ast.AugAssign):
            found = _find_token(ed, ed.end(stmt.target), ed.start(stmt.value), _AUG_RE)
            if found:
                start, end, op = found
                for new, w in _AUG_SWAPS.get(op, []):
                    yield ed.edit([(start, end, new)]), "aug-op", w, {"old": op, "new": new}
        # Loops: a last line that belongs after the loop, a return that ends it too soon, a reset
        # that belongs before it, and the line after a loop that belongs inside it.
        parent = self.parents.get(stmt)
        if isinstance(parent, (ast.For, ast.While, ast.AsyncFor)) and stmt in parent.body:
            yield from self.out_of_loop(stmt, parent)
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) and isinstance(stmt.value, ast.Constant) and len(parent.body) > 1:
                name = stmt.targets[0].id
                if any(name in names_read(s) and name in assigned_names(s) for s in ast.walk(parent) if isinstance(s, ast.stmt) and s is not stmt):
                    indent = ed.indent_of(parent.lineno)
                    moved = ed.reindent(ed.lines_of(stmt), ed.indent_of(stmt.lineno), indent)
                    middle = ed.lines[parent.lineno - 1 : stmt.lineno - 1]
                    yield Fix(parent.lineno, stmt.end_lineno or stmt.lineno, "".join(moved + middle)), "reset-before-loop", 1.0, {"name": name, "line": stmt.lineno, "context": parent.lineno}
        if isinstance(parent, (ast.If,)) and stmt in parent.body and isinstance(stmt, ast.Return):
            loop = self.parents.get(parent)
            if isinstance(loop, (ast.For, ast.While)) and parent.orelse and all(isinstance(s, ast.Return) for s in parent.orelse) and loop.body[-1] is parent:
                # for x in xs: if c: return a / else: return b  ->  return b after the loop.
                else_lines = [s for s in parent.orelse]
                first_else = else_lines[0]
                else_kw = self._else_line(parent)
                if else_kw is not None:
                    moved = ed.reindent(ed.lines[first_else.lineno - 1 : else_lines[-1].end_lineno], ed.indent_of(first_else.lineno), ed.indent_of(loop.lineno))
                    keep = ed.lines[parent.lineno - 1 : else_kw - 1]
                    end = else_lines[-1].end_lineno or else_lines[-1].lineno
                    yield Fix(parent.lineno, end, "".join(keep + moved)), "return-out-of-loop", 0.9, {"context": loop.lineno, "line": else_kw}
        # The line right after a loop, when it reads something the loop sets.
        if isinstance(parent, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.For, ast.While, ast.If)):
            body = None
            for name in _BODY_FIELDS[:2]:
                block = getattr(parent, name, None)
                if isinstance(block, list) and stmt in block:
                    body = block
            if body is not None:
                i = body.index(stmt)
                if i > 0 and isinstance(body[i - 1], (ast.For, ast.While)) and not isinstance(stmt, (ast.FunctionDef, ast.ClassDef)):
                    loop = body[i - 1]
                    inner = loop.body[-1]
                    new_indent = ed.indent_of(inner.lineno)
                    moved = ed.reindent(ed.lines_of(stmt), ed.indent_of(stmt.lineno), new_indent)
                    reads_loop = bool(names_read(stmt) & set().union(*(assigned_names(s) for s in ast.walk(loop) if isinstance(s, ast.stmt))))
                    yield Fix(stmt.lineno, stmt.end_lineno or stmt.lineno, "".join(moved)), "indent-into-loop", 1.0 if reads_loop else 0.5, {"context": loop.lineno}
                elif i > 0 and isinstance(body[i - 1], ast.If) and isinstance(stmt, (ast.Assign, ast.AugAssign, ast.Expr, ast.Return)):
                    # `if coins >= 10: print("Level up!")` then `level = level + 1` not pushed in.
                    branch = body[i - 1]
                    while branch.orelse and len(branch.orelse) == 1 and isinstance(branch.orelse[0], ast.If) and self._is_elif(branch.orelse[0]):
                        branch = branch.orelse[0]
                    block = branch.orelse or branch.body
                    if not (branch.orelse and self._else_line(branch) is None):
                        inner = block[-1]
                        moved = ed.reindent(ed.lines_of(stmt), ed.indent_of(stmt.lineno), ed.indent_of(inner.lineno))
                        changes = isinstance(stmt, (ast.Assign, ast.AugAssign))
                        yield Fix(stmt.lineno, stmt.end_lineno or stmt.lineno, "".join(moved)), "indent-into-if", 1.0 if changes else 0.6, {"context": body[i - 1].lineno}

    def missing_return(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[Proposal]:
        """A function that works out a value but never gives it back (so the caller gets None)."""
        ed = self.ed
        stack = list(func.body)
        while stack:
            node = stack.pop()
            if isinstance(node, ast.Return) and node.value is not None:
                return
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue
            stack.extend(ast.iter_child_nodes(node))
        if not self._result_used(func.name):
            return
        last = func.body[-1]
        indent = ed.indent_of(last.lineno)
        end = last.end_lineno or last.lineno
        if isinstance(last, ast.Assign) and len(last.targets) == 1 and isinstance(last.targets[0], ast.Name):
            yield Fix(end + 1, end, f"{indent}return {last.targets[0].id}\n"), "add-return", 1.0, {"line": end + 1}
        elif isinstance(last, (ast.AugAssign, ast.AnnAssign)) and isinstance(last.target, ast.Name):
            yield Fix(end + 1, end, f"{indent}return {last.target.id}\n"), "add-return", 1.0, {"line": end + 1}
        elif isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) and isinstance(last.value.func, ast.Name) and last.value.func.id == "print" and len(last.value.args) == 1 and not last.value.keywords:
            yield ed.replace_node(last.value, f"return {ed.segment(last.value.args[0])}"), "add-return", 0.9, {}

    def _result_used(self, name: str) -> bool:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                parent = self.parents.get(node)
                if not isinstance(parent, ast.Expr):
                    return True
        return False

    def _is_elif(self, node: ast.If) -> bool:
        return self.ed.text(node.lineno).lstrip().startswith("elif")

    def _else_line(self, node: ast.If) -> int | None:
        first = node.orelse[0].lineno
        last_body = node.body[-1].end_lineno or node.body[-1].lineno
        for lineno in range(last_body + 1, first + 1):
            if re.match(r"\s*else\s*:", self.ed.text(lineno)):
                return lineno
        return None

    def _set_before(self, name: str, loop: ast.stmt) -> bool:
        parent = self.parents.get(loop)
        for block_name in _BODY_FIELDS[:2]:
            block = getattr(parent, block_name, None)
            if isinstance(block, list) and loop in block:
                for s in block[: block.index(loop)]:
                    if name in assigned_names(s):
                        return True
        return False

    def out_of_loop(self, stmt: ast.stmt, loop: ast.stmt) -> Iterator[Proposal]:
        ed = self.ed
        body = loop.body  # type: ignore[attr-defined]
        is_output = isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name) and stmt.value.func.id == "print"
        is_return = isinstance(stmt, ast.Return)
        if not (is_output or is_return or isinstance(stmt, (ast.Assign, ast.AugAssign, ast.Expr))):
            return
        if getattr(loop, "orelse", None):
            return
        kind = "return-out-of-loop" if is_return else "dedent-out-of-loop"
        weight = 1.0 if (is_output or is_return) else 0.4
        old_indent = ed.indent_of(stmt.lineno)
        new_indent = ed.indent_of(loop.lineno)
        if len(body) == 1:
            return
        moved = ed.reindent(ed.lines_of(stmt), old_indent, new_indent)
        if stmt is body[-1]:
            yield Fix(stmt.lineno, stmt.end_lineno or stmt.lineno, "".join(moved)), kind, weight, {"context": loop.lineno}
        else:
            end = loop.end_lineno or loop.lineno
            rest = ed.lines[(stmt.end_lineno or stmt.lineno) : end]
            yield Fix(stmt.lineno, end, "".join(rest + moved)), kind, weight * 0.7, {"context": loop.lineno}

    # -- expressions
    def expression_level(self, node: ast.AST, stmt: ast.stmt) -> Iterator[Proposal]:
        ed = self.ed
        if isinstance(node, ast.Compare):
            operands = [node.left] + list(node.comparators)
            for i in range(len(node.ops)):
                found = _find_token(ed, ed.end(operands[i]), ed.start(operands[i + 1]), _COMPARE_RE)
                if not found:
                    continue
                start, end, text = found
                text = " ".join(text.split())
                for new, w in _COMPARE_SWAPS.get(text, []):
                    yield ed.edit([(start, end, new)]), "compare-op", w, {"old": text, "new": new}
            yield from self.compare_text(node)
        elif isinstance(node, ast.BinOp):
            found = _find_token(ed, ed.end(node.left), ed.start(node.right), _BINOP_RE)
            if found:
                start, end, text = found
                right = _const_value(node.right)
                for new, w in _BINOP_SWAPS.get(text, []):
                    if (right == 1 and new in ("*", "/", "//", "**")) or (right == 0 and new in ("+", "-")):
                        w *= 0.3  # `level * 1` changes nothing: right only by luck
                    yield ed.edit([(start, end, new)]), "arith-op", w, {"old": text, "new": new}
                if text in ("-", "/", "//", "%"):
                    yield ed.edit([(ed.start(node.left), ed.end(node.left), _wrap(ed, node.right)), (ed.start(node.right), ed.end(node.right), _wrap(ed, node.left))]), "swap-sides", 0.8 if text == "-" else 0.5, {}
            if isinstance(node.op, ast.Add) and all(isinstance(n, ast.Name) and n.id in self.word_names for n in (node.left, node.right)):
                # `first + last` glues two words together: "AdaLovelace". A space between them?
                yield ed.edit([(ed.end(node.left), ed.start(node.right), ' + " " + ')]), "add-space", 1.0, {}
            if isinstance(node.op, ast.Add):
                texts = [n for n in (node.left, node.right) if isinstance(n, ast.Name) and n.id in self.text_names]
                if texts:
                    for conv, w in (("int", 1.0), ("float", 0.6)):
                        yield ed.edit([(ed.start(n), ed.end(n), f"{conv}({n.id})") for n in texts]), "convert-input", w, {"names": [n.id for n in texts]}
        elif isinstance(node, ast.BoolOp):
            yield from self.bool_op(node)
        elif isinstance(node, ast.Call):
            yield from self.call(node)
        elif isinstance(node, ast.Constant):
            yield from self.constant(node, stmt)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            parent = self.parents.get(node)
            called = isinstance(parent, ast.Call) and parent.func is node
            if not called and node.attr in _NO_ARG_METHODS:
                yield ed.edit([(ed.end(node), ed.end(node), "()")]), "add-call-parens", 1.0, {"name": node.attr}
            elif not called and node.attr in self.methods_without_args:
                # `print(dog.speak)`: a method of the program's own class, shown instead of run.
                yield ed.edit([(ed.end(node), ed.end(node), "()")]), "add-call-parens", 0.95, {"name": node.attr}
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            parent = self.parents.get(node)
            called = isinstance(parent, ast.Call) and parent.func is node
            func = self.functions.get(node.id)
            if func is not None and not called and not func.args.args:
                yield ed.edit([(ed.end(node), ed.end(node), "()")]), "add-call-parens", 0.8, {"name": node.id}
            if not called and func is None:
                yield from self.name_swap(node, stmt)
                # `for i in range(len(colours)): print(i)`: the place number, where the thing was meant.
                if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id == "print":
                    cur = self.parents.get(stmt)
                    while cur is not None and not isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
                        if (
                            isinstance(cur, ast.For)
                            and isinstance(cur.target, ast.Name)
                            and cur.target.id == node.id
                            and isinstance(cur.iter, ast.Call)
                            and isinstance(cur.iter.func, ast.Name)
                            and cur.iter.func.id == "range"
                            and len(cur.iter.args) == 1
                            and isinstance(cur.iter.args[0], ast.Call)
                            and isinstance(cur.iter.args[0].func, ast.Name)
                            and cur.iter.args[0].func.id == "len"
                            and len(cur.iter.args[0].args) == 1
                            and isinstance(cur.iter.args[0].args[0], ast.Name)
                        ):
                            seq = cur.iter.args[0].args[0].id
                            yield ed_replace(self.ed, node, f"{seq}[{node.id}]"), "index-into-list", 1.0, {"list": seq}
                            break
                        cur = self.parents.get(cur)
                # `area = width * width` while `height` is made but never used: it was meant here.
                for other, made_at in self.unused_names.items():
                    if other != node.id and made_at < stmt.lineno and isinstance(parent, ast.BinOp) \
                            and _scope_of(self.parents, stmt) is self.tree:
                        yield ed_replace(self.ed, node, other), "use-unused-name", 1.0, {"old": node.id, "new": other}
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield ed.replace_node(node, ed.segment(node.operand)), "remove-not", 1.0, {}
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            index = node.slice
            if isinstance(index, ast.expr) and not isinstance(index, ast.Slice) and not (isinstance(index, ast.Constant) and isinstance(index.value, str)):
                if isinstance(index, ast.Constant) and type(index.value) is int:
                    pass  # handled as a number
                else:
                    for delta in (-1, 1):
                        yield ed.replace_node(index, _plus(ed, index, delta)), "index", 1.0, {}

    def name_swap(self, node: ast.Name, stmt: ast.stmt) -> Iterator[Proposal]:
        """A different variable printed or given back: `print(price)` where `cost` was meant."""
        printed = (
            isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name) and stmt.value.func.id == "print"
        ) or isinstance(stmt, ast.Return)
        if not printed:
            return
        scope = _scope_of(self.parents, stmt)
        names = []
        for other in ast.walk(scope):
            if isinstance(other, ast.Name) and isinstance(other.ctx, ast.Store) and other.id != node.id and other.id not in names:
                if other.lineno <= stmt.lineno and other.id not in self.functions:
                    names.append(other.id)
            elif isinstance(other, ast.arg) and other.arg != node.id and other.arg not in names and scope is not self.tree:
                names.append(other.arg)
        # Names set closest to the print first. A loop's own variable, used after the loop, only
        # holds the last item: right by luck at best.
        loop_vars = {
            t.id
            for loop in ast.walk(scope)
            if isinstance(loop, (ast.For, ast.AsyncFor)) and not (loop.lineno <= stmt.lineno <= (loop.end_lineno or loop.lineno))
            for t in ast.walk(loop.target)
            if isinstance(t, ast.Name)
        }
        for k, other in enumerate(reversed(names[-6:])):
            w = (1.0 - 0.08 * k) * (0.4 if other in loop_vars else 1.0)
            yield ed_replace(self.ed, node, other), "name-swap", w, {"old": node.id, "new": other}
        # `print("Next year:", age)` where `age + 1` was meant.
        parent = self.parents.get(node)
        if isinstance(parent, ast.Call) or isinstance(stmt, ast.Return) and parent is stmt:
            for delta in (1, -1):
                yield ed_replace(self.ed, node, f"{node.id} {'+' if delta > 0 else '-'} 1"), "number", 0.55, {}

    def compare_text(self, node: ast.Compare) -> Iterator[Proposal]:
        ed = self.ed
        if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            return
        left, right = node.left, node.comparators[0]
        for a, b in ((left, right), (right, left)):
            # answer == 5 where answer is typed text: compare numbers, or compare with "5".
            if isinstance(a, ast.Name) and a.id in self.text_names and isinstance(b, ast.Constant) and type(b.value) in (int, float):
                conv = "int" if type(b.value) is int else "float"
                yield ed.replace_node(a, f"{conv}({a.id})"), "convert-input", 0.95, {"names": [a.id]}
                yield ed.replace_node(b, repr(str(b.value))), "convert-input", 0.8, {"names": [a.id]}
            if isinstance(b, ast.Constant) and isinstance(b.value, str) and b.value.strip() and not isinstance(a, ast.Constant):
                letters = b.value
                if letters == letters.lower() and letters != letters.upper():
                    yield ed.edit([(ed.end(a), ed.end(a), ".lower()")]) if isinstance(a, _TIGHT) else ed.replace_node(a, f"({ed.segment(a)}).lower()"), "case-compare", 1.0, {}
                elif letters == letters.upper() and letters != letters.lower():
                    yield ed.edit([(ed.end(a), ed.end(a), ".upper()")]) if isinstance(a, _TIGHT) else ed.replace_node(a, f"({ed.segment(a)}).upper()"), "case-compare", 0.9, {}
                for variant in {letters.lower(), letters.capitalize(), letters.upper(), letters.strip()}:
                    if variant != letters:
                        yield ed.replace_node(b, _requote(ed.segment(b), variant)), "case-compare", 0.7, {}

    def bool_op(self, node: ast.BoolOp) -> Iterator[Proposal]:
        ed = self.ed
        # x == "a" or "b"  ->  x == "a" or x == "b"
        compares = [v for v in node.values if isinstance(v, ast.Compare) and len(v.ops) == 1 and isinstance(v.ops[0], (ast.Eq, ast.NotEq))]
        bare = [v for v in node.values if isinstance(v, ast.Constant) and not isinstance(v.value, bool)]
        if compares and bare:
            model = compares[0]
            subject = ed.segment(model.left)
            op = "==" if isinstance(model.ops[0], ast.Eq) else "!="
            edits = [(ed.start(v), ed.end(v), f"{subject} {op} {ed.segment(v)}") for v in bare]
            yield ed.edit(edits), "or-always-true", 1.0, {}
            if isinstance(node.op, ast.Or) and op == "==":
                items = ", ".join([ed.segment(c.comparators[0]) for c in compares] + [ed.segment(v) for v in bare])
                yield ed.replace_node(node, f"{subject} in ({items})"), "or-always-true", 0.9, {}
        # and <-> or
        for i in range(len(node.values) - 1):
            found = _find_token(ed, ed.end(node.values[i]), ed.start(node.values[i + 1]), re.compile(r"\b(and|or)\b"))
            if found:
                start, end, text = found
                yield ed.edit([(start, end, "or" if text == "and" else "and")]), "bool-op", 1.0, {}
                break

    def call(self, node: ast.Call) -> Iterator[Proposal]:
        ed = self.ed
        if isinstance(node.func, ast.Name) and node.func.id == "range" and not node.keywords and 1 <= len(node.args) <= 3:
            args = node.args
            if len(args) == 1:
                stop = args[0]
                yield ed.replace_node(stop, f"1, {_plus(ed, stop, 1)}"), "range-bounds", 1.0, {}
                yield ed.replace_node(stop, _plus(ed, stop, 1)), "range-bounds", 0.9, {}
                yield ed.replace_node(stop, _plus(ed, stop, -1)), "range-bounds", 0.6, {}
                yield ed.replace_node(stop, f"1, {ed.segment(stop)}"), "range-bounds", 0.5, {}
            else:
                start, stop = args[0], args[1]
                a, b = _const_value(start), _const_value(stop)
                if len(args) == 2 and isinstance(a, int) and isinstance(b, int) and a > b:
                    # `range(10, 0)` gives nothing at all: counting down needs a step of -1.
                    yield ed.edit([(ed.end(stop), ed.end(stop), ", -1")]), "range-bounds", 1.1, {}
                yield ed.replace_node(stop, _plus(ed, stop, 1)), "range-bounds", 1.0, {}
                yield ed.replace_node(stop, _plus(ed, stop, -1)), "range-bounds", 0.7, {}
                yield ed.replace_node(start, _plus(ed, start, 1)), "range-bounds", 0.6, {}
                yield ed.replace_node(start, _plus(ed, start, -1)), "range-bounds", 0.6, {}
                if len(args) == 3:
                    step = args[2]
                    if isinstance(step, ast.UnaryOp) and isinstance(step.op, ast.USub):
                        yield ed.replace_node(stop, _plus(ed, stop, -1)), "range-bounds", 0.9, {}
                    yield ed.replace_node(step, _plus(ed, step, 1)), "range-bounds", 0.3, {}
                    yield ed.replace_node(step, _plus(ed, step, -1)), "range-bounds", 0.3, {}
        # print("total") where total is a variable: print its value.
        if isinstance(node.func, ast.Name) and node.func.id == "print":
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.isidentifier() and arg.value in self.stored:
                    yield ed.replace_node(arg, arg.value), "string-to-name", 1.0, {}

    def missing_comma(self, node: ast.Constant) -> Iterator[Proposal]:
        """`["Venus" "Earth"]`: two strings glued together where a comma was meant."""
        ed = self.ed
        seg = ed.segment(node)
        spans = _string_tokens(seg)
        if len(spans) < 2:
            return
        line, col = ed.start(node)
        edits = [((line, col + a_end), (line, col + b_start), ", ") for (_, a_end), (b_start, _) in zip(spans, spans[1:])]
        yield ed.edit(edits), "missing-comma", 1.0, {}

    def constant(self, node: ast.Constant, stmt: ast.stmt) -> Iterator[Proposal]:
        ed = self.ed
        value = node.value
        parent = self.parents.get(node)
        if isinstance(value, str):
            if isinstance(parent, ast.JoinedStr):
                return
            if isinstance(parent, (ast.List, ast.Tuple, ast.Set, ast.Call)) and node.lineno == node.end_lineno:
                yield from self.missing_comma(node)
            if _looks_like_template(value, set(self.stored) | set(self.functions)):
                seg = ed.segment(node)
                m = re.match(r"([rR]?)(['\"])", seg)
                if m and _single_token(seg):
                    yield ed.edit([(ed.start(node), ed.start(node), "f")]), "add-f-prefix", 1.0, {}
            return
        if type(value) is int and not isinstance(parent, ast.Subscript) or (type(value) is int and isinstance(parent, ast.Subscript) and parent.slice is node):
            in_range = isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id == "range"
            if in_range:
                return  # range() has its own edits
            negative = isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.USub)
            target = parent if negative else node
            base = -value if negative else value
            w = 1.0 if isinstance(parent, (ast.Compare, ast.BinOp)) or negative else 0.8
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is target:
                # `x = 2`: a given starting value is less often the slip than the sums that use it
                # (except a count or total that should start at 0).
                w *= 0.6 if base not in (1, -1) else 1.0
            kind = "index" if isinstance(parent, ast.Subscript) or isinstance(self.parents.get(parent), ast.Subscript) and negative else "number"
            for delta in (1, -1):
                new_value = base + delta
                weight = w if kind == "number" else 1.0
                # `average + 0` or `price * 1` does nothing: say it plainly, take the `+ 1` away.
                if isinstance(parent, ast.BinOp) and parent.right is target and (
                    (new_value == 0 and isinstance(parent.op, (ast.Add, ast.Sub)))
                    or (new_value == 1 and isinstance(parent.op, (ast.Mult, ast.Div, ast.FloorDiv, ast.Pow)))
                ):
                    yield ed.replace_node(parent, ed.segment(parent.left)), kind, weight * 0.6, {"removed": True}
                    continue
                yield ed.replace_node(target, str(new_value)), kind, weight, {}
            if isinstance(parent, ast.Subscript):
                if value == 0:
                    yield ed.replace_node(node, "-1"), "index", 0.8, {}
            elif negative and value == 1 and isinstance(self.parents.get(parent), ast.Subscript):
                yield ed.replace_node(parent, "0"), "index", 0.8, {}


def _const_value(node: ast.AST):
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    return None


def _string_tokens(seg: str) -> list[tuple[int, int]]:
    """Start and end columns of each string token in ``seg`` (one line of glued strings)."""
    import io
    import tokenize

    try:
        toks = list(tokenize.generate_tokens(io.StringIO(seg).readline))
    except (tokenize.TokenError, SyntaxError):
        return []
    out = []
    for tok in toks:
        if tok.type == tokenize.STRING and tok.start[0] == 1 and tok.end[0] == 1:
            out.append((tok.start[1], tok.end[1]))
        elif tok.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.COMMENT):
            return []
    return out


def ed_replace(ed: Editor, node: ast.AST, text: str) -> Fix:
    return ed.replace_node(node, text)


def _single_token(seg: str) -> bool:
    """True when ``seg`` is one string token (not several glued together)."""
    import io
    import tokenize

    try:
        toks = [t for t in tokenize.generate_tokens(io.StringIO(seg).readline) if t.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER)]
    except (tokenize.TokenError, SyntaxError):
        return False
    return len(toks) == 1 and toks[0].type == tokenize.STRING


_FORMAT_FIELD = re.compile(r"(?<!\{)\{([^{}]+)\}(?!\})")


def _looks_like_template(text: str, names: set[str]) -> bool:
    """True when ``text`` has ``{...}`` parts that read names the program defines."""
    fields = _FORMAT_FIELD.findall(text)
    if not fields:
        return False
    for body in fields:
        expr = re.split(r"(?<![=!<>])[!:](?![=])", body, maxsplit=1)[0].rstrip("=").strip()
        try:
            parsed = ast.parse(expr, mode="eval")
        except SyntaxError:
            return False
        used = {n.id for n in ast.walk(parsed) if isinstance(n, ast.Name)}
        if not used or not used <= (names | _BUILTIN_NAMES):
            return False
    return True


import builtins as _builtins

_BUILTIN_NAMES = frozenset(dir(_builtins))


def _requote(seg: str, value: str) -> str:
    m = re.match(r"([rRuU]*)('''|\"\"\"|'|\")", seg)
    quote = m.group(2) if m else '"'
    prefix = m.group(1) if m else ""
    if quote in value or "\\" in value or "\n" in value:
        return repr(value)
    return f"{prefix}{quote}{value}{quote}"


# Public names for the helpers other modules use.
find_token = _find_token
add_delta = _plus
requote = _requote
AUG_RE = _AUG_RE
BINOP_RE = _BINOP_RE


# -- putting it together ------------------------------------------------------------------------
def _compiles(source: str) -> bool:
    try:
        compile(source, "<candidate>", "exec", dont_inherit=True, flags=ast.PyCF_ONLY_AST)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def mutants(
    source: str,
    *,
    tree: ast.Module | None = None,
    focus: Mapping[int, float] | None = None,
    default_focus: float = 0.0,
    kinds: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    limit: int = 60,
    extra: Iterable[Mutant] = (),
) -> list[Mutant]:
    """Candidate one-small-change edits of ``source``, likeliest first, at most ``limit``.

    ``focus``: line -> how strongly the line is suspected (0..1); a statement's weight is the
    highest of its lines. Lines missing from ``focus`` get ``default_focus`` (0: skipped).
    Without ``focus`` every line counts fully. ``kinds``/``exclude`` filter by kind.
    ``extra``: ready-made mutants to rank along with the generated ones.
    Every result compiles, changes the program, and differs from every other result.
    """
    if _ODD_BREAKS.search(source):
        return []
    if tree is None:
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return []
    wanted = set(kinds) if kinds is not None else None
    unwanted = set(exclude)
    gen = _Generator(source, tree)
    found: list[tuple[float, int, Mutant]] = []
    order = 0

    def weight_of(first: int, last: int) -> float:
        if focus is None:
            return 1.0
        return max([focus.get(i, default_focus) for i in range(first, last + 1)] or [default_focus])

    for m in extra:
        found.append((m.weight, order, m))
        order += 1
    for stmt in all_statements(tree):
        head_end = stmt.lineno
        for expr in header_exprs(stmt):
            head_end = max(head_end, getattr(expr, "end_lineno", head_end) or head_end)
        if not isinstance(stmt, (ast.If, ast.While, ast.For, ast.AsyncFor, ast.With, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Try)):
            head_end = stmt.end_lineno or stmt.lineno
        line_weight = weight_of(stmt.lineno, head_end)
        if line_weight <= 0:
            continue
        try:
            proposals = list(gen.for_statement(stmt))
        except (ValueError, IndexError, RecursionError):  # pragma: no cover - odd positions: skip
            continue
        for fix, kind, rel, detail in proposals:
            if (wanted is not None and kind not in wanted) or kind in unwanted:
                continue
            weight = PRIORS.get(kind, 0.3) * rel * line_weight
            before = "".join(line + "\n" for line in fix.old_lines(source))
            line = detail.get("line") or _changed_line(fix, source)
            m = Mutant(fix=fix, line=line, kind=kind, weight=weight, before=before, after=fix.replacement, detail=detail)
            found.append((weight, order, m))
            order += 1
    found.sort(key=lambda t: (-t[0], t[1]))
    out: list[Mutant] = []
    seen_sources: set[str] = {source}
    for _, _, m in found:
        try:
            new_source = m.fix.apply(source)
        except ValueError:
            continue
        if new_source in seen_sources or not _compiles(new_source):
            continue
        seen_sources.add(new_source)
        out.append(m)
        if len(out) >= limit:
            break
    return out


def _changed_line(fix: Fix, source: str) -> int:
    """The first line the fix really changes (a move's first line may stay the same)."""
    old = fix.old_lines(source)
    new = fix.new_lines()
    for i, (a, b) in enumerate(zip(old, new)):
        if a != b:
            return fix.start_line + i
    return fix.start_line



# -- saying the change -----------------------------------------------------------------------------
_MOVE_LEADS = {
    "dedent-out-of-loop": "Take away the spaces in front of line {line}, so it runs once, after the loop:",
    "return-out-of-loop": "Move the `return` out of the loop, so the loop can finish first:",
    "indent-into-loop": "Indent line {line} so that it is inside the loop and runs every time round:",
    "reset-before-loop": "Move line {line} up, before the loop, so it runs only once:",
    "indent-into-if": "Push line {line} in, so that it only runs when the `if` is true:",
    "loop-update-outside": "Indent line {line} so that it is inside the loop and runs every time round:",
    "loop-update-hidden": "Move line {line} out of the `if`, so it runs every time round:",
}


def describe(m: Mutant, source: str) -> str:
    """The exact change as a tiny before/after. Moves and added lines show the lines around them
    (the loop's first line, the line before), so the new place and indent are easy to see; a plain
    before/after of one moved line would look the same."""
    import textwrap

    from .words import describe_change

    fix = m.fix
    context = m.detail.get("context")
    insert = fix.end_line == fix.start_line - 1
    if not context and not insert:
        return describe_change(fix, source)
    lines = source.splitlines()
    if insert:
        prev = fix.start_line - 1
        while prev > 1 and not lines[prev - 1].strip():
            prev -= 1
        if prev < 1:
            return describe_change(fix, source)
        first = min(context or prev, prev)
        around = lines[first - 1 : prev]
        old, new = _cap(around), _cap(around) + fix.new_lines()
        lead = _INSERT_LEADS.get(m.kind, "Add a new line after line {prev}:").format(prev=prev, line=m.line)
    else:
        first = min(context, fix.start_line)
        head = lines[first - 1 : first] if first < fix.start_line else []
        middle = _cap(lines[first : fix.start_line - 1], keep_first=False)
        old = head + middle + lines[fix.start_line - 1 : fix.end_line]
        new = head + middle + fix.new_lines()
        lead = _MOVE_LEADS.get(m.kind, "Move line {line} like this:").format(line=m.line)
    both = textwrap.dedent("\n".join(old + new)).split("\n")
    show_old = "\n".join("    " + x for x in both[: len(old)])
    show_new = "\n".join("    " + x for x in both[len(old) :])
    return f"{lead}\n{show_old}\nbecomes:\n{show_new}"


_INSERT_LEADS = {
    "loop-update-missing": "Add a new line at the end of the loop, after line {prev}:",
    "add-return": "Add a new line after line {prev}, so the function gives its answer back:",
}


def _cap(block: list[str], keep_first: bool = True) -> list[str]:
    """A long run of lines shortened to its first line, "...", and its last two."""
    if len(block) <= 4:
        return list(block)
    indent = block[-1][: len(block[-1]) - len(block[-1].lstrip())]
    return ([block[0]] if keep_first else []) + [indent + "..."] + block[-2:]


# -- trying candidates ----------------------------------------------------------------------------
def try_in_order(
    ctx: object,
    candidates: Sequence[Mutant | Fix],
    *,
    max_candidates: int = 40,
    max_seconds: float = 6.0,
) -> tuple[int | None, list]:
    """Run each candidate edit on a copy of the program (``verify.verify_fixes``: child processes,
    in parallel, likeliest first) and return the index of the first one that makes the problem go
    away (no error, no time-out, the expected output when one was given), with the trials.

    ``ctx`` is a ``Context``. With ``ctx.extra["verify"] = False`` nothing runs and ``(None, [])``
    comes back.
    """
    extra = getattr(ctx, "extra", {}) or {}
    if extra.get("verify") is False or not candidates:
        return None, []
    from .verify import first_solved, verify_fixes

    fixes = [c.fix if isinstance(c, Mutant) else c for c in candidates]
    trials = verify_fixes(
        ctx.path,  # type: ignore[attr-defined]
        ctx.source,  # type: ignore[attr-defined]
        ctx.result,  # type: ignore[attr-defined]
        fixes,
        stdin=getattr(ctx, "stdin", "") or "",
        expected_output=getattr(ctx, "expected_output", None),
        limits=getattr(ctx, "limits", None),
        max_candidates=max_candidates,
        max_seconds=max_seconds,
        other_checks=extra.get("other_checks", ()),
    )
    return first_solved(trials), trials
