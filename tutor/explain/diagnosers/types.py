"""TypeError: two kinds of values that do not fit together.

Usual reasons: ``input()`` gives text and it was used as a number (the fix belongs where the value
is read: ``int(input(...))``); a number glued to text with ``+`` (``str(level)``); a ``/`` that
made a decimal number where a whole one was needed (``//``); the wrong number of values passed to
a function (a method without ``self``, ``input()`` with commas, ``randint(6)``); calling something
that is not a function (``2(x + 1)``, a variable named like a built-in). None flowing on from a
missing ``return`` is handled in attributes.py (``none-value``).
"""

from __future__ import annotations

import ast
import re

from ..context import Context
from ..hint import Fix, Hint
from ..registry import diagnoser
from . import _tools as t

_DECIMAL_WORDS = re.compile(r"price|cost|£|\$|€|height|weight|metres|meters|temperature|decimal|kg|cm|money|pounds|dollars", re.I)


def _input_vars(ctx: Context, nodes: list[ast.AST]) -> list[tuple[ast.Name, ast.stmt, ast.expr]]:
    """Names in the failing statement that hold text read by ``input()`` (not turned into a
    number), directly or through a step or two (``bags = astronauts * days`` with ``days = input()``)."""
    locals_ = t.frame_locals(ctx)
    out = []
    seen = set()

    def trace(name: str, line: int, depth: int) -> tuple[ast.stmt, ast.expr] | None:
        if name in locals_ and not t.looks_like_text(locals_[name]):
            return None
        src = t.value_source(ctx, name, line)
        if src is None:
            return None
        stmt, value = src
        if t.is_input_call(value):
            return src
        if depth <= 0 or not isinstance(value, ast.BinOp):
            return None
        for sub in ast.walk(value):
            if isinstance(sub, ast.Name) and sub.id != name:
                found = trace(sub.id, stmt.lineno - 1 if stmt.lineno > 1 else stmt.lineno, depth - 1)
                if found is not None:
                    return found
        return None

    for node in nodes:
        if not isinstance(node, ast.Name) or not isinstance(node.ctx, ast.Load) or node.id in seen:
            continue
        found = trace(node.id, node.lineno, 2)
        if found is not None:
            seen.add(node.id)
            out.append((node, found[0], found[1]))
    return out


def _number_use(ctx: Context, name: ast.Name, stmt: ast.stmt | None) -> bool:
    """Is ``name`` used the way a number is (maths, comparing with a number, a position, range)?"""
    if stmt is None:
        return False
    par = t.parents(stmt)
    locals_ = t.frame_locals(ctx)
    parent = par.get(name)
    if isinstance(parent, ast.BinOp):
        other = parent.right if parent.left is name else parent.left
        kind = t.kind_of_value(ctx, other, locals_)
        if isinstance(parent.op, ast.Add):
            return kind in ("int", "float")
        return True
    if isinstance(parent, ast.AugAssign):
        return True
    if isinstance(parent, ast.Compare):
        others = [parent.left, *parent.comparators]
        return any(t.kind_of_value(ctx, o, locals_) in ("int", "float") for o in others if o is not name) and not all(
            isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn)) for op in parent.ops
        )
    if isinstance(parent, ast.Subscript) and parent.slice is name:
        return True
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id in ("range", "chr", "round", "abs"):
        return True
    if isinstance(parent, ast.UnaryOp):
        return True
    return False


@diagnoser("input-not-converted", errors=("TypeError",), priority=15)
def input_not_converted(ctx: Context) -> Hint | None:
    stmt, nodes = t.error_nodes(ctx)
    if stmt is None or ctx.error is None:
        return None
    found = _input_vars(ctx, nodes)
    found.sort(key=lambda f: not _number_use(ctx, f[0], stmt))
    if not found:
        return _input_used_directly(ctx, stmt, nodes)
    name, src_stmt, value = found[0]
    strong = _number_use(ctx, name, stmt)
    if not strong and "str" not in (ctx.error.message or ""):
        return None
    text = t.segment(ctx, value)
    if not text or src_stmt.lineno != src_stmt.end_lineno:
        return None
    prompt = ctx.line_text(src_stmt.lineno)
    order = _conversions(ctx, _DECIMAL_WORDS.search(prompt) is not None or "float" in (ctx.error.message or ""))
    fixes = [t.replace_node(ctx, value, f"{conv}({text})") for conv in order]
    fixes = [f for f in fixes if f is not None]
    line = src_stmt.lineno
    title = f"Line {line}: `input()` always gives back text. Turn it into a number with `{order[0]}()`."
    why = (
        f"On line {line}, `{name.id}` gets what was typed, as text: \"4\" is not the number 4. "
        f"Python cannot do number things with text, so wrap `input(...)` in `{order[0]}(...)` right where it is read."
    )
    return t.make_hint(ctx, "input-not-converted", line, title, why, fixes[0] if fixes else None, fixes[1:], confidence=0.9 if strong else 0.55)


