"""Fixtures for the explainer's tests: write a small program, run it, explain it."""

from __future__ import annotations

import os

import sys
import textwrap
from pathlib import Path
from typing import Callable

import pytest

from tutor.explain import Explanation, explain_file
from tutor.explain.context import Context
from tutor.run import Limits, run_program

# Let test modules here ``from explain_helpers import ...`` whatever pytest's import mode.
sys.path.insert(0, str(Path(__file__).resolve().parent))

# A private copy made by tests/conftest.py (the shared corpus stays untouched).
CORPUS = Path(os.environ.get("TUTOR_CORPUS") or Path(__file__).resolve().parents[3] / "shared" / "corpus")


def _write(folder: Path, source: str, name: str, files: dict[str, str] | None) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
    for fname, text in (files or {}).items():
        (folder / fname).write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def explain(tmp_path: Path) -> Callable[..., Explanation]:
    """``explain(source, stdin="", expected_output=None, files={...})`` -> Explanation.

    The source is dedented, written to a fresh folder (with any extra files) and explained.
    """
    counter = {"n": 0}

    def run(source: str, stdin: str = "", expected_output: str | None = None, *, files: dict[str, str] | None = None, name: str = "prog.py", timeout: float | None = 3.0) -> Explanation:
        counter["n"] += 1
        folder = tmp_path / f"p{counter['n']}"
        folder.mkdir()
        path = _write(folder, source, name, files)
        return explain_file(path, stdin=stdin, expected_output=expected_output, timeout=timeout)

    return run


@pytest.fixture
def context(tmp_path: Path) -> Callable[..., Context]:
    """``context(source, stdin="")`` -> a Context of a real run (for calling diagnosers directly)."""
    counter = {"n": 0}

    def make(source: str, stdin: str = "", expected_output: str | None = None, *, timeout: float = 3.0) -> Context:
        counter["n"] += 1
        folder = tmp_path / f"c{counter['n']}"
        folder.mkdir()
        path = _write(folder, source, "prog.py", None)
        limits = Limits(timeout=timeout)
        result = run_program(path, stdin=stdin, limits=limits, record_output_lines=expected_output is not None)
        return Context(
            path=str(path),
            source=path.read_text(encoding="utf-8"),
            result=result,
            stdin=stdin,
            expected_output=expected_output,
            limits=limits,
        )

    return make
