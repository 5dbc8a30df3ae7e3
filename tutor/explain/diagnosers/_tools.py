"""Small helpers shared by the runtime diagnosers (not a diagnoser module itself).

Everything works from the source (ast, tokens) and the run result, never from CPython's exact
wording or its choice of line for a multi-line statement (both differ between 3.10 and 3.13): a
diagnoser finds the whole statement around the line Python named and looks inside it.
"""

from __future__ import annotations

import ast
import builtins
import keyword
import re
import tokenize
from typing import Any, Iterable, Iterator

from ..context import Context
from ..hint import Fix, Hint
from ..mutate import parents_of
from ..words import describe_change

MISSING = object()


# -- hints ----------------------------------------------------------------------------------------
def make_hint(
    ctx: Context,
    diagnoser: str,
    line: int,
    title: str,
    why: str,
    fix: Fix | None = None,
    candidates: Iterable[Fix] = (),
    *,
    confidence: float = 0.6,
    change: str | None = None,
    notes: dict[str, Any] | None = None,
) -> Hint:
    """A hint with the usual three-step ladder: nudge, why, the exact change."""
    levels = [title, why]
    if fix is not None:
        levels.append(change or describe_change(fix, ctx.source))
    elif change:
        levels.append(change)
    return Hint(
        diagnoser=diagnoser,
        line=line,
        title=title,
        levels=levels,
        fix=fix,
        candidates=[c for c in candidates if c is not None and c != fix],
        confidence=confidence,
        notes=dict(notes or {}),
    )


# -- lines and nodes ---------------------------------------------------------------------------
def error_line(ctx: Context) -> int | None:
    err = ctx.error
    return err.line if err is not None else None


def statements(ctx: Context) -> list[ast.stmt]:
    tree = ctx.tree
    if tree is None:
        return []
    return [n for n in ast.walk(tree) if isinstance(n, ast.stmt)]


def stmt_at(ctx: Context, line: int | None) -> ast.stmt | None:
    """The innermost statement whose lines include ``line`` (the header only, for compound ones)."""
    if line is None:
        return None
    covering = [n for n in statements(ctx) if n.lineno <= line <= _header_end(n)]
    if not covering:
        return None
    return max(covering, key=lambda n: (n.lineno, n.lineno - _header_end(n)))


def _header_end(node: ast.stmt) -> int:
    """Last line of a statement, or of its header for if/for/while/def/class/with."""
    body = getattr(node, "body", None)
    if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
        return max(node.lineno, body[0].lineno - 1)
    return getattr(node, "end_lineno", None) or node.lineno


def header_nodes(node: ast.stmt) -> Iterator[ast.AST]:
    """The expression nodes of a statement, not looking into nested statement bodies."""
    todo: list[ast.AST] = []
    for name, value in ast.iter_fields(node):
        if name in ("body", "orelse", "finalbody", "handlers", "cases"):
            continue
        if isinstance(value, list):
            todo.extend(v for v in value if isinstance(v, ast.AST))
        elif isinstance(value, ast.AST):
            todo.append(value)
    while todo:
        n = todo.pop(0)
        yield n
        if isinstance(n, ast.stmt):
            continue
        todo.extend(ast.iter_child_nodes(n))


def error_nodes(ctx: Context) -> tuple[ast.stmt | None, list[ast.AST]]:
    """The statement Python stopped in, and every expression node of it."""
    stmt = stmt_at(ctx, error_line(ctx))
    return stmt, (list(header_nodes(stmt)) if stmt is not None else [])


def enclosing_function(ctx: Context, line: int) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    tree = ctx.tree
    best = None
    if tree is None:
        return None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if node.lineno <= line <= (node.end_lineno or node.lineno):
                if best is None or node.lineno > best.lineno:
                    best = node
    return best


def enclosing_class(ctx: Context, line: int) -> ast.ClassDef | None:
    tree = ctx.tree
    best = None
    if tree is None:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.lineno <= line <= (node.end_lineno or node.lineno):
            if best is None or node.lineno > best.lineno:
                best = node
    return best


