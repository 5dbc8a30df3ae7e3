"""Helpers for the step recorder's tests: write a program, find the installed Pythons."""

from __future__ import annotations

import glob
import os
import subprocess
import textwrap
from pathlib import Path

import pytest


def installed_pythons() -> list:
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        root = os.path.expanduser("~/.pyenv")
    found = []
    for minor in ("3.10", "3.11", "3.12", "3.13"):
        paths = sorted(glob.glob(f"{root}/versions/{minor}.*/bin/python{minor}"))
        found.append(pytest.param(paths[-1] if paths else None, id=minor))
    return found


@pytest.fixture
def program(tmp_path: Path):
    def write(text: str, name: str = "prog.py") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture(params=installed_pythons())
def python(request):
    """Each installed Python 3.10-3.13 in turn (skipped when one is missing)."""
    if request.param is None:
        pytest.skip("this Python is not installed")
    return request.param
