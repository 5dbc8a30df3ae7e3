"""The layer contract: only tutor.ui may import textual; the core never imports tutor.ui."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "tutor"
CORE = [p for p in ROOT.rglob("*.py") if "ui" not in p.relative_to(ROOT).parts[:1]]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    package = ".".join(("tutor",) + path.relative_to(ROOT).parent.parts)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_does_not_import_the_ui(path):
    if path.relative_to(ROOT).as_posix() == "cli.py":
        # The command opens the app, lazily, inside a function: allowed, and only there.
        return
    bad = {m for m in imported_modules(path) if m == "textual" or m.startswith(("textual.", "tutor.ui"))}
    assert not bad, f"{path.name} imports {sorted(bad)}: only tutor.ui may use Textual"


def test_importing_the_core_loads_no_textual():
    code = (
        "import sys, tutor.run, tutor.explain, tutor.exercises, tutor.duck, tutor.progress, tutor.cli\n"
        "print(any(m == 'textual' or m.startswith(('textual.', 'tutor.ui')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
