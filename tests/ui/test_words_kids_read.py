"""Words a 9-year-old reads: no grown-up jargon in anything the app shows (issue 13).

Every sentence-like string in the app's own screens (tutor/ui, except the duck's screen, which
has its own owner), the level names of the course and the exercises' level names are searched
for a small list of words children do not know. Explaining a word is fine elsewhere (the
parents' screen is for grown-ups and is left out)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import tutor.ui
from tutor.exercises import LEVEL_NAMES, load_exercises

FORBIDDEN = ("indentation", "checks", "predictions", "traceback", "exception", "syntax", "argument",
             "iterable", "stderr", "stdout", "diagnoser")
PATTERN = re.compile(r"\b(" + "|".join(FORBIDDEN) + r")\b|\bletter \d", re.IGNORECASE)
UI = Path(tutor.ui.__file__).parent
# The duck's own screen (another owner), the grown-ups' screen, and the module that reads
# Python's own report (shown only when asked for, by design in Python's words).
LEFT_OUT = {"duck.py", "parent.py", "python_words.py"}


def _shown_strings(path: Path) -> list[tuple[int, str]]:
    """String literals that read like words for people (they have a space), docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if " " in node.value.strip():
                found.append((node.lineno, node.value))
    return found


def test_the_forbidden_list_finds_what_it_should():
    assert PATTERN.search("Every check passed: 3 checks")
    assert PATTERN.search("Line 2 is different, from letter 18 on.")
    assert not PATTERN.search("Check the instructions! Line 2 of what it printed.")


def test_no_jargon_in_what_the_app_shows():
    problems = []
    for path in sorted(UI.glob("*.py")):
        if path.name in LEFT_OUT:
            continue
        for line, text in _shown_strings(path):
            if PATTERN.search(text):
                problems.append(f"{path.name}:{line}: {text!r}")
    assert problems == []


def test_no_jargon_in_level_names():
    names = set(LEVEL_NAMES.values()) | {e.level_name for e in load_exercises().exercises}
    assert [n for n in names if PATTERN.search(n)] == []
