"""Shared helpers for the corpus benchmarks: load cases, run them like the corpus README says."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

try:
    import tomllib  # type: ignore[import-not-found]
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@dataclass
class Case:
    id: str
    folder: Path
    error: str
    category: str
    crash_line: int
    fix_line: int
    alt_fix_lines: list[int]
    stdin: str

    @property
    def buggy(self) -> Path:
        return self.folder / "buggy.py"

    @property
    def fixed(self) -> Path:
        return self.folder / "fixed.py"

    @property
    def good_lines(self) -> set[int]:
        return {self.fix_line, *self.alt_fix_lines}


def corpus_root(arg: str | None = None) -> Path:
    return Path(arg or os.environ.get("TUTOR_CORPUS") or DEFAULT_CORPUS).resolve()


def load_cases(root: Path) -> list[Case]:
    cases = []
    for folder in sorted(p for p in root.iterdir() if (p / "case.toml").is_file()):
        data = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
        cases.append(
            Case(
                id=data["id"],
                folder=folder,
                error=data["error"],
                category=data.get("category", ""),
                crash_line=int(data.get("crash_line", 0)),
                fix_line=int(data["fix_line"]),
                alt_fix_lines=[int(x) for x in data.get("alt_fix_lines", [])],
                stdin=data.get("stdin", ""),
            )
        )
    return cases


def copy_to_temp(path: Path, name: str = "buggy.py") -> tuple[tempfile.TemporaryDirectory, Path]:
    """The program alone in an empty temporary folder (as the corpus README runs it)."""
    tmp = tempfile.TemporaryDirectory(prefix="tutor-bench-")
    target = Path(tmp.name) / name
    shutil.copyfile(path, target)
    return tmp, target


def expected_output(case: Case, python: str | None = None, timeout: float = 5.0) -> str | None:
    """What fixed.py prints (run in an empty folder with the case's stdin)."""
    import subprocess
    import sys

    tmp, target = copy_to_temp(case.fixed, "fixed.py")
    with tmp:
        env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
        try:
            proc = subprocess.run(
                [python or sys.executable, str(target)],
                input=case.stdin.encode(),
                capture_output=True,
                cwd=tmp.name,
                env=env,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return None
        return proc.stdout.decode("utf-8", "replace")


def load_index(root: Path) -> dict:
    try:
        return json.loads((root / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
