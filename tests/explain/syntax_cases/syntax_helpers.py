"""Helpers shared by tests/explain/test_syntax_*.py: load the cases, run them, ask the diagnosers."""

from __future__ import annotations

import os

import sys
from dataclasses import dataclass
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from tutor.explain.context import Context
from tutor.explain.hint import Hint
from tutor.explain.registry import diagnosers_for
from tutor.run import run_program

HERE = Path(__file__).resolve().parent
# A private copy made by tests/conftest.py (the shared corpus stays untouched).
CORPUS = Path(os.environ.get("TUTOR_CORPUS") or Path(__file__).resolve().parents[4] / "shared" / "corpus")
SYNTAX_TYPES = ("SyntaxError", "IndentationError", "TabError")


@dataclass
class Case:
    name: str
    diagnoser: str
    line: int
    output: str
    source: str
    stdin: str = ""


def load_cases() -> list[Case]:
    data = tomllib.loads((HERE / "cases.toml").read_text(encoding="utf-8"))
    return [Case(**entry) for entry in data["case"]]


def context_for(path: Path, source: str, stdin: str = "", python: str | None = None) -> Context:
    kwargs = {"python": python} if python else {}
    result = run_program(path, stdin=stdin, **kwargs)
    return Context(path=str(path), source=source, result=result, stdin=stdin)


def write_program(folder: Path, source: str, name: str = "program.py") -> Path:
    path = folder / name
    path.write_text(source, encoding="utf-8")
    return path


def syntax_hints(ctx: Context) -> list[Hint]:
    """Every hint the registered diagnosers give for ``ctx`` (only syntax ones expected)."""
    hints: list[Hint] = []
    for diag in diagnosers_for(ctx):
        if not diag.id.startswith("syntax-"):
            continue
        given = diag.func(ctx)
        if given is None:
            continue
        hints.extend([given] if isinstance(given, Hint) else list(given))
    return hints


def run_fixed(folder: Path, source: str, stdin: str = "", python: str | None = None):
    path = write_program(folder, source, "fixed_program.py")
    kwargs = {"python": python} if python else {}
    return run_program(path, stdin=stdin, **kwargs)


def corpus_syntax_cases() -> list[dict]:
    if not (CORPUS / "index.json").exists():
        return []
    out = []
    for case_dir in sorted(CORPUS.iterdir()):
        toml = case_dir / "case.toml"
        if not toml.exists():
            continue
        meta = tomllib.loads(toml.read_text(encoding="utf-8"))
        if meta.get("error") in SYNTAX_TYPES:
            meta["dir"] = case_dir
            out.append(meta)
    return out


def installed_pythons() -> dict[str, str]:
    """Installed CPython 3.10-3.13 interpreters under pyenv: version -> path."""
    import os
    import subprocess

    root = os.environ.get("PYENV_ROOT")
    if not root:
        try:
            root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            root = ""
    root = root or os.path.expanduser("~/.pyenv")
    found: dict[str, str] = {}
    versions = Path(root) / "versions"
    for minor in ("3.10", "3.11", "3.12", "3.13"):
        for candidate in sorted(versions.glob(f"{minor}.*")):
            exe = candidate / "bin" / "python"
            if exe.exists() and candidate.name.replace(".", "").isdigit():
                found[minor] = str(exe)
    return found


def current_python() -> str:
    return sys.executable
