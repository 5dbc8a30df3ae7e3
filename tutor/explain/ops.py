"""General edit operators for the repair search (beyond ``mutate.py``'s kid slips).

Each operator reads the program's syntax tree (and, where it helps, what Python said) and proposes
small edits as ``search.Candidate`` objects with a kind (a key of ``PRIORS``), a weight and the
line the change is on. Nothing here runs the learner's code; the search checks every candidate by
running a copy. The kinds and their words are in ``search_words.py``.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import re
from typing import Iterator

from .context import Context
from .hint import Fix
from .mutate import Editor, all_statements, parents_of, walk_header
from .spelling import close_matches

#: How likely each kind of slip is, before the line's own weight.
PRIORS: dict[str, float] = {
    "rename-use": 0.9,  # a use spelled unlike its definition
    "rename-definition": 0.85,  # the definition is the odd one out
    "py2-name": 0.9,  # raw_input, xrange...
    "attr-name": 0.88,  # .uper() for .upper()
    "keyword-name": 0.92,  # f(colour=...) for f(color=...)
    "key-name": 0.8,  # d["Bela"] for d["Bella"]
    "add-argument": 0.75,
    "remove-argument": 0.55,
    "swap-args": 0.35,
    "convert-int": 0.7,
    "convert-float": 0.55,
    "convert-str": 0.65,
    "int-to-float": 0.6,
    "add-parens": 0.7,
    "remove-parens": 0.7,
    "times-sign": 0.85,  # 2(x + 1) -> 2 * (x + 1)
    "other-constant": 0.3,
    "index-shift": 0.5,
    "quote-word": 0.6,
    "tuple-to-list": 0.75,
    "return-for-print": 0.7,
    "brackets": 0.5,
    "drop-operand": 0.4,  # coins - 10 where coins was meant
    "lower-case-input": 0.6,  # input().strip() compared with "quit" or used as a key
    "count-from-zero": 0.8,
    "lower-case-compare": 0.65,  # item == "quit" when "Quit" was typed  # counts[word] += 1 for a word not counted yet
    "add-self": 0.9,  # def bark(): inside a class
    "in-place-method": 0.9,  # basket = basket.append(x)
}
_IN_PLACE = frozenset({"append", "extend", "insert", "sort", "reverse", "remove", "clear", "update"})

_PY2_NAMES = {"raw_input": "input", "xrange": "range", "unicode": "str", "long": "int", "unichr": "chr", "basestring": "str"}
_PY2_METHODS = {"iteritems": "items", "itervalues": "values", "iterkeys": "keys", "xreadlines": "readlines"}
_BUILTIN_TYPES = {"str": str, "list": list, "dict": dict, "int": int, "float": float, "tuple": tuple, "set": set,
                  "bool": bool, "NoneType": type(None), "range": range, "bytes": bytes}
_BUILTINS = {n for n in dir(builtins) if not n.startswith("_")}
_ATTR_RE = re.compile(r"'(\w+)' object has no attribute '(\w+)'")
_MODULE_ATTR_RE = re.compile(r"module '([\w.]+)' has no attribute '(\w+)'")
_NAME_RE = re.compile(r"name '(\w+)' is not defined")
_KW_RE = re.compile(r"unexpected keyword argument '(\w+)'")


class _Ops:
    def __init__(self, ctx: Context, focus: dict[int, float], outside: float) -> None:
        self.ctx = ctx
        self.source = ctx.source
        self.tree: ast.Module = ctx.tree  # type: ignore[assignment]
        self.ed = Editor(ctx.source)
        self.focus = focus
        self.outside = outside
        self.parents = parents_of(self.tree)
        self.err = ctx.error
        self.message = (self.err.message if self.err is not None else "") or ""
        self.err_type = self.err.type if self.err is not None else ""
        self.defined = set(ctx.defined_names)
        self.loaded: dict[str, int] = {}
        self.stored: dict[str, int] = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Name):
                bucket = self.loaded if isinstance(node.ctx, ast.Load) else self.stored
                bucket[node.id] = bucket.get(node.id, 0) + 1
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.stored[node.name] = self.stored.get(node.name, 0) + 1
            elif isinstance(node, ast.arg):
                self.stored[node.arg] = self.stored.get(node.arg, 0) + 1
        self.functions = {s.name: s for s in all_statements(self.tree) if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
        self.classes = {s.name: s for s in all_statements(self.tree) if isinstance(s, ast.ClassDef)}
        self.strings = {n.value for n in ast.walk(self.tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and 0 < len(n.value) <= 40}
        # Numbers the program itself uses, not the data it is checked with (see search.protected_spans).
        from .search import protected_spans

        spans = protected_spans(ctx.source, self.tree)

        def is_data(n: ast.AST) -> bool:
            line, col = self.ed.start(n)
            return any((s[0], s[1]) <= (line, col) < (s[2], s[3]) for s in spans)

        self.ints = {n.value for n in ast.walk(self.tree) if isinstance(n, ast.Constant) and type(n.value) is int and not is_data(n)}
        self.out: list = []

    # -- helpers
    def weight_at(self, line: int) -> float:
        return self.focus.get(line, self.outside) if self.focus else 1.0

    def add(self, fix: Fix, line: int, kind: str, rel: float, *, at_least: float = 0.0, **detail) -> None:
        from .search import Candidate

        here = self.weight_at(line)
        if here > self.outside:
            here = max(here, at_least)  # a suspected line that creates the bad value ranks first
        w = PRIORS.get(kind, 0.3) * rel * here
        if w > 0:
            self.out.append(Candidate(fix, line, kind, w, detail))

    def replace(self, node: ast.AST, text: str) -> Fix:
        return self.ed.replace_node(node, text)

    def stmt_of(self, node: ast.AST) -> ast.stmt | None:
        cur = node
        while cur is not None and not isinstance(cur, ast.stmt):
            cur = self.parents.get(cur)
        return cur

    def in_focus(self, node: ast.AST) -> bool:
        return not self.focus or getattr(node, "lineno", 0) in self.focus

    def scope_names(self) -> list[str]:
        return sorted(set(self.stored) | self.defined)

    # -- operators
    def run(self) -> list:
        for node in ast.walk(self.tree):
            try:
                if isinstance(node, ast.Name):
                    self.names(node)
                elif isinstance(node, ast.Attribute):
                    self.attribute(node)
                elif isinstance(node, ast.Call):
                    self.call(node)
                elif isinstance(node, ast.Subscript):
                    self.subscript(node)
                elif isinstance(node, ast.BinOp):
                    self.binop(node)
                elif isinstance(node, ast.Constant) and type(node.value) is int:
                    self.constant(node)
                elif isinstance(node, ast.Tuple):
                    self.tuple_(node)
                elif isinstance(node, ast.ClassDef):
                    self.methods(node)
                elif isinstance(node, ast.Assign):
                    self.assign(node)
                elif isinstance(node, ast.AugAssign):
                    self.count_from_zero(node)
                elif isinstance(node, ast.Compare):
                    self.lower_compare(node)
            except (ValueError, IndexError, KeyError, AttributeError, TypeError):  # odd positions: skip
                continue
        return self.out

    def names(self, node: ast.Name) -> None:
        if not isinstance(node.ctx, ast.Load):
            return
        name = node.id
        if name in self.defined or name in _BUILTINS:
            return
        said = _NAME_RE.search(self.message)
        named = bool(said and said.group(1) == name)
        rel = 1.0 if named else 0.5
        if name in _PY2_NAMES:
            self.add(self.replace(node, _PY2_NAMES[name]), node.lineno, "py2-name", rel, old=name, new=_PY2_NAMES[name])
            return
        pool = [n for n in self.scope_names() if n != name] + sorted(_BUILTINS)
        for i, m in enumerate(close_matches(name, pool)[:3]):
            self.add(self.replace(node, m.name), node.lineno, "rename-use", rel * (1.0 - 0.1 * i), old=name, new=m.name)
            # The definition may be the odd one out: rename where it is made when the misspelt
            # form is used more often than the definition's.
            if m.name in self.stored and m.name not in _BUILTINS and self.loaded.get(name, 0) > self.loaded.get(m.name, 0):
                fix = self.rename_everywhere(m.name, name)
                if fix is not None:
                    line = self.definition_line(m.name) or node.lineno
                    self.add(fix, line, "rename-definition", rel * max(self.weight_at(node.lineno), 0.5) / max(self.weight_at(line), 0.01), old=m.name, new=name)
        self.add(self.replace(node, _quote(name)), node.lineno, "quote-word", rel * (1.0 if self.compared_with_text(node) else 0.5), word=name)

    def compared_with_text(self, node: ast.AST) -> bool:
        parent = self.parents.get(node)
        if isinstance(parent, ast.Compare):
            return any(isinstance(x, ast.Constant) and isinstance(x.value, str) for x in [parent.left, *parent.comparators])
        return isinstance(parent, (ast.List, ast.Tuple, ast.Set, ast.Dict))

    def definition_line(self, name: str) -> int | None:
        lines = [n.lineno for n in ast.walk(self.tree) if (isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load))
                 or (isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and n.name == name) or (isinstance(n, ast.arg) and n.arg == name)]
        return min(lines) if lines else None

    def rename_everywhere(self, old: str, new: str) -> Fix | None:
        """Every place ``old`` is made or used becomes ``new`` (one Fix over the lines involved)."""
        edits = []
        for n in ast.walk(self.tree):
            if isinstance(n, ast.Name) and n.id == old:
                edits.append((self.ed.start(n), self.ed.end(n), new))
            elif isinstance(n, ast.arg) and n.arg == old:
                start = self.ed.start(n)
                edits.append((start, (start[0], start[1] + len(old)), new))
            elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == old:
                line = self.ed.text(n.lineno)
                m = re.search(r"\b(?:def|class)\s+(" + re.escape(old) + r")\b", line)
                if m:
                    edits.append(((n.lineno, m.start(1)), (n.lineno, m.end(1)), new))
        if not edits or len(edits) > 12:
            return None
        return self.ed.edit(edits)

    def attribute(self, node: ast.Attribute) -> None:
        if not isinstance(node.ctx, ast.Load) or not self.in_focus(node):
            return
        attr = node.attr
        pool: list[str] = []
        said = _ATTR_RE.search(self.message)
        said_mod = _MODULE_ATTR_RE.search(self.message)
        named = bool((said and said.group(2) == attr) or (said_mod and said_mod.group(2) == attr))
        if said and said.group(2) == attr:
            typ = _BUILTIN_TYPES.get(said.group(1))
            if typ is not None:
                pool += [n for n in dir(typ) if not n.startswith("_")]
            cls = self.classes.get(said.group(1))
            if cls is not None:
                pool += self.class_attrs(cls)
        elif said_mod and said_mod.group(2) == attr:
            pool += _module_names(said_mod.group(1))
        else:
            for cls in self.classes.values():
                pool += self.class_attrs(cls)
        if not pool:
            return
        line_text = self.ed.text(node.end_lineno)
        end = self.ed.end(node)
        begin = (end[0], end[1] - len(attr))
        if line_text[begin[1] : end[1]] != attr:
            return
        rel = 1.0 if named else 0.4
        if attr in _PY2_METHODS and _PY2_METHODS[attr] in pool:
            self.add(self.ed.edit([(begin, end, _PY2_METHODS[attr])]), node.lineno, "attr-name", rel, old=attr, new=_PY2_METHODS[attr], py2=True)
        for i, m in enumerate(close_matches(attr, sorted(set(pool)))[:3]):
            self.add(self.ed.edit([(begin, end, m.name)]), node.lineno, "attr-name", rel * (1.0 - 0.1 * i), old=attr, new=m.name)

    def class_attrs(self, cls: ast.ClassDef) -> list[str]:
        out = []
        for n in ast.walk(cls):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                out.append(n.name)
            elif isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store) and isinstance(n.value, ast.Name) and n.value.id == "self":
                out.append(n.attr)
        return out

    def signature(self, call: ast.Call) -> tuple[list[str], int, bool] | None:
        """(parameter names, how many have no default, takes *args) for the called function."""
        func = call.func
        if isinstance(func, ast.Name) and func.id in self.functions:
            f = self.functions[func.id]
            args = [a.arg for a in f.args.posonlyargs + f.args.args]
            required = len(args) - len(f.args.defaults)
            return args + [a.arg for a in f.args.kwonlyargs], required, f.args.vararg is not None
        if isinstance(func, ast.Name) and func.id in self.classes:
            init = next((s for s in self.classes[func.id].body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None)
            if init is None:
                return None
            args = [a.arg for a in init.args.args][1:]
            return args + [a.arg for a in init.args.kwonlyargs], len(args) - len(init.args.defaults), init.args.vararg is not None
        if isinstance(func, ast.Attribute):
            owners = [cls for cls in self.classes.values() if any(isinstance(s, ast.FunctionDef) and s.name == func.attr for s in cls.body)]
            if len(owners) != 1 and not (isinstance(func.value, ast.Name) and func.value.id == "self"):
                return None
            for cls in owners or self.classes.values():
                meth = next((s for s in cls.body if isinstance(s, ast.FunctionDef) and s.name == func.attr), None)
                if meth is not None:
                    args = [a.arg for a in meth.args.args][1:]
                    return args + [a.arg for a in meth.args.kwonlyargs], len(args) - len(meth.args.defaults), meth.args.vararg is not None
        if isinstance(func, ast.Name) and func.id in _BUILTINS and func.id not in self.defined:
            try:
                sig = inspect.signature(getattr(builtins, func.id))
            except (TypeError, ValueError):
                return None
            names = [p.name for p in sig.parameters.values() if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
            return names, 0, any(p.kind == p.VAR_POSITIONAL for p in sig.parameters.values())
        return None

    def call(self, node: ast.Call) -> None:
        if not self.in_focus(node):
            return
        ed = self.ed
        func = node.func
        said_kw = _KW_RE.search(self.message)
        sig = self.signature(node)
        if sig is not None:
            params, required, star = sig
            for kw in node.keywords:
                if kw.arg is None or kw.arg in params:
                    continue
                start = ed.start(kw)
                end = (start[0], start[1] + len(kw.arg))
                if ed.text(start[0])[start[1] : end[1]] != kw.arg:
                    continue
                rel = 1.0 if said_kw and said_kw.group(1) == kw.arg else 0.6
                for i, m in enumerate(close_matches(kw.arg, params, limit=max(2, len(kw.arg) // 2))[:2]):
                    self.add(ed.edit([(start, end, m.name)]), node.lineno, "keyword-name", rel * (1.0 - 0.1 * i), old=kw.arg, new=m.name)
            given = len(node.args) + sum(1 for k in node.keywords if k.arg in params)
            positional = [p for p in params[: max(required, 0)]]
            if not star and not any(isinstance(a, ast.Starred) for a in node.args) and not any(k.arg is None for k in node.keywords):
                if given < required and not node.keywords:
                    missing = positional[len(node.args)]
                    options = [missing] if missing in self.defined else []
                    options += [m.name for m in close_matches(missing, [n for n in self.scope_names() if n not in options])[:2]]
                    # the value other calls of the same function give in that place
                    for other in self.calls_like(node):
                        if len(other.args) > len(node.args):
                            text = ed.segment(other.args[len(node.args)])
                            if text not in options and len(text) <= 40:
                                options.append(text)
                    for i, name in enumerate(options[:3]):
                        where = ed.end(node.args[-1]) if node.args else None
                        if where is None:
                            close = ed.end(node)
                            fix = ed.edit([((close[0], close[1] - 1), (close[0], close[1] - 1), name)])
                        else:
                            fix = ed.edit([(where, where, f", {name}")])
                        self.add(fix, node.lineno, "add-argument", 1.0 - 0.15 * i, name=name, param=missing)
                elif len(node.args) > len(params) and not node.keywords:
                    for i, arg in enumerate(node.args):
                        prev_end = ed.end(node.args[i - 1]) if i > 0 else None
                        if prev_end is not None:
                            fix = ed.edit([(prev_end, ed.end(arg), "")])
                        elif len(node.args) > 1:
                            fix = ed.edit([(ed.start(arg), ed.start(node.args[1]), "")])
                        else:
                            fix = ed.edit([(ed.start(arg), ed.end(arg), "")])
                        self.add(fix, node.lineno, "remove-argument", 1.0 - 0.05 * i, removed=ed.segment(arg))
            if len(node.args) >= 2 and isinstance(func, ast.Name) and func.id in self.functions:
                for a, b in zip(node.args, node.args[1:]):
                    self.add(ed.edit([(ed.start(a), ed.end(a), ed.segment(b)), (ed.start(b), ed.end(b), ed.segment(a))]), node.lineno, "swap-args", 1.0)
        # 2(x + 1): a number cannot be called; a `*` was meant.
        if isinstance(func, ast.Constant) and type(func.value) in (int, float):
            end = ed.end(func)
            self.add(ed.edit([(end, end, " * ")]), node.lineno, "times-sign", 1.0)
        # x() where x holds a value, not a command: take the brackets away.
        if not node.args and not node.keywords:
            if isinstance(func, ast.Name) and func.id not in self.functions and func.id not in self.classes and func.id not in _BUILTINS:
                self.add(self.replace(node, ed.segment(func)), node.lineno, "remove-parens", 1.0 if "not callable" in self.message else 0.3)
            elif isinstance(func, ast.Attribute) and "not callable" in self.message:
                self.add(self.replace(node, ed.segment(func)), node.lineno, "remove-parens", 0.8)
        # shopping.remove("Milk") when the list has "milk"
        if isinstance(func, ast.Attribute) and func.attr in ("remove", "index") and len(node.args) == 1:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                said = "not in list" in self.message
                for i, m in enumerate(close_matches(arg.value, [x for x in self.strings if x != arg.value])[:3]):
                    self.add(self.replace(arg, _requote(ed.segment(arg), m.name)), node.lineno, "key-name", (1.0 if said else 0.4) * (1.0 - 0.1 * i), old=arg.value, new=m.name)
        # input() text compared with small letters: make what was typed small letters too.
        if isinstance(func, ast.Name) and func.id == "input":
            top: ast.AST = node
            while isinstance(self.parents.get(top), ast.Attribute) and isinstance(self.parents.get(self.parents.get(top)), ast.Call):
                top = self.parents[self.parents[top]]
            if not ed.segment(top).endswith(".lower()"):
                rel = 1.0 if self.err_type in ("KeyError", "ValueError") else 0.5
                self.add(self.replace(top, ed.segment(top) + ".lower()"), node.lineno, "lower-case-input", rel, at_least=0.8)
        # int(x) that fails on "2.5": float(x).
        if isinstance(func, ast.Name) and func.id == "int" and len(node.args) == 1 and "invalid literal for int" in self.message:
            self.add(self.replace(func, "float"), node.lineno, "int-to-float", 1.0)
            self.add(self.replace(node, f"int(float({ed.segment(node.args[0])}))"), node.lineno, "int-to-float", 0.8)
        # input() used as a number: int(input()) where it is read.
        if isinstance(func, ast.Name) and func.id == "input":
            parent = self.parents.get(node)
            if not (isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id in ("int", "float")):
                text = ed.segment(node)
                self.add(self.replace(node, f"int({text})"), node.lineno, "convert-int", 1.05, at_least=1.0, what="input")
                self.add(self.replace(node, f"float({text})"), node.lineno, "convert-float", 0.8, at_least=1.0, what="input")
        # print(x) in a function whose answer is used: return x.
        stmt = self.parents.get(node)
        if isinstance(func, ast.Name) and func.id == "print" and isinstance(stmt, ast.Expr) and len(node.args) == 1 and not node.keywords:
            owner = self.function_of(stmt)
            if owner is not None and not any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(owner)) and self.result_used(owner.name):
                self.add(self.replace(node, f"return {ed.segment(node.args[0])}"), node.lineno, "return-for-print", 1.0)

    def calls_like(self, call: ast.Call) -> list[ast.Call]:
        """Other calls of the same function (same name, or same method name)."""
        def key(c: ast.Call) -> str | None:
            if isinstance(c.func, ast.Name):
                return c.func.id
            if isinstance(c.func, ast.Attribute):
                return "." + c.func.attr
            return None

        k = key(call)
        return [n for n in ast.walk(self.tree) if isinstance(n, ast.Call) and n is not call and key(n) == k]

    def function_of(self, node: ast.AST) -> ast.FunctionDef | None:
        cur = self.parents.get(node)
        while cur is not None:
            if isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return cur  # type: ignore[return-value]
            cur = self.parents.get(cur)
        return None

    def result_used(self, name: str) -> bool:
        for n in ast.walk(self.tree):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name and not isinstance(self.parents.get(n), ast.Expr):
                return True
        return False

    def subscript(self, node: ast.Subscript) -> None:
        if not self.in_focus(node):
            return
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            said = self.err_type == "KeyError" and self.message.strip("'\"") == key.value
            pool = [s for s in self.strings if s != key.value]
            for i, m in enumerate(close_matches(key.value, pool)[:3]):
                self.add(self.replace(key, _requote(self.ed.segment(key), m.name)), node.lineno, "key-name", (1.0 if said else 0.4) * (1.0 - 0.1 * i), old=key.value, new=m.name)
        elif isinstance(key, (ast.Name, ast.Call, ast.BinOp, ast.Attribute)) and isinstance(node.ctx, ast.Load):
            from .mutate import add_delta

            rel = 1.0 if self.err_type == "IndexError" else 0.5
            self.add(self.replace(key, add_delta(self.ed, key, -1)), node.lineno, "index-shift", rel, delta=-1)
            self.add(self.replace(key, add_delta(self.ed, key, 1)), node.lineno, "index-shift", rel * 0.6, delta=1)

    def binop(self, node: ast.BinOp) -> None:
        if not self.in_focus(node):
            return
        ed = self.ed
        typeish = self.err_type == "TypeError"
        for side in (node.left, node.right):
            if not isinstance(side, (ast.Name, ast.Call, ast.Subscript, ast.Attribute)):
                continue
            if isinstance(side, ast.Call) and isinstance(side.func, ast.Name) and side.func.id in ("str", "int", "float"):
                continue  # already turned into a kind of value
            other = node.right if side is node.left else node.left
            text = ed.segment(side)
            if isinstance(node.op, ast.Add) and _texty(other):
                self.add(self.replace(side, f"str({text})"), side.lineno, "convert-str", 1.0 if typeish else 0.4, at_least=self.weight_at(node.lineno), what=text)
            else:
                self.add(self.replace(side, f"int({text})"), side.lineno, "convert-int", 1.0 if typeish else 0.35, at_least=self.weight_at(node.lineno), what=text)
                self.add(self.replace(side, f"float({text})"), side.lineno, "convert-float", 0.8 if typeish else 0.3, at_least=self.weight_at(node.lineno), what=text)
        # `coins - 10` where plain `coins` was meant: take the number part away
        if isinstance(node.right, ast.Constant) and type(node.right.value) in (int, float) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv)):
            self.add(self.replace(node, ed.segment(node.left)), node.lineno, "drop-operand", 1.0)
        # a + b / 2 -> (a + b) / 2 ; (a + b) * c keeps, a * (b + c) -> a * b + c is rare: one way.
        low, high = (ast.Add, ast.Sub), (ast.Mult, ast.Div, ast.FloorDiv, ast.Mod)
        if isinstance(node.op, low) and isinstance(node.right, ast.BinOp) and isinstance(node.right.op, high):
            inner = node.right
            text = f"({ed.segment(node.left)} {_OP[type(node.op)]} {ed.segment(inner.left)}) {_OP[type(inner.op)]} {ed.segment(inner.right)}"
            self.add(self.replace(node, text), node.lineno, "brackets", 1.0)
        if isinstance(node.op, high) and isinstance(node.left, ast.BinOp) and isinstance(node.left.op, low):
            inner = node.left
            text = f"{ed.segment(inner.left)} {_OP[type(inner.op)]} ({ed.segment(inner.right)} {_OP[type(node.op)]} {ed.segment(node.right)})"
            self.add(self.replace(node, text), node.lineno, "brackets", 0.6)

    def constant(self, node: ast.Constant) -> None:
        if not self.in_focus(node):
            return
        parent = self.parents.get(node)
        if isinstance(parent, ast.UnaryOp) or isinstance(node.value, bool):
            return
        for other in sorted(self.ints - {node.value, node.value + 1, node.value - 1}):
            if abs(other) <= 1000:
                self.add(self.replace(node, str(other)), node.lineno, "other-constant", 1.0, old=node.value, new=other)

    def lower_compare(self, node: ast.Compare) -> None:
        """``item == "quit"`` with typed-in text: compare its small-letter form."""
        if not self.in_focus(node) or len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.NotEq, ast.In, ast.NotIn)):
            return
        left, right = node.left, node.comparators[0]
        if isinstance(left, (ast.Name, ast.Attribute, ast.Subscript)) and isinstance(right, ast.Constant) and isinstance(right.value, str) and right.value == right.value.lower() and any(c.isalpha() for c in right.value):
            self.add(self.replace(left, f"{self.ed.segment(left)}.lower()"), node.lineno, "lower-case-compare", 1.0)

    def count_from_zero(self, node: ast.AugAssign) -> None:
        """``counts[word] += 1`` for a key not there yet: start it from 0 with ``.get``."""
        target = node.target
        if not (isinstance(target, ast.Subscript) and isinstance(node.op, (ast.Add, ast.Sub))) or self.err_type != "KeyError":
            return
        ed = self.ed
        box, key = ed.segment(target.value), ed.segment(target.slice)
        sign = "+" if isinstance(node.op, ast.Add) else "-"
        text = f"{ed.segment(target)} = {box}.get({key}, 0) {sign} {ed.segment(node.value)}"
        self.add(ed.replace_node(node, text), node.lineno, "count-from-zero", 1.0)

    def methods(self, cls: ast.ClassDef) -> None:
        """A method without ``self`` first: Python gives it the object anyway."""
        said = "positional argument" in self.message and "given" in self.message
        for item in cls.body:
            if not isinstance(item, ast.FunctionDef) or item.decorator_list:
                continue
            args = item.args.posonlyargs + item.args.args
            if args and args[0].arg == "self":
                continue
            text = self.ed.text(item.lineno)
            m = re.search(r"\bdef\s+" + re.escape(item.name) + r"\s*\(", text)
            if not m:
                continue
            new = "self" if not args and not item.args.vararg and not item.args.kwonlyargs else "self, "
            fix = self.ed.edit([((item.lineno, m.end()), (item.lineno, m.end()), new)])
            self.add(fix, item.lineno, "add-self", 1.0 if said else 0.3, at_least=0.9 if said else 0.0, method=item.name)

    def assign(self, node: ast.Assign) -> None:
        """``basket = basket.append(x)``: the list changes in place and the answer is None."""
        value = node.value
        if (
            len(node.targets) == 1
            and isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr in _IN_PLACE
            and self.ed.segment(node.targets[0]) == self.ed.segment(value.func.value)
        ):
            self.add(self.ed.replace_node(node, self.ed.segment(value)), node.lineno, "in-place-method", 1.0,
                     at_least=0.9 if "NoneType" in self.message else 0.0)

    def tuple_(self, node: ast.Tuple) -> None:
        if not isinstance(node.ctx, ast.Load) or not self.in_focus(node):
            return
        seg = self.ed.segment(node)
        if seg.startswith("(") and seg.endswith(")"):
            rel = 1.0 if "does not support item assignment" in self.message or "has no attribute 'append'" in self.message else 0.3
            self.add(self.replace(node, "[" + seg[1:-1] + "]"), node.lineno, "tuple-to-list", rel)

def _texty(node: ast.AST) -> bool:
    """True when ``node`` is surely text: words in quotes, an f-string, ``str(...)``, or a ``+``
    chain with any of those in it."""
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("str", "input"):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _texty(node.left) or _texty(node.right)
    return False


_OP = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%"}


def _quote(word: str) -> str:
    return f'"{word}"'


def _requote(seg: str, value: str) -> str:
    from .mutate import requote

    return requote(seg, value)


def _module_names(name: str) -> list[str]:
    """Names a standard-library module offers (imported in the tutor only if it is standard)."""
    import importlib
    import sys

    stdlib = getattr(sys, "stdlib_module_names", None)
    top = name.split(".")[0]
    if stdlib is not None and top not in stdlib:
        return []
    if top in ("antigravity", "this", "turtle", "tkinter", "idlelib", "webbrowser"):
        return []
    try:
        mod = importlib.import_module(name)
    except Exception:
        return []
    return [n for n in dir(mod) if not n.startswith("_")]


def operator_candidates(ctx: Context, focus: dict[int, float], outside: float) -> list:
    if ctx.tree is None:
        return []
    return _Ops(ctx, focus, outside).run()


def iter_kinds() -> Iterator[str]:
    yield from PRIORS
