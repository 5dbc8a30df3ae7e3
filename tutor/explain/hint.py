"""What a diagnoser gives back: a hint with a ladder of levels and, when it knows one, a fix."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Fix:
    """Replace lines ``start_line``..``end_line`` (1-based, inclusive) with ``replacement``.

    ``replacement`` is whole lines, each ending in a newline; ``""`` deletes the lines;
    ``end_line == start_line - 1`` inserts before ``start_line``.
    """

    start_line: int
    end_line: int
    replacement: str

    @classmethod
    def replace_line(cls, line: int, new_text: str) -> "Fix":
        """Replace one line with ``new_text`` (a newline is added if it has none)."""
        if not new_text.endswith("\n"):
            new_text += "\n"
        return cls(line, line, new_text)

    @classmethod
    def insert_before(cls, line: int, new_text: str) -> "Fix":
        if new_text and not new_text.endswith("\n"):
            new_text += "\n"
        return cls(line, line - 1, new_text)

    def apply(self, source: str) -> str:
        lines = source.splitlines(keepends=True)
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += "\n"
        if not (1 <= self.start_line <= len(lines) + 1) or self.end_line < self.start_line - 1:
            raise ValueError(f"fix lines {self.start_line}..{self.end_line} are outside the program")
        if self.end_line > len(lines):
            raise ValueError(f"fix lines {self.start_line}..{self.end_line} are outside the program")
        new = lines[: self.start_line - 1] + [self.replacement] + lines[self.end_line :]
        return "".join(new)

    def old_lines(self, source: str) -> list[str]:
        lines = source.splitlines()
        return lines[self.start_line - 1 : self.end_line]

    def new_lines(self) -> list[str]:
        return self.replacement.splitlines()

    def to_json(self) -> dict[str, Any]:
        return {"start_line": self.start_line, "end_line": self.end_line, "replacement": self.replacement}


@dataclass
class Hint:
    """One "one small thing" hint.

    - ``line``: where the small change belongs (not always the line Python named).
    - ``title``: the first, shortest hint in a child's words (at most 25 words, no jargon).
    - ``levels``: the ladder, gentlest first; the first is normally the title; the last says the
      exact change.
    - ``fix``: the concrete edit, or None. ``candidates``: other edits the engine may try, in order
      of likelihood, if ``fix`` does not pass verification (the first that passes becomes ``fix``).
    - ``verified``: set by the engine only, after re-running the fixed copy.
    """

    diagnoser: str
    line: int
    title: str
    levels: list[str]
    fix: Fix | None = None
    candidates: list[Fix] = field(default_factory=list)
    verified: bool = False
    # How sure the diagnoser is that this is the problem (0..1); the engine prefers surer hints.
    confidence: float = 0.5
    # Optional words about the error itself ("Python says: ...") for people who want them.
    notes: dict[str, Any] = field(default_factory=dict)

    def all_fixes(self) -> list[Fix]:
        fixes = [self.fix] if self.fix is not None else []
        for fix in self.candidates:
            if fix not in fixes:
                fixes.append(fix)
        return fixes

    def to_json(self) -> dict[str, Any]:
        return {
            "diagnoser": self.diagnoser,
            "line": self.line,
            "title": self.title,
            "levels": list(self.levels),
            "fix": self.fix.to_json() if self.fix else None,
            "verified": bool(self.verified),
        }