# Each node's parent: the same helper the candidate-edit generator uses.
parents = parents_of


# -- text of nodes -------------------------------------------------------------------------------
def char_col(text: str, byte_col: int) -> int:
    """ast column offsets count UTF-8 bytes; turn one into a character index in ``text``."""
    return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))


def segment(ctx: Context, node: ast.AST) -> str | None:
    try:
        return ast.get_source_segment(ctx.source, node)
    except Exception:
        return None


def replace_node(ctx: Context, node: ast.AST, new_text: str) -> Fix | None:
    """A whole-line fix replacing ``node`` (on one line) with ``new_text``."""
    line = getattr(node, "lineno", None)
    end_line = getattr(node, "end_lineno", None)
    if line is None or end_line != line:
        return None
    text = ctx.line_text(line)
    start = char_col(text, node.col_offset)
    end = char_col(text, node.end_col_offset)  # type: ignore[attr-defined]
    return Fix.replace_line(line, text[:start] + new_text + text[end:])


def replace_span(ctx: Context, line: int, start: int, end: int, new_text: str) -> Fix:
    text = ctx.line_text(line)
    return Fix.replace_line(line, text[:start] + new_text + text[end:])


def _token_spots(ctx: Context, name: str) -> list[tuple[int, int, int, bool]]:
    out = []
    toks = ctx.tokens
    for i, tok in enumerate(toks):
        if tok.type == tokenize.NAME and tok.string == name and tok.start[0] == tok.end[0]:
            after_dot = i > 0 and toks[i - 1].string == "."
            out.append((tok.start[0], tok.start[1], tok.end[1], after_dot))
    return out


