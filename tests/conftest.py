"""Shared test set-up.

- Every test gets its own empty TUTOR_HOME, so nothing reads or writes a real person's data.
- The shared corpus (``../shared/corpus``, read-only, and used by other tools) is copied once into a
  private temporary folder, named by ``TUTOR_CORPUS``: corpus programs read and write files next to
  themselves, as the corpus README says they should, in an empty folder of their own.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("TUTOR_CORPUS") or not SHARED_CORPUS.is_dir():
        return
    target = Path(tempfile.mkdtemp(prefix="tutor-test-corpus-")) / "corpus"
    shutil.copytree(SHARED_CORPUS, target, ignore=shutil.ignore_patterns("__pycache__"))
    for path in [target, *target.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    os.environ["TUTOR_CORPUS"] = str(target)
    config._tutor_corpus_copy = target.parent  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    copy = getattr(config, "_tutor_corpus_copy", None)
    if copy is not None:
        shutil.rmtree(copy, ignore_errors=True)


@pytest.fixture(autouse=True)
def _private_tutor_home(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path_factory.mktemp("tutor-home")))
    monkeypatch.delenv("TUTOR_PROFILE", raising=False)
