"""The duck's questions: one step for every line of the program that does something.

``build_steps(source)`` reads the program with ``ast`` (structure) and, where it helps, ``astroid``
(what a name or a call holds: a number, some text, a list...). astroid is imported lazily and given
a small time budget; without it the questions are a little less specific, never wrong.

Each ``Step`` is either ``explain`` (say in your own words what the line does or is for) or
``predict`` (say a value: the duck checks it against the real run, see ``Target``). Questions are
written for a 10-year-old: short, kind, no jargon.
"""

from __future__ import annotations

import ast
import time
from dataclasses import dataclass, field
from typing import Any

EXPLAIN = "explain"
PREDICT = "predict"

# What a predict step asks for (``Target.what``).
VALUE = "value"  # the value a name holds after the line runs
COUNT = "count"  # how many times a loop goes round
OUTPUT = "output"  # what the line prints
GIVES = "gives"  # what a ``return`` line gives back
TRUTH = "truth"  # whether an ``if`` is true
RUNS = "runs"  # how many times the line runs

FIRST = "first"
LAST = "last"

# Kinds of value (for the wording, and for the answer box's hint).
NUMBER, TEXT, LIST, BOOL, DICT, NONE = "number", "text", "list", "bool", "dict", "none"

_CHANGERS = {
    "append": "adds {arg} to the end of",
    "extend": "adds more things to the end of",
    "insert": "puts {arg} into",
    "remove": "takes {arg} out of",
    "pop": "takes something out of",
    "sort": "sorts",
    "reverse": "turns around",
    "clear": "empties",
    "update": "changes",
    "add": "adds {arg} to",
    "discard": "takes {arg} out of",
    "setdefault": "may change",
}
_NUMBER_FUNCS = {"int", "float", "len", "round", "sum", "abs", "ord", "pow", "randint", "random", "uniform", "sqrt", "floor", "ceil"}
_TEXT_FUNCS = {"str", "input", "chr", "upper", "lower", "strip", "title", "replace", "capitalize", "format", "join", "lstrip", "rstrip"}
_LIST_FUNCS = {"list", "sorted", "split", "range"}
_BOOL_FUNCS = {"bool", "isdigit", "isalpha", "startswith", "endswith", "isnumeric", "isupper", "islower"}


@dataclass(frozen=True)
class Target:
    """What a predict step asks the learner to say, so the real run can answer it too."""

    what: str  # VALUE, COUNT, OUTPUT, GIVES or TRUTH
    line: int
    name: str | None = None  # for VALUE: the name (or ``self.x``) to look at
    when: str = FIRST  # FIRST: the first time the line runs; LAST: the last time

    def to_json(self) -> dict[str, Any]:
        return {"what": self.what, "line": self.line, "name": self.name, "when": self.when}


@dataclass
class Step:
    index: int
    line: int
    end_line: int
    code: str  # the line as written (its first line, without the indent)
    kind: str  # EXPLAIN or PREDICT
    topic: str  # assign, change, loop, if, print, call, def, class, return, import, ...
    question: str
    target: Target | None = None
    expects: str = ""  # for predict steps: "number", "text", "list", "yes or no", "" (anything)
    in_loop: bool = False
    in_function: str | None = None
    body_line: int | None = None  # for a function: the line of its first action (to count runs)

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "code": self.code,
            "question": self.question,
            "kind": self.kind,
            "topic": self.topic,
            "target": self.target.to_json() if self.target else None,
        }