def name_spots(ctx: Context, name: str) -> list[tuple[int, int, int, bool]]:
    """(line, start, end, after_dot) of every place the name ``name`` is written in the program.

    Found from the syntax tree, so it is the same on every Python version (3.12 started to split
    f-strings into tokens; the tree has always had their inner names). Falls back to tokens when
    the program does not parse.
    """
    tree = ctx.tree
    if tree is None:
        return _token_spots(ctx, name)
    spots: set[tuple[int, int, int, bool]] = set()

    def add(line: int | None, byte_start: int | None, after_dot: bool = False) -> None:
        if line is None or byte_start is None:
            return
        text = ctx.line_text(line)
        start = char_col(text, byte_start)
        if text[start : start + len(name)] == name:
            spots.add((line, start, start + len(name), after_dot))

    def add_by_search(line: int, pattern: str) -> None:
        text = ctx.line_text(line)
        for m in re.finditer(pattern, text):
            spots.add((line, m.start(1), m.end(1), False))

    word = re.escape(name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == name:
            add(node.lineno, node.col_offset)
        elif isinstance(node, ast.arg) and node.arg == name:
            add(node.lineno, node.col_offset)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            for ln in range(node.lineno, node.lineno + 1 + len(getattr(node, "decorator_list", []))):
                add_by_search(ln, r"\b(?:def|class)\s+(" + word + r")\b")
        elif isinstance(node, ast.Attribute) and node.attr == name:
            end_line = node.end_lineno or node.lineno
            text = ctx.line_text(end_line)
            end = char_col(text, node.end_col_offset or 0)
            if text[end - len(name) : end] == name:
                spots.add((end_line, end - len(name), end, True))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for ln in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                add_by_search(ln, r"(?<![\w.])(" + word + r")\b")
        elif isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            add_by_search(node.lineno, r"\b(" + word + r")\b")
    return sorted(spots)


def name_tokens(ctx: Context, name: str, lines: Iterable[int] | None = None) -> list[tuple[int, int, int]]:
    """(line, start column, end column) of every place the name ``name`` is written (not after a dot)."""
    wanted = set(lines) if lines is not None else None
    return [(ln, a, b) for ln, a, b, dot in name_spots(ctx, name) if not dot and (wanted is None or ln in wanted)]


def rename_on_line(ctx: Context, line: int, old: str, new: str, *, attribute: bool | None = None) -> Fix | None:
    """Replace the name ``old`` with ``new`` on ``line`` (every time it is written there).

    ``attribute=True``: only after a dot; ``False``: only not after a dot; None: both.
    """
    text = ctx.line_text(line)
    spans = [
        (a, b)
        for ln, a, b, dot in name_spots(ctx, old)
        if ln == line and (attribute is None or attribute == dot)
    ]
    if not spans:
        return None
    for start, end in sorted(set(spans), reverse=True):
        text = text[:start] + new + text[end:]
    return Fix.replace_line(line, text)


def rename_everywhere(ctx: Context, old: str, new: str, *, attribute: bool | None = False) -> Fix | None:
    """One fix renaming ``old`` to ``new`` on every line it is written (lines first..last)."""
    spots = [(ln, a, b) for ln, a, b, dot in name_spots(ctx, old) if attribute is None or attribute == dot]
    if not spots:
        return None
    first, last = min(s[0] for s in spots), max(s[0] for s in spots)
    lines = ctx.lines[first - 1 : last]
    for ln, a, b in sorted(spots, reverse=True):
        text = lines[ln - first]
        lines[ln - first] = text[:a] + new + text[b:]
    return Fix(first, last, "".join(line + "\n" for line in lines))


def indent_of(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


# -- values ------------------------------------------------------------------------------------------
def frame_locals(ctx: Context, line: int | None = None) -> dict[str, str]:
    """Simple values (as reprs) in the innermost learner frame when the error happened."""
    err = ctx.error
    if err is None or not err.frames:
        return {}
    return dict(err.frames[-1].locals)


def value_of(repr_text: str | None) -> Any:
    if repr_text is None:
        return MISSING
    try:
        return ast.literal_eval(repr_text)
    except Exception:
        return MISSING


def looks_like_text(repr_text: str | None) -> bool:
    return bool(repr_text) and repr_text[0] in "'\""


# -- assignments ----------------------------------------------------------------------------------
def assigned_names(node: ast.AST) -> list[str]:
    targets: list[ast.AST] = []
    if isinstance(node, ast.Assign):
        targets = list(node.targets)
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        targets = [node.target]
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        targets = [node.target]
    elif isinstance(node, ast.NamedExpr):
        targets = [node.target]
    names = []
    for t in targets:
        for n in ast.walk(t):
            if isinstance(n, ast.Name):
                names.append(n.id)
    return names


def assignments(ctx: Context, name: str, *, before: int | None = None, within: ast.AST | None = None) -> list[ast.stmt]:
    """Statements that give ``name`` a value (latest last), optionally only before a line / inside
    a function."""
    root = within if within is not None else ctx.tree
    if root is None:
        return []
    found = []
    for node in ast.walk(root):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)) and name in assigned_names(node):
            if before is None or node.lineno <= before:
                found.append(node)
    found.sort(key=lambda n: n.lineno)
    return found


def value_source(ctx: Context, name: str, line: int) -> tuple[ast.stmt, ast.expr] | None:
    """The latest simple ``name = value`` at or before ``line`` in the same function (or module)."""
    func = enclosing_function(ctx, line)
    for node in reversed(assignments(ctx, name, before=line, within=func)):
        if func is None and enclosing_function(ctx, node.lineno) is not None:
            continue
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            return node, node.value
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            return node, node.value
        return None
    return None


