"""Everything a diagnoser may look at, computed lazily and at most once."""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..run import ErrorInfo, Limits, RunResult


WRONG_OUTPUT = "wrong-output"


def outcome_of(result: RunResult, expected_output: str | None = None) -> str:
    """The explainer's outcome for a run: the run's own, except that a run that ended normally
    (exit code 0, or ``sys.exit``) is ``wrong-output`` when it printed something other than
    ``expected_output``, and ``ok`` otherwise."""
    outcome = result.outcome
    if outcome in ("ok", "exit"):
        if expected_output is not None:
            from ..compare import outputs_match

            if not outputs_match(expected_output, result.stdout):
                return WRONG_OUTPUT
        return "ok"
    return outcome


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
        """The explainer's outcome (see shared/contracts/explain.md): ``ok``, ``error``,
        ``timeout``, ``killed`` or ``wrong-output`` (the program ran without an error but printed
        something other than ``expected_output``). A program that ended itself with ``sys.exit``
        counts as having run."""
        return outcome_of(self.result, self.expected_output)

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
