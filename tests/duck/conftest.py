"""Helpers for the duck's tests: write a small program to a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest


@pytest.fixture
def program(tmp_path):
    """``program("code")`` writes a program (dedented) and returns its path."""
    counter = {"n": 0}

    def make(code: str, name: str | None = None) -> Path:
        counter["n"] += 1
        path = tmp_path / (name or f"prog{counter['n']}.py")
        path.write_text(textwrap.dedent(code).lstrip("\n"), encoding="utf-8")
        return path

    return make