def is_input_call(node: ast.AST | None) -> bool:
    """``input(...)``, or ``input(...).strip()`` and friends (still text)."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _TEXT_METHODS:
        node = node.func.value
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "input"


_TEXT_METHODS = {"strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "casefold", "replace"}


def call_name(node: ast.AST) -> str | None:
    """``f`` for ``f(...)``, ``obj.f`` -> ``f``."""
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name):
            return node.func.id
        if isinstance(node.func, ast.Attribute):
            return node.func.attr
    return None


# -- names Python knows -----------------------------------------------------------------------------
BUILTIN_NAMES = frozenset(n for n in dir(builtins) if not n.startswith("_"))
KEYWORDS = frozenset(keyword.kwlist)


def message_names(message: str) -> list[str]:
    """Names quoted in a message: ``name 'scroe' is not defined`` -> ``['scroe']``."""
    return re.findall(r"'([^']*)'", message or "")


# -- where a None came from ---------------------------------------------------------------------
#: List/dict/set methods that change the value in place and give back None.
IN_PLACE = {"append", "extend", "insert", "remove", "sort", "reverse", "clear", "update", "add", "discard", "shuffle"}


def function_def(ctx: Context, name: str) -> ast.FunctionDef | None:
    tree = ctx.tree
    if tree is None:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    return None


def gives_back_value(func: ast.FunctionDef) -> bool:
    for node in ast.walk(func):
        if isinstance(node, ast.Return) and node.value is not None:
            if not (isinstance(node.value, ast.Constant) and node.value.value is None):
                return True
    return False


def none_origin(ctx: Context, name: str, line: int) -> tuple[int, Fix | None, str] | None:
    """Where ``name`` got the value None, as (line, fix, reason):
    ``"in-place"`` for ``x = lst.append(...)``, ``"no-return"`` for a function that gives nothing back."""
    found = value_source(ctx, name, line)
    if found is None:
        return None
    stmt, value = found
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in IN_PLACE:
        text = segment(ctx, value)
        fix = None
        holder = value.func.value
        if (
            value.func.attr == "sort"
            and not value.args
            and isinstance(holder, ast.Name)
            and holder.id != name
            and stmt.lineno == stmt.end_lineno
        ):
            # `ranked = scores.sort()`: a new sorted list was wanted, and `sorted()` gives one back.
            keywords = [segment(ctx, k) for k in value.keywords]
            inside = ", ".join([holder.id] + [k for k in keywords if k])
            new_value = f"sorted({inside})"
            fix = replace_node(ctx, value, new_value)
            return stmt.lineno, fix, "in-place"
        if text and stmt.lineno == stmt.end_lineno:
            fix = Fix.replace_line(stmt.lineno, indent_of(ctx.line_text(stmt.lineno)) + text)
        return stmt.lineno, fix, "in-place"
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and isinstance(value.func.value, ast.Name)
        and value.func.value.id == name
        and stmt.lineno == stmt.end_lineno
    ):
        # `hero = hero.level_up()`: the method changes `hero` itself and gives back nothing.
        func = function_def(ctx, value.func.attr)
        if func is not None and not gives_back_value(func):
            text = segment(ctx, value)
            if text:
                return stmt.lineno, Fix.replace_line(stmt.lineno, indent_of(ctx.line_text(stmt.lineno)) + text), "changes-itself"
    return call_none_origin(ctx, value)


def call_none_origin(ctx: Context, value: ast.AST) -> tuple[int, Fix | None, str] | None:
    """For ``f(...)`` where the program's own ``f`` gives nothing back: (line, fix, reason)."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        func = function_def(ctx, value.func.id)
        if func is not None and not gives_back_value(func):
            last = func.body[-1]
            if (
                isinstance(last, ast.Expr)
                and isinstance(last.value, ast.Call)
                and isinstance(last.value.func, ast.Name)
                and last.value.func.id == "print"
                and len(last.value.args) == 1
                and not isinstance(last.value.args[0], ast.Constant)
                and last.lineno == last.end_lineno
            ):
                inner = segment(ctx, last.value.args[0])
                if inner:
                    return last.lineno, Fix.replace_line(last.lineno, indent_of(ctx.line_text(last.lineno)) + "return " + inner), "no-return"
            kept = _kept_unused(func)
            if kept is not None:
                # The answer is worked out and kept in a box, but never given back: add `return`
                # at the end of the function.
                where = (last.end_lineno or last.lineno) + 1
                indent = indent_of(ctx.line_text(func.body[0].lineno))
                return where, Fix.insert_before(where, indent + "return " + kept), "kept-not-returned"
            return func.lineno, None, "no-return"
    return None


