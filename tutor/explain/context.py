"""Everything a diagnoser may look at, computed lazily and at most once."""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..run import ErrorInfo, Limits, RunResult


@dataclass
class Context:
    path: str
    source: str
    result: RunResult
    stdin: str = ""
    expected_output: str | None = None
    limits: Limits | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    # -- basic views ---------------------------------------------------------------------------
    @cached_property
    def lines(self) -> list[str]:
        """The program's lines without their newlines (index 0 is line 1)."""
        return self.source.splitlines()

    def line_text(self, number: int | None) -> str:
        if number is None or not (1 <= number <= len(self.lines)):
            return ""
        return self.lines[number - 1]

    @property
    def error(self) -> ErrorInfo | None:
        return self.result.error

    @property
    def outcome(self) -> str:
        return self.result.outcome

    # -- parsed forms --------------------------------------------------------------------------
    @cached_property
    def tree(self) -> ast.Module | None:
        """The program's syntax tree, or None when it does not parse."""
        try:
            return ast.parse(self.source, filename=self.path)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None

    @cached_property
    def tokens(self) -> list[tokenize.TokenInfo]:
        """Python's tokens for the program, as far as they go (tolerant of broken programs)."""
        out: list[tokenize.TokenInfo] = []
        try:
            for tok in tokenize.generate_tokens(io.StringIO(self.source).readline):
                out.append(tok)
        except (tokenize.TokenError, IndentationError, SyntaxError, ValueError):
            pass
        return out

    @cached_property
    def astroid_module(self) -> Any:
        """The program as an astroid module (for inference), or None when it does not parse."""
        if self.tree is None:
            return None
        try:
            import astroid

            return astroid.parse(self.source, module_name="__main__", path=self.path)
        except Exception:  # astroid can fail on odd programs; diagnosers then do without it
            return None

    @cached_property
    def defined_names(self) -> set[str]:
        """Every name the program binds anywhere (assignments, defs, classes, imports, loops, args)."""
        names: set[str] = set()
        tree = self.tree
        if tree is None:
            return names
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                names.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    names.add((alias.asname or alias.name).split(".")[0])
            elif isinstance(node, ast.ExceptHandler) and node.name:
                names.add(node.name)
        return names