class ProgramProblem(Exception):
    """The program cannot be read yet (it does not parse). ``line`` and a kind message."""

    def __init__(self, message: str, line: int | None, python_says: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.python_says = python_says  # Python's own words (for grown-ups; the duck does not show them)


def _short(node: ast.AST | None, limit: int = 30) -> str:
    if node is None:
        return ""
    try:
        text = ast.unparse(node)
    except Exception:  # pragma: no cover - ast.unparse is total on parsed trees
        return "..."
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _names_list(names: list[str]) -> str:
    shown = [f"`{n}`" for n in names]
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


# -- what kind of value (ast first, astroid when that cannot tell) -----------------------------------

def _call_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _kind_by_ast(node: ast.AST, other: Any = None) -> str | None:
    """The kind of value an expression gives, by its shape; ``other(node)`` for names and calls."""
    if isinstance(node, ast.Constant):
        v = node.value
        if isinstance(v, bool):
            return BOOL
        if isinstance(v, (int, float)):
            return NUMBER
        if isinstance(v, str):
            return TEXT
        if v is None:
            return NONE
        return None
    if isinstance(node, ast.UnaryOp):
        if isinstance(node.op, ast.Not):
            return BOOL
        return _kind_by_ast(node.operand, other)
    if isinstance(node, ast.JoinedStr):
        return TEXT
    if isinstance(node, ast.Compare):
        return BOOL
    if isinstance(node, (ast.List, ast.ListComp)):
        return LIST
    if isinstance(node, (ast.Dict, ast.DictComp)):
        return DICT
    if isinstance(node, ast.BinOp):
        left, right = _kind_by_ast(node.left, other), _kind_by_ast(node.right, other)
        if TEXT in (left, right) and isinstance(node.op, (ast.Add, ast.Mult, ast.Mod)):
            return TEXT
        if LIST in (left, right) and isinstance(node.op, (ast.Add, ast.Mult)):
            return LIST
        if left == NUMBER and right == NUMBER:
            return NUMBER
        if isinstance(node.op, (ast.Sub, ast.Div, ast.FloorDiv, ast.Pow)) and NUMBER in (left, right):
            return NUMBER
        return None
    if isinstance(node, ast.Call):
        name = _call_name(node)
        if name in _NUMBER_FUNCS:
            return NUMBER
        if name in _TEXT_FUNCS:
            return TEXT
        if name in _LIST_FUNCS and name != "range":
            return LIST
        if name in _BOOL_FUNCS:
            return BOOL
        if name == "dict":
            return DICT
    if other is not None and isinstance(node, (ast.Name, ast.Attribute, ast.Subscript, ast.Call)):
        return other(node)
    return None


class _Inference:
    """astroid, imported only when needed, with a time budget for the whole program."""

    def __init__(self, source: str, budget: float = 1.5) -> None:
        self.source = source
        self.deadline: float | None = None
        self.budget = budget
        self.tree: Any = None
        self.index: dict[tuple[int, int, int | None, int | None], Any] | None = None
        self.failed = False

    def _ready(self) -> bool:
        if self.failed:
            return False
        if self.deadline is None:
            self.deadline = time.monotonic() + self.budget
        if time.monotonic() > self.deadline:
            return False
        if self.index is None:
            try:
                import astroid

                self.tree = astroid.parse(self.source)
            except Exception:
                self.failed = True
                return False
            index: dict[tuple[int, int, int | None, int | None], Any] = {}
            stack = [self.tree]
            while stack:
                node = stack.pop()
                key = (getattr(node, "lineno", None), getattr(node, "col_offset", None), getattr(node, "end_lineno", None), getattr(node, "end_col_offset", None))
                if key[0] is not None:
                    index.setdefault(key, node)  # type: ignore[arg-type]
                stack.extend(node.get_children())
            self.index = index
        return True

    def node_for(self, node: ast.AST) -> Any:
        if not self._ready():
            return None
        assert self.index is not None
        key = (getattr(node, "lineno", None), getattr(node, "col_offset", None), getattr(node, "end_lineno", None), getattr(node, "end_col_offset", None))
        return self.index.get(key)  # type: ignore[arg-type]

    def inferred(self, node: ast.AST) -> list[Any]:
        anode = self.node_for(node)
        if anode is None:
            return []
        out = []
        try:
            from astroid.util import UninferableBase

            for i, value in enumerate(anode.infer()):
                if i >= 8 or time.monotonic() > (self.deadline or 0):
                    break
                if isinstance(value, UninferableBase):
                    return []
                out.append(value)
        except Exception:
            return []
        return out

    def kind(self, node: ast.AST) -> str | None:
        kinds = set()
        for value in self.inferred(node):
            try:
                pytype = value.pytype()
            except Exception:
                return None
            kinds.add(
                {
                    "builtins.int": NUMBER,
                    "builtins.float": NUMBER,
                    "builtins.str": TEXT,
                    "builtins.list": LIST,
                    "builtins.bool": BOOL,
                    "builtins.dict": DICT,
                    "builtins.NoneType": NONE,
                }.get(str(pytype))
            )
        if len(kinds) == 1:
            return kinds.pop()
        return None


# -- building the steps ---------------------------------------------------------------------------

@dataclass
class _Context:
    in_loop: bool = False
    function: ast.FunctionDef | ast.AsyncFunctionDef | None = None
    klass: ast.ClassDef | None = None  # the class whose body this is (directly)
    method_of: ast.ClassDef | None = None  # the class of the function we are in
    assigned: set[str] = field(default_factory=set)


class _Builder:
    def __init__(self, source: str, tree: ast.Module, use_astroid: bool = True) -> None:
        self.source = source
        self.lines = source.splitlines()
        self.tree = tree
        self.steps: list[Step] = []
        # astroid helps with the wording; on a very long program it would only make the duck slow
        self.infer = _Inference(source) if use_astroid and source.count("\n") <= 600 else None
        self.functions = {
            n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        self.classes = {n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
        self.name_kinds = _name_kinds(tree)

    # helpers
    def code(self, line: int) -> str:
        return self.lines[line - 1].strip() if 1 <= line <= len(self.lines) else ""

    def kind_of(self, node: ast.AST) -> str | None:
        infer = self.infer

        def other(sub: ast.AST) -> str | None:
            kind = infer.kind(sub) if infer is not None else None
            if kind is None and isinstance(sub, ast.Name):
                kinds = self.name_kinds.get(sub.id, set())
                if len(kinds) == 1:
                    kind = next(iter(kinds))
            return kind

        kind = _kind_by_ast(node, other)
        if kind is None and infer is not None and not isinstance(node, (ast.Name, ast.Attribute, ast.Subscript, ast.Call)):
            kind = infer.kind(node)
        return kind

    def add(self, node: ast.AST, kind: str, topic: str, question: str, ctx: _Context,
            target: Target | None = None, expects: str = "") -> None:
        line = node.lineno  # type: ignore[attr-defined]
        self.steps.append(
            Step(
                index=len(self.steps),
                line=line,
                end_line=getattr(node, "end_lineno", None) or line,
                code=self.code(line),
                kind=kind,
                topic=topic,
                question=question,
                target=target,
                expects=expects,
                in_loop=ctx.in_loop,
                in_function=ctx.function.name if ctx.function else None,
            )
        )

    @staticmethod
    def repeats(ctx: _Context) -> bool:
        return ctx.in_loop or ctx.function is not None

    # walking
    def body(self, stmts: list[ast.stmt], ctx: _Context) -> None:
        for stmt in stmts:
            self.statement(stmt, ctx)

    def statement(self, node: ast.stmt, ctx: _Context) -> None:
        handler = getattr(self, "on_" + type(node).__name__, None)
        if handler is not None:
            handler(node, ctx)
        else:
            self.add(node, EXPLAIN, "other", f"What does line {node.lineno} do? Say it in your own words.", ctx)
            for name in ("body", "orelse", "finalbody"):
                inner = getattr(node, name, None)
                if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                    self.body(inner, ctx)

    # simple statements
    def on_Assign(self, node: ast.Assign, ctx: _Context) -> None:
        self.assignment(node, node.targets[0], node.value, ctx, several=len(node.targets) > 1)

    def on_AnnAssign(self, node: ast.AnnAssign, ctx: _Context) -> None:
        if node.value is not None:
            self.assignment(node, node.target, node.value, ctx)

    def assignment(self, node: ast.stmt, target: ast.AST, value: ast.AST, ctx: _Context, several: bool = False) -> None:
        n = node.lineno
        names: list[str] = []
        if isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                from .tracer import dotted_name

                d = dotted_name(elt.value if isinstance(elt, ast.Starred) else elt)
                if d:
                    names.append(d)
        else:
            from .tracer import dotted_name

            base = target.value if isinstance(target, ast.Subscript) else target
            d = dotted_name(base)
            if d:
                names.append(d)
        if not names:
            self.add(node, EXPLAIN, "assign", f"Line {n} stores something. What is it for?", ctx)
            return
        name = names[0]
        first_time = name not in ctx.assigned
        ctx.assigned.update(names)
        when_first = " the first time" if self.repeats(ctx) else ""
        if isinstance(value, ast.Lambda):
            self.add(node, EXPLAIN, "assign", f"Line {n} makes a small function called `{name}`. What is it for?", ctx)
            return
        if isinstance(target, ast.Attribute) and ctx.function is not None and ctx.function.name == "__init__" and ctx.method_of is not None:
            owner = ctx.method_of.name
            self.add(node, EXPLAIN, "assign",
                     f"Line {n} gives each `{owner}` its own `{target.attr}`. What is `{target.attr}` for?", ctx)
            return
        constant = _is_simple_constant(value)
        if ctx.klass is not None and ctx.function is None:
            self.add(node, EXPLAIN, "assign",
                     f"Line {n} gives every `{ctx.klass.name}` a `{name}`. What is it for?", ctx)
            return
        if constant and not isinstance(target, ast.Subscript):
            if first_time and not ctx.in_loop:
                question = f"Line {n} gives `{name}` its first value. What will `{name}` be used for?"
            else:
                question = f"Line {n} sets `{name}` to `{_short(value)}`. What changes because of this?"
            self.add(node, EXPLAIN, "assign", question, ctx)
            return
        kind = self.kind_of(value)
        if isinstance(target, ast.Subscript):
            kind = self.kind_of(target.value) if self.infer is not None else None
            question = f"Line {n} changes `{name}`. What will `{name}` hold after that{when_first}?"
            self.add(node, PREDICT, "change", question, ctx, Target(VALUE, n, name, FIRST), _expects(kind))
            return
        if _has_input(value):
            lead = f"Line {n} asks for typing and keeps the answer in `{name}`."
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in self.functions:
            lead = f"Line {n} sets `{name}` to what `{value.func.id}` gives back."
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in self.classes:
            self.add(node, EXPLAIN, "assign",
                     f"Line {n} makes a new `{value.func.id}` called `{name}`. What does it know about itself?", ctx)
            return
        elif len(names) > 1:
            lead = f"Line {n} sets {_names_list(names[:3])}."
        else:
            lead = f"Line {n} sets `{name}`."
        self.add(node, PREDICT, "assign", f"{lead} {_what_will(name, kind, 'hold')}{when_first}?", ctx,
                 Target(VALUE, n, name, FIRST), _expects(kind))

    def on_AugAssign(self, node: ast.AugAssign, ctx: _Context) -> None:
        from .tracer import dotted_name

        n = node.lineno
        base = node.target.value if isinstance(node.target, ast.Subscript) else node.target
        name = dotted_name(base)
        if name is None:
            self.add(node, EXPLAIN, "change", f"Line {n} changes something. What changes?", ctx)
            return
        ctx.assigned.add(name)
        amount = f"`{_short(node.value, 20)}`"
        op = node.op
        if isinstance(op, ast.Add):
            verb = f"adds {amount} to `{name}`"
        elif isinstance(op, ast.Sub):
            verb = f"takes {amount} away from `{name}`"
        elif isinstance(op, ast.Mult):
            verb = f"multiplies `{name}` by {amount}"
        elif isinstance(op, (ast.Div, ast.FloorDiv)):
            verb = f"divides `{name}` by {amount}"
        else:
            verb = f"changes `{name}`"
        kind = _kind_by_ast(node.value)
        if kind not in (NUMBER, TEXT, LIST):
            kind = self.kind_of(node.target) if isinstance(node.target, ast.Name) else None
        if ctx.in_loop:
            when, tail = LAST, " after the last time round"
        else:
            when, tail = FIRST, " the first time" if ctx.function is not None else ""
        self.add(node, PREDICT, "change", f"Line {n} {verb}. {_what_will(name, kind, 'be')}{tail}?", ctx,
                 Target(VALUE, n, name, when), _expects(kind))

    def on_Expr(self, node: ast.Expr, ctx: _Context) -> None:
        n = node.lineno
        value = node.value
        if isinstance(value, ast.Constant):
            return  # a note (docstring) does nothing
        if isinstance(value, (ast.Await, ast.Yield, ast.YieldFrom)):
            self.add(node, EXPLAIN, "other", f"What does line {n} do? Say it in your own words.", ctx)
            return
        if not isinstance(value, ast.Call):
            self.add(node, EXPLAIN, "other", f"Line {n} works out `{_short(value)}` but does not keep it. Is that what you want?", ctx)
            return
        call = value
        fname = _call_name(call)
        when_first = " the first time" if self.repeats(ctx) else ""
        if isinstance(call.func, ast.Name) and fname == "print" and not any(k.arg == "file" for k in call.keywords):
            if not call.args:
                self.add(node, EXPLAIN, "print", f"Line {n} prints an empty line. Why is it there?", ctx)
            elif all(_is_simple_constant(a) for a in call.args) and ctx.in_loop:
                self.add(node, PREDICT, "print", f"Line {n} prints a message. How many times will it show up?", ctx,
                         Target(RUNS, n, None, FIRST), NUMBER)
            elif all(_is_simple_constant(a) for a in call.args) and ctx.function is None and not _looks_filled_in(call):
                self.add(node, EXPLAIN, "print", f"Line {n} prints a message. What is the message for?", ctx)
            else:
                self.add(node, PREDICT, "print", f"What will line {n} print{when_first}?", ctx,
                         Target(OUTPUT, n, None, FIRST), "")
            return
        if isinstance(call.func, ast.Name) and fname == "input":
            self.add(node, EXPLAIN, "call", f"Line {n} waits for someone to press Enter. Why?", ctx)
            return
        if isinstance(call.func, ast.Attribute) and fname in _CHANGERS:
            from .tracer import dotted_name

            owner = dotted_name(call.func.value)
            if owner is not None:
                arg = f"`{_short(call.args[0], 20)}`" if call.args else "something"
                verb = _CHANGERS[fname].format(arg=arg)
                tail = " after the last time round" if ctx.in_loop else when_first
                when = LAST if ctx.in_loop else FIRST
                self.add(node, PREDICT, "change",
                         f"Line {n} {verb} `{owner}`. What will `{owner}` hold{tail or ' then'}?", ctx,
                         Target(VALUE, n, owner, when), _expects(self.kind_of(call.func.value)))
                return
        if isinstance(call.func, ast.Name) and fname in self.functions:
            self.add(node, EXPLAIN, "call", f"Line {n} runs `{_short(call, 30)}`. What will happen when it does?", ctx)
            return
        self.add(node, EXPLAIN, "call", f"Line {n} uses `{_short(call.func, 25)}`. What does it do here?", ctx)

    def on_Return(self, node: ast.Return, ctx: _Context) -> None:
        n = node.lineno
        fname = ctx.function.name if ctx.function else "the function"
        if node.value is None or (isinstance(node.value, ast.Constant) and node.value.value is None):
            self.add(node, EXPLAIN, "return", f"Line {n} ends `{fname}` here. When does that happen?", ctx)
            return
        if _is_simple_constant(node.value):
            self.add(node, EXPLAIN, "return", f"When does `{fname}` give back `{_short(node.value)}` on line {n}?", ctx)
            return
        kind = self.kind_of(node.value)
        self.add(node, PREDICT, "return",
                 f"Line {n} gives back `{_short(node.value)}`. What will `{fname}` give back the first time?",
                 ctx, Target(GIVES, n, None, FIRST), _expects(kind))

    def on_Import(self, node: ast.Import, ctx: _Context) -> None:
        names = [a.asname or a.name for a in node.names]
        self.add(node, EXPLAIN, "import", f"Line {node.lineno} brings in {_names_list(names[:3])}. What will your program use it for?", ctx)

    def on_ImportFrom(self, node: ast.ImportFrom, ctx: _Context) -> None:
        names = [a.asname or a.name for a in node.names]
        self.add(node, EXPLAIN, "import",
                 f"Line {node.lineno} brings in {_names_list(names[:3])} from `{node.module or '.'}`. What will your program use it for?", ctx)

    def on_Break(self, node: ast.Break, ctx: _Context) -> None:
        self.add(node, EXPLAIN, "loop", f"Line {node.lineno} stops the loop early. When does that happen?", ctx)

    def on_Continue(self, node: ast.Continue, ctx: _Context) -> None:
        self.add(node, EXPLAIN, "loop", f"Line {node.lineno} skips to the next time round the loop. When does that happen?", ctx)

    def on_Pass(self, node: ast.Pass, ctx: _Context) -> None:
        return

    def on_Global(self, node: ast.Global, ctx: _Context) -> None:
        return

    def on_Nonlocal(self, node: ast.Nonlocal, ctx: _Context) -> None:
        return

    def on_Raise(self, node: ast.Raise, ctx: _Context) -> None:
        self.add(node, EXPLAIN, "other", f"Line {node.lineno} stops the program with a message. When does that happen?", ctx)

    def on_Assert(self, node: ast.Assert, ctx: _Context) -> None:
        self.add(node, EXPLAIN, "if", f"Line {node.lineno} checks that `{_short(node.test)}` is true. What happens if it is not?", ctx)

    def on_Delete(self, node: ast.Delete, ctx: _Context) -> None:
        self.add(node, EXPLAIN, "other", f"Line {node.lineno} removes `{_short(node.targets[0])}`. Why?", ctx)

    # compound statements
    def on_FunctionDef(self, node: ast.FunctionDef, ctx: _Context) -> None:
        n = node.lineno
        params = [a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs]
        if ctx.klass is not None and params and params[0] in ("self", "cls"):
            params = params[1:]
        if ctx.klass is not None and node.name == "__init__":
            question = f"Line {n} sets up each new `{ctx.klass.name}`. What does every `{ctx.klass.name}` need?"
        elif ctx.klass is not None:
            question = f"Line {n} teaches every `{ctx.klass.name}` how to `{node.name}`. What will it do?"
        else:
            takes = f" that takes {_names_list(params[:4])}" if params else ""
            question = f"Line {n} makes a function called `{node.name}`{takes}. What is it for?"
        self.add(node, EXPLAIN, "def", question, ctx)
        actions = [b for b in node.body if not (isinstance(b, ast.Expr) and isinstance(b.value, ast.Constant))]
        self.steps[-1].body_line = (actions or node.body)[0].lineno
        inner = _Context(in_loop=False, function=node, klass=None,
                         method_of=ctx.klass if ctx.klass is not None else ctx.method_of,
                         assigned=set(params) | ({"self"} if ctx.klass is not None else set()))
        self.body(node.body, inner)

    on_AsyncFunctionDef = on_FunctionDef  # type: ignore[assignment]

    def on_ClassDef(self, node: ast.ClassDef, ctx: _Context) -> None:
        n = node.lineno
        self.add(node, EXPLAIN, "class", f"Line {n} makes a new kind of thing called `{node.name}`. What will a `{node.name}` know and do?", ctx)
        self.body(node.body, _Context(in_loop=False, function=None, klass=node, method_of=None, assigned=set()))

    def on_For(self, node: ast.For, ctx: _Context) -> None:
        n = node.lineno
        from .tracer import dotted_name

        target = dotted_name(node.target) if not isinstance(node.target, ast.Tuple) else None
        nested = " the first time it runs" if self.repeats(ctx) else ""
        one_line = bool(node.body) and node.body[0].lineno == n
        is_range = isinstance(node.iter, ast.Call) and _call_name(node.iter) == "range"
        if one_line:
            self.add(node, EXPLAIN, "loop", f"Line {n} is a loop. What does it do each time round?", ctx)
        elif is_range or target is None:
            self.add(node, PREDICT, "loop", f"Line {n} starts a loop. How many times will it go round{nested}?", ctx,
                     Target(COUNT, n, None, FIRST), NUMBER)
        else:
            self.add(node, PREDICT, "loop",
                     f"Line {n} goes through `{_short(node.iter, 25)}` one at a time. What will `{target}` be the first time round?",
                     ctx, Target(VALUE, n, target, FIRST), "")
        if target:
            ctx.assigned.add(target)
        inner = _Context(True, ctx.function, ctx.klass, ctx.method_of, ctx.assigned)
        self.body(node.body, inner)
        self.body(node.orelse, ctx)

    on_AsyncFor = on_For  # type: ignore[assignment]

    def on_While(self, node: ast.While, ctx: _Context) -> None:
        n = node.lineno
        nested = " the first time it runs" if self.repeats(ctx) else ""
        forever = isinstance(node.test, ast.Constant) and bool(node.test.value)
        one_line = bool(node.body) and node.body[0].lineno == n
        if one_line:
            self.add(node, EXPLAIN, "loop", f"Line {n} is a loop. When will it stop?", ctx)
        elif forever:
            self.add(node, PREDICT, "loop",
                     f"Line {n} goes round and round until something stops it. How many times will it go round{nested}?",
                     ctx, Target(COUNT, n, None, FIRST), NUMBER)
        else:
            self.add(node, PREDICT, "loop",
                     f"Line {n} goes round while `{_short(node.test)}`. How many times will it go round{nested}?",
                     ctx, Target(COUNT, n, None, FIRST), NUMBER)
        inner = _Context(True, ctx.function, ctx.klass, ctx.method_of, ctx.assigned)
        self.body(node.body, inner)
        self.body(node.orelse, ctx)

    def on_If(self, node: ast.If, ctx: _Context, is_elif: bool = False) -> None:
        n = node.lineno
        test = _short(node.test)
        if is_elif:
            question = f"If the checks above were not true, line {n} checks `{test}`. When is this true?"
            self.add(node, EXPLAIN, "if", question, ctx)
        elif self.repeats(ctx) or (node.body and node.body[0].lineno == n):
            self.add(node, EXPLAIN, "if", f"Line {n} checks `{test}`. When is this true?", ctx)
        else:
            self.add(node, PREDICT, "if", f"Line {n} checks `{test}`. Will that be true? Say yes or no.", ctx,
                     Target(TRUTH, n, None, FIRST), "yes or no")
        self.body(node.body, ctx)
        orelse = node.orelse
        if len(orelse) == 1 and isinstance(orelse[0], ast.If) and self.code(orelse[0].lineno).startswith("elif"):
            self.on_If(orelse[0], ctx, is_elif=True)
        else:
            self.body(orelse, ctx)

    def on_Try(self, node: ast.Try, ctx: _Context) -> None:
        self.add(node, EXPLAIN, "try", f"Line {node.lineno} tries something that might go wrong. What could go wrong?", ctx)
        self.body(node.body, ctx)
        for handler in node.handlers:
            what = f" with `{_short(handler.type, 20)}`" if handler.type is not None else ""
            self.add(handler, EXPLAIN, "try", f"Line {handler.lineno} runs only when something goes wrong above{what}. What might that be?", ctx)
            self.body(handler.body, ctx)
        self.body(node.orelse, ctx)
        self.body(node.finalbody, ctx)

    on_TryStar = on_Try  # type: ignore[assignment]

    def on_With(self, node: ast.With, ctx: _Context) -> None:
        self.add(node, EXPLAIN, "other", f"Line {node.lineno} opens `{_short(node.items[0].context_expr, 25)}`. What happens inside it?", ctx)
        self.body(node.body, ctx)

    on_AsyncWith = on_With  # type: ignore[assignment]

    def on_Match(self, node: Any, ctx: _Context) -> None:
        self.add(node, EXPLAIN, "if", f"Line {node.lineno} looks at `{_short(node.subject)}` and picks a case. Which one will it pick?", ctx)
        for case in node.cases:
            self.body(case.body, ctx)


def _name_kinds(tree: ast.AST) -> dict[str, set[str]]:
    """For each simple name: the kinds of the plain values the program gives it (a rough guide)."""
    kinds: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            kind = _kind_by_ast(node.value)
            for target in node.targets:
                if isinstance(target, ast.Name) and kind is not None:
                    kinds.setdefault(target.id, set()).add(kind)
        elif isinstance(node, (ast.For, ast.AsyncFor)) and isinstance(node.target, ast.Name):
            if isinstance(node.iter, ast.Call) and _call_name(node.iter) == "range":
                kinds.setdefault(node.target.id, set()).add(NUMBER)
    return kinds


def _is_simple_constant(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)) and isinstance(node.operand, ast.Constant):
        return True
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return all(_is_simple_constant(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _is_simple_constant(k) for k in node.keys) and all(
            _is_simple_constant(v) for v in node.values)
    return False


def _looks_filled_in(call: ast.Call) -> bool:
    """Text with ``{name}`` in it: it looks like it will be filled in (is it really?)."""
    for arg in call.args:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and "{" in arg.value and "}" in arg.value:
            return True
    return False


def _has_input(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "input" for n in ast.walk(node))


def _expects(kind: str | None) -> str:
    return {NUMBER: "number", TEXT: "text", LIST: "list", BOOL: "True or False"}.get(kind or "", "")


def _what_will(name: str, kind: str | None, verb: str) -> str:
    if kind == NUMBER:
        return f"What number will `{name}` {verb}"
    if kind == TEXT:
        return f"What text will `{name}` {verb}"
    if kind == LIST:
        return f"What will the list `{name}` {verb}"
    if kind == BOOL:
        return f"Will `{name}` {verb} True or False"
    return f"What will `{name}` {verb}"


def parse_program(source: str) -> ast.Module:
    """The program's tree, or ``ProgramProblem`` with a kind message when it cannot be read yet."""
    try:
        return ast.parse(source)
    except SyntaxError as exc:
        line = exc.lineno
        msg = exc.msg or ""
        where = f"line {line}" if line else "one line"
        raise ProgramProblem(
            f"Python got stuck on {where}. Let's read it out loud together, one piece at a time!",
            line,
            msg,
        ) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ProgramProblem(f"The duck cannot read this file as a program ({type(exc).__name__}).", None, str(exc)) from None


def build_steps(source: str, *, use_astroid: bool = True, tree: ast.Module | None = None) -> list[Step]:
    """The duck's steps for the program, in the order of its lines."""
    if tree is None:
        tree = parse_program(source)
    builder = _Builder(source, tree, use_astroid=use_astroid)
    builder.body(tree.body, _Context())
    steps = sorted(builder.steps, key=lambda s: s.line)
    for i, step in enumerate(steps):
        step.index = i
    return steps
