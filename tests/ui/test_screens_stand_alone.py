"""The screens do not import each other (issue 13): navigation goes through the app, so picker,
profiles and workbench each stand alone (no import circle)."""

from __future__ import annotations

import ast
from pathlib import Path

import tutor.ui

UI = Path(tutor.ui.__file__).parent
SCREENS = {"picker", "profiles", "workbench"}


def _imported_ui_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tutor.ui."):
            found.add(node.module.split(".")[2])
    return found


def test_no_screen_imports_another_screen():
    for name in SCREENS:
        others = _imported_ui_modules(UI / f"{name}.py") & (SCREENS - {name})
        assert others == set(), f"{name}.py imports {others}: ask the app to go there instead"


def test_the_app_knows_the_way_to_every_screen():
    app = (UI / "app.py").read_text(encoding="utf-8")
    for method in ("def show_profiles", "def show_picker", "def open_workbench", "def leave_workbench",
                   "def show_grown_ups"):
        assert method in app