def _kept_unused(func: ast.FunctionDef) -> str | None:
    """The last name the function's own top-level lines give a value to and nothing reads later."""
    for i in range(len(func.body) - 1, -1, -1):
        stmt = func.body[i]
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            name = stmt.targets[0].id
            later = func.body[i + 1 :]
            if any(isinstance(n, ast.Name) and n.id == name for s2 in later for n in ast.walk(s2)):
                return None
            return name
    return None


def op_token(ctx: Context, left: ast.AST, right: ast.AST, ops: Iterable[str]) -> tuple[int, int, int, str] | None:
    """The operator token between two nodes: (line, start, end, text)."""
    wanted = set(ops)
    l_line = left.end_lineno  # type: ignore[attr-defined]
    l_col = char_col(ctx.line_text(l_line), left.end_col_offset)  # type: ignore[attr-defined]
    r_line = right.lineno  # type: ignore[attr-defined]
    r_col = char_col(ctx.line_text(r_line), right.col_offset)  # type: ignore[attr-defined]
    for tok in ctx.tokens:
        if tok.type != tokenize.OP or tok.string not in wanted:
            continue
        if (l_line, l_col) <= tok.start and tok.end <= (r_line, r_col):
            return tok.start[0], tok.start[1], tok.end[1], tok.string
    return None


def replace_op(ctx: Context, left: ast.AST, right: ast.AST, ops: Iterable[str], new: str) -> Fix | None:
    found = op_token(ctx, left, right, ops)
    if found is None:
        return None
    line, start, end, _ = found
    return replace_span(ctx, line, start, end, new)


def wrap_nodes_on_line(ctx: Context, nodes: list[ast.AST], before: str, after: str) -> Fix | None:
    """Wrap several nodes on one line, e.g. ``str(`` ... ``)`` around each."""
    if not nodes:
        return None
    line = nodes[0].lineno  # type: ignore[attr-defined]
    text = ctx.line_text(line)
    spans = []
    for n in nodes:
        if n.lineno != line or n.end_lineno != line:  # type: ignore[attr-defined]
            return None
        spans.append((char_col(text, n.col_offset), char_col(text, n.end_col_offset)))  # type: ignore[attr-defined]
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + before + text[start:end] + after + text[end:]
    return Fix.replace_line(line, text)


def kind_of_value(ctx: Context, node: ast.AST, locals_: dict[str, str]) -> str | None:
    """A rough kind for an expression: "str", "int", "float", "None", "list" or None (unknown)."""
    if isinstance(node, ast.Constant):
        v = node.value
        if v is None:
            return "None"
        if isinstance(v, bool):
            return "bool"
        return type(v).__name__
    if isinstance(node, ast.JoinedStr):
        return "str"
    if isinstance(node, ast.Name):
        value = value_of(locals_.get(node.id))
        if value is MISSING:
            return None
        if value is None:
            return "None"
        return type(value).__name__
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return {"str": "str", "int": "int", "float": "float", "len": "int", "input": "str", "round": "int", "sum": "int"}.get(node.func.id)
    if isinstance(node, ast.BinOp):
        a = kind_of_value(ctx, node.left, locals_)
        b = kind_of_value(ctx, node.right, locals_)
        if isinstance(node.op, ast.Add) and "str" in (a, b):
            return "str"
        if a in ("int", "float") and b in ("int", "float"):
            return "float" if "float" in (a, b) or isinstance(node.op, ast.Div) else "int"
    return None


def printing_line(ctx: Context, output_line: int) -> int | None:
    """The program line that printed the given line of output (1-based), from the run's record."""
    pieces = ctx.result.output_lines
    if not pieces:
        return None
    current = 1
    at_line_start = True
    for src_line, text in pieces:
        for ch in text:
            if at_line_start and current == output_line:
                return src_line or None
            at_line_start = False
            if ch == "\n":
                current += 1
                at_line_start = True
        if current > output_line:
            break
    # Output line that is empty at the end: the last piece's line
    return pieces[-1][0] or None if pieces else None