def _conversions(ctx: Context, decimal_words: bool) -> list[str]:
    """``int`` or ``float`` first? What was really typed decides ("2.5" wants float, "7" int); only
    when nothing typed looks like a number do the prompt's words ("price", "height") decide."""
    typed = [str(v).strip() for v in (ctx.result.inputs or [])] or ctx.stdin.splitlines()
    numbers = [v for v in typed if re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", v.strip())]
    if numbers:
        return ["float", "int"] if any("." in v for v in numbers) else ["int", "float"]
    return ["float", "int"] if decimal_words else ["int", "float"]


def _input_used_directly(ctx: Context, stmt: ast.stmt, nodes: list[ast.AST]) -> Hint | None:
    """``total = total + input("How many? ")``: the text from input() is used as a number at once."""
    for node in nodes:
        if not (isinstance(node, ast.Call) and t.is_input_call(node)) or not _number_use(ctx, node, stmt):  # type: ignore[arg-type]
            continue
        text = t.segment(ctx, node)
        if not text or node.lineno != node.end_lineno:
            continue
        order = _conversions(ctx, _DECIMAL_WORDS.search(text) is not None)
        fixes = [t.replace_node(ctx, node, f"{conv}({text})") for conv in order]
        fixes = [f for f in fixes if f is not None]
        line = node.lineno
        title = f"Line {line}: `input()` always gives back text. Turn it into a number with `{order[0]}()`."
        why = f"What is typed comes back as text: \"4\" is not the number 4. Wrap `input(...)` in `{order[0]}(...)` to get a number."
        return t.make_hint(ctx, "input-not-converted", line, title, why, fixes[0] if fixes else None, fixes[1:], confidence=0.85)
    return None


def _add_chain(node: ast.AST) -> list[ast.AST]:
    """The parts of ``a + b + c`` (left to right)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _add_chain(node.left) + _add_chain(node.right)
    return [node]


@diagnoser("str-plus-number", errors=("TypeError",), priority=20)
def str_plus_number(ctx: Context) -> Hint | None:
    stmt, nodes = t.error_nodes(ctx)
    if stmt is None:
        return None
    locals_ = t.frame_locals(ctx)
    tops = [n for n in nodes if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Add)]
    inner = {id(c) for n in tops for c in ast.walk(n) if c is not n}
    for top in [n for n in tops if id(n) not in inner]:
        parts = _add_chain(top)
        kinds = [t.kind_of_value(ctx, p, locals_) for p in parts]
        if "str" not in kinds:
            continue
        # Text that holds a number ("5") was probably meant to be a number: do not glue.
        if any(
            k == "str" and isinstance(p, ast.Name) and str(t.value_of(locals_.get(p.id))).strip().lstrip("-").replace(".", "", 1).isdigit()
            for p, k in zip(parts, kinds)
        ):
            continue
        numbers = [p for p, k in zip(parts, kinds) if k in ("int", "float", "bool")]
        if not numbers:
            continue
        by_line: dict[int, list[ast.AST]] = {}
        for n in numbers:
            by_line.setdefault(n.lineno, []).append(n)  # type: ignore[attr-defined]
        fixes = [t.wrap_nodes_on_line(ctx, ns, "str(", ")") for _, ns in sorted(by_line.items())]
        fixes = [f for f in fixes if f is not None]
        run_text = None
        # `"You are now " + age + 1`: numbers side by side after the text were meant to be added
        # up first, then shown: `str(age + 1)`.
        i = 0
        while i < len(parts):
            j = i
            while j + 1 < len(parts) and kinds[j + 1] in ("int", "float") and kinds[i] in ("int", "float"):
                j += 1
            if j > i and i > 0 and kinds[i - 1] == "str" and parts[i].lineno == parts[j].end_lineno:  # type: ignore[attr-defined]
                text = ctx.line_text(parts[i].lineno)  # type: ignore[attr-defined]
                a = t.char_col(text, parts[i].col_offset)  # type: ignore[attr-defined]
                b = t.char_col(text, parts[j].end_col_offset)  # type: ignore[attr-defined]
                fixes.insert(0, Fix.replace_line(parts[i].lineno, text[:a] + "str(" + text[a:b] + ")" + text[b:]))  # type: ignore[attr-defined]
                run_text = text[a:b]
                break
            i = j + 1
        first = numbers[0]
        shown = t.segment(ctx, first) or "the number"
        line = first.lineno  # type: ignore[attr-defined]
        if run_text:
            shown = run_text
        title = f"Line {line}: `{shown}` is a number, and `+` can only join text to text. Try `str({shown})`."
        why = (
            "With `+`, Python can add two numbers or join two pieces of text, but not mix them. "
            f"`str({shown})` turns the number into text so it can be joined."
        )
        return t.make_hint(ctx, "str-plus-number", line, title, why, fixes[0] if fixes else None, fixes[1:], confidence=0.75)
    return None


@diagnoser("decimal-not-whole", errors=("TypeError",), priority=18)
def decimal_not_whole(ctx: Context) -> Hint | None:
    err = ctx.error
    if err is None or "float" not in (err.message or ""):
        return None
    stmt, nodes = t.error_nodes(ctx)
    locals_ = t.frame_locals(ctx)
    for node in nodes:
        if not (isinstance(node, ast.Name) and isinstance(t.value_of(locals_.get(node.id)), float)):
            continue
        fixes: list[Fix] = []
        hint_line = node.lineno
        src = t.value_source(ctx, node.id, node.lineno)
        if src is not None:
            made, value = src
            divs = [d for d in ast.walk(value) if isinstance(d, ast.BinOp) and isinstance(d.op, ast.Div)]
            if divs:
                fix = t.replace_op(ctx, divs[0].left, divs[0].right, ["/"], "//")
                if fix:
                    fixes.append(fix)
                    hint_line = fix.start_line
        wrap = t.wrap_nodes_on_line(ctx, [node], "int(", ")")
        if wrap:
            fixes.append(wrap)
        if not fixes:
            continue
        if fixes[0].start_line != node.lineno:
            title = f"Line {hint_line}: `/` always makes a decimal number, like 7.0. Use `//` for a whole number."
            why = (
                f"`{node.id}` is {locals_.get(node.id)}, a decimal number, but line {node.lineno} needs a whole number. "
                "`//` divides and keeps a whole number."
            )
        else:
            title = f"Line {hint_line}: `{node.id}` is a decimal number here, but a whole number is needed. Try `int({node.id})`."
            why = f"`{node.id}` is {locals_.get(node.id)}. Some jobs, like repeating text or picking a place in a list, need a whole number."
        return t.make_hint(ctx, "decimal-not-whole", hint_line, title, why, fixes[0], fixes[1:], confidence=0.8)
    return None


def _called(message: str) -> str | None:
    m = re.search(r"([\w.]+)\(\) (?:missing|takes|got|expected)", message or "")
    if m:
        return m.group(1).split(".")[-1]
    m = re.search(r"^(\w+) expected", message or "")
    return m.group(1) if m else None


@diagnoser("missing-self", errors=("TypeError",), priority=12)
def missing_self(ctx: Context) -> Hint | None:
    err = ctx.error
    if err is None or "positional argument" not in (err.message or "") or ctx.tree is None:
        return None
    name = _called(err.message)
    if not name:
        return None
    for cls in ast.walk(ctx.tree):
        if not isinstance(cls, ast.ClassDef):
            continue
        for item in cls.body:
            if not isinstance(item, ast.FunctionDef) or item.name != name:
                continue
            if any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in item.decorator_list):
                continue
            params = item.args.posonlyargs + item.args.args
            if params and params[0].arg in ("self", "cls"):
                continue
            text = ctx.line_text(item.lineno)
            m = re.search(r"def\s+" + re.escape(name) + r"\s*\(", text)
            if not m:
                continue
            insert = "self, " if params or item.args.vararg else "self"
            fix = Fix.replace_line(item.lineno, text[: m.end()] + insert + text[m.end() :])
            line = item.lineno
            title = f"Line {line}: the method `{name}` needs `self` first in its brackets: `def {name}(self...)`."
            why = (
                f"When you call `something.{name}()`, Python quietly passes the thing before the dot as the "
                f"first value. A method inside a class must have a place for it, called `self`."
            )
            return t.make_hint(ctx, "missing-self", line, title, why, fix, confidence=0.9)
    return None


@diagnoser("input-with-commas", errors=("TypeError",), priority=14)
def input_with_commas(ctx: Context) -> Hint | None:
    stmt, nodes = t.error_nodes(ctx)
    locals_ = t.frame_locals(ctx)
    for node in nodes:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "input" and len(node.args) > 1:
            parts = []
            for a in node.args:
                text = t.segment(ctx, a)
                if text is None:
                    break
                kind = t.kind_of_value(ctx, a, locals_)
                parts.append(text if kind == "str" else f"str({text})")
            else:
                fix = t.replace_node(ctx, node, "input(" + " + ".join(parts) + ")")
                line = node.lineno
                title = f"Line {line}: `input()` takes just one piece of text. Join the pieces with `+` instead of commas."
                why = (
                    "`print()` is happy with commas between pieces, but `input()` wants one question. "
                    "Glue the pieces into one piece of text with `+`."
                )
                return t.make_hint(ctx, "input-with-commas", line, title, why, fix, confidence=0.9)
    return None


#: Functions children often call with too few values, and what usually goes first.
_USUAL_FIRST = {"randint": "1", "randrange": None}


@diagnoser("wrong-number-of-values", errors=("TypeError",), priority=30)
def wrong_number(ctx: Context) -> Hint | None:
    err = ctx.error
    if err is None:
        return None
    msg = err.message or ""
    if not re.search(r"positional argument|required|takes|expected at most|expected \d|arguments? but", msg):
        return None
    name = _called(msg)
    stmt, nodes = t.error_nodes(ctx)
    calls = [n for n in nodes if isinstance(n, ast.Call) and t.call_name(n) == name] if name else []
    if not calls:
        return None
    call = calls[0]
    line = call.lineno
    fix = None
    if name == "randint" and len(call.args) == 1:
        inner = t.segment(ctx, call.args[0])
        if inner:
            fix = t.replace_node(ctx, call.args[0], f"1, {inner}")
    if name in ("choice", "join", "append", "shuffle", "sum", "sorted", "max", "min") and len(call.args) > 1 and not call.keywords:
        parts = [t.segment(ctx, a) for a in call.args]
        if all(parts) and name not in ("max", "min"):
            inner = ", ".join(p for p in parts if p)
            if name == "append" and isinstance(call.func, ast.Attribute):
                holder = t.segment(ctx, call.func.value)
                fix = t.replace_node(ctx, call, f"{holder}.extend([{inner}])") if holder else None
            else:
                first, last = call.args[0], call.args[-1]
                if first.lineno == last.end_lineno == call.lineno:  # type: ignore[attr-defined]
                    text = ctx.line_text(call.lineno)
                    a = t.char_col(text, first.col_offset)
                    b = t.char_col(text, last.end_col_offset)  # type: ignore[arg-type]
                    fix = Fix.replace_line(call.lineno, text[:a] + "[" + text[a:b] + "]" + text[b:])
            if fix is not None:
                what = "add several things at once" if name == "append" else "choose from"
                title = f"Line {line}: `{name}()` wants one list, so put the values in square brackets `[ ]`."
                why = (
                    f"`{name}()` takes just one value: a list to {what}. With commas alone, Python sees several "
                    "separate values. Square brackets make them one list."
                )
                if name == "append":
                    title = f"Line {line}: `.append()` adds one thing at a time. To add several, use `.extend([...])`."
                return t.make_hint(ctx, "wrong-number-of-values", line, title, why, fix, confidence=0.75)
    func = t.function_def(ctx, name) if name else None
    if func is not None and fix is None:
        fix = _missing_params_fix(ctx, func, len(call.args))
        if fix is not None:
            at = func.lineno
            title = f"Line {at}: `{name}` is given {len(call.args)} values, but its brackets have room for fewer. Add a name for each."
            why = (
                f"Line {line} gives `{name}` {len(call.args)} values. The function uses names that nobody gives it, "
                f"so add them to the brackets on line {at}, in the same order."
            )
            return t.make_hint(ctx, "wrong-number-of-values", at, title, why, fix, confidence=0.75)
    if func is not None:
        params = [a.arg for a in func.args.args]
        if params and params[0] == "self":
            params = params[1:]
        wanted = ", ".join(params) if params else "nothing"
        title = f"Line {line}: `{name}` needs {len(params)} value{'s' if len(params) != 1 else ''} in its brackets, but got {len(call.args)}."
        why = f"Line {func.lineno} makes `{name}` and asks for: {wanted}. Give it one value for each, in the same order."
    else:
        title = f"Line {line}: `{name}()` got a different number of values than it needs. Check what goes in the brackets."
        why = f"Python says: {msg}"
        if name == "randint":
            why = "`random.randint(a, b)` needs two numbers: the smallest and the biggest it may pick."
    return t.make_hint(ctx, "wrong-number-of-values", line, title, why, fix, confidence=0.7 if fix else 0.5)


@diagnoser("not-a-function", errors=("TypeError",), priority=25)
def not_a_function(ctx: Context) -> Hint | None:
    err = ctx.error
    if err is None or "not callable" not in (err.message or ""):
        return None
    stmt, nodes = t.error_nodes(ctx)
    locals_ = t.frame_locals(ctx)
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id not in locals_:
            continue  # a real function (functions are not among the simple values recorded)
        if isinstance(func, ast.Constant) and isinstance(func.value, (int, float)):
            left = t.segment(ctx, func)
            rest = t.segment(ctx, node)
            if left and rest:
                fix = t.replace_node(ctx, node, left + " * " + rest[len(left) :].lstrip())
                line = node.lineno
                title = f"Line {line}: to multiply, Python needs a `*` between `{left}` and the bracket."
                why = f"In maths, `{left}(...)` means multiply, but in Python brackets after something mean \"run it\". Write `{left} * (...)`."
                return t.make_hint(ctx, "not-a-function", line, title, why, fix, confidence=0.9)
        if isinstance(func, ast.Name) and func.id in t.BUILTIN_NAMES:
            made = [n for n in t.assignments(ctx, func.id)]
            if made:
                at = made[0].lineno
                title = f"Line {at}: `{func.id}` is the name of one of Python's own helpers. Give your value another name."
                why = (
                    f"Line {at} puts a value into a box called `{func.id}`, so Python's own `{func.id}()` is hidden. "
                    f"On line {node.lineno}, `{func.id}(...)` then tries to run your value."
                )
                return t.make_hint(ctx, "not-a-function", at, title, why, confidence=0.7)
        value = t.value_of(locals_.get(func.id)) if isinstance(func, ast.Name) else None
        if isinstance(func, ast.Name) and isinstance(value, (int, float)) and not isinstance(value, bool) \
                and len(node.args) == 1 and not node.keywords and node.lineno == node.end_lineno:
            # `price(count)`: a number straight before a bracket, as in maths, means "times".
            arg = node.args[0]
            inner = t.segment(ctx, arg)
            if inner:
                simple = isinstance(arg, (ast.Name, ast.Constant, ast.Attribute, ast.Call, ast.Subscript))
                fix = t.replace_node(ctx, node, f"{func.id} * {inner}" if simple else f"{func.id} * ({inner})")
                if fix:
                    line = node.lineno
                    title = f"Line {line}: `{func.id}` is a number. To multiply, put a `*` between `{func.id}` and the bracket."
                    why = f"In maths, `{func.id}(...)` can mean multiply, but in Python brackets after a name mean \"run it\". Write `{func.id} * ...`."
                    return t.make_hint(ctx, "not-a-function", line, title, why, fix, confidence=0.8)
        if isinstance(func, ast.Name):
            title = f"Line {node.lineno}: `{func.id}` holds a value, not a function, so it cannot be run with `( )`."
            why = f"Brackets straight after a name mean \"run this function\". `{func.id}` is not a function here."
            return t.make_hint(ctx, "not-a-function", node.lineno, title, why, confidence=0.4)
    return None


@diagnoser("init-misspelled", errors=("TypeError",), priority=12)
def init_misspelled(ctx: Context) -> Hint | None:
    err = ctx.error
    m = re.search(r"(\w+)\(\) takes no arguments", err.message or "") if err else None
    if not m or ctx.tree is None:
        return None
    from ..spelling import close_matches

    for cls in ast.walk(ctx.tree):
        if not (isinstance(cls, ast.ClassDef) and cls.name == m.group(1)):
            continue
        methods = {item.name: item for item in cls.body if isinstance(item, ast.FunctionDef)}
        if "__init__" in methods:
            return None
        close = [c.name for c in close_matches("__init__", methods, limit=3)] + [n for n in methods if n.strip("_").lower() in ("init", "innit", "int", "initialise", "initialize")]
        for name in close:
            fix = t.rename_on_line(ctx, methods[name].lineno, name, "__init__", attribute=False)
            if fix is None:
                continue
            line = methods[name].lineno
            title = f"Line {line}: the setting-up method must be called `__init__`, with two underscores on each side."
            why = (
                f"When you make a new `{cls.name}(...)`, Python looks for a method called exactly `__init__` to set it up. "
                f"`{name}` is a different name, so Python finds no way to take the values you gave."
            )
            return t.make_hint(ctx, "init-misspelled", line, title, why, fix, confidence=0.9)
    return None


def _missing_params_fix(ctx: Context, func: ast.FunctionDef, given: int) -> Fix | None:
    """``def share(slices):`` called as ``share(8, 4)`` while its body uses ``friends`` that nobody
    gives it: add the names the body uses but never gets, in the order they are first used."""
    params = [a.arg for a in func.args.posonlyargs + func.args.args]
    has_self = bool(params) and params[0] == "self"
    missing_count = given - (len(params) - (1 if has_self else 0))
    if missing_count <= 0 or func.args.vararg is not None:
        return None
    assigned = {n for node in ast.walk(func) for n in t.assigned_names(node)} | set(params)
    module_names = set()
    tree = ctx.tree
    if tree is not None:
        for node in tree.body:
            module_names.update(t.assigned_names(node))
            if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)):
                module_names.update(getattr(node, "name", "") and [node.name] or [])
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    module_names.update((a.asname or a.name).split(".")[0] for a in node.names)
    unknown: list[str] = []
    for node in sorted((n for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)), key=lambda n: (n.lineno, n.col_offset)):
        if node.id in assigned or node.id in module_names or node.id in t.BUILTIN_NAMES or node.id in unknown:
            continue
        unknown.append(node.id)
    if len(unknown) != missing_count:
        return None
    text = ctx.line_text(func.lineno)
    m = re.search(r"def\s+" + re.escape(func.name) + r"\s*\(([^)]*)\)", text)
    if not m:
        return None
    inside = m.group(1).strip()
    new_inside = ", ".join([inside] + unknown) if inside else ", ".join(unknown)
    return Fix.replace_line(func.lineno, text[: m.start(1)] + new_inside + text[m.end(1) :])


@diagnoser("length-of-number", errors=("TypeError",), priority=22)
def length_of_number(ctx: Context) -> Hint | None:
    """``len(4821)``: a number has no length; its digits do, once it is text: ``len(str(4821))``."""
    err = ctx.error
    m = re.search(r"object of type '(int|float)' has no len\(\)", err.message or "") if err else None
    if not m:
        return None
    stmt, nodes = t.error_nodes(ctx)
    locals_ = t.frame_locals(ctx)
    for node in nodes:
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" and len(node.args) == 1):
            continue
        arg = node.args[0]
        kind = t.kind_of_value(ctx, arg, locals_)
        if kind not in (None, "int", "float", "number"):
            continue
        inner = t.segment(ctx, arg)
        fix = t.replace_node(ctx, arg, f"str({inner})") if inner else None
        if fix is None:
            continue
        line = node.lineno
        title = f"Line {line}: `len()` counts letters in text, not digits in a number. Try `len(str({inner}))`."
        why = f"`{inner}` is a number, and a number has no length. `str()` turns it into text, and then `len()` can count its digits."
        return t.make_hint(ctx, "length-of-number", line, title, why, fix, confidence=0.7)
    return None


@diagnoser("loop-over-number", errors=("TypeError",), priority=22)
def loop_over_number(ctx: Context) -> Hint | None:
    """``for lap in laps:`` where ``laps`` is a number: to go round that many times, use ``range``."""
    err = ctx.error
    if err is None or not re.search(r"'(int|float)' object is not iterable", err.message or ""):
        return None
    stmt, _ = t.error_nodes(ctx)
    if not isinstance(stmt, ast.For) or isinstance(stmt.iter, ast.Call) and t.call_name(stmt.iter) == "range":
        return None
    inner = t.segment(ctx, stmt.iter)
    if not inner or stmt.iter.lineno != stmt.iter.end_lineno:
        return None
    fix = t.replace_node(ctx, stmt.iter, f"range({inner})")
    if fix is None:
        return None
    line = stmt.lineno
    title = f"Line {line}: `{inner}` is a number, and a loop cannot walk through a number. Use `range({inner})`."
    why = f"A `for` loop walks through things one by one, like the letters of a word or a list. `range({inner})` gives the counting numbers 0, 1, 2, ... for it."
    return t.make_hint(ctx, "loop-over-number", line, title, why, fix, confidence=0.8)
