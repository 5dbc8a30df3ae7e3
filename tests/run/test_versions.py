"""The child side works on every supported Python (3.10-3.13) that is installed here."""

from __future__ import annotations

import glob
import os
import subprocess
from pathlib import Path

import pytest

from tutor.run import Limits, run_program


def installed_pythons() -> list[str]:
    try:
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        root = os.path.expanduser("~/.pyenv")
    found = []
    for minor in ("3.10", "3.11", "3.12", "3.13"):
        paths = sorted(glob.glob(f"{root}/versions/{minor}.*/bin/python{minor}"))
        found.append(pytest.param(paths[-1] if paths else None, id=minor))
    return found


@pytest.mark.parametrize("python", installed_pythons())
def test_child_side_on_each_python(tmp_path: Path, python: str | None):
    if python is None:
        pytest.skip("this Python is not installed")
    prog = tmp_path / "p.py"
    prog.write_text("def f(x):\n    return x + undefined\nname = input()\nprint('hi', name)\nf(1)\n")
    r = run_program(prog, stdin="Kim\n", python=python)
    assert r.outcome == "error", r.stderr
    assert r.stdout == "hi Kim\n"
    assert r.error.type == "NameError" and r.error.line == 2
    assert [f.line for f in r.error.frames] == [5, 2]

    prog.write_text("x = (1,\nprint(x)\n")
    r = run_program(prog, python=python)
    assert r.error.type == "SyntaxError" and r.error.line is not None

    prog.write_text("n = 0\nwhile n < 3:\n    m = n\n")
    r = run_program(prog, python=python, limits=Limits(timeout=0.5, sample_seconds=0.1))
    assert r.outcome == "timeout"
    assert r.stuck.line in (2, 3) and r.stuck.values.get("n") == ["0"]
    assert r.stuck.hits.get(3, 0) > 0

    prog.write_text("for i in range(2):\n    print(i)\n")
    r = run_program(prog, python=python, record_output_lines=True)
    assert r.output_lines == [(2, "0\n"), (2, "1\n")]
